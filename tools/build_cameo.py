"""Build ``src/newsgraph/knowledge/plover_cameo.csv``: PLOVER type (and mode) → CAMEO code.

Usage::

    .venv/bin/python tools/build_cameo.py [ONTOLOGY_DIR]

``ONTOLOGY_DIR`` defaults to ``../shared/eval/events/ontology``. The output is committed;
nothing is built at run time. Sources (see ``knowledge/SOURCES.md``):

- ``CAMEO2PLOVER-2021.txt`` (openeventdata/PLOVER @ 5e0c24f, CC BY-SA 4.0): one line per CAMEO
  code, ``code: CATEGORY, mode, context # CAMEO label``. Only lines with a code of 3 or 4
  digits count (the 2-digit lines are section headings: "08: CONCEDE" and "08: RETREAT").
- ``cameo-codes.andybega-icews.csv`` (andybega/icews @ 3746c72, MIT): each code's CAMEO name
  and Goldstein value.

CAMEO2PLOVER maps many CAMEO codes to one PLOVER type, so the way back needs a rule. For a
PLOVER type (all its codes) and for each of its modes that the PLOVER manual lists (the
modes the coder can give, ``plover_categories.csv``) and the table uses (the codes with that
mode), among those codes:

1. the **root**: the CAMEO root (first two digits of the code, not the table's section) most
   of them come from; a tie goes to the lower root;
2. the **code**: the most general code of that root among them: the shortest, then the
   lowest ("090" before "0912", "042" before "043").

So ACCUSE is 110 "Disapprove" (11 codes of root 11 against 5 of root 09), ACCUSE
investigate is 090, CONSULT visit 042, RETREAT ceasefire 0871, ASSAULT 180 (13 codes of root
18, 7 of 20, 5 of 19). A mode the table does not use for that type takes the type's row.

It also writes ``cameo_agents.csv``: each actor sector newsgraph gives (the PLOVER-style sector
words ``tools/build_role_titles.py`` made from CAMEO agent codes) and the CAMEO agent code it
came from, the first one listed when several give the same sector ("religion" → ``REL``),
plus ``IGO`` (CAMEO's code for intergovernmental organisations). The GDELT export writes it
as ``Actor1Type1Code`` and after the country in ``Actor1Code`` (``JPNGOV``).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ONTOLOGY = ROOT.parent / "shared" / "eval" / "events" / "ontology"
KNOWLEDGE = ROOT / "src" / "newsgraph" / "knowledge"
OUT = KNOWLEDGE / "plover_cameo.csv"
AGENTS_OUT = KNOWLEDGE / "cameo_agents.csv"
FIELDS = ["category", "mode", "cameo", "cameo_root", "label", "goldstein", "codes"]
EXTRA_AGENTS = {"IGO": "IGO"}
"""Sectors that are CAMEO agent codes themselves (not in build_role_titles.SECTORS)."""
_LINE = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*)")


@dataclass(frozen=True)
class Mapped:
    """One line of CAMEO2PLOVER: a CAMEO code and the PLOVER type and mode it maps to."""

    code: str
    category: str
    mode: str

    @property
    def root(self) -> str:
        """The CAMEO root code: the first two digits."""
        return self.code[:2]


def read_cameo2plover(path: Path) -> list[Mapped]:
    """Return the code lines of ``CAMEO2PLOVER-2021.txt`` (duplicates kept once)."""
    found: dict[tuple[str, str, str], Mapped] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _LINE.match(line)
        if match:
            mapped = Mapped(match.group(1), match.group(2), match.group(3).strip())
            found.setdefault((mapped.code, mapped.category, mapped.mode), mapped)
    return list(found.values())


def read_cameo(path: Path) -> dict[str, dict[str, str]]:
    """Return the rows of ``cameo-codes.andybega-icews.csv`` by CAMEO code."""
    with path.open(encoding="utf-8") as handle:
        return {row["code"]: row for row in csv.DictReader(handle)}


def manual_modes(path: Path = KNOWLEDGE / "plover_categories.csv") -> dict[str, set[str]]:
    """Return the modes of each PLOVER type that the coder can give (the manual's)."""
    modes: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            modes.setdefault(row["category"], set()).add(row["mode"])
    return modes


def choose(codes: list[Mapped]) -> tuple[str, str]:
    """Return ``(code, root)`` for a group of codes: the majority root, its most general code."""
    votes = Counter(m.root for m in codes)
    root = min(votes, key=lambda r: (-votes[r], r))
    code = min((m.code for m in codes if m.root == root), key=lambda c: (len(c), c))
    return code, root


def build(ontology: Path) -> list[dict[str, str]]:
    """Return the rows of ``plover_cameo.csv`` built from the files in ``ontology``."""
    mapped = read_cameo2plover(ontology / "CAMEO2PLOVER-2021.txt")
    cameo = read_cameo(ontology / "cameo-codes.andybega-icews.csv")
    modes = manual_modes()
    groups: dict[tuple[str, str], list[Mapped]] = {}
    for m in mapped:
        groups.setdefault((m.category, ""), []).append(m)
        if m.mode and m.mode in modes.get(m.category, set()):
            groups.setdefault((m.category, m.mode), []).append(m)
    rows = []
    for (category, mode), codes in sorted(groups.items()):
        code, root = choose(codes)
        row = cameo[code]
        rows.append(
            {
                "category": category,
                "mode": mode,
                "cameo": code,
                "cameo_root": root,
                "label": row["name"].strip(),
                "goldstein": row["goldstein"],
                "codes": str(len(codes)),
            }
        )
    return rows


def agent_rows() -> list[dict[str, str]]:
    """Return the rows of ``cameo_agents.csv``: sector → the first CAMEO agent code giving it."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from build_role_titles import SECTORS
    finally:
        sys.path.remove(str(ROOT / "tools"))
    codes: dict[str, str] = {}
    for code, sector in [*SECTORS.items(), *((v, k) for k, v in EXTRA_AGENTS.items())]:
        codes.setdefault(sector, code)
    return [{"sector": s, "cameo_agent": c} for s, c in sorted(codes.items())]


def main(argv: list[str]) -> None:
    """Build the table from ``argv[1]`` (or the default ontology folder) and write it."""
    ontology = Path(argv[1]) if len(argv) > 1 else DEFAULT_ONTOLOGY
    rows = build(ontology)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} rows written to {OUT.relative_to(ROOT)}")
    agents = agent_rows()
    with AGENTS_OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["sector", "cameo_agent"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(agents)
    print(f"{len(agents)} rows written to {AGENTS_OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv)
