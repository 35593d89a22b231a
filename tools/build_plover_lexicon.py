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
OUT = ROOT / "src" / "newsgraph" / "knowledge"

CATEGORIES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
LEXICON_FIELDS = [
    "lemma", "pos", "with", "category", "mode", "role", "subj", "quad", "intensity", "source"
]  # fmt: skip
MIN_AGREEMENT = 0.75


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
                "source": "CAMEO name " + "/".join(sorted(set(codes[(lemma, pos)]))[:4]),
            }
        )
    return rows


def merge_seed(seed: list[dict[str, str]]) -> list[dict[str, str]]:
    """Merge seed rows sharing (lemma, pos, with, subj): fields filled, roles joined."""
    merged: dict[tuple[str, ...], dict[str, str]] = {}
    for row in seed:
        key = (row["lemma"], row["pos"], row["with"], row["subj"])
        if key not in merged:
            merged[key] = dict(row, source=row["note"])
            continue
        old = merged[key]
        for name in ("category", "mode"):
            old[name] = old[name] or row[name]
        roles = [r for r in (old["role"] + "|" + row["role"]).split("|") if r]
        old["role"] = "|".join(dict.fromkeys(roles))
        old["source"] += "; " + row["note"]
    return list(merged.values())


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
    rows = seed + auto_rows(cameo, mapping, covered)
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
    print(f"wrote {len(rows)} lexicon rows ({len(rows) - len(seed)} from CAMEO names)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
