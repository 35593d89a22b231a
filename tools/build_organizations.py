"""Build ``knowledge/organizations.csv`` from the Phoenix/PETRARCH actor dictionaries.

Usage: ``python tools/build_organizations.py ../shared/knowledge-sources/phoenix-dictionaries``

Reads ``Phoenix.MilNonState.actors.txt`` (armed non-state groups: "LIBERATION_TIGERS_OF_TAMIL_
EELAM_(LTTE)_ [LKAREB]") and ``Phoenix.International.actors.txt`` (IGOs, NGOs, multinational
companies), both MIT (Open Event Data Alliance). Each block becomes a row ``name,aliases,
country,sector``. Blocks whose codes carry a date restriction or mark a person ([ELI]) are left
out: those are people holding an office, not organisations.

``tools/organizations_curated.csv`` (written for newsgraph: national agencies and armed groups
the 2014 dictionaries lack or name otherwise, such as the FBI, the IDF, the Houthis or Palestinian
Islamic Jihad) comes first: the table is read first-name-wins, so a curated name or alias is
resolved by its curated row.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_role_titles import KNOWLEDGE, SECTORS

SMALL = {"of", "the", "and", "for", "in", "on", "at", "to", "a", "de", "du", "la", "al"}
ROOTS = {"IGO": "IGO", "NGO": "NGO", "MNC": "business"}


def _name(raw: str) -> tuple[str, str | None]:
    raw = raw.strip().rstrip("_").replace("_", " ").strip()
    abbreviation = None
    match = re.search(r"\(([A-Z][A-Za-z.-]{1,9})\)\s*$", raw)
    if match:
        abbreviation = match.group(1)
        raw = raw[: match.start()].strip()
    words = [
        w.lower() if w.lower() in SMALL and i else w.title() for i, w in enumerate(raw.split())
    ]
    return " ".join(words), abbreviation


def parse(path: Path, countries: set[str]) -> list[list[str]]:
    """Return ``[name, aliases, country, sector]`` rows of a Phoenix actors file."""
    rows: list[list[str]] = []
    block: list[str] = []
    codes: list[str] = []

    def flush() -> None:
        if block and codes and not any(re.search(r"[<>]|\d", c) or c == "ELI" for c in codes):
            code = codes[0]
            root, rest = code[:3], code[3:]
            if root in ROOTS:
                sector = ROOTS[root]
                country = rest[:3] if rest[:3] in countries else ""
            elif root in countries:
                country, sector = root, SECTORS.get(rest[:3], "")
            else:
                return
            names: list[str] = []
            for raw in block:
                name, abbreviation = _name(raw)
                names += [n for n in (name, abbreviation) if n and n not in names]
            if names and len(names[0]) > 2:
                rows.append([names[0], "|".join(names[1:]), country, sector])

    for line in path.read_text(encoding="latin-1").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        found = re.findall(r"\[([^\]]*)\]", line)
        text = re.sub(r"\[[^\]]*\]", "", line)
        if line.startswith("+"):
            block.append(text[1:])
        elif text.strip():
            flush()
            block, codes = [text], []
        codes += [f.strip() for f in found]
    flush()
    return rows


def main(folder: str) -> None:
    """Write ``organizations.csv`` from the dictionaries in ``folder``."""
    countries = {row["iso3"] for row in csv.DictReader((KNOWLEDGE / "countries.csv").open())}
    curated = Path(__file__).resolve().parent / "organizations_curated.csv"
    with curated.open(encoding="utf-8", newline="") as handle:
        fields = ("name", "aliases", "country", "sector")
        rows = [[r[f] for f in fields] for r in csv.DictReader(handle)]
    for name in ("Phoenix.MilNonState.actors.txt", "Phoenix.International.actors.txt"):
        rows += parse(Path(folder) / name, countries)
    seen: set[str] = set()
    with (KNOWLEDGE / "organizations.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "aliases", "country", "sector"])
        for row in rows:
            if row[0].lower() not in seen:
                seen.add(row[0].lower())
                writer.writerow(row)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/knowledge-sources/phoenix-dictionaries")
