"""Reads for browsing the corpus: article lists, an actor's roles and neighbours, the network.

Part of the one read layer (with :mod:`newsgraph.store.queries`): the CLI, the web app and the
REST API read the store only through these two modules. The rule between them: questions
about facts (actors ranked, quotes, events, dyads, search) are answered in
:mod:`~newsgraph.store.queries`; this module gives the listings a reader clicks through and
builds on it (never the other way). Each function takes an open
:class:`~newsgraph.store.base.Store` and returns plain dataclasses with ``to_dict``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .base import Store
from .filters import Ingested, RowBase
from .queries import EventRow, SearchHit, _paged, events, resolve_actor, search

__all__ = [
    "ARTICLE_COLUMNS",
    "ArticleRow",
    "CoActor",
    "Network",
    "RoleRow",
    "actor_roles",
    "articles",
    "articles_sql",
    "busiest_pairs",
    "co_actors",
    "count_articles",
    "event_types",
    "figures",
    "filter_articles",
    "network",
    "search_hits",
]


@dataclass(frozen=True)
class ArticleRow(RowBase):
    """A stored article as a list shows it: metadata and how many quotes and events it has."""

    id: str
    title: str | None
    published: str | None
    site: str | None
    url: str | None
    authors: list[str]
    quotes: int
    events: int


@dataclass(frozen=True)
class RoleRow(RowBase):
    """A role an actor held in one article, dated by the article's publication."""

    title: str | None
    organization: str | None
    country: str | None
    article_id: str
    published: str | None


@dataclass(frozen=True)
class CoActor(RowBase):
    """An actor named in the same articles as another, with how many articles they share."""

    id: str
    kind: str
    name: str
    articles: int


@dataclass
class Network:
    """The actor network: actors as nodes, events grouped by (source, target, quad) as edges."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the network as JSON-ready data."""
        return {"nodes": self.nodes, "edges": self.edges}


def _article_where(
    store: Store,
    since: str | None,
    until: str | None,
    site: str | None,
    actor: str | None,
) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        # Before the next day: an article published at a time on the last day is kept.
        where.append("a.published < ?")
        params.append(_next_day(until))
    if site:
        where.append("LOWER(COALESCE(a.site, '')) = ?")
        params.append(site.lower())
    if actor:
        ids = resolve_actor(store, actor)
        where.append(
            "EXISTS (SELECT 1 FROM article_actors aa WHERE aa.article_id = a.id "
            f"AND aa.actor_id IN ({', '.join('?' * len(ids))}))"
        )
        params += ids
    return (" WHERE " + " AND ".join(where) if where else ""), params


def _next_day(day: str) -> str:
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=1)).isoformat()
    except ValueError:
        return day


ARTICLE_COLUMNS = (
    "a.id, a.title, a.published, a.site, a.url, a.authors, "
    "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id), "
    "(SELECT COUNT(*) FROM events e WHERE e.article_id = a.id)"
)
"""The columns of :class:`ArticleRow`, in its order (``a``: articles)."""


def articles(
    store: Store,
    limit: int = 20,
    offset: int = 0,
    since: str | None = None,
    until: str | None = None,
    site: str | None = None,
    actor: str | None = None,
) -> list[ArticleRow]:
    """Return stored articles, newest first.

    Args:
        store: an open store.
        limit: the most articles to return.
        offset: how many to skip first.
        since: published on or after this day (``YYYY-MM-DD``).
        until: published on or before this day.
        site: only articles of this site (any case).
        actor: only articles naming this actor (id or name).
    """
    sql, params = articles_sql(store, limit, offset, since, until, site, actor)
    return [
        ArticleRow(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), int(r[6]), int(r[7]))
        for r in store.fetchall(sql, params)
    ]


