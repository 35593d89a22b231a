"""The CAMEO code of a PLOVER event, for comparison with GDELT and ICEWS.

``plover_cameo.csv`` (built by ``tools/build_cameo.py`` from CAMEO2PLOVER and the ICEWS CAMEO
table; the rule that picks one code per PLOVER type and mode is in that script) gives each
PLOVER type, and each mode the table distinguishes, one CAMEO code, its root code, its CAMEO
label and its Goldstein value. A mode without a row of its own takes its type's row.
``cameo_agents.csv`` (same script) gives the CAMEO agent code of an actor's sector
(``government`` → ``GOV``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import load_csv

__all__ = ["QUAD_CLASSES", "CameoCode", "agent_code", "cameo_of"]

QUAD_CLASSES = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}
"""GDELT's QuadClass of each PLOVER quad."""


@dataclass(frozen=True)
class CameoCode:
    """A CAMEO event code: the code, its root (two digits), label and Goldstein value."""

    code: str
    root: str
    label: str
    goldstein: float | None

    @property
    def base(self) -> str:
        """The three-digit base code (GDELT's ``EventBaseCode``)."""
        return self.code[:3]


@cache
def _table() -> dict[tuple[str, str], CameoCode]:
    return {
        (row["category"], row["mode"]): CameoCode(
            row["cameo"],
            row["cameo_root"],
            row["label"],
            float(row["goldstein"]) if row["goldstein"] else None,
        )
        for row in load_csv("plover_cameo.csv")
    }


def cameo_of(category: str | None, mode: str | None = None) -> CameoCode | None:
    """Return the CAMEO code of a PLOVER type and mode (``None`` for an unknown type).

    >>> cameo_of("CONSULT", "visit").code, cameo_of("ACCUSE", None).root
    ('042', '11')
    """
    table = _table()
    return table.get((category or "", mode or "")) or table.get((category or "", ""))


@cache
def _agents() -> dict[str, str]:
    return {row["sector"]: row["cameo_agent"] for row in load_csv("cameo_agents.csv")}


def agent_code(sector: str | None) -> str | None:
    """Return the CAMEO agent code of an actor's sector (``None`` when it has none).

    >>> agent_code("government"), agent_code("think tank")
    ('GOV', None)
    """
    return _agents().get(sector or "")
