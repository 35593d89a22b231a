"""Every read of the store, in one place: the CLI uses these functions, and so will the API.

Each function takes an open :class:`~newsgraph.store.base.Store` and returns plain dataclasses
(each with ``to_dict``) or yields them. Actor arguments accept an id (``JPN``,
``person:stephen-nagy``) or a name as stored (``Japan``, ``Stephen Nagy``, any case).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from .base import Params, Store

__all__ = [
    "ActorCount",
    "DyadEvent",
    "EventRow",
    "QuoteRow",
    "SearchHit",
    "counts",
    "dyad_events",
    "events",
    "get_analysis",
    "quotes",
    "resolve_actor",
    "search",
    "top_actors",
]


class _Row:
    def to_dict(self) -> dict[str, Any]:
        """Return the row as JSON-ready data."""
        return asdict(self)  # type: ignore[call-overload, no-any-return]


@dataclass(frozen=True)
class SearchHit(_Row):
    """An article found by full-text search, with a snippet (matches between ``[`` and ``]``)."""

    article_id: str
    title: str | None
    published: str | None
    site: str | None
    url: str | None
    score: float
    snippet: str


@dataclass(frozen=True)
class QuoteRow(_Row):
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
class EventRow(_Row):
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
class ActorCount(_Row):
    """An actor with the number of articles (or near-duplicate groups) naming it."""

    id: str
    kind: str
    name: str
    country: str | None
    articles: int
    mentions: int


@dataclass(frozen=True)
class DyadEvent(_Row):
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


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(store: Store, text: str, limit: int = 20) -> list[SearchHit]:
    """Return the articles best matching ``text`` (full-text, ranked), with snippets.

    Args:
        store: an open store.
        text: words (all must match), ``"a phrase"``, ``OR``, ``-excluded``.
        limit: the most hits to return.
    """
    sql, params = store.search_sql(text, limit)
    return [
        SearchHit(row[0], row[1], row[2], row[3], row[4], float(row[5]), row[6] or "")
        for row in store.fetchall(sql, params)
    ]


def resolve_actor(store: Store, text: str) -> list[str]:
    """Return the actor ids ``text`` names: itself if it is an id, else actors of that name.

    An unknown id-like text (``USA``, ``person:x``) is returned as is, so filters on it simply
    match nothing yet.
    """
    rows = store.fetchall(
        "SELECT id FROM actors WHERE id = ? OR LOWER(name) = ? ORDER BY id", (text, text.lower())
    )
    ids = [row[0] for row in rows]
    if text.upper() == text and len(text) == 3 and text not in ids:
        ids.append(text)
    return ids or [text]


def quotes(
    store: Store,
    speaker: str | None = None,
    about: str | None = None,
    limit: int | None = None,
) -> Iterator[QuoteRow]:
    """Yield stored quotes, newest article first.

    Args:
        store: an open store.
        speaker: part of the speaker's name, or a speaker actor id.
        about: an actor (id or name) mentioned inside the quote.
        limit: the most quotes to yield.
    """
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        where.append(
            "(q.speaker_actor = ? OR LOWER(COALESCE(q.speaker_name, '')) LIKE ? ESCAPE '\\')"
        )
        params += [speaker, _like(speaker)]
    if about:
        ids = resolve_actor(store, about)
        where.append(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = q.article_id "
            f"AND m.actor_id IN ({_placeholders(ids)}) "
            "AND m.start_char >= q.start_char AND m.end_char <= q.end_char)"
        )
        params += ids
    sql = (
        "SELECT q.article_id, q.seq, q.kind, q.text, q.start_char, q.end_char, q.speaker_actor, "
        "q.speaker_name, q.speaker_text, q.cue_text, q.confidence, a.title, a.published "
        "FROM quotes q JOIN articles a ON a.id = q.article_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.seq"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    for row in store.stream(sql, params):
        yield QuoteRow(*row)


def _side_clause(side: str, ids: list[str]) -> str:
    return (
        "EXISTS (SELECT 1 FROM event_actors x WHERE x.article_id = e.article_id "
        f"AND x.event_seq = e.seq AND x.side = '{side}' AND x.actor IN ({_placeholders(ids)}))"
    )


def events(
    store: Store,
    source: str | None = None,
    target: str | None = None,
    types: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    statuses: Sequence[str] = (),
    limit: int | None = None,
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
    """
    where: list[str] = []
    params: list[Any] = []
    source_ids = resolve_actor(store, source) if source else []
    target_ids = resolve_actor(store, target) if target else []
    if source_ids:
        where.append(_side_clause("source", source_ids))
        params += source_ids
    if target_ids and source_ids:
        where.append(
            f"({_side_clause('target', target_ids)} OR (e.target = '[]' "
            f"AND e.target_ids = '[]' AND {_side_clause('source', target_ids)}))"
        )
        params += target_ids * 2
    elif target_ids:
        where.append(_side_clause("target", target_ids))
        params += target_ids
    if types:
        where.append(f"e.type IN ({_placeholders(types)})")
        params += [t.upper() for t in types]
    if statuses:
        where.append(f"e.status IN ({_placeholders(statuses)})")
        params += list(statuses)
    if since:
        where.append("e.day >= ?")
        params.append(since)
    if until:
        where.append("e.day <= ?")
        params.append(until)
    sql = (
        "SELECT e.article_id, e.seq, e.type, e.mode, e.source, e.target, e.source_ids, "
        "e.target_ids, e.date, e.status, e.quad, e.intensity, e.confidence, e.attribution, "
        "e.location, e.evidence_start, e.evidence_end, e.evidence_text, a.title, a.published "
        "FROM events e JOIN articles a ON a.id = e.article_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY e.day IS NULL, e.day, e.article_id, e.seq"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    for row in store.stream(sql, params):
        values = list(row)
        for i in (4, 5, 6, 7):
            values[i] = json.loads(values[i])
        yield EventRow(*values)


def top_actors(
    store: Store, top: int = 20, kind: str | None = None, dedupe: bool = False
) -> list[ActorCount]:
    """Return the actors named in the most articles.

    Args:
        store: an open store.
        top: how many to return.
        kind: only actors of this kind (``country``, ``person``, ``organization``, ``place``).
        dedupe: count near-duplicate articles (one ``group_id``) once.
    """
    unit = "COALESCE(ar.group_id, ar.id)" if dedupe else "aa.article_id"
    sql = (
        f"SELECT ac.id, ac.kind, ac.name, ac.country, COUNT(DISTINCT {unit}) AS n, "
        "SUM(aa.n_mentions) FROM article_actors aa JOIN actors ac ON ac.id = aa.actor_id "
        "JOIN articles ar ON ar.id = aa.article_id"
        + (" WHERE ac.kind = ?" if kind else "")
        + " GROUP BY ac.id, ac.kind, ac.name, ac.country ORDER BY n DESC, ac.id LIMIT ?"
    )
    params: Params = (kind, top) if kind else (top,)
    return [
        ActorCount(row[0], row[1], row[2], row[3], int(row[4]), int(row[5] or 0))
        for row in store.fetchall(sql, params)
    ]


def dyad_events(
    store: Store, a: str, b: str, statuses: Sequence[str] = ("occurred",)
) -> Iterator[DyadEvent]:
    """Yield the events between ``a`` and ``b``, in both directions, and reciprocal ones.

    An event belongs to the dyad when one side names ``a`` and the other ``b``, or when its
    source lists both and it has no target. ``day`` is the event's first day, or the
    article's publication date when the event has none; ``group`` is the article's
    near-duplicate group (its id when ungrouped).
    """
    ids_a, ids_b = resolve_actor(store, a), resolve_actor(store, b)
    sql = (
        "SELECT COALESCE(ar.group_id, ar.id), e.article_id, e.seq, COALESCE(e.day, ar.published), "
        "e.type, e.quad, e.intensity, e.source, e.target, e.source_ids, e.target_ids "
        "FROM events e JOIN articles ar ON ar.id = e.article_id "
        f"WHERE e.status IN ({_placeholders(statuses)}) AND "
        + _any_side(ids_a)
        + " AND "
        + _any_side(ids_b)
        + " ORDER BY e.article_id, e.seq"
    )
    set_a, set_b = set(ids_a), set(ids_b)
    for row in store.stream(sql, [*statuses, *ids_a, *ids_b]):
        group, article_id, seq, day, etype, quad, intensity = row[:7]
        source = json.loads(row[7]) + json.loads(row[9])
        target = json.loads(row[8]) + json.loads(row[10])
        src, tgt = set(source), set(target)
        if (
            (src & set_a and tgt & set_b)
            or (src & set_b and tgt & set_a)
            or (not tgt and src & set_a and src & set_b)
        ):
            yield DyadEvent(group, article_id, seq, day, etype, quad, intensity, source, target)


def _any_side(ids: list[str]) -> str:
    return (
        "EXISTS (SELECT 1 FROM event_actors x WHERE x.article_id = e.article_id "
        f"AND x.event_seq = e.seq AND x.actor IN ({_placeholders(ids)}))"
    )


def get_analysis(store: Store, article_id: str) -> dict[str, Any] | None:
    """Return the stored analysis document of one article, or ``None``."""
    text = store.scalar("SELECT analysis FROM articles WHERE id = ?", (article_id,))
    return json.loads(text) if text is not None else None


def counts(store: Store) -> dict[str, int]:
    """Return the number of rows of each newsgraph table."""
    tables = ["articles", "actors", "mentions", "dates", "quotes", "events"]
    return {t: int(store.scalar(f"SELECT COUNT(*) FROM {t}") or 0) for t in tables}
