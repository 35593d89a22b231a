"""Build the PLOVER tables of ``src/newsgraph/knowledge`` from the ontology in ``../shared``.

Usage::

    .venv/bin/python tools/build_plover_lexicon.py [ONTOLOGY_DIR]

``ONTOLOGY_DIR`` defaults to ``../shared/eval/events/ontology``. Two files are written (and
committed; nothing is built at run time):

- ``plover_categories.csv``: the 16 PLOVER categories and their modes, each with its quad class
  and requires-recipient flag (from the manual's category sections), its intensity on the
  -10..+10 scale (the manual's table "PLOVER conflict--cooperation scores") and, for comparison,
  the mean Goldstein value of the CAMEO codes that CAMEO2PLOVER maps to it
  (``cameo-codes.andybega-icews.csv``).
- ``plover_lexicon.csv``: trigger lemmas -> category, mode, role. Rows come from
  ``tools/plover_seed.csv`` (curated from the PLOVER manual's definitions and ambiguity notes,
  each row citing the section or CAMEO code it paraphrases) and from the CAMEO code names: every
  verb and noun lemma of a CAMEO name votes for the PLOVER category its code maps to, and a lemma
  whose votes agree (at least 3/4) and that the seed does not already cover becomes a row.
  Verb + object phrases come from the CAMEO code names and descriptions ("Reduce or break
  diplomatic relations" -> break/relation, "Receive inspectors" -> receive/inspector), with the
  category and mode CAMEO2PLOVER gives the code; ``tools/plover_phrases.csv`` adds phrases that
  paraphrase a CAMEO code's name, description or usage notes (category again from the table
  unless the row says which manual section overrides it), and ``tools/plover_synonyms.csv``
  copies rows to common news synonyms and lemma variants. Every row's ``source`` says where it
  came from: ``cameo:<code>``, ``plover-manual:<section>``, ``synonym-of:<lemma>`` or ``seed``.

Licences: PLOVER manual and CAMEO2PLOVER CC BY-SA 4.0; CAMEO tables MIT (see
``knowledge/SOURCES.md``).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ONTOLOGY = ROOT.parent / "shared" / "eval" / "events" / "ontology"
SEED = ROOT / "tools" / "plover_seed.csv"
PHRASES = ROOT / "tools" / "plover_phrases.csv"
SYNONYMS = ROOT / "tools" / "plover_synonyms.csv"
FRAME_ROLES = frozenset({"mass"})
"""Frame roles that condition a row on its own (see ``merge_seed``)."""
OUT = ROOT / "src" / "newsgraph" / "knowledge"

CATEGORIES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
LEXICON_FIELDS = [
    "lemma", "pos", "with", "category", "mode", "role", "subj", "quad", "intensity", "source"
]  # fmt: skip
MIN_AGREEMENT = 0.75
# Heads of CAMEO names that are modalities the coder reads from the parse ("express intent to",
# "appeal for", "demand", "threaten to", "reject"), or too generic to pair with an object.
MODAL_HEADS = frozenset(
    {"express", "appeal", "demand", "threaten", "reject", "decline", "refuse", "agree", "make",
     "engage", "consult", "discuss", "meet", "mediate", "yield", "investigate", "coerce",
     "rally", "give", "find", "bring", "acknowledge", "deny", "consider", "conduct", "fight",
     "carry", "attempt", "employ", "detonate", "de", "increase", "demonstrate", "obstruct",
     "protest", "settle", "change", "institute", "allow", "return", "violate"}
)  # fmt: skip
# Objects that name nothing a verb could be about on its own.
WEAK_OBJECTS = frozenset(
    {"target", "other", "person", "state", "act", "action", "matter", "involvement", "party",
     "politician", "individual", "property", "territory", "status", "power", "force",
     "leadership", "policy", "institution", "regime", "right", "freedom", "engagement",
     "statement", "comment", "option", "responsibility", "accord", "activity", "description",
     "number", "intention", "killing", "part", "control", "being", "integrity", "situation",
     "regret", "remorse", "forgiveness", "allegation", "over", "out", "provision", "mandate",
     "establishment", "group", "expulsion", "intent", "promise", "change", "expansion",
     "easing", "lift", "occupation", "conflict", "meeting", "opposition", "actor", "caution",
     "readiness", "support", "disapproval", "complaint", "objection", "exchange", "car",
     "vehicle", "bombing", "hijack", "tactic", "pain", "dissent", "rule", "regulation"}
)  # fmt: skip
# CAMEO families whose names are a modality over another act (appeal, intent, demand, reject,
# threaten): their verbs would take the family's category for the embedded act.
MODAL_FAMILIES = frozenset({"01", "02", "03", "10", "12", "13"})
GENERIC_VERBS = frozenset(
    {"specify", "need", "order", "justify", "force", "gather", "prevent", "search", "question",
     "observe", "mobilize", "postpone", "inflict", "repress", "incriminate", "disapprove",
     "ceasefire", "reinitiate", "eliminate", "hand", "concede", "kill", "attack", "assault"}
)  # fmt: skip
FORCE_OK = frozenset({"use", "demobilize"})  # "use force", "demobilize armed forces"


def read_manual(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """Return ``{(category, mode): {quad, requires_recipient, intensity}}`` from the manual."""
    tex = path.read_text(encoding="utf-8")
    table: dict[tuple[str, str], dict[str, Any]] = {}
    # Category sections: quad class and whether a recipient is required.
    sections = re.split(r"\\section\{", tex)
    for section in sections:
        name = section.split("}", 1)[0].strip()
        if name not in CATEGORIES:
            continue
        quad = re.search(r"Quad category:\s*([A-Z ]+)\}", section)
        recipient = re.search(r"Requires recipient:\s*(\w+)", section)
        table[(name, "")] = {
            "quad": quad.group(1).strip().lower() if quad else "",
            "requires_recipient": (recipient.group(1).lower() == "yes") if recipient else False,
            "intensity": None,
        }
    # The scores table: rows of "CATEGORY[: Mode] & score" cells.
    start = tex.rindex("PLOVER conflict--cooperation scores}")
    body = tex[start : tex.index("\\end{tabular}", start)]
    for line in body.splitlines():
        cells = [re.sub(r"\\cellcolor\{[^}]*\}", "", c).strip() for c in line.split("&")]
        for label, score in zip(cells[0::2], cells[1::2], strict=False):
            score = score.replace("\\\\", "").replace("\\hline", "").strip()
            if not label or not re.fullmatch(r"-?\d+(\.\d+)?", score):
                continue
            category, _, mode = label.partition(":")
            category = category.strip()
            if category not in CATEGORIES:
                continue
            key = (category, mode.strip().lower())
            row = table.setdefault(key, dict(table[(category, "")]))
            row["intensity"] = float(score)
    # The manual prints ACCUSE as +3 while all its modes are negative (verbal conflict): a
    # sign typo; use the mean of its modes instead.
    accuse = [v["intensity"] for (c, m), v in table.items() if c == "ACCUSE" and m]
    if accuse and (table[("ACCUSE", "")]["intensity"] or 0) > 0:
        table[("ACCUSE", "")]["intensity"] = round(sum(accuse) / len(accuse), 2)
    return table


def read_cameo2plover(path: Path) -> dict[str, tuple[str, str]]:
    """Return ``{cameo_code: (category, mode)}`` from CAMEO2PLOVER-2021.txt."""
    mapping: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?", line)
        if match:
            mapping[match.group(1)] = (match.group(2), (match.group(3) or "").strip())
    return mapping


def read_cameo(path: Path) -> list[dict[str, str]]:
    """Return the rows of ``cameo-codes.andybega-icews.csv``."""
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def category_of(code: str, mapping: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """Map a CAMEO code to PLOVER: the code itself, else its nearest listed parent."""
    for length in range(len(code), 1, -1):
        if code[:length] in mapping:
            return mapping[code[:length]]
    return None


def goldstein_means(
    cameo: list[dict[str, str]], mapping: dict[str, tuple[str, str]]
) -> dict[str, float]:
    """Return the mean Goldstein value of the CAMEO codes mapped to each PLOVER category."""
    values: dict[str, list[float]] = defaultdict(list)
    for row in cameo:
        mapped = category_of(row["code"], mapping)
        if mapped and row["goldstein"] not in ("", "NA"):
            values[mapped[0]].append(float(row["goldstein"]))
    return {k: round(sum(v) / len(v), 2) for k, v in values.items()}


def auto_rows(
    cameo: list[dict[str, str]], mapping: dict[str, tuple[str, str]], covered: set[str]
) -> list[dict[str, str]]:
    """Return lexicon rows voted by the lemmas of the CAMEO code names."""
    from newsgraph.nlp import load_nlp

    nlp = load_nlp()
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    codes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in cameo:
        mapped = category_of(row["code"], mapping)
        if not mapped:
            continue
        doc = nlp(row["name"])
        # The head act of a name ("Impose embargo ...", "Demonstrate or rally") is its
        # root verb and the verbs coordinated with it; nouns are mostly arguments.
        heads = [t for t in doc if t.dep_ == "ROOT"]
        heads += [t for t in doc if t.dep_ == "conj" and t.head in heads]
        for token in heads:
            if token.pos_ == "VERB" and token.is_alpha and len(token.lemma_) > 2:
                key = (token.lemma_.lower(), "V")
                votes[key][mapped[0]] += 1
                codes[key].append(row["code"])
    rows = []
    for (lemma, pos), counter in sorted(votes.items()):
        if lemma in covered:
            continue
        category, count = counter.most_common(1)[0]
        if count / sum(counter.values()) < MIN_AGREEMENT:
            continue
        rows.append(
            {
                "lemma": lemma,
                "pos": pos,
                "category": category,
                "source": "cameo:" + "/".join(sorted(set(codes[(lemma, pos)]))[:4]) + " name",
            }
        )
    return rows


def source_of(note: str) -> str:
    """Return a row's ``source``: ``cameo:<code>`` or ``plover-manual:<section>`` and the note."""
    cameo = re.match(r"CAMEO (\d{2,4})\b\s*(.*)", note)
    if cameo:
        return f"cameo:{cameo.group(1)} {cameo.group(2)}".strip()
    manual = re.match(r"(?:PLOVER )?([A-Z]{4,}(?: [a-z-]+)?)\b[: ]*(.*)", note)
    if manual and manual.group(1).split()[0] in CATEGORIES:
        return f"plover-manual:{manual.group(1)} {manual.group(2)}".strip()
    return f"seed {note}".strip()


