"""Scoring the event coder on the event gold sets (``newsgraph eval events GOLD``).

:func:`evaluate_events` reads one of two formats and analyses each gold sentence as a
one-sentence article with the default pipeline, so that what is measured is what users get:

- **PLOVER GSR** (a ``.json`` array; the first record is a DOCUMENT record): early category
  names are mapped DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT.
  *Type right*: some predicted event has the gold category. *Full match*: that event also has
  a source country among the gold source codes and, when the gold has a target, a target
  country among the gold target codes (codes compared on their first three letters, with
  JAP=JPN, ITL=ITA, VTN=VNM).
- **PETRARCH2 unit tests** (``PETR.UnitTest.records.xml`` or its folder): the expected CAMEO
  codes are mapped to PLOVER with ``CAMEO2PLOVER-2021.txt`` (the code itself when the table
  lists it, else its root code; both categories of root 08 count). *Type right*: some
  predicted event has one of the sentence's categories. Sentences whose codings do not map
  (CAMEO 01/02, the fictional codes) are not scored.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Analysis, Article

__all__ = ["EventReport", "evaluate_events", "load_cameo2plover"]

GSR = "plover-gsr"
PETRARCH = "petrarch2-unittest"
OLD_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
_MISSES = 40


@dataclass
class Case:
    """One gold sentence: its text, gold categories and actor codes."""

    text: str
    categories: frozenset[str]
    source: frozenset[str] = frozenset()
    target: frozenset[str] = frozenset()
    id: str = ""


@dataclass
class EventReport:
    """Scores of one gold set, with the sentences that missed (for studying failures).

    Attributes:
        gold: the file scored.
        gold_format: ``plover-gsr`` or ``petrarch2-unittest``.
        sentences: sentences read; ``scored`` of them had a usable gold category.
        type_right: scored sentences where some predicted event has a gold category.
        full_match: GSR only: sentences where that event also has the gold actors.
    """

    gold: str
    gold_format: str
    sentences: int = 0
    scored: int = 0
    type_right: int = 0
    full_match: int | None = None
    predicted_events: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def rate(self, hits: int | None) -> float | None:
        """Return ``hits / scored`` rounded to 3 places (None when not measured)."""
        if hits is None or not self.scored:
            return None
        return round(hits / self.scored, 3)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        return {
            "gold": self.gold,
            "format": self.gold_format,
            "sentences": self.sentences,
            "scored": self.scored,
            "predicted_events": self.predicted_events,
            "type_right": self.rate(self.type_right),
            "full_match": self.rate(self.full_match),
            "hits": {"type_right": self.type_right, "full_match": self.full_match},
            "misses": self.misses,
        }

    def format(self) -> str:
        """Return the scores as readable plain text."""
        lines = [
            f"{self.gold_format}: {self.gold} ({self.sentences} sentences, {self.scored} scored, "
            f"{self.predicted_events} events predicted)",
            f"  type right  {self.rate(self.type_right)!s:>6}  ({self.type_right}/{self.scored})",
        ]
        if self.full_match is not None:
            full = self.rate(self.full_match)
            lines.append(f"  full match  {full!s:>6}  ({self.full_match}/{self.scored})")
        return "\n".join(lines)


def _code(code: str) -> str:
    code = code.strip().upper()[:3]
    return OLD_CODES.get(code, code)


def _gsr_cases(path: Path) -> list[Case]:
    data = json.loads(path.read_text(encoding="utf-8"))
    cases = []
    for record in data:
        if "event" not in record or not record.get("text"):
            continue
        category = OLD_NAMES.get(record["event"], record["event"])
        cases.append(
            Case(
                text=record["text"].strip().strip("{}").strip(),
                categories=frozenset({category}),
                source=frozenset(
                    _code(a["code"]) for a in record.get("source") or [] if a.get("code")
                ),
                target=frozenset(
                    _code(a["code"]) for a in record.get("target") or [] if a.get("code")
                ),
                id=str(record.get("id", "")),
            )
        )
    return cases


def load_cameo2plover(path: Path) -> dict[str, set[str]]:
    """Return ``{cameo_code: {PLOVER categories}}`` from CAMEO2PLOVER-2021.txt.

    A root header listed twice (``08: CONCEDE`` and ``08: RETREAT``) maps to both.
    """
    mapping: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^#?\s*(\d{2,4}):\s*([A-Z]+)", line)
        if match:
            mapping.setdefault(match.group(1), set()).add(match.group(2))
    return mapping


def _find_table(gold: Path) -> Path:
    for folder in (gold.parent, gold.parent.parent, gold.parent.parent.parent):
        candidate = folder / "ontology" / "CAMEO2PLOVER-2021.txt"
        if candidate.is_file():
            return candidate
    raise InputError(
        "CAMEO2PLOVER-2021.txt not found in an ontology/ folder beside the gold", str(gold)
    )


def _petrarch_cases(path: Path) -> list[Case]:
    mapping = load_cameo2plover(_find_table(path))
    root = ET.parse(path).getroot()
    cases = []
    for sentence in root.iter("Sentence"):
        text_node = sentence.find("Text")
        if text_node is None or not (text_node.text or "").strip():
            continue
        categories: set[str] = set()
        for coding in sentence.findall("EventCoding"):
            code = (coding.get("eventcode") or "").strip()
            if not code:
                continue
            categories |= mapping.get(code) or mapping.get(code[:2]) or set()
        text = re.sub(r"\s+", " ", text_node.text or "").strip()
        cases.append(Case(text=text, categories=frozenset(categories), id=sentence.get("id", "")))
    return cases


def detect_events_format(gold: Path) -> tuple[str, Path]:
    """Return the format of ``gold`` and the file to read.

    Raises:
        InputError: neither a GSR ``.json`` nor a PETRARCH unit-test XML (or its folder).
    """
    if gold.is_dir():
        xml = gold / "PETR.UnitTest.records.xml"
        if xml.is_file():
            return PETRARCH, xml
        jsons = sorted(gold.glob("*.json"))
        if jsons:
            return GSR, jsons[0]
    elif gold.suffix == ".json":
        return GSR, gold
    elif gold.suffix == ".xml":
        return PETRARCH, gold
    raise InputError(
        "not an events gold set (a PLOVER GSR .json or PETRARCH unit-test .xml)", str(gold)
    )


def evaluate_events(gold: Path, limit: int | None = None) -> EventReport:
    """Score the event coder on a gold set; see the module docstring for the rules.

    Args:
        gold: a PLOVER GSR ``.json``, a PETRARCH unit-test ``.xml`` or the folder holding it.
        limit: score only the first ``limit`` sentences.

    Returns:
        The report, with up to 40 missed sentences.

    Raises:
        InputError: the gold set is missing or in no known format.
    """
    from ..pipeline import analyze_many

    gold = Path(gold)
    if not gold.exists():
        raise InputError("no such gold set", str(gold))
    gold_format, path = detect_events_format(gold)
    cases = _gsr_cases(path) if gold_format == GSR else _petrarch_cases(path)
    if limit is not None:
        cases = cases[:limit]
    report = EventReport(str(path), gold_format, full_match=0 if gold_format == GSR else None)
    articles = [Article(text=case.text) for case in cases]
    for case, analysis in zip(cases, analyze_many(articles), strict=True):
        report.sentences += 1
        if not case.categories:
            continue
        report.scored += 1
        report.predicted_events += len(analysis.events)
        _score(case, analysis, report)
    return report


def _score(case: Case, analysis: Analysis, report: EventReport) -> None:
    typed = [e for e in analysis.events if e.type in case.categories]
    if typed:
        report.type_right += 1
    sectors = {a.id: (a.sector or "").upper() for a in analysis.actors}

    def codes(countries: list[str], ids: list[str]) -> set[str]:
        # Gold codes IGO/NGO name international and non-governmental organisations.
        return {_code(c) for c in countries} | {sectors.get(i, "")[:3] for i in ids} - {""}

    full = any(
        codes(e.source, getattr(e, "source_ids", [])) & case.source
        and (not case.target or codes(e.target, getattr(e, "target_ids", [])) & case.target)
        for e in typed
    )
    if report.full_match is not None and full:
        report.full_match += 1
    if (not typed or (report.full_match is not None and not full)) and len(report.misses) < _MISSES:
        report.misses.append(
            {
                "id": case.id,
                "text": case.text,
                "gold": sorted(case.categories),
                "gold_source": sorted(case.source),
                "gold_target": sorted(case.target),
                "predicted": [
                    {"type": e.type, "source": e.source, "target": e.target}
                    for e in analysis.events
                ],
            }
        )
