"""Build the country gazetteer (``knowledge/countries.csv``, ``knowledge/country_names.csv``).

Reads the open sources under ``../shared/knowledge-sources`` (CountryInfo, CC BY-SA 3.0; ICEWS
country names, MIT; Mordecai nationalities, MIT) and the hand-made
``knowledge/country_curation.csv`` (recodings, common names, additions, removals, per-country
facts), and writes the two tables the package loads at run time. Run it from the repository root::

    .venv/bin/python tools/build_countries.py [--sources ../shared/knowledge-sources]

Priority when one text maps to two countries: curation, then Mordecai, then ICEWS, then
CountryInfo. The output is sorted, so re-running it on the same inputs changes nothing.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "src" / "newsgraph" / "knowledge"
DEFAULT_SOURCES = ROOT.parent / "shared" / "knowledge-sources"
SMALL_WORDS = frozenset({"of", "the", "and", "de", "du", "da", "es", "au", "la"})
PRIORITY = {"curation": 0, "mordecai": 1, "icews": 2, "countryinfo": 3}
CLEAN = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")
PLURAL_ENDINGS = ("n", "i", "k", "b", "t")


@dataclass(frozen=True)
class Entry:
    """One gazetteer row: a text as news writes it, its country and what kind of name it is."""

    text: str
    iso3: str
    kind: str
    source: str


def title(raw: str) -> str:
    """Turn a CountryInfo token (``REPUBLIC_OF_KOREA_``) into ``Republic of Korea``."""
    words = raw.strip("_ ").replace("_", " ").split()
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if i and low in SMALL_WORDS:
            out.append(low)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in low.split("-")))
    return " ".join(out)


def read_curation() -> list[dict[str, str]]:
    """Return the rows of the hand-made curation table."""
    with (KNOWLEDGE / "country_curation.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def recodings(curation: Iterable[dict[str, str]]) -> dict[str, str]:
    """Map source codes (CAMEO-style ``USAASM``, withdrawn ``TMP``) to ISO3; ``-`` drops."""
    return {r["text"]: r["iso3"] for r in curation if r["action"] == "recode"}


def fix_code(code: str, recode: dict[str, str]) -> str | None:
    """Return the ISO3 code for a source code, or None when it is to be dropped."""
    code = recode.get(code, code)
    return code if re.fullmatch(r"[A-Z]{3}", code) else None


def countryinfo_blocks(path: Path) -> Iterator[dict[str, list[str]]]:
    """Yield each ``<Country>`` block of CountryInfo as ``{tag: [lines]}``."""
    text = path.read_bytes().decode("utf-8", "replace")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    for block in re.findall(r"<Country>(.*?)</Country>", text, re.S):
        fields: dict[str, list[str]] = {}
        for tag, body in re.findall(r"<([A-Za-z0-9-]+)>(.*?)</\1>", block, re.S):
            lines = [ln.split("#")[0].strip() for ln in body.splitlines()]
            fields[tag] = [ln for ln in lines if ln]
        yield fields


def from_countryinfo(path: Path, recode: dict[str, str]) -> Iterator[Entry]:
    """Names, nationality adjectives and capitals from CountryInfo (CC BY-SA 3.0)."""
    for fields in countryinfo_blocks(path):
        alpha3 = (fields.get("ISO3166-alpha3") or [""])[0]
        code = (fields.get("CountryCode") or [""])[0]
        iso3 = fix_code(code, recode) or fix_code(alpha3, recode)
        if iso3 is None:
            continue
        name = title((fields.get("CountryName") or [""])[0])
        keys = {w for w in name.split() if len(w) >= 4}
        if name:
            yield Entry(name, iso3, "name", "countryinfo")
        for i, raw in enumerate(fields.get("Nationality", [])):
            text = title(raw)
            if not raw.endswith("_") or not CLEAN.match(text):
                continue
            if i == 0:
                yield Entry(text, iso3, "demonym", "countryinfo")
            elif keys & set(text.split()):
                yield Entry(text, iso3, "name", "countryinfo")
        for raw in fields.get("Capital", [])[:2]:
            text = title(raw)
            if CLEAN.match(text):
                yield Entry(text, iso3, "capital", "countryinfo")


def from_icews(path: Path, recode: dict[str, str]) -> Iterator[Entry]:
    """Country names from the ICEWS country-name table (MIT)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and (iso3 := fix_code(parts[1].strip(), recode)):
            yield Entry(parts[0].strip(), iso3, "name", "icews")


def from_mordecai(path: Path) -> Iterator[Entry]:
    """Nationality adjectives from Mordecai's ``nat_df.csv`` (MIT)."""
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            text, iso3 = (row["nationality"] or "").strip(), (row["alpha_3_code"] or "").strip()
            if text and re.fullmatch(r"[A-Z]{3}", iso3):
                yield Entry(text, iso3, "demonym", "mordecai")


