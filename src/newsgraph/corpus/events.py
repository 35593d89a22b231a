"""Corpus events: the same happening reported by several articles is one event with all its sources.

Like GDELT's ``NumArticles``, a corpus event counts the articles that report it, and, unlike
GDELT, keeps every article's evidence sentence. Two article events are the same happening
when they have the same :func:`event_key` (PLOVER type, status and actor sets) and their dates
are within a day (:func:`dates_match`): "Kishida met Yoon on Sunday" in a Monday paper and
"the leaders met in Seoul" in a Sunday wire story are one CONSULT.

Actor sets are the country codes of each side, or, for a side with no country, its person and
organisation ids. Status is part of the key: a visit that "will" happen and the visit that
happened are told apart, and a denied attack is not an attack. An event whose source is
unknown, or that has one participant and no target, is never merged (:func:`is_mergeable`):
"someone expressed support" in two articles of one day is no sign of one happening.

Two forms:

- :func:`merge_events` — pure, over ``(article_id, Event)`` pairs, for a batch or a query;
- :func:`event_key`, :func:`date_window`, :func:`dates_match` and :func:`nearest` — for a
  store that keeps corpus events in a table and attaches each new article event as it comes:
  look up rows with the same key whose date lies in :func:`date_window` of the new date, take
  the :func:`nearest`, and create a new corpus event when there is none.

A cluster is anchored on its earliest date: events join while their date is within a day of
it, so a chain of daily reports does not grow into one endless event.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model import Event, Span

__all__ = [
    "MAX_DAYS_APART",
    "CorpusEvent",
    "EventMention",
    "date_window",
    "dates_match",
    "event_key",
    "is_mergeable",
    "merge_events",
    "nearest",
]

MAX_DAYS_APART = 1
"""Dates of one happening differ by at most this many days (day-precision dates only)."""


class EventMention(NamedTuple):
    """One article's report of a corpus event: the article and its evidence sentence."""

    article_id: str
    evidence: Span


@dataclass
class CorpusEvent:
    """One happening across the corpus, with every article that reports it.

    Attributes:
        key: the :func:`event_key` shared by its reports.
        type: the PLOVER category.
        status: occurred, expected, hypothetical or negated.
        source: the source side (country codes, or ids when the side has no country).
        target: the target side, likewise.
        date: the earliest reported date (``YYYY-MM-DD``, or coarser), or None.
        mode: the most frequent PLOVER mode among the reports.
        quad: the quad class (verbal/material cooperation/conflict).
        intensity: the mean intensity of the reports that have one.
        location: the most frequent place among the reports.
        source_ids: every person or organisation id named as source in some report.
        target_ids: likewise for the target.
        num_articles: distinct articles reporting it.
        num_groups: distinct near-duplicate groups among those articles (each syndicated
            copy of one wire story counts once).
        mentions: every report's article id and evidence, in input order.
    """

    key: str
    type: str
    status: str
    source: list[str]
    target: list[str]
    date: str | None
    mode: str | None = None
    quad: str | None = None
    intensity: float | None = None
    location: str | None = None
    source_ids: list[str] = field(default_factory=list)
    target_ids: list[str] = field(default_factory=list)
    num_articles: int = 0
    num_groups: int = 0
    mentions: list[EventMention] = field(default_factory=list)


def _side(countries: Sequence[str], ids: Sequence[str]) -> list[str]:
    return sorted(set(countries)) if countries else sorted(set(ids))


def event_key(event: Event) -> str:
    """Return the key under which reports of one happening meet: type, status and actor sets.

    Example:
        >>> from newsgraph.model import Event, Span
        >>> event_key(Event("CONSULT", Span(0, 0, ""), source=["KOR", "JPN"]))
        'CONSULT/occurred/JPN+KOR/'
    """
    source = "+".join(_side(event.source, event.source_ids))
    target = "+".join(_side(event.target, event.target_ids))
    return f"{event.type}/{event.status}/{source}/{target}"


def is_mergeable(event: Event) -> bool:
    """Return whether reports of ``event`` in other articles may be merged with it.

    It needs a known source, and a target or several participants (a reciprocal "X and Y
    met"); otherwise the key says too little to tell one happening from another.
    """
    source = _side(event.source, event.source_ids)
    target = _side(event.target, event.target_ids)
    return bool(source) and (bool(target) or len(source) >= 2)