def articles_sql(
    store: Store,
    limit: int | None = 20,
    offset: int = 0,
    since: str | None = None,
    until: str | None = None,
    site: str | None = None,
    actor: str | None = None,
    columns: str = ARTICLE_COLUMNS,
) -> tuple[str, list[Any]]:
    """Return the query of :func:`articles` (and its parameters), selecting ``columns``.

    ``limit=None`` lists them all. The corpus DataFrames (:mod:`newsgraph.frames`) run it
    with more columns.
    """
    where, params = _article_where(store, since, until, site, actor)
    sql = (
        f"SELECT {columns} FROM articles a{where} "
        "ORDER BY a.published IS NULL, a.published DESC, a.id"
    )
    return _paged(sql, params, limit, offset)


def count_articles(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    site: str | None = None,
    actor: str | None = None,
) -> int:
    """Return how many stored articles :func:`articles` would list without a limit."""
    where, params = _article_where(store, since, until, site, actor)
    return int(store.scalar(f"SELECT COUNT(*) FROM articles a{where}", params) or 0)


def actor_roles(store: Store, actor_id: str) -> list[RoleRow]:
    """Return the roles an actor held, article by article, oldest article first."""
    rows = store.fetchall(
        "SELECT aa.roles, a.id, a.published FROM article_actors aa "
        "JOIN articles a ON a.id = aa.article_id WHERE aa.actor_id = ? "
        "ORDER BY a.published IS NULL, a.published, a.id",
        (actor_id,),
    )
    return [
        RoleRow(role.get("title"), role.get("organization"), role.get("country"), aid, published)
        for text, aid, published in rows
        for role in json.loads(text)
    ]


def co_actors(store: Store, actor_id: str, top: int = 20) -> list[CoActor]:
    """Return the actors named in the most articles that also name ``actor_id``."""
    rows = store.fetchall(
        "SELECT ac.id, ac.kind, ac.name, COUNT(*) AS n FROM article_actors mine "
        "JOIN article_actors other ON other.article_id = mine.article_id "
        "AND other.actor_id <> mine.actor_id JOIN actors ac ON ac.id = other.actor_id "
        "WHERE mine.actor_id = ? GROUP BY ac.id, ac.kind, ac.name "
        "ORDER BY n DESC, ac.id LIMIT ?",
        (actor_id, top),
    )
    return [CoActor(r[0], r[1], r[2], int(r[3])) for r in rows]


def filter_articles(
    store: Store,
    ids: Iterable[str],
    actor: str | None = None,
    types: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
) -> set[str]:
    """Return the articles among ``ids`` that pass every filter given.

    The filters keep articles naming ``actor``, with an event of one of ``types``, published
    between ``since`` and ``until``.
    """
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return set()
    where, params = _article_where(store, since, until, None, actor)
    clauses = [where[len(" WHERE ") :]] if where else []
    clauses.append(f"a.id IN ({', '.join('?' * len(wanted))})")
    params += wanted
    if types:
        # ``e.type || ''``: the article's events are found by its key, not every event of the
        # type (SQLite would otherwise take the type index: 1.4 s for 1,000 hits among 10,000
        # events of one type, against 0.04 s).
        clauses.append(
            "EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id "
            f"AND (e.type || '') IN ({', '.join('?' * len(types))}))"
        )
        params += [t.upper() for t in types]
    rows = store.fetchall("SELECT a.id FROM articles a WHERE " + " AND ".join(clauses), params)
    return {r[0] for r in rows}


def search_hits(
    store: Store,
    text: str,
    depth: int,
    actor: str | None = None,
    types: Iterable[str] = (),
    since: str | None = None,
    until: str | None = None,
    ingested: Ingested | None = None,
) -> list[SearchHit]:
    """Return the best ``depth`` hits of ``text`` (ranked) that pass the filters.

    The filters keep articles naming ``actor``, with an event of one of ``types``, published
    between ``since`` and ``until`` (see :func:`filter_articles`). The search API and the
    search page both list these; saved searches (:mod:`newsgraph.store.watches`) too, only
    among the articles ``ingested`` in a span of time.
    """
    hits = search(store, text, depth, ingested)
    types = list(types)
    if actor or types or since or until:
        keep = filter_articles(store, (h.article_id for h in hits), actor, types, since, until)
        hits = [h for h in hits if h.article_id in keep]
    return hits