def _mode_for(category: str, mode: str, manual: dict[tuple[str, str], Any]) -> str:
    mode = mode.strip().replace(" ", "")
    return mode if (category, mode) in manual else ""


def _clause_parts(doc: Any) -> tuple[list[Any], list[Any]]:
    """Return the head verbs of "They <CAMEO name>." and the object nouns they take."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return [], []
    verbs = [roots[0], *(t for t in roots[0].conjuncts if t.pos_ == "VERB")]
    objects: list[Any] = []
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "dobj":
                objects += [child, *child.conjuncts]
            elif child.dep_ == "prep" and child.lower_ in ("to", "in", "on", "for", "with"):
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    objects += [pobj, *pobj.conjuncts]
            elif child.dep_ == "prt":
                objects.append(child)
    return verbs, objects


def cameo_phrase_rows(
    cameo: list[dict[str, str]],
    mapping: dict[str, tuple[str, str]],
    manual: dict[tuple[str, str], Any],
) -> list[dict[str, str]]:
    """Return verb + object rows read from the CAMEO code names and descriptions."""
    from newsgraph.nlp import load_nlp

    nlp = load_nlp()
    rows: list[dict[str, str]] = []
    for row in cameo:
        code = row["code"]
        mapped = category_of(code, mapping) if len(code) >= 3 else None
        if not mapped or code[:2] in MODAL_FAMILIES:
            continue
        category, mode = mapped[0], _mode_for(mapped[0], mapped[1], manual)
        name = re.sub(r"\(.*?\)", "", row["name"]).strip().lower()
        verbs, objects = _clause_parts(nlp(f"They {name}."))
        described = (row.get("description") or "").split(".")[0].strip().lower()
        if described and described != "na":
            more, extra = _clause_parts(nlp(f"They {described}."))
            verbs += [v for v in more if v.lemma_ not in {x.lemma_ for x in verbs}]
            objects += extra
        for verb in verbs:
            lemma = verb.lemma_.lower()
            if verb.pos_ != "VERB" or lemma in MODAL_HEADS | GENERIC_VERBS or not verb.is_alpha:
                continue
            for obj in objects:
                word = obj.lemma_.lower()
                if obj.dep_ != "prt" and (
                    obj.pos_ != "NOUN"
                    or (word in WEAK_OBJECTS and not (word == "force" and lemma in FORCE_OK))
                ):
                    continue
                rows.append(
                    {"lemma": lemma, "pos": "V", "with": word, "category": category,
                     "mode": mode, "source": f"cameo:{code} {row['name']}"}
                )  # fmt: skip
    return rows


def phrase_rows(
    path: Path, mapping: dict[str, tuple[str, str]], manual: dict[tuple[str, str], Any]
) -> list[dict[str, str]]:
    """Return the rows of ``plover_phrases.csv``, categories taken from CAMEO2PLOVER."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["code"]
            if code.startswith("plover-manual:"):
                category, mode = row["category"], row["mode"]
                source = f"{code} {row['note']}".strip()
            else:
                mapped = category_of(code, mapping)
                if mapped is None:
                    raise ValueError(f"CAMEO code {code} not in CAMEO2PLOVER")
                category = row["category"] or mapped[0]
                mode = row["mode"] or _mode_for(category, mapped[1], manual)
                source = f"cameo:{code} {row['note']}".strip()
            rows.append(
                {"lemma": row["lemma"], "pos": row["pos"], "with": row["with"],
                 "category": category, "mode": mode, "role": row["role"], "subj": "",
                 "source": source}
            )  # fmt: skip
    return rows