def _day(value: str | None) -> dt.date | None:
    if value is None or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def dates_match(a: str | None, b: str | None) -> bool:
    """Return whether two event dates may be one happening.

    Day dates match within :data:`MAX_DAYS_APART`; coarser dates (a month, a year, a range)
    and missing dates match only the same value.
    """
    day_a, day_b = _day(a), _day(b)
    if day_a is not None and day_b is not None:
        return abs((day_a - day_b).days) <= MAX_DAYS_APART
    return a == b


def date_window(value: str | None) -> tuple[str, str] | None:
    """Return the first and last day (inclusive) of dates matching a day date, for SQL.

    Returns None for a coarser or missing date: those match only their own value.

    Example:
        >>> date_window("2023-05-07")
        ('2023-05-06', '2023-05-08')
    """
    day = _day(value)
    if day is None:
        return None
    delta = dt.timedelta(days=MAX_DAYS_APART)
    return (day - delta).isoformat(), (day + delta).isoformat()


def nearest(value: str | None, candidates: Sequence[str | None]) -> int | None:
    """Return the index of the candidate date ``value`` belongs to (the closest), or None."""
    day = _day(value)
    best: tuple[int, int] | None = None
    for index, candidate in enumerate(candidates):
        if not dates_match(value, candidate):
            continue
        other = _day(candidate)
        distance = abs((day - other).days) if day is not None and other is not None else 0
        if best is None or (distance, index) < best:
            best = (distance, index)
    return None if best is None else best[1]


def merge_events(
    items: Iterable[tuple[str, Event]], groups: Mapping[str, str] | None = None
) -> list[CorpusEvent]:
    """Merge article events into corpus events.

    Args:
        items: ``(article_id, event)`` pairs, from any number of articles.
        groups: the near-duplicate group of each article id (see
            :class:`~newsgraph.corpus.duplicates.DuplicateIndex`); an article missing from
            it is its own group.

    Returns:
        Corpus events ordered by date (undated last), type and key.
    """
    groups = groups or {}
    by_key: dict[str, list[tuple[int, str, Event]]] = defaultdict(list)
    merged: list[CorpusEvent] = []
    for order, (article_id, event) in enumerate(items):
        if is_mergeable(event):
            by_key[event_key(event)].append((order, article_id, event))
        else:
            merged.append(_summarise(event_key(event), [(order, article_id, event)], groups))
    merged += [
        _summarise(key, cluster, groups)
        for key, reports in by_key.items()
        for cluster in _clusters(reports)
    ]
    merged.sort(key=lambda e: (e.date is None, e.date or "", e.type, e.key))
    return merged


def _clusters(reports: list[tuple[int, str, Event]]) -> list[list[tuple[int, str, Event]]]:
    """Split one key's reports into happenings, each anchored on its earliest date."""
    ordered = sorted(reports, key=lambda r: (r[2].date is None, r[2].date or "", r[0]))
    clusters: list[list[tuple[int, str, Event]]] = []
    anchor: str | None = None
    for report in ordered:
        if clusters and dates_match(anchor, report[2].date):
            clusters[-1].append(report)
        else:
            clusters.append([report])
            anchor = report[2].date
    return [sorted(c, key=lambda r: r[0]) for c in clusters]


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    top = max(counts.values())
    return min(v for v, n in counts.items() if n == top)


def _summarise(
    key: str, cluster: list[tuple[int, str, Event]], groups: Mapping[str, str]
) -> CorpusEvent:
    events = [e for _, _, e in cluster]
    first = events[0]
    articles = {a for _, a, _ in cluster}
    intensities = [e.intensity for e in events if e.intensity is not None]
    dates = sorted(e.date for e in events if e.date)
    return CorpusEvent(
        key=key,
        type=first.type,
        status=first.status,
        source=_side(first.source, first.source_ids),
        target=_side(first.target, first.target_ids),
        date=dates[0] if dates else None,
        mode=_most_common(e.mode for e in events),
        quad=next((e.quad for e in events if e.quad), None),
        intensity=sum(intensities) / len(intensities) if intensities else None,
        location=_most_common(e.location for e in events),
        source_ids=sorted({i for e in events for i in e.source_ids}),
        target_ids=sorted({i for e in events for i in e.target_ids}),
        num_articles=len(articles),
        num_groups=len({groups.get(a, a) for a in articles}),
        mentions=[EventMention(a, e.evidence) for _, a, e in cluster],
    )