def figures(store: Store) -> dict[str, Any]:
    """Return the corpus in figures: rows per table and the first and last publication days."""
    row = store.fetchone("SELECT MIN(published), MAX(published), COUNT(*) FROM articles")
    first, last, count = row if row else (None, None, 0)
    result: dict[str, Any] = {"articles": int(count or 0)}
    for table in ("actors", "quotes", "events"):
        result[table] = int(store.scalar(f"SELECT COUNT(*) FROM {table}") or 0)
    result["first_published"] = first
    result["last_published"] = last
    return result


def event_types(store: Store) -> list[str]:
    """Return the PLOVER types of the stored events, in alphabetical order."""
    return [r[0] for r in store.fetchall("SELECT DISTINCT type FROM events ORDER BY type")]


def _ends(codes: list[str], ids: list[str]) -> list[str]:
    return codes or ids


def network(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    types: Sequence[str] = (),
    statuses: Sequence[str] = ("occurred",),
    limit: int | None = None,
) -> Network:
    """Return the actor network of the events matching the filters.

    Each side of an event is its country codes, or its person/organisation ids when it has
    none; a reciprocal event (no target) joins every pair of its participants. One edge per
    (source, target, quad) with its event count, types and mean intensity.

    Args:
        store: an open store.
        since: events on or after this day.
        until: events on or before this day.
        types: PLOVER types to keep.
        statuses: statuses to keep (default: events that occurred).
        limit: the most events read (all of them by default).
    """
    edges: dict[tuple[str, str, str | None, bool], dict[str, Any]] = {}
    rows: Iterable[EventRow] = events(
        store, types=types, since=since, until=until, statuses=statuses, limit=limit
    )
    for row in rows:
        sources = _ends(row.source, row.source_ids)
        targets = _ends(row.target, row.target_ids)
        if targets:
            pairs = [(s, t, False) for s in sources for t in targets if s != t]
        else:
            ordered = sorted(set(sources))
            pairs = [(s, t, True) for i, s in enumerate(ordered) for t in ordered[i + 1 :]]
        for source, target, reciprocal in pairs:
            edge = edges.setdefault(
                (source, target, row.quad, reciprocal),
                {
                    "source": source,
                    "target": target,
                    "quad": row.quad,
                    "reciprocal": reciprocal,
                    "count": 0,
                    "types": [],
                    "intensities": [],
                },
            )
            edge["count"] += 1
            if row.type not in edge["types"]:
                edge["types"].append(row.type)
            if row.intensity is not None:
                edge["intensities"].append(float(row.intensity))
    ends = sorted({e["source"] for e in edges.values()} | {e["target"] for e in edges.values()})
    names = _actor_names(store, ends)
    nodes = [
        {
            "id": end,
            "name": names.get(end, (end, None))[0],
            "kind": names.get(end, (end, None))[1] or ("country" if ":" not in end else "other"),
        }
        for end in ends
    ]
    result = []
    for edge in edges.values():
        values = edge.pop("intensities")
        edge["mean_intensity"] = round(sum(values) / len(values), 2) if values else None
        result.append(edge)
    return Network(nodes, result)


def busiest_pairs(store: Store, top: int = 8) -> list[tuple[tuple[str, str], int]]:
    """Return the pairs of countries with the most events between them, busiest first.

    Counted on the actor network (:func:`network`, every event that occurred): a pair's
    events in either direction and its reciprocal ones.
    """
    pairs: Counter[tuple[str, str]] = Counter()
    for edge in network(store).edges:
        if ":" not in edge["source"] and ":" not in edge["target"]:
            first, second = sorted((edge["source"], edge["target"]))
            pairs[(first, second)] += edge["count"]
    return pairs.most_common(top)


def _actor_names(store: Store, ids: list[str]) -> dict[str, tuple[str, str | None]]:
    names: dict[str, tuple[str, str | None]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = store.fetchall(
            f"SELECT id, name, kind FROM actors WHERE id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        names.update({r[0]: (r[1], r[2]) for r in rows})
    return names
