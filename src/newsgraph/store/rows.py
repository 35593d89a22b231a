"""Rows of one analysis: writing it in one transaction, and whether an article is stored.

Each analysis is written in one transaction (articles, actors, mentions, dates, quotes, events,
their actors, and the links to corpus events): a process killed at any moment leaves whole
articles only. Used by every writer: :mod:`newsgraph.ingest`, the Parquet shard loader of
:mod:`newsgraph.scale` and the web app's ``POST /api/analyze``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from ..model import Analysis
from .base import Params, Store
from .corpus import attach_events
from .days import first_day

__all__ = ["analysis_rows", "document_roles", "first_day", "has_article", "write_analysis"]


def has_article(store: Store, article_id: str) -> bool:
    """Return whether an article with this content hash is stored."""
    return store.fetchone("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None


_INSERT_ARTICLE = (
    "INSERT INTO articles (id, source, url, site, title, authors, dateline, published, "
    "published_text, language, tags, standfirst, editors, headings, images, metadata_sources, "
    "text, analysis, ingested_at, given_id, group_id, signature) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO NOTHING"
)
_UPSERT_ACTOR = (
    "INSERT INTO actors (id, kind, name, country, sector, lat, lon) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET country = COALESCE(actors.country, excluded.country), "
    "sector = COALESCE(actors.sector, excluded.sector), "
    "lat = COALESCE(actors.lat, excluded.lat), lon = COALESCE(actors.lon, excluded.lon) "
    "WHERE (actors.country IS NULL AND excluded.country IS NOT NULL) "
    "OR (actors.sector IS NULL AND excluded.sector IS NOT NULL) "
    "OR (actors.lat IS NULL AND excluded.lat IS NOT NULL)"
)
_INSERT = {
    "article_actors": 5,
    "mentions": 6,
    "dates": 8,
    "quotes": 16,
    "events": 26,
    "event_actors": 4,
}


def _insert_sql(table: str) -> str:
    return f"INSERT INTO {table} VALUES ({', '.join('?' * _INSERT[table])})"


def write_analysis(
    store: Store,
    analysis: Analysis,
    ingested_at: str | None = None,
    group: tuple[str, bytes] | None = None,
) -> bool:
    """Store one analysis in one transaction, with its events linked to their corpus events.

    Args:
        store: an open store.
        analysis: the analysis to store.
        ingested_at: the ISO time to record (default: now, UTC).
        group: its near-duplicate group id and MinHash signature (see
            :class:`~newsgraph.store.groups.Grouper`), if grouped.

    Returns:
        ``True`` if it was stored, ``False`` if an article with its id was already there.

    Raises:
        StoreError: the database cannot be written.
    """
    rows = analysis_rows(analysis, ingested_at or datetime.now(UTC).isoformat())
    given = analysis.article.given_id
    given = given.replace("\x00", "\ufffd") if given is not None else None
    article_row = (*rows["articles"][0], given, *(group or (None, None)))
    with store.transaction() as tx:
        if not tx.execute(_INSERT_ARTICLE, article_row):
            return False
        tx.executemany(_UPSERT_ACTOR, sorted(rows["actors"], key=lambda row: str(row[0])))
        for table in _INSERT:
            tx.executemany(_insert_sql(table), rows[table])
        attach_events(
            tx, analysis.article.id, analysis.article.published, enumerate(analysis.events)
        )
    return True


def analysis_rows(analysis: Analysis, ingested_at: str) -> dict[str, list[Params]]:
    """Return the rows of every table for one analysis, keyed by table name."""
    document = analysis.to_dict()
    document_json = _json(document)
    if "\\u0000" in document_json:
        # PostgreSQL text cannot hold NUL; U+FFFD keeps every offset where it was.
        analysis = Analysis.from_dict(_replace_nul(document))
        document = analysis.to_dict()
        document_json = _json(document)
    art = analysis.article
    aid = art.id
    rows: dict[str, list[Params]] = {
        "articles": [
            (
                aid,
                art.source,
                art.url,
                art.site,
                art.title,
                _json(art.authors),
                art.dateline,
                art.published,
                art.published_text,
                art.language,
                _json(art.tags),
                art.standfirst,
                _json(art.editors),
                _json(art.headings),
                _json(document["article"]["images"]),
                _json(art.metadata_sources),
                art.text,
                document_json,
                ingested_at,
            )
        ]
    }
    actors = {actor.id: actor for actor in analysis.actors}
    rows["actors"] = [
        (a.id, a.kind, a.name, a.country, a.sector, a.lat, a.lon)
        for a in sorted(actors.values(), key=lambda a: a.id)
    ]
    rows["article_actors"] = [
        (aid, a.id, a.name, _json(document_roles(a)), len(a.mentions)) for a in actors.values()
    ]
    rows["mentions"] = [
        (aid, seq, actor_id, span.start, span.end, span.text)
        for seq, (actor_id, span) in enumerate(
            (a.id, m) for a in analysis.actors for m in a.mentions
        )
    ]
    rows["dates"] = [
        (aid, seq, d.text, d.start, d.end, d.value, d.granularity, d.field)
        for seq, d in enumerate(analysis.dates)
    ]
    rows["quotes"] = [_quote_row(aid, seq, q) for seq, q in enumerate(analysis.quotes)]
    rows["events"] = [_event_row(aid, seq, e) for seq, e in enumerate(analysis.events)]
    rows["event_actors"] = [
        (aid, seq, side, actor)
        for seq, e in enumerate(analysis.events)
        for side, actor in sorted(
            {("source", a) for a in [*e.source, *e.source_ids]}
            | {("target", a) for a in [*e.target, *e.target_ids]}
        )
    ]
    return rows


def document_roles(actor: Any) -> list[dict[str, Any]]:
    """Return an actor's roles as plain dicts."""
    return [
        {"title": r.title, "organization": r.organization, "country": r.country}
        for r in actor.roles
    ]


def _quote_row(aid: str, seq: int, q: Any) -> Params:
    sp, cue = q.speaker, q.cue
    return (
        aid,
        seq,
        q.kind,
        q.text,
        q.start,
        q.end,
        sp.actor if sp else None,
        sp.name if sp else None,
        sp.text if sp else None,
        sp.start if sp else None,
        sp.end if sp else None,
        int(bool(sp and sp.anonymous)),
        cue.text if cue else None,
        cue.start if cue else None,
        cue.end if cue else None,
        q.confidence,
    )


def _event_row(aid: str, seq: int, e: Any) -> Params:
    trigger = e.trigger
    return (
        aid,
        seq,
        e.type,
        e.mode,
        _json(e.source),
        _json(e.target),
        _json(e.source_ids),
        _json(e.target_ids),
        e.source_text,
        e.target_text,
        e.date,
        first_day(e.date),
        e.date_granularity,
        e.date_basis,
        e.location,
        e.status,
        e.quad,
        e.intensity,
        e.confidence,
        e.attribution,
        e.evidence.start,
        e.evidence.end,
        e.evidence.text,
        trigger.text if trigger else None,
        trigger.start if trigger else None,
        trigger.end if trigger else None,
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _replace_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, list):
        return [_replace_nul(v) for v in value]
    if isinstance(value, dict):
        return {k: _replace_nul(v) for k, v in value.items()}
    return value
