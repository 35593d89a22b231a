"""The questions asked of the store: actors ranked, quotes, events, dyads, search.

The read layer is this module and :mod:`newsgraph.store.browse`, one function per question,
and the CLI, the REST API and the pages all call the same one (``newsgraph actors``,
``/api/actors`` and ``/actors`` all rank through :func:`top_actors`). The rule between the
two: this module answers questions about facts (which actors, quotes, events, in what
numbers); :mod:`~newsgraph.store.browse` gives the listings a reader clicks through (the
articles, an actor's roles and neighbours, the network, the corpus figures) and builds on
this module, never the other way. Lists are paged with ``limit``/``offset``, never cut.

Each function takes an open :class:`~newsgraph.store.base.Store` and returns plain dataclasses
(each with ``to_dict``) or yields them. Actor arguments accept an id (``JPN``,
``person:maria-lopez``) or a name as stored (``Japan``, ``Maria Lopez``, any case); a person
also matches the surname-only and titled ids of the same person in other articles
(``person:yoon`` for ``person:yoon-suk-yeol``, see :mod:`newsgraph.store.aliases`).

Counts can be taken once per near-duplicate group (``dedupe``): syndicated copies of one
story (one ``articles.group_id``) then count as one article.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from .aliases import actor_aliases
from .base import Store
from .corpus import CorpusEventRow, CorpusMention, corpus_events
from .filters import (
    Ingested,
    RowBase,
    any_side,
    event_filters,
    like,
    placeholders,
    resolve_actor,
)

__all__ = [
    "EVENT_COLUMNS",
    "QUOTE_COLUMNS",
    "STATUSES",
    "ActorCount",
    "CorpusEventRow",
    "CorpusMention",
    "DyadEvent",
    "EventRow",
    "QuoteRow",
    "SearchHit",
    "actor_aliases",
    "actor_info",
    "actors_sql",
    "corpus_events",
    "count_actors",
    "count_dyad_events",
    "counts",
    "dyad_event_rows",
    "dyad_event_tuples",
    "dyad_events",
    "events",
    "events_sql",
    "get_analysis",
    "quotes",
    "quotes_sql",
    "resolve_actor",
    "search",
    "stored_urls",
    "top_actors",
]


@dataclass(frozen=True)
class SearchHit(RowBase):
    """An article found by full-text search, with a snippet (matches between ``[`` and ``]``)."""

    article_id: str
    title: str | None
    published: str | None
    site: str | None
    url: str | None
    score: float
    snippet: str


@dataclass(frozen=True)
class QuoteRow(RowBase):
    """A stored quote with its speaker, cue and article."""

    article_id: str
    seq: int
    kind: str
    text: str
    start: int
    end: int
    speaker_actor: str | None
    speaker_name: str | None
    speaker_text: str | None
    cue: str | None
    confidence: float | None
    title: str | None
    published: str | None


@dataclass(frozen=True)
class EventRow(RowBase):
    """A stored event with its actors, date, evidence and article."""

    article_id: str
    seq: int
    type: str
    mode: str | None
    source: list[str]
    target: list[str]
    source_ids: list[str]
    target_ids: list[str]
    date: str | None
    status: str
    quad: str | None
    intensity: float | None
    confidence: float | None
    attribution: str
    location: str | None
    evidence_start: int
    evidence_end: int
    evidence_text: str
    title: str | None
    published: str | None


@dataclass(frozen=True)
class ActorCount(RowBase):
    """An actor with the number of articles (or near-duplicate groups) naming it."""

    id: str
    kind: str
    name: str
    country: str | None
    articles: int
    mentions: int
    sector: str | None = None


@dataclass(frozen=True)
class DyadEvent(RowBase):
    """An event between two actors, as the dyad series counts it."""

    group: str
    article_id: str
    seq: int
    day: str | None
    type: str
    quad: str | None
    intensity: float | None
    source: list[str]
    target: list[str]


def search(
    store: Store, text: str, limit: int = 20, ingested: Ingested | None = None
) -> list[SearchHit]:
    """Return the articles best matching ``text`` (full-text, ranked), with snippets.

    Args:
        store: an open store.
        text: words (all must match), ``"a phrase"``, ``OR``, ``-excluded``.
        limit: the most hits to return.
        ingested: only articles stored in this span of time (saved searches use it).
    """
    where, where_params = ingested.clause() if ingested else ("", [])
    sql, params = store.search_sql(text, limit, where, where_params)
    return [
        SearchHit(row[0], row[1], row[2], row[3], row[4], float(row[5]), row[6] or "")
        for row in store.fetchall(sql, params)
    ]


def stored_urls(store: Store, urls: Sequence[str]) -> set[str]:
    """Return those of ``urls`` that an article was stored from (its source) or under (its URL).

    Feeds use it to fetch only the items not stored yet.
    """
    found: set[str] = set()
    unique = list(dict.fromkeys(urls))
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        marks = placeholders(chunk)
        rows = store.fetchall(
            f"SELECT source FROM articles WHERE source IN ({marks}) "
            f"UNION SELECT url FROM articles WHERE url IN ({marks})",
            [*chunk, *chunk],
        )
        found.update(row[0] for row in rows)
    return found


QUOTE_COLUMNS = (
    "q.article_id, q.seq, q.kind, q.text, q.start_char, q.end_char, q.speaker_actor, "
    "q.speaker_name, q.speaker_text, q.cue_text, q.confidence, a.title, a.published"
)
"""The columns of :class:`QuoteRow`, in its order (``q``: quotes, ``a``: articles)."""


def quotes(
    store: Store,
    speaker: str | None = None,
    about: str | Sequence[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
    article_ids: Sequence[str] | None = None,
) -> Iterator[QuoteRow]:
    """Yield stored quotes, newest article first.

    Args:
        store: an open store.
        speaker: part of the speaker's name, or a speaker actor id or full name (which also
            finds the quotes whose speaker an article named only by surname or title).
        about: an actor (id or name) mentioned inside the quote, or several that must all be.
        limit: the most quotes to yield.
        offset: how many to skip first (paging).
        article_ids: only the quotes of these articles (saved searches use it).
    """
    sql, params = quotes_sql(store, speaker, about, limit, offset, article_ids=article_ids)
    for row in store.stream(sql, params):
        yield QuoteRow(*row)


def quotes_sql(
    store: Store,
    speaker: str | None = None,
    about: str | Sequence[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
    columns: str = QUOTE_COLUMNS,
    article_ids: Sequence[str] | None = None,
) -> tuple[str, list[Any]]:
    """Return the query of :func:`quotes` (and its parameters), selecting ``columns``.

    The one definition of which quotes the filters keep and in what order: :func:`quotes`
    runs it for its rows, the corpus DataFrames (:mod:`newsgraph.frames`) with more columns.
    """
    where: list[str] = []
    params: list[Any] = []
    if article_ids is not None:
        where.append(f"q.article_id IN ({placeholders(article_ids) or 'NULL'})")
        params += list(article_ids)
    if speaker:
        ids = resolve_actor(store, speaker)
        where.append(
            f"(q.speaker_actor IN ({placeholders(ids)}) "
            "OR LOWER(COALESCE(q.speaker_name, '')) LIKE ? ESCAPE '\\')"
        )
        params += [*ids, like(speaker)]
    for actor in [about] if isinstance(about, str) else about or ():
        ids = resolve_actor(store, actor)
        where.append(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = q.article_id "
            f"AND m.actor_id IN ({placeholders(ids)}) "
            "AND m.start_char >= q.start_char AND m.end_char <= q.end_char)"
        )
        params += ids
    sql = (
        f"SELECT {columns} FROM quotes q JOIN articles a ON a.id = q.article_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.seq"
    )
    return _paged(sql, params, limit, offset)


def _paged(sql: str, params: list[Any], limit: int | None, offset: int) -> tuple[str, list[Any]]:
    """Return ``sql`` and ``params`` with the ``LIMIT``/``OFFSET`` of one page.

    No ``limit`` means every row from ``offset`` on (SQLite allows no ``OFFSET`` without a
    ``LIMIT``, so a limit beyond any table stands in).
    """
    if limit is None and not offset:
        return sql, params
    return sql + " LIMIT ? OFFSET ?", [*params, 2**62 if limit is None else limit, offset]


EVENT_COLUMNS = (
    "e.article_id, e.seq, e.type, e.mode, e.source, e.target, e.source_ids, "
    "e.target_ids, e.date, e.status, e.quad, e.intensity, e.confidence, e.attribution, "
    "e.location, e.evidence_start, e.evidence_end, e.evidence_text, a.title, a.published"
)
"""The columns of :class:`EventRow`, in its order (``e``: events, ``a``: articles)."""


def events(
    store: Store,
    source: str | None = None,
    target: str | None = None,
    types: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    statuses: Sequence[str] = (),
    limit: int | None = None,
    dedupe: bool = False,
    offset: int = 0,
    article_ids: Sequence[str] | None = None,
) -> Iterator[EventRow]:
    """Yield stored events, oldest first, filtered by actors, type, date and status.

    With both ``source`` and ``target``, reciprocal events that list both in ``source`` (and
    have no target: "Japan and South Korea held talks") are included.

    Args:
        store: an open store.
        source: an actor (code, id or name) on the source side.
        target: an actor on the target side.
        types: PLOVER types to keep (any of them).
        since: the first day (``YYYY-MM-DD``, inclusive).
        until: the last day (inclusive).
        statuses: statuses to keep (``occurred``, ``expected``, ``hypothetical``, ``negated``).
        limit: the most events to yield.
        dedupe: yield an event told by several near-duplicate articles once (the one of the
            first article by id): same group, type, status, day and actors.
        offset: how many to skip first (paging).
        article_ids: only the events of these articles (saved searches use it).
    """
    sql, params = events_sql(
        store,
        source,
        target,
        types,
        since,
        until,
        statuses,
        limit,
        dedupe,
        offset,
        article_ids=article_ids,
    )
    for row in store.stream(sql, params):
        yield _event_row(row)


def events_sql(
    store: Store,
    source: str | None = None,
    target: str | None = None,
    types: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    statuses: Sequence[str] = (),
    limit: int | None = None,
    dedupe: bool = False,
    offset: int = 0,
    columns: str = EVENT_COLUMNS,
    article_ids: Sequence[str] | None = None,
) -> tuple[str, list[Any]]:
    """Return the query of :func:`events` (and its parameters), selecting ``columns``.

    The one definition of which events the filters keep and in what order: :func:`events`
    runs it for its rows, the corpus DataFrames (:mod:`newsgraph.frames`) with more columns.
    ``columns`` are ``e.name`` or ``a.name`` items, each name once.
    """
    where, params = event_filters(store, source, target, types, statuses)
    if article_ids is not None:
        where.append(f"e.article_id IN ({placeholders(article_ids) or 'NULL'})")
        params += list(article_ids)
    if since:
        where.append("e.day >= ?")
        params.append(since)
    if until:
        where.append("e.day <= ?")
        params.append(until)
    condition = " WHERE " + " AND ".join(where) if where else ""
    rows = f"FROM events e JOIN articles a ON a.id = e.article_id{condition}"
    if dedupe:
        rank = (
            "ROW_NUMBER() OVER (PARTITION BY COALESCE(a.group_id, a.id), e.type, e.status, "
            "e.day, e.source, e.target, e.source_ids, e.target_ids "
            "ORDER BY e.article_id, e.seq)"
        )
        names = [c.split(".")[1] for c in columns.split(", ")]
        day = "" if "day" in names else ", e.day AS day"
        inner = f"SELECT {columns}{day}, {rank} AS nth {rows}"
        sql = f"SELECT {', '.join(names)} FROM ({inner}) e WHERE e.nth = 1"
    else:
        sql = f"SELECT {columns} {rows}"
    sql += " ORDER BY e.day IS NULL, e.day, e.article_id, e.seq"
    return _paged(sql, params, limit, offset)


def _event_row(row: Sequence[Any]) -> EventRow:
    values = list(row)
    for i in (4, 5, 6, 7):
        values[i] = json.loads(values[i])
    return EventRow(*values)


def _actor_ranking(
    store: Store, kind: str | None, name: str | None, dedupe: bool
) -> tuple[str, list[Any]]:
    """Return the SQL (and parameters) of every actor with its article and mention counts.

    The one definition of "how often an actor is named", shared by :func:`top_actors`,
    :func:`count_actors` and :func:`actor_info`: a person's variant ids count as the person,
    and with ``dedupe`` an article's near-duplicates count once.
    """
    unit = "COALESCE(ar.group_id, ar.id)" if dedupe else "aa.article_id"
    aliases = actor_aliases(store) if kind in (None, "person") else {}
    params: list[Any] = []
    if aliases:
        values = ", ".join("(?, ?)" for _ in aliases)
        cte = f"WITH aliases (alias, canonical) AS (VALUES {values}) "
        params += [v for pair in sorted(aliases.items()) for v in pair]
        actor = "COALESCE(al.canonical, aa.actor_id)"
        join = " LEFT JOIN aliases al ON al.alias = aa.actor_id"
    else:
        cte, actor, join = "", "aa.actor_id", ""
    where: list[str] = []
    if kind:
        where.append("ac.kind = ?")
        params.append(kind)
    if name:
        where.append("(LOWER(ac.name) LIKE ? ESCAPE '\\' OR LOWER(ac.id) LIKE ? ESCAPE '\\')")
        params += [like(name)] * 2
    sql = (
        f"{cte}SELECT ac.id, ac.kind, ac.name, ac.country, ac.sector, c.n, c.mentions FROM ("
        f"SELECT {actor} AS actor, COUNT(DISTINCT {unit}) AS n, SUM(aa.n_mentions) AS mentions "
        f"FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id{join} "
        f"GROUP BY {actor}) c JOIN actors ac ON ac.id = c.actor"
        + (" WHERE " + " AND ".join(where) if where else "")
    )
    return sql, params


def _actor_count(row: Sequence[Any]) -> ActorCount:
    return ActorCount(row[0], row[1], row[2], row[3], int(row[5]), int(row[6] or 0), row[4])


def actors_sql(
    store: Store,
    top: int | None = 20,
    kind: str | None = None,
    dedupe: bool = False,
    offset: int = 0,
    name: str | None = None,
) -> tuple[str, list[Any]]:
    """Return the query of :func:`top_actors` (and its parameters); ``top=None``: all of them.

    Its rows are ``(id, kind, name, country, sector, articles, mentions)``, most named first.
    """
    sql, params = _actor_ranking(store, kind, name, dedupe)
    return _paged(sql + " ORDER BY c.n DESC, ac.id", params, top, offset)


def top_actors(
    store: Store,
    top: int = 20,
    kind: str | None = None,
    dedupe: bool = False,
    offset: int = 0,
    name: str | None = None,
) -> list[ActorCount]:
    """Return the actors named in the most articles (a page of them).

    A person's surname-only and titled ids count as the person (see
    :mod:`newsgraph.store.aliases`): an article naming "Yoon" counts for Yoon Suk Yeol.
    The CLI (``newsgraph actors``), the API (``/api/actors``) and the pages (``/actors``)
    all rank actors with this function.

    Args:
        store: an open store.
        top: how many to return.
        kind: only actors of this kind (``country``, ``person``, ``organization``, ``place``).
        dedupe: count near-duplicate articles (one ``group_id``) once.
        offset: how many of the ranking to skip first (paging).
        name: only actors whose name or id contains this text (any case).
    """
    sql, params = actors_sql(store, top, kind, dedupe, offset, name)
    return [_actor_count(row) for row in store.fetchall(sql, params)]


def count_actors(store: Store, kind: str | None = None, name: str | None = None) -> int:
    """Return how many actors :func:`top_actors` ranks (with the same filters), all pages."""
    sql, params = _actor_ranking(store, kind, name, False)
    return int(store.scalar(f"SELECT COUNT(*) FROM ({sql}) ranked", params) or 0)


def actor_info(store: Store, actor_id: str, dedupe: bool = True) -> ActorCount | None:
    """Return one actor with its counts as :func:`top_actors` gives them, or ``None``.

    A person's variant id (``person:yoon``), which the ranking counts under the full name,
    gets the counts of its own articles.
    """
    sql, params = _actor_ranking(store, None, None, dedupe)
    row = store.fetchone(f"{sql} WHERE ac.id = ?", [*params, actor_id])
    if row is None:
        unit = "COALESCE(ar.group_id, ar.id)" if dedupe else "aa.article_id"
        row = store.fetchone(
            f"SELECT ac.id, ac.kind, ac.name, ac.country, ac.sector, COUNT(DISTINCT {unit}), "
            "SUM(aa.n_mentions) FROM actors ac JOIN article_actors aa ON aa.actor_id = ac.id "
            "JOIN articles ar ON ar.id = aa.article_id WHERE ac.id = ? "
            "GROUP BY ac.id, ac.kind, ac.name, ac.country, ac.sector",
            (actor_id,),
        )
    return _actor_count(row) if row else None


STATUSES = ("occurred", "expected", "hypothetical", "negated")
"""Every event status."""


_DYAD_ORDER = "e.day IS NULL, e.day, e.article_id, e.seq"


def _dyad_rows(
    store: Store,
    a: str,
    b: str,
    statuses: Sequence[str],
    order: str,
    columns: str = EVENT_COLUMNS,
) -> Iterator[tuple[Sequence[Any], list[str], list[str]]]:
    """Yield ``(row, source, target)`` for each event of the dyad (see :func:`dyad_events`).

    ``row`` holds ``columns`` (which begin with ``EVENT_COLUMNS``) then the article's group
    and the event's day (its own, else the article's publication); ``source`` and ``target``
    join codes and ids.
    """
    ids_a, ids_b = resolve_actor(store, a), resolve_actor(store, b)
    sql = (
        f"SELECT {columns}, COALESCE(a.group_id, a.id), COALESCE(e.day, a.published) "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        f"WHERE e.status IN ({placeholders(statuses)}) AND "
        + any_side(ids_a)
        + " AND "
        + any_side(ids_b)
        + f" ORDER BY {order}"
    )
    set_a, set_b = set(ids_a), set(ids_b)
    for row in store.stream(sql, [*statuses, *ids_a, *ids_b]):
        source = json.loads(row[4]) + json.loads(row[6])
        target = json.loads(row[5]) + json.loads(row[7])
        src, tgt = set(source), set(target)
        if (
            (src & set_a and tgt & set_b)
            or (src & set_b and tgt & set_a)
            or (not tgt and src & set_a and src & set_b)
        ):
            yield row, source, target


def dyad_events(
    store: Store, a: str, b: str, statuses: Sequence[str] = ("occurred",)
) -> Iterator[DyadEvent]:
    """Yield the events between ``a`` and ``b``, in both directions, and reciprocal ones.

    An event belongs to the dyad when one side names ``a`` and the other ``b``, or when its
    source lists both and it has no target. ``day`` is the event's first day, or the
    article's publication date when the event has none; ``group`` is the article's
    near-duplicate group (its id when ungrouped).
    """
    for row, source, target in _dyad_rows(store, a, b, statuses, "e.article_id, e.seq"):
        yield DyadEvent(row[-2], row[0], row[1], row[-1], row[2], row[10], row[11], source, target)


def dyad_event_rows(
    store: Store,
    a: str,
    b: str,
    statuses: Sequence[str] = STATUSES,
    limit: int | None = None,
    offset: int = 0,
) -> list[EventRow]:
    """Return the events of the dyad ``a``–``b`` (as :func:`dyad_events` selects them) in full.

    With evidence and article, ordered by day (undated last); a page of them with ``limit``
    and ``offset``. The dyad page and ``/api/dyads/{a}/{b}/events`` list these.
    """
    end = None if limit is None else offset + limit
    return [
        _event_row(row) for row in islice(dyad_event_tuples(store, a, b, statuses), offset, end)
    ]


def dyad_event_tuples(
    store: Store,
    a: str,
    b: str,
    statuses: Sequence[str] = STATUSES,
    columns: str = EVENT_COLUMNS,
) -> Iterator[Sequence[Any]]:
    """Yield the events :func:`dyad_event_rows` lists, streamed, as rows of ``columns``.

    ``columns`` begin with ``EVENT_COLUMNS`` (more may follow); the corpus DataFrames
    (:mod:`newsgraph.frames`) read the dyad's events through this.
    """
    width = len(columns.split(", "))
    for row, _, _ in _dyad_rows(store, a, b, statuses, _DYAD_ORDER, columns):
        yield row[:width]


def count_dyad_events(store: Store, a: str, b: str, statuses: Sequence[str] = STATUSES) -> int:
    """Return how many events :func:`dyad_event_rows` lists, all pages."""
    return sum(1 for _ in _dyad_rows(store, a, b, statuses, "e.article_id, e.seq"))


def get_analysis(store: Store, article_id: str) -> dict[str, Any] | None:
    """Return the stored analysis document of one article, or ``None``."""
    text = store.scalar("SELECT analysis FROM articles WHERE id = ?", (article_id,))
    return json.loads(text) if text is not None else None


def counts(store: Store) -> dict[str, int]:
    """Return the number of rows of each newsgraph table."""
    tables = ["articles", "actors", "mentions", "dates", "quotes", "events"]
    return {t: int(store.scalar(f"SELECT COUNT(*) FROM {t}") or 0) for t in tables}
