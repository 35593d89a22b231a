"""Near-duplicate groups at ingest time: a new article joins the group of the story it copies.

:mod:`newsgraph.corpus.duplicates` decides what is a copy; the group id is written in the
same transaction as the article. The MinHash index is rebuilt when an ingest starts, from
the signatures stored in ``articles.signature`` with the groups they were given, so a run
that resumes after a kill assigns exactly the groups a clean run would. Articles stored
before signatures existed (schema 3) have none and are not matched.
"""

from __future__ import annotations

from typing import Any

from .base import Store


class Grouper:
    """Assigns ``group_id`` to new articles, matching them against every stored one."""

    def __init__(self, store: Store) -> None:
        from ..corpus.duplicates import DuplicateIndex, Signature

        self._signature_type = Signature
        self.index = DuplicateIndex()
        rows = store.stream(
            "SELECT id, group_id, signature FROM articles WHERE signature IS NOT NULL "
            "ORDER BY ingested_at, id"
        )
        for article_id, group_id, blob in rows:
            self.index.restore(article_id, Signature.from_bytes(bytes(blob)), group_id)

    def assign(self, article_id: str, text: str) -> tuple[str, bytes]:
        """Add an article and return its group id and its signature bytes (to store)."""
        sig: Any = self.index.signature(text)
        return self.index.add_signature(article_id, sig), sig.to_bytes()
