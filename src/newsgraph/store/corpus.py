"""Corpus events in the store: one happening, every article that reports it, kept up to date.

:mod:`newsgraph.corpus.events` decides what is one happening (same :func:`event_key`: type,
status and actor sets; dates within a day). Here that decision is stored incrementally, in the
same transaction as the article:

- ``corpus_events``: one row per happening, ``id`` = ``KEY@DATE`` where ``DATE`` is the date
  of the first report stored (its *anchor*; later reports join while their date is within a
  day of it, so a chain of daily reports does not grow into one endless event). An event
  that is never merged (unknown source, or one participant and no target: see
  :func:`~newsgraph.corpus.events.is_mergeable`) is its own corpus event,
  ``KEY@DATE#ARTICLE:SEQ``;
- ``corpus_event_links``: each article event (``article_id``, ``event_seq``) and its
  happening.

An event without a date of its own is dated by its article's publication date (as the dyad
series dates it); an event with neither matches only other undated reports of its key.

Why stored rather than merged at query time: a listing of the corpus then costs one indexed
query whatever the corpus size, and the web app can page through it. It stays correct under
re-ingest and resume because an article's links are written with the article (one
transaction) and a stored article is never written again; articles are attached in the order
they are stored, so a resumed ingest ends with exactly the rows of a clean run. Near-duplicate
groups are not stored here: ``num_groups`` is counted when reading, from ``articles.group_id``.

A database made before corpus events existed (schema 4) is filled in by its migration
(:func:`backfill`), in the order its articles were ingested.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..corpus.events import date_window, event_key, is_mergeable, nearest
from ..model import Event, Span
from .base import Params, Row, Store, Tx
from .days import first_day
from .filters import RowBase, event_filters, placeholders

__all__ = ["CorpusEventRow", "CorpusMention", "attach_events", "backfill", "corpus_events"]


class _Report(NamedTuple):
    seq: int
    key: str
    type: str
    status: str
    source: list[str]
    target: list[str]
    date: str | None
    mergeable: bool


def _side(countries: Sequence[str], ids: Sequence[str]) -> list[str]:
    return sorted(set(countries)) if countries else sorted(set(ids))


def _report(seq: int, event: Event, published: str | None) -> _Report:
    return _Report(
        seq,
        event_key(event),
        event.type,
        event.status,
        _side(event.source, event.source_ids),
        _side(event.target, event.target_ids),
        event.date or published,
        is_mergeable(event),
    )


def attach_events(
    tx: Tx, article_id: str, published: str | None, events: Iterable[tuple[int, Event]]
) -> None:
    """Link each event of one article to its corpus event, creating the ones not seen yet.

    Call it inside the transaction that writes the article.

    Args:
        tx: the open transaction.
        article_id: the article's id.
        published: its publication date (the date of its undated events).
        events: ``(seq, event)`` pairs, ``seq`` as stored in ``events``.
    """
    reports = [_report(seq, event, published) for seq, event in events]
    # Another writer may be attaching a report of the same happening right now (PostgreSQL,
    # ``ingest --writers``): hold its key, so only one of them creates the corpus event.
    tx.lock([r.key for r in reports if r.mergeable])
    links: list[Params] = []
    for report in reports:
        name = f"{article_id}:{report.seq}"
        links.append((article_id, report.seq, _corpus_event_for(tx, report, name)))
    tx.executemany(
        "INSERT INTO corpus_event_links (article_id, event_seq, corpus_event) VALUES (?, ?, ?) "
        "ON CONFLICT (article_id, event_seq) DO NOTHING",
        links,
    )


def _corpus_event_for(tx: Tx, report: _Report, name: str) -> str:
    """Return the id of the corpus event ``report`` belongs to, creating it if there is none.

    ``name`` (``ARTICLE:SEQ``) makes the id of an event that is never merged.
    """
    if not report.mergeable:
        return _create(tx, report, f"{report.key}@{report.date or ''}#{name}")
    window = date_window(report.date)
    if window is not None:
        rows = tx.fetchall(
            "SELECT id, date FROM corpus_events WHERE key = ? AND date BETWEEN ? AND ? "
            "ORDER BY date, id",
            (report.key, *window),
        )
    elif report.date is None:
        rows = tx.fetchall(
            "SELECT id, date FROM corpus_events WHERE key = ? AND date IS NULL", (report.key,)
        )
    else:
        rows = tx.fetchall(
            "SELECT id, date FROM corpus_events WHERE key = ? AND date = ?",
            (report.key, report.date),
        )
    index = nearest(report.date, [row[1] for row in rows])
    if index is not None:
        return str(rows[index][0])
    return _create(tx, report, f"{report.key}@{report.date or ''}")


def _create(tx: Tx, report: _Report, corpus_id: str) -> str:
    tx.execute(
        "INSERT INTO corpus_events (id, key, type, status, source, target, date, day) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        (
            corpus_id,
            report.key,
            report.type,
            report.status,
            json.dumps(report.source),
            json.dumps(report.target),
            report.date,
            first_day(report.date),
        ),
    )
    return corpus_id


def backfill(tx: Tx) -> None:
    """Attach every stored event to its corpus event, articles in the order they were ingested.

    Run by the migration that adds the corpus event tables, for databases that already hold
    articles.
    """
    rows = tx.fetchall(
        "SELECT e.article_id, e.seq, e.type, e.status, e.source, e.target, e.source_ids, "
        "e.target_ids, e.date, a.published FROM events e JOIN articles a ON a.id = e.article_id "
        "ORDER BY a.ingested_at, a.id, e.seq"
    )
    current: str | None = None
    batch: list[tuple[int, Event]] = []
    published: str | None = None
    for article_id, seq, etype, status, source, target, sids, tids, date, pub in rows:
        if article_id != current:
            if current is not None:
                attach_events(tx, current, published, batch)
            current, published, batch = article_id, pub, []
        event = Event(
            etype,
            Span(0, 0, ""),
            source=json.loads(source),
            target=json.loads(target),
            source_ids=json.loads(sids),
            target_ids=json.loads(tids),
            date=date,
            status=status,
        )
        batch.append((seq, event))
    if current is not None:
        attach_events(tx, current, published, batch)


# -- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusMention(RowBase):
    """One article's report of a corpus event: its evidence sentence, date and article."""

    article_id: str
    seq: int
    date: str | None
    group: str
    evidence_start: int
    evidence_end: int
    evidence_text: str
    title: str | None
    published: str | None
    url: str | None


