"""Build ``knowledge/national_institutions.csv`` from the Phoenix country actors dictionary.

Usage: ``python tools/build_institutions.py ../shared/knowledge-sources/phoenix-dictionaries``

``Phoenix.Countries.actors.txt`` (PETRARCH-2, https://github.com/openeventdata/petrarch2,
commit 676801cd9cb2924bbbad09f86d15c9323e7097bf, MIT, "Copyright (c) 2014 Open Event Data
Alliance") lists, besides countries and office holders, national institutions with the
country they belong to ("DEPARTMENT_OF_STATE +US_STATE_DEPARTMENT [USAGOV]", "PENTAGON_
[USAMIL]"). Kept are blocks with one undated code of a known country plus an agent (GOV, MIL,
COP, SPY, JUD, LEG …) whose name holds an institution word; synonyms naming a person in the
institution ("WHITE_HOUSE_SPOKESMAN") are left out. Each becomes a row
``name,aliases,country,sector`` in the format of ``organizations.csv``.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_role_titles import SECTORS

KNOWLEDGE = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "knowledge"
INSTITUTION_WORDS = frozenset(
    [
        "DEPARTMENT",
        "MINISTRY",
        "HOUSE",
        "COUNCIL",
        "AGENCY",
        "BUREAU",
        "COMMAND",
        "ARMY",
        "NAVY",
        "FORCE",
        "FORCES",
        "POLICE",
        "INTELLIGENCE",
        "COURT",
        "PARLIAMENT",
        "CONGRESS",
        "SENATE",
        "ASSEMBLY",
        "OFFICE",
        "SERVICE",
        "GUARD",
        "MILITARY",
        "CABINET",
        "GOVERNMENT",
        "COMMISSION",
        "ADMINISTRATION",
        "COMMITTEE",
        "KREMLIN",
        "PENTAGON",
        "AUTHORITY",
        "MARINES",
        "CORPS",
        "STAFF",
        "TREASURY",
        "RESERVE",
        "DUMA",
        "KNESSET",
        "BUNDESTAG",
    ]
)
PERSON_WORDS = frozenset(
    [
        "OFFICIAL",
        "OFFICIALS",
        "SPOKESMAN",
        "SPOKESWOMAN",
        "SPOKESPERSON",
        "SECRETARY",
        "CHIEF",
        "MINISTER",
        "DIRECTOR",
        "ADVISER",
        "ADVISOR",
        "SPEAKER",
        "MEMBER",
        "MEMBERS",
        "AIDE",
        "AIDES",
    ]
)
CODE = re.compile(r"^\[([A-Z]{3})([A-Z]{3,9})\]$")


def _words(name: str) -> list[str]:
    return [w for w in name.strip("_+ ").split("_") if w]


def _title(words: list[str]) -> str:
    small = {"OF", "THE", "AND", "FOR", "ON"}
    return " ".join(
        w.lower() if w in small and i else (w if len(w) <= 2 or "." in w else w.capitalize())
        for i, w in enumerate(words)
    )


_PREFIXES = ("US ", "U.S. ", "United States ", "American ")


def _bare(names: list[str]) -> list[str]:
    """The names without a leading country word ("US State Department" → "State Department")."""
    found = []
    for name in names:
        for prefix in _PREFIXES:
            rest = name[len(prefix) :]
            if name.startswith(prefix) and len(rest.split()) >= 2 and not rest.startswith("of"):
                found.append(rest)
    return found


def parse(path: Path, countries: set[str]) -> list[tuple[str, str, str, str]]:
    """Return ``(name, aliases, country, sector)`` rows."""
    rows = []
    blocks = path.read_text(encoding="latin-1").split("\n\n")
    for block in blocks:
        names, codes = [], []
        for line in block.splitlines():
            text = line.split("#", 1)[0].rstrip()
            if not text.strip():
                continue
            if text.startswith(("\t", " ")) or text.strip().startswith("["):
                codes.append(text.strip())
            else:
                names.append(_words(text))
        matches = [CODE.match(c) for c in codes]
        if len(codes) != 1 or matches[0] is None or not names:
            continue
        country, agent = matches[0].group(1), matches[0].group(2)
        if country not in countries or not set(names[0]) & INSTITUTION_WORDS:
            continue
        aliases = [
            _title(n) for n in names[1:] if set(n) & INSTITUTION_WORDS and not set(n) & PERSON_WORDS
        ]
        if set(names[0]) & PERSON_WORDS:
            continue
        name = _title(names[0])
        aliases = list(dict.fromkeys(aliases + _bare([name, *aliases])))
        rows.append((name, "|".join(aliases), country, SECTORS.get(agent[:3], "")))
    return rows


def main() -> None:
    """Write the table from the dictionary path given on the command line."""
    source = Path(sys.argv[1]) / "Phoenix.Countries.actors.txt"
    with (KNOWLEDGE / "countries.csv").open(encoding="utf-8") as handle:
        countries = {row["iso3"] for row in csv.DictReader(handle)}
    rows = parse(source, countries)
    target = KNOWLEDGE / "national_institutions.csv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "aliases", "country", "sector"])
        writer.writerows(rows)
    print(f"{target}: {len(rows)} institutions")


if __name__ == "__main__":
    main()