def synonym_rows(path: Path, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Copy rows to the synonyms in ``plover_synonyms.csv`` (as trigger or as object word)."""
    with path.open(encoding="utf-8") as handle:
        synonyms = list(csv.DictReader(handle))
    have = {(r["lemma"], r["pos"], r.get("with", "")) for r in rows}
    out: list[dict[str, str]] = []
    for syn in synonyms:
        word, pos, base = syn["word"], syn["pos"], syn["synonym_of"]
        for row in rows:
            if row["lemma"] == base and row["pos"] == pos:
                key = (word, pos, row.get("with", ""))
                copy = dict(row, lemma=word)
            elif pos == "W" and row.get("with") == base:
                key = (row["lemma"], row["pos"], word)
                copy = dict(row, **{"with": word})
            else:
                continue
            if key in have:
                continue
            have.add(key)
            copy["source"] = f"synonym-of:{base}"
            out.append(copy)
    return out


def dedupe(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Keep the first row for each (lemma, pos, with, subj, role): earlier sources win."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for row in rows:
        key = tuple(row.get(k, "") for k in ("lemma", "pos", "with", "subj", "role"))
        if row.get("category") and key in seen:
            continue
        seen.add(key)
        out.append(row)
    return out


def merge_seed(seed: list[dict[str, str]]) -> list[dict[str, str]]:
    """Merge seed rows sharing (lemma, pos, with, subj): fields filled, roles joined.

    A row whose frame must fit (``FRAME_ROLES``) stays apart from a row of another category
    (tried in seed order: "protest" is PROTEST when its frame fits, else ACCUSE).
    """
    merged: dict[tuple[str, ...], dict[str, str]] = {}
    for row in seed:
        key = (row["lemma"], row["pos"], row["with"], row["subj"])
        old = merged.get(key)
        if (
            old is not None
            and row["category"] not in ("", old["category"])
            and FRAME_ROLES & set((old["role"] + "|" + row["role"]).split("|"))
        ):
            key = (*key, row["category"])
        if key not in merged:
            merged[key] = dict(row, source=source_of(row["note"]))
            continue
        old = merged[key]
        for name in ("category", "mode"):
            old[name] = old[name] or row[name]
        roles = [r for r in (old["role"] + "|" + row["role"]).split("|") if r]
        old["role"] = "|".join(dict.fromkeys(roles))
        old["source"] += "; " + source_of(row["note"])
    return list(merged.values())


LEADERS_SOURCE = ROOT.parent / "shared" / "knowledge-sources" / "countryinfo"


def read_leaders(path: Path, since: int = 1970) -> list[tuple[str, str]]:
    """Return (name, ISO3) for the heads of state and government in CountryInfo ``<Leaders>``.

    Each leader line holds one or more names (``{A_}{B_}`` are variants) and a term
    (``[19860130 - 19910122]``, ``[>19860126]``); terms ending before ``since`` are dropped.
    """
    text = path.read_text(encoding="latin-1")
    rows: set[tuple[str, str]] = set()
    for block in re.findall(r"<Country>(.*?)</Country>", text, re.S):
        code = re.search(r"<CountryCode>\s*([A-Z]{3})", block)
        leaders = re.search(r"<Leaders>(.*?)</Leaders>", block, re.S)
        if not code or not leaders:
            continue
        for line in leaders.group(1).splitlines():
            head, _, term = line.partition("[")
            years = [int(y[:4]) for y in re.findall(r"\d{8}", term)]
            if not years or (max(years) < since and ">" not in term[:2]):
                continue
            for name in re.findall(r"([A-Z][A-Z_'.-]*[A-Z'.])_(?![A-Za-z])", head):
                words = name.replace("_", " ").title().split()
                if len(words) >= 2:
                    rows.add((" ".join(words), code.group(1)))
    return sorted(rows)


def main(argv: list[str]) -> int:
    """Build both tables; return the exit status."""
    ontology = Path(argv[1]) if len(argv) > 1 else DEFAULT_ONTOLOGY
    manual = read_manual(ontology / "PLOVER_MANUAL.tex")
    mapping = read_cameo2plover(ontology / "CAMEO2PLOVER-2021.txt")
    cameo = read_cameo(ontology / "cameo-codes.andybega-icews.csv")
    means = goldstein_means(cameo, mapping)

    with (OUT / "plover_categories.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            ["category", "mode", "quad", "intensity", "requires_recipient", "goldstein_mean"]
        )
        for category in CATEGORIES:
            keys = sorted(k for k in manual if k[0] == category)
            for key in keys:
                row = manual[key]
                writer.writerow(
                    [
                        category,
                        key[1],
                        row["quad"],
                        row["intensity"],
                        "yes" if row["requires_recipient"] else "no",
                        means.get(category, "") if not key[1] else "",
                    ]
                )

    with SEED.open(encoding="utf-8") as handle:
        seed = merge_seed(list(csv.DictReader(handle)))
    covered = {row["lemma"] for row in seed}
    # Seed rows with category "-" only keep a lemma out of the automatic rows.
    seed = [row for row in seed if row["category"] != "-"]
    # Earlier rows win: the curated seed (the manual where it departs from the table), then
    # curated CAMEO phrases, then phrases read from the CAMEO names, then synonyms.
    rows = seed + phrase_rows(PHRASES, mapping, manual)
    rows += cameo_phrase_rows(cameo, mapping, manual)
    rows += auto_rows(cameo, mapping, covered)
    rows = dedupe(rows)
    rows = dedupe(rows + synonym_rows(SYNONYMS, rows))
    with (OUT / "plover_lexicon.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, LEXICON_FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            category, mode = row.get("category", ""), row.get("mode", "")
            score = manual.get((category, mode)) or manual.get((category, ""))
            writer.writerow(
                {
                    **{f: row.get(f, "") for f in LEXICON_FIELDS},
                    "quad": score["quad"] if score else "",
                    "intensity": score["intensity"] if score else "",
                }
            )
    countryinfo = LEADERS_SOURCE / "CountryInfo.120116.txt"
    if countryinfo.is_file():
        leaders = read_leaders(countryinfo)
        with (OUT / "event_leaders.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["name", "country"])
            writer.writerows(leaders)
        print(f"wrote {len(leaders)} leaders")
    print(f"wrote {len(rows)} lexicon rows ({len(rows) - len(seed)} from CAMEO and synonyms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
