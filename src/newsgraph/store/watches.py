"""Saved searches ("watches"): a named search kept in the store, and what is new since it ran.

A watch is a full-text query with the filters of the ``search``, ``events`` and ``quotes``
questions: ``actor`` (articles naming it) and ``types`` (articles with an event of one of
them), as the search page filters; ``source``, ``target``, ``types`` and ``statuses`` on events;
``speaker`` and ``about`` on quotes. It answers through the same functions
(:func:`~newsgraph.store.browse.search_hits`, :func:`~newsgraph.store.queries.events`,
:func:`~newsgraph.store.queries.quotes`), among the articles stored in a span of ingestion
time (:class:`~newsgraph.store.filters.Ingested`):

- its articles are the search's hits;
- a watch *about events* (``source``, ``target``, ``types`` or ``statuses`` given) lists, for
  each hit, the events ``newsgraph events`` would list with those filters; one *about quotes*
  (``speaker`` or ``about``) the quotes ``newsgraph quotes`` would list; such a watch keeps
  only the hits that hold at least one.

:func:`run_watches` reports, for each watch, the entries stored after its ``mark`` and up to
the newest article when the run began; :func:`record_run` then moves the mark there, so the
next run reports only newer articles. :func:`latest_entries` gives a watch's newest matches
whatever its mark (the server's Atom feed). A big span is searched one slice of ingestion
time at a time (:data:`SLICE` articles), newest first.

The mark is an ``ingested_at`` time. With one writer (SQLite, or ``ingest --writers 1``)
articles are committed in that order and none is missed; with several PostgreSQL writers, an
article whose transaction is still open when a run begins may commit under an earlier time
than the mark the run records, and is then not reported.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..errors import WatchError
from .base import Store
from .browse import search_hits
from .filters import Ingested, RowBase, placeholders
from .queries import STATUSES, EventRow, QuoteRow, events, quotes

__all__ = [
    "SLICE",
    "Watch",
    "WatchEntry",
    "WatchReport",
    "delete_watch",
    "get_watch",
    "ingest_time",
    "latest_entries",
    "list_watches",
    "newest_ingested",
    "record_run",
    "run_watches",
    "save_watch",
]

SLICE = 1000
"""Articles searched at once: a span of more is searched slice by slice."""

MAX_NAME = 200
"""The longest watch name."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FILTERS = ("actor", "types", "source", "target", "statuses", "speaker", "about")


@dataclass(frozen=True)
class Watch(RowBase):
    """A saved search: its name, its query and filters, and where its last run stopped."""

    name: str
    query: str
    actor: str | None = None
    types: tuple[str, ...] = ()
    source: str | None = None
    target: str | None = None
    statuses: tuple[str, ...] = ()
    speaker: str | None = None
    about: str | None = None
    created_at: str | None = None
    last_run_at: str | None = None
    mark: str | None = None

    @property
    def about_events(self) -> bool:
        """Whether the watch lists events (it has an event filter)."""
        return bool(self.source or self.target or self.types or self.statuses)

    @property
    def about_quotes(self) -> bool:
        """Whether the watch lists quotes (it has a quote filter)."""
        return bool(self.speaker or self.about)

    def filters(self) -> dict[str, Any]:
        """Return the filters that are set, as ``watches.filters`` keeps them."""
        values = {name: getattr(self, name) for name in _FILTERS}
        return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items() if v}

    def describe(self) -> str:
        """Return the query and filters in one line: ``"summit", type CONSULT, source JPN``."""
        parts = [json.dumps(self.query, ensure_ascii=False)]
        for name, value in self.filters().items():
            shown = ", ".join(value) if isinstance(value, list) else value
            parts.append(f"{name.removesuffix('s') if name != 'statuses' else 'status'} {shown}")
        return ", ".join(parts)


@dataclass(frozen=True)
class WatchEntry(RowBase):
    """An article a watch matched, with the events and quotes it matched there.

    ``snippet`` is the search's (matching words between ``[`` and ``]``); ``ingested_at``
    is when the article was stored, the time a watch's mark is compared with.
    """

    article_id: str
    title: str | None
    published: str | None
    site: str | None
    url: str | None
    source: str | None
    ingested_at: str
    snippet: str
    events: list[EventRow] = field(default_factory=list)
    quotes: list[QuoteRow] = field(default_factory=list)


@dataclass(frozen=True)
class WatchReport(RowBase):
    """What one watch found in a span of ingestion time (``more``: entries left off)."""

    watch: Watch
    window: Ingested
    entries: list[WatchEntry]
    more: int = 0