def from_curation(curation: Iterable[dict[str, str]]) -> Iterator[Entry]:
    """Hand-added names, demonyms, capitals and seats of power."""
    for r in curation:
        if r["action"] == "add":
            yield Entry(r["text"], r["iso3"], r["kind"], "curation")


def plurals(entries: Iterable[Entry]) -> Iterator[Entry]:
    """Add the plural of demonyms that take an -s (``Afghan`` → ``Afghans``)."""
    for e in entries:
        if e.kind == "demonym" and e.text.endswith(PLURAL_ENDINGS) and " " not in e.text:
            yield Entry(e.text + "s", e.iso3, "demonym", e.source)


def dropped(e: Entry, curation: Iterable[dict[str, str]]) -> bool:
    """True when a curation ``drop`` row removes this entry (by text, and kind or code if set)."""
    for r in curation:
        if r["action"] != "drop" or r["text"] != e.text or e.source == "curation":
            continue
        if r["kind"] in ("", e.kind) or r["kind"] == e.iso3:
            return True
    return False


def merge(entries: Iterable[Entry], curation: list[dict[str, str]]) -> list[Entry]:
    """One entry per text: the highest-priority source wins; names beat other kinds."""
    best: dict[str, Entry] = {}
    for e in entries:
        if dropped(e, curation):
            continue
        old = best.get(e.text)
        rank = (PRIORITY[e.source], e.kind != "name")
        if old is None or rank < (PRIORITY[old.source], old.kind != "name"):
            best[e.text] = e
    return sorted(best.values(), key=lambda e: (e.iso3, e.kind, e.text))


PICK_ORDER = {
    "name": ("icews", "countryinfo"),
    "demonym": ("mordecai", "countryinfo"),
    "capital": ("countryinfo",),
}


def pick(raw: list[Entry], kept: dict[str, Entry], iso3: str, kind: str) -> str:
    """The first text of ``kind`` for ``iso3`` in source order that survived the merge."""
    for source in PICK_ORDER[kind]:
        for e in raw:
            if (e.iso3, e.kind, e.source) != (iso3, kind, source):
                continue
            if (winner := kept.get(e.text)) and winner.iso3 == iso3:
                return e.text
    return ""


def country_rows(
    raw: list[Entry], entries: list[Entry], curation: list[dict[str, str]]
) -> list[dict[str, str]]:
    """One row per country: short name, demonym, capital and chief executive."""
    kept = {e.text: e for e in entries}
    codes = sorted(
        {e.iso3 for e in entries} | {r["iso3"] for r in curation if r["action"] == "name"}
    )
    rows = {
        iso3: {
            "iso3": iso3,
            **{kind: pick(raw, kept, iso3, kind) for kind in PICK_ORDER},
            "chief_executive": "",
        }
        for iso3 in codes
    }
    for r in curation:
        if r["action"] == "name":
            rows[r["iso3"]]["name"] = r["text"]
        elif r["action"] == "set":
            rows[r["iso3"]][r["kind"]] = r["text"]
    return [rows[k] for k in codes]


def flags(curation: Iterable[dict[str, str]]) -> dict[str, str]:
    """Texts flagged as ambiguous (``person_name``) by the curation table."""
    return {r["text"]: r["kind"] for r in curation if r["action"] == "flag"}


def write_csv(path: Path, fieldnames: list[str], rows: Iterable[dict[str, str]]) -> int:
    """Write rows to a CSV file with a header; return the number of rows."""
    rows = list(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def build(sources: Path) -> tuple[int, int]:
    """Build both tables from ``sources``; return (countries, names) written."""
    curation = read_curation()
    recode = recodings(curation)
    raw = [
        *from_countryinfo(sources / "countryinfo" / "CountryInfo.120116.txt", recode),
        *from_icews(sources / "icews-to-cameo" / "countrynames.txt", recode),
        *from_mordecai(sources / "mordecai-nationalities" / "nat_df.csv"),
        *from_curation(curation),
    ]
    raw += list(plurals(raw))
    entries = merge(raw, curation)
    countries = country_rows(raw, entries, curation)
    flagged = flags(curation)
    n_countries = write_csv(
        KNOWLEDGE / "countries.csv",
        ["iso3", "name", "demonym", "capital", "chief_executive"],
        countries,
    )
    n_names = write_csv(
        KNOWLEDGE / "country_names.csv",
        ["text", "iso3", "kind", "ambiguity", "source"],
        (
            {
                "text": e.text,
                "iso3": e.iso3,
                "kind": e.kind,
                "ambiguity": flagged.get(e.text, ""),
                "source": e.source,
            }
            for e in entries
        ),
    )
    return n_countries, n_names


def main() -> None:
    """Parse the command line and build the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    args = parser.parse_args()
    n_countries, n_names = build(args.sources)
    print(f"countries.csv: {n_countries} countries; country_names.csv: {n_names} names")


if __name__ == "__main__":
    main()