@dataclass(frozen=True)
class CorpusEventRow(RowBase):
    """One happening across the corpus with the articles reporting it (GDELT's NumArticles).

    ``date`` is the earliest date reported (an undated report counts its article's date);
    ``quad``, ``mode`` and ``location`` come from the reports, ``intensity`` is their mean;
    ``num_groups`` counts near-duplicate groups (syndicated copies once); ``mentions`` holds
    one report per article, earliest published first.
    """

    id: str
    key: str
    type: str
    status: str
    source: list[str]
    target: list[str]
    date: str | None
    quad: str | None
    intensity: float | None
    mode: str | None
    location: str | None
    source_ids: list[str]
    target_ids: list[str]
    num_articles: int
    num_groups: int
    mentions: list[CorpusMention]


def corpus_events(
    store: Store,
    source: str | None = None,
    target: str | None = None,
    types: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    statuses: Sequence[str] = (),
    limit: int | None = None,
) -> Iterator[CorpusEventRow]:
    """Yield corpus events (one per happening, with every reporting article), oldest first.

    The filters are those of :func:`events`; a corpus event matches when one of its reports
    does. ``since``/``until`` apply to the corpus event's date (its first report's).

    Args:
        store: an open store.
        source: an actor (code, id or name) on the source side.
        target: an actor on the target side.
        types: PLOVER types to keep (any of them).
        since: the first day (``YYYY-MM-DD``, inclusive).
        until: the last day (inclusive).
        statuses: statuses to keep.
        limit: the most corpus events to yield.
    """
    clauses, params = event_filters(store, source, target, (), ())
    reports = " AND ".join(["l2.corpus_event = c2.id", *clauses])
    where = [
        "EXISTS (SELECT 1 FROM corpus_event_links l2 JOIN events e ON "
        f"e.article_id = l2.article_id AND e.seq = l2.event_seq WHERE {reports})"
    ]
    if types:
        where.append(f"c2.type IN ({placeholders(types)})")
        params += [t.upper() for t in types]
    if statuses:
        where.append(f"c2.status IN ({placeholders(statuses)})")
        params += list(statuses)
    if since:
        where.append("c2.day >= ?")
        params.append(since)
    if until:
        where.append("c2.day <= ?")
        params.append(until)
    chosen = (
        "SELECT c2.id FROM corpus_events c2 WHERE "
        + " AND ".join(where)
        + " ORDER BY c2.day IS NULL, c2.day, c2.id"
        + (" LIMIT ?" if limit is not None else "")
    )
    if limit is not None:
        params.append(limit)
    sql = (
        "SELECT c.id, c.key, c.type, c.status, c.source, c.target, e.article_id, e.seq, "
        "COALESCE(e.date, a.published), e.quad, e.intensity, e.mode, e.location, "
        "e.source_ids, e.target_ids, e.evidence_start, e.evidence_end, e.evidence_text, "
        "a.title, a.published, a.url, COALESCE(a.group_id, a.id) "
        "FROM corpus_events c JOIN corpus_event_links l ON l.corpus_event = c.id "
        "JOIN events e ON e.article_id = l.article_id AND e.seq = l.event_seq "
        f"JOIN articles a ON a.id = l.article_id WHERE c.id IN ({chosen}) "
        "ORDER BY c.day IS NULL, c.day, c.id, a.published IS NULL, a.published, "
        "e.article_id, e.seq"
    )
    for _, rows in itertools.groupby(store.stream(sql, params), key=lambda row: row[0]):
        yield _corpus_event(list(rows))


def _corpus_event(rows: list[Row]) -> CorpusEventRow:
    """Summarise the report rows of one corpus event (see :func:`corpus_events`)."""
    first = rows[0]
    mentions: dict[str, CorpusMention] = {}
    for row in rows:
        if row[6] not in mentions:
            mentions[row[6]] = CorpusMention(row[6], row[7], row[8], row[21], *row[15:21])
    intensities = [float(row[10]) for row in rows if row[10] is not None]
    dates = sorted(row[8] for row in rows if row[8])
    return CorpusEventRow(
        id=first[0],
        key=first[1],
        type=first[2],
        status=first[3],
        source=json.loads(first[4]),
        target=json.loads(first[5]),
        date=dates[0] if dates else None,
        quad=next((row[9] for row in rows if row[9]), None),
        intensity=sum(intensities) / len(intensities) if intensities else None,
        mode=_most_common(row[11] for row in rows),
        location=_most_common(row[12] for row in rows),
        source_ids=sorted({i for row in rows for i in json.loads(row[13])}),
        target_ids=sorted({i for row in rows for i in json.loads(row[14])}),
        num_articles=len(mentions),
        num_groups=len({m.group for m in mentions.values()}),
        mentions=list(mentions.values()),
    )


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None