def _check(watch: Watch) -> None:
    name = watch.name
    if not name.strip() or name != name.strip() or len(name) > MAX_NAME or _CONTROL.search(name):
        raise WatchError(
            f"not a watch name (1 to {MAX_NAME} characters, no control characters, "
            "no spaces at either end)",
            repr(name[:60]) if name else None,
        )
    if not watch.query.strip():
        raise WatchError('the query is empty (give --query "words to search")', name)
    if not re.search(r"\w", watch.query):
        raise WatchError("the query has no word to search (give --query with words)", name)
    unknown = [s for s in watch.statuses if s not in STATUSES]
    if unknown:
        raise WatchError(f"unknown status {unknown[0]!r} (one of {', '.join(STATUSES)})", name)


def save_watch(store: Store, watch: Watch, replace: bool = False) -> Watch:
    """Store ``watch`` under its name and return it as stored (made now, never run).

    Args:
        store: an open store.
        watch: the name, query and filters (its times and mark are ignored).
        replace: overwrite a watch of the same name (its mark too: the new search starts
            from the beginning) instead of refusing.

    Raises:
        WatchError: the name is not one, the query is empty or has no word, a status is
            unknown, or the name is taken and ``replace`` is false.
    """
    _check(watch)
    now = datetime.now(UTC).isoformat()
    types = tuple(t.upper() for t in watch.types)
    saved = dataclasses.replace(watch, types=types, created_at=now, last_run_at=None, mark=None)
    with store.transaction() as tx:
        taken = tx.fetchall("SELECT 1 FROM watches WHERE name = ?", (watch.name,))
        if taken and not replace:
            raise WatchError(
                "a watch of this name exists (overwrite it with --replace)", watch.name
            )
        tx.execute("DELETE FROM watches WHERE name = ?", (watch.name,))
        tx.execute(
            "INSERT INTO watches (name, query, filters, created_at) VALUES (?, ?, ?, ?)",
            (saved.name, saved.query, json.dumps(saved.filters(), sort_keys=True), now),
        )
    return saved


_COLUMNS = "name, query, filters, created_at, last_run_at, mark"


def _watch(row: Sequence[Any]) -> Watch:
    filters = json.loads(row[2])
    return Watch(
        name=row[0],
        query=row[1],
        actor=filters.get("actor"),
        types=tuple(filters.get("types", ())),
        source=filters.get("source"),
        target=filters.get("target"),
        statuses=tuple(filters.get("statuses", ())),
        speaker=filters.get("speaker"),
        about=filters.get("about"),
        created_at=row[3],
        last_run_at=row[4],
        mark=row[5],
    )


def list_watches(store: Store) -> list[Watch]:
    """Return every watch, by name."""
    return [_watch(r) for r in store.fetchall(f"SELECT {_COLUMNS} FROM watches ORDER BY name")]


def get_watch(store: Store, name: str) -> Watch:
    """Return the watch called ``name``.

    Raises:
        WatchError: there is none.
    """
    row = store.fetchone(f"SELECT {_COLUMNS} FROM watches WHERE name = ?", (name,))
    if row is None:
        raise WatchError("no watch of this name (newsgraph watch --list shows them)", name)
    return _watch(row)


def delete_watch(store: Store, name: str) -> None:
    """Delete the watch called ``name``.

    Raises:
        WatchError: there is none.
    """
    with store.transaction() as tx:
        if not tx.execute("DELETE FROM watches WHERE name = ?", (name,)):
            raise WatchError("no watch of this name (newsgraph watch --list shows them)", name)


def ingest_time(value: str) -> str:
    """Return a day or time as ``articles.ingested_at`` compares with it (UTC ISO text).

    A day (``2024-05-01``) stays a day (every time on it compares as later); a time without
    a zone is taken as UTC.

    Raises:
        ValueError: ``value`` is neither.
    """
    text = value.strip()
    moment = datetime.fromisoformat(text)
    if len(text) == len("2024-05-01"):
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def newest_ingested(store: Store) -> str | None:
    """Return the ``ingested_at`` of the article stored last (``None`` for an empty store)."""
    value = store.scalar("SELECT MAX(ingested_at) FROM articles")
    return str(value) if value is not None else None


