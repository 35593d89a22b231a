"""Migration 6: every stored article known by its content hash, a given id kept as metadata.

Before it, a JSONL record's ``id`` replaced the article's content hash: a different text under
an id already stored was skipped as "already stored", and an id holding ``/`` or ``..`` made
its article unreachable in the web app. Now ``articles.id`` is always the content hash and
the given id sits in ``articles.given_id`` (and ``article.given_id`` in the analysis).

:func:`rekey_given_ids` moves each article stored under a given id to its content hash, in
the migration's one transaction: the row is copied under its new id, its rows in every
other table are pointed at it, near-duplicate groups anchored on it follow, and the old row
goes. An article whose text is already stored under its hash is dropped in favour of that
one (which keeps the given id if it has none). Corpus events name an article in the id of
a happening only it reports, so they are rebuilt from the stored events afterwards.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import content_id
from .base import Tx

CHILD_TABLES = (
    "article_actors",
    "mentions",
    "dates",
    "quotes",
    "events",
    "event_actors",
    "corpus_event_links",
)
"""The tables whose ``article_id`` points at ``articles.id``."""

_COPIED = (
    "source, url, site, title, authors, dateline, published, published_text, language, tags, "
    "standfirst, editors, headings, images, metadata_sources, text, analysis, ingested_at, "
    "group_id, signature"
)
_GIVEN = '%"id":"given"%'


def rekey_given_ids(tx: Tx) -> None:
    """Move every article stored under a given id to its content hash (see the module)."""
    rows = tx.fetchall(
        "SELECT id, text, analysis, metadata_sources FROM articles "
        "WHERE metadata_sources LIKE ? ORDER BY ingested_at, id",
        (_GIVEN,),
    )
    moved = False
    for old, text, analysis, sources in rows:
        new = content_id(text)
        metadata = _metadata(sources)
        document = _document(analysis, new, old, metadata)
        if new == old:
            tx.execute(
                "UPDATE articles SET given_id = ?, analysis = ?, metadata_sources = ? WHERE id = ?",
                (old, document, _json(metadata), old),
            )
            continue
        moved = True
        if tx.fetchall("SELECT 1 FROM articles WHERE id = ?", (new,)):
            tx.execute(
                "UPDATE articles SET given_id = COALESCE(given_id, ?) WHERE id = ?", (old, new)
            )
        else:
            tx.execute(
                f"INSERT INTO articles (id, {_COPIED}) SELECT ?, {_COPIED} FROM articles "
                "WHERE id = ?",
                (new, old),
            )
            tx.execute(
                "UPDATE articles SET given_id = ?, analysis = ?, metadata_sources = ? WHERE id = ?",
                (old, document, _json(metadata), new),
            )
            for table in CHILD_TABLES:
                tx.execute(f"UPDATE {table} SET article_id = ? WHERE article_id = ?", (new, old))
        tx.execute("UPDATE articles SET group_id = ? WHERE group_id = ?", (new, old))
        tx.execute("DELETE FROM articles WHERE id = ?", (old,))
    if moved:
        from .corpus import backfill

        tx.execute("DELETE FROM corpus_event_links")
        tx.execute("DELETE FROM corpus_events")
        backfill(tx)


def _metadata(sources: str) -> dict[str, Any]:
    metadata: dict[str, Any] = json.loads(sources)
    metadata.pop("id", None)
    metadata["given_id"] = "given"
    return metadata


def _document(analysis: str, new: str, old: str, metadata: dict[str, Any]) -> str:
    document = json.loads(analysis)
    article = document.get("article") or {}
    article["id"] = new
    article["given_id"] = old
    article["metadata_sources"] = metadata
    document["article"] = article
    return _json(document)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
