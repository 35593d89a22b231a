"""Ingesting: read → analyse → write, from files, URLs, feeds and WARC, in batches or workers.

The flow's third step, on its own so that :mod:`newsgraph.store` stays rows, schema, queries
and exports:

- :mod:`~newsgraph.ingest.run`: skip what is stored (by content hash, before parsing),
  analyse in batches or in a worker pool (:mod:`newsgraph.scale`), write each analysis in one
  transaction (:func:`newsgraph.store.rows.write_analysis`);
- :mod:`~newsgraph.ingest.writers`: several PostgreSQL connections writing at once;
- :mod:`~newsgraph.ingest.feeds`: RSS and Atom feeds, only the items not stored yet.

Example::

    from newsgraph.ingest import ingest
    from newsgraph.store import open_store

    with open_store("corpus.db") as store:
        report = ingest(store, ["pages/"])
"""

from __future__ import annotations

from .feeds import FeedStats, ingest_feeds
from .run import BATCH_SIZE, Failure, IngestReport, Progress, ingest, ingest_articles

__all__ = [
    "BATCH_SIZE",
    "Failure",
    "FeedStats",
    "IngestReport",
    "Progress",
    "ingest",
    "ingest_articles",
    "ingest_feeds",
]
