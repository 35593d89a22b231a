"""Build ``knowledge/role_titles.csv`` from the Phoenix/PETRARCH agents dictionary.

Usage: ``python tools/build_role_titles.py ../shared/knowledge-sources/phoenix-dictionaries``

The Phoenix agents file (MIT, Open Event Data Alliance) maps role nouns to CAMEO agent codes
(``PRIME_MINISTER [~GOV]``). Each noun becomes a row ``title,sector,kind,source`` with the
CAMEO code's first segment turned into a PLOVER-style sector word. Rows of our own
(``knowledge/role_titles_extra.csv``: modifiers, honorifics and titles Phoenix lacks) are
appended after them.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

KNOWLEDGE = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "knowledge"

# CAMEO agent segment -> sector word (PLOVER's sectors; CAMEO "MED" is media, "HLH" health).
SECTORS = {
    "GOV": "government",
    "MIL": "military",
    "OPP": "opposition",
    "BUS": "business",
    "MED": "media",
    "EDU": "academia",
    "NGO": "NGO",
    "LEG": "legislature",
    "JUD": "judiciary",
    "COP": "police",
    "REB": "rebel",
    "SPY": "intelligence",
    "HLH": "health",
    "REL": "religion",
    "CHR": "religion",
    "MUS": "religion",
    "JEW": "religion",
    "BUD": "religion",
    "HIN": "religion",
    "LAB": "labor",
    "AGR": "agriculture",
    "CVL": "civilian",
    "CRM": "criminal",
    "REF": "refugee",
    "ELI": "elite",
    "PTY": "party",
    "UAF": "armed group",
    "ENV": "NGO",
    "HRI": "NGO",
    "DEV": "government",
    "IMG": "armed group",
    "RAD": "religion",
    "PPL": "civilian",
}
SETS = {
    "!PERSON!": ["man", "woman", "person"],
    "!MINIST!": ["minister", "ministry"],
}


def parse_agents(path: Path) -> list[tuple[str, str]]:
    """Return ``(title, sector)`` pairs from a Phoenix agents file."""
    rows: list[tuple[str, str]] = []
    for line in path.read_text(encoding="latin-1").splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.match(r"^([^\[{]+?)\s*(?:\{[^}]*\}\s*)?\[~([A-Z]+)\]", line)
        if not match or "=" in line:
            continue
        phrase, code = match.group(1).strip(), match.group(2)
        sector = SECTORS.get(code[:3], "")
        forms = [phrase]
        for key, values in SETS.items():
            forms = [f.replace(key, "_" + v) if key in f else f for f in forms for v in values]
        for form in forms:
            words = form.replace("_", " ").lower().split()
            if not words:
                continue
            if words[-1] == "minist":
                for end in ("minister", "ministry"):
                    rows.append((" ".join([*words[:-1], end]), sector))
            else:
                rows.append((" ".join(words), sector))
    return rows


def main(folder: str) -> None:
    """Write ``role_titles.csv`` from the agents file in ``folder`` plus our extra rows."""
    seen: set[str] = set()
    out = KNOWLEDGE / "role_titles.csv"
    extra = list(csv.DictReader((KNOWLEDGE / "role_titles_extra.csv").open(encoding="utf-8")))
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["title", "sector", "kind", "source"])
        for row in extra:
            seen.add(row["title"])
            writer.writerow([row["title"], row["sector"], row["kind"], "newsgraph"])
        for title, sector in parse_agents(Path(folder) / "Phoenix.agents.txt"):
            if title not in seen and "'" not in title:
                seen.add(title)
                writer.writerow([title, sector, "title", "phoenix-agents"])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/knowledge-sources/phoenix-dictionaries")