def run_watches(
    store: Store, watches: Sequence[Watch], since: str | None = None, limit: int | None = None
) -> list[WatchReport]:
    """Return what each watch finds among the articles stored since its last run.

    The span of each is after its mark (everything for a watch never run) up to the newest
    article now; with ``since``, from that day or time (inclusive) instead. Nothing is
    recorded: call :func:`record_run` with each report to move the marks.

    Args:
        store: an open store.
        watches: the watches to run.
        since: look from this ISO day or time (``ingested_at``) instead of each mark.
        limit: list at most this many entries per watch (the newest; ``more`` counts the rest).
    """
    end = newest_ingested(store)
    reports = []
    for watch in watches:
        window = Ingested(start=since, end=end) if since else Ingested(after=watch.mark, end=end)
        found = _entries(store, watch, window) if end is not None else []
        shown = found if limit is None else found[:limit]
        reports.append(WatchReport(watch, window, shown, len(found) - len(shown)))
    return reports


def record_run(store: Store, report: WatchReport) -> None:
    """Record that ``report``'s watch ran: its mark moves to the end of the report's span.

    The mark never moves back, and a watch replaced since the report was made keeps its own.
    """
    watch = report.watch
    marks = [m for m in (watch.mark, report.window.end) if m is not None]
    mark = max(marks) if marks else None
    with store.transaction() as tx:
        tx.execute(
            "UPDATE watches SET mark = ?, last_run_at = ? WHERE name = ? AND created_at = ?",
            (mark, datetime.now(UTC).isoformat(), watch.name, watch.created_at),
        )


def latest_entries(store: Store, watch: Watch, limit: int = 50) -> WatchReport:
    """Return the ``limit`` newest matches of ``watch`` (by storing time), whatever its mark."""
    window = Ingested(end=newest_ingested(store))
    return WatchReport(watch, window, _entries(store, watch, window, limit))


def _entries(
    store: Store, watch: Watch, window: Ingested, limit: int | None = None
) -> list[WatchEntry]:
    """Return the entries of ``watch`` stored in ``window``, newest first (``limit`` of them).

    Slices are searched newest first, so the search stops once ``limit`` are found.
    """
    found: list[WatchEntry] = []
    for part, size in _slices(store, window):
        found += _slice_entries(store, watch, part, size)
        if limit is not None and len(found) >= limit:
            break
    found.sort(key=lambda e: (e.ingested_at, e.published or "", e.article_id), reverse=True)
    return found if limit is None else found[:limit]


def _slices(store: Store, window: Ingested) -> Iterator[tuple[Ingested, int]]:
    """Yield ``window`` cut into slices of about :data:`SLICE` articles, newest first, counted.

    Each slice runs from the time of its oldest article to that of its newest, both
    inclusive, so articles stored at the same time are never split between two.
    """
    before: str | None = None
    size = SLICE
    while True:
        rest = Ingested(window.after, window.start, window.end, before)
        where, params = rest.clause()
        rows = store.fetchall(
            "SELECT a.ingested_at FROM articles a"
            + (f" WHERE {where}" if where else "")
            + " ORDER BY a.ingested_at DESC LIMIT ?",
            [*params, size],
        )
        if not rows:
            return
        part = Ingested(after=window.after, start=rows[-1][0], end=rows[0][0])
        where, params = part.clause()
        yield part, int(store.scalar(f"SELECT COUNT(*) FROM articles a WHERE {where}", params))
        if len(rows) < size:
            return
        before = rows[-1][0]


def _slice_entries(store: Store, watch: Watch, part: Ingested, size: int) -> list[WatchEntry]:
    """Return the entries of ``watch`` among the ``size`` articles stored in ``part``."""
    hits = search_hits(store, watch.query, size, watch.actor, watch.types, ingested=part)
    if not hits:
        return []
    ids = [h.article_id for h in hits]
    found_events: dict[str, list[EventRow]] = defaultdict(list)
    found_quotes: dict[str, list[QuoteRow]] = defaultdict(list)
    if watch.about_events:
        found = events(
            store,
            watch.source,
            watch.target,
            watch.types,
            statuses=watch.statuses,
            article_ids=ids,
        )
        for event in found:
            found_events[event.article_id].append(event)
    if watch.about_quotes:
        for quote in quotes(store, watch.speaker, watch.about, article_ids=ids):
            found_quotes[quote.article_id].append(quote)
    rows = store.fetchall(
        f"SELECT id, source, ingested_at FROM articles WHERE id IN ({placeholders(ids)})", ids
    )
    stored = {row[0]: (row[1], str(row[2])) for row in rows}
    picky = watch.about_events or watch.about_quotes
    return [
        WatchEntry(
            h.article_id,
            h.title,
            h.published,
            h.site,
            h.url,
            *stored[h.article_id],
            h.snippet,
            found_events.get(h.article_id, []),
            found_quotes.get(h.article_id, []),
        )
        for h in hits
        if not picky or h.article_id in found_events or h.article_id in found_quotes
    ]
