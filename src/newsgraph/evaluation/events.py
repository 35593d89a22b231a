"""Scoring the event coder on the event gold sets (``newsgraph eval events GOLD``).

:func:`evaluate_events` reads one of three formats and analyses each gold sentence as a
one-sentence article with the default pipeline, so that what is measured is what users get:

- **PLV** (``PLV_train.tsv`` or its folder: real news-wire sentences, one row per coded pair,
  the source and target marked). Each distinct sentence is analysed once and each row scored.
  *Type right*: some predicted event has the row's root type (the early root YIELD is
  CONCEDE or RETREAT; the figures as written, where no PLOVER v2 type can match a YIELD row,
  are reported beside). *Full match*: that event's source (its ``source_text``, actor ids and
  their names) shares a content word with the marked source, and its target with the marked
  target. A side PLV marks only with a placeholder ("a recipient", "an actor") has no gold
  actor. Events per sentence are reported beside them, and a reading: PLV marks the second
  member of a compound actor as target ("Jordan and Britain agreed"), where PLOVER codes every
  participant as actor and no recipient; the reciprocal figure also counts an event without a
  recipient whose actors name both the gold source and the gold target.

- **PLOVER GSR** (a ``.json`` array; the first record is a DOCUMENT record): early category
  names are mapped DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT.
  *Type right*: some predicted event has the gold category. *Full match*: that event also has
  a source country among the gold source codes and, when the gold has a target, a target
  country among the gold target codes (codes compared on their first three letters, with
  JAP=JPN, ITL=ITA, VTN=VNM). The compound-actor reading is reported beside, as for PLV.
- **PETRARCH2 unit tests** (``PETR.UnitTest.records.xml`` or its folder): the expected CAMEO
  codes are mapped to PLOVER with ``CAMEO2PLOVER-2021.txt`` (the code itself when the table
  lists it, else its root code; both categories of root 08 count). *Type right*: some
  predicted event has one of the sentence's categories. Sentences whose codings do not map
  (CAMEO 01/02, the fictional codes) are not scored.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Analysis, Article

__all__ = ["EventReport", "evaluate_events", "load_cameo2plover"]

GSR = "plover-gsr"
PLV = "plv"
PETRARCH = "petrarch2-unittest"
OLD_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
PLV_ROOTS = {"YIELD": frozenset({"CONCEDE", "RETREAT"})}
PLV_PLACEHOLDERS = frozenset({"a recipient", "recipient", "an actor", "actor"})
"""PLV marks an unnamed side with these words: the row has no gold actor on that side."""
_WORD = re.compile(r"\w+")
_MISSES = 40


@dataclass
class Case:
    """One gold sentence: its text, gold categories and actor codes."""

    text: str
    categories: frozenset[str]
    source: frozenset[str] = frozenset()
    target: frozenset[str] = frozenset()
    id: str = ""
    renamed: bool = False  # a PLV root no PLOVER v2 coder can output (YIELD)


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
    distinct_sentences: int = 0
    scored: int = 0
    type_right: int = 0
    full_match: int | None = None
    predicted_events: int = 0
    as_written: tuple[int, int] | None = None
    reciprocal: int | None = None
    misses: list[dict[str, Any]] = field(default_factory=list)

    def rate(self, hits: int | None) -> float | None:
        """Return ``hits / scored`` rounded to 3 places (None when not measured)."""
        if hits is None or not self.scored:
            return None
        return round(hits / self.scored, 3)

    @property
    def events_per_sentence(self) -> float | None:
        """Predicted events per distinct sentence analysed."""
        sentences = self.distinct_sentences or self.scored
        return round(self.predicted_events / sentences, 2) if sentences else None

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        return {
            "gold": self.gold,
            "format": self.gold_format,
            "sentences": self.sentences,
            "scored": self.scored,
            "predicted_events": self.predicted_events,
            "events_per_sentence": self.events_per_sentence,
            "type_right": self.rate(self.type_right),
            "full_match": self.rate(self.full_match),
            "hits": {"type_right": self.type_right, "full_match": self.full_match},
            "full_match_reciprocal": self.rate(self.reciprocal),
            "as_written": None
            if self.as_written is None
            else {
                "type_right": self.rate(self.as_written[0]),
                "full_match": self.rate(self.as_written[1]),
            },
            "misses": self.misses,
        }

    def format(self) -> str:
        """Return the scores as readable plain text."""
        lines = [
            f"{self.gold_format}: {self.gold} ({self.sentences} sentences, {self.scored} scored, "
            f"{self.predicted_events} events predicted, {self.events_per_sentence} per sentence)",
            f"  type right  {self.rate(self.type_right)!s:>6}  ({self.type_right}/{self.scored})",
        ]
        if self.full_match is not None:
            full = self.rate(self.full_match)
            lines.append(f"  full match  {full!s:>6}  ({self.full_match}/{self.scored})")
        if self.reciprocal is not None:
            lines.append(
                f"  reading: full match {self.rate(self.reciprocal)} when an event coded as "
                "PLOVER codes compound actors (every participant as actor, no recipient) "
                "names the gold source and target among its actors"
            )
        if self.as_written is not None:
            typed, full_written = self.as_written
            lines.append(
                f"  as written (YIELD rows never matched): type right {self.rate(typed)}, "
                f"full match {self.rate(full_written)}"
            )
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


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def content_words(text: str | None) -> frozenset[str]:
    """Case-folded words (runs of word characters) of ``text`` that are not stop words."""
    words = (w.lower() for w in _WORD.findall(text or ""))
    return frozenset(w for w in words if w not in _stop_words())


def _plv_cases(path: Path) -> list[Case]:
    cases = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            root = (row.get("gold_root") or "").strip().upper()
            text = (row.get("sentence") or "").strip()
            if not text or not root:
                continue
            cases.append(
                Case(
                    text=text,
                    categories=PLV_ROOTS.get(root, frozenset({root})),
                    renamed=root in PLV_ROOTS,
                    source=_plv_side(row.get("source")),
                    target=_plv_side(row.get("target")),
                    id=str(row.get("sentence_id", "")),
                )
            )
    return cases


def _plv_side(text: str | None) -> frozenset[str]:
    if (text or "").strip().lower() in PLV_PLACEHOLDERS:
        return frozenset()
    return content_words(text)


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
        tsvs = sorted(gold.glob("PLV*.tsv"))
        if tsvs:
            return PLV, tsvs[0]
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
    elif gold.suffix == ".tsv":
        return PLV, gold
    raise InputError(
        "not an events gold set (a PLV .tsv, a PLOVER GSR .json or a PETRARCH unit-test .xml)",
        str(gold),
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
    from ..analyze import analyze_many

    gold = Path(gold)
    if not gold.exists():
        raise InputError("no such gold set", str(gold))
    gold_format, path = detect_events_format(gold)
    readers = {GSR: _gsr_cases, PLV: _plv_cases, PETRARCH: _petrarch_cases}
    cases = readers[gold_format](path)
    if limit is not None:
        cases = cases[:limit]
    report = EventReport(str(path), gold_format, full_match=None if gold_format == PETRARCH else 0)
    texts = list(dict.fromkeys(case.text for case in cases))
    analyses = dict(zip(texts, analyze_many([Article(text=t) for t in texts]), strict=True))
    report.distinct_sentences = len(texts)
    counted: set[str] = set()
    for case in cases:
        analysis = analyses[case.text]
        report.sentences += 1
        if not case.categories:
            continue
        report.scored += 1
        if case.text not in counted:
            counted.add(case.text)
            report.predicted_events += len(analysis.events)
        if gold_format == PLV:
            _score_plv(case, analysis, report)
        else:
            _score(case, analysis, report)
    return report


def _side_words(event: Any, side: str, names: dict[str, str]) -> frozenset[str]:
    ids = [*getattr(event, side), *getattr(event, f"{side}_ids")]
    texts = [getattr(event, f"{side}_text") or "", *ids, *(names.get(i, "") for i in ids)]
    return content_words(" ".join(texts).replace("-", " "))


def _score_plv(case: Case, analysis: Analysis, report: EventReport) -> None:
    typed = [e for e in analysis.events if e.type in case.categories]
    names = {a.id: a.name for a in analysis.actors}
    if typed:
        report.type_right += 1
    full = any(
        _side_words(e, "source", names) & case.source
        and (not case.target or _side_words(e, "target", names) & case.target)
        for e in typed
    )
    if full and report.full_match is not None:
        report.full_match += 1
    reciprocal = full or any(
        not e.target
        and not e.target_ids
        and not e.target_text
        and _side_words(e, "source", names) & case.source
        and _side_words(e, "source", names) & case.target
        for e in typed
    )
    report.reciprocal = (report.reciprocal or 0) + reciprocal
    typed_written, full_written = report.as_written or (0, 0)
    if not case.renamed:
        report.as_written = (typed_written + bool(typed), full_written + full)
    else:
        report.as_written = (typed_written, full_written)
    if not full and len(report.misses) < _MISSES:
        report.misses.append(
            {
                "id": case.id,
                "text": case.text,
                "gold": sorted(case.categories),
                "gold_source": sorted(case.source),
                "gold_target": sorted(case.target),
                "predicted": [
                    {
                        "type": e.type,
                        "source": [*e.source, *e.source_ids, e.source_text],
                        "target": [*e.target, *e.target_ids, e.target_text],
                    }
                    for e in analysis.events
                ],
            }
        )


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
    if report.full_match is not None:
        reciprocal = full or any(
            not e.target
            and not getattr(e, "target_ids", [])
            and codes(e.source, getattr(e, "source_ids", [])) & case.source
            and codes(e.source, getattr(e, "source_ids", [])) & case.target
            for e in typed
        )
        report.reciprocal = (report.reciprocal or 0) + reciprocal
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
