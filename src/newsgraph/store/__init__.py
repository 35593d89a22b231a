"""The store: analyses kept in SQLite (default) or PostgreSQL, searched and queried.

::

    from newsgraph.store import open_store
    from newsgraph.ingest import ingest
    from newsgraph.store import queries

    with open_store("corpus.db") as store:          # or "postgresql://user@host/db"
        report = ingest(store, ["pages/"])
        for hit in queries.search(store, "summit Seoul"):
            print(hit.title, hit.snippet)

Modules: ``base.py`` (the one interface), ``sqlite.py`` and ``postgres.py`` (the backends and
their dialect functions), ``schema.py`` (numbered migrations), ``rows.py`` (writing one
analysis, one transaction per article), ``groups.py`` (near-duplicate groups at ingest),
``corpus.py`` (corpus events: one happening, every article reporting it), ``aliases.py`` (one
person across articles), ``queries.py`` and ``browse.py`` (the read layer: the CLI, the API
and the pages read only through them; ``filters.py`` holds their shared clauses),
``export.py`` (streamed JSONL, CSV, Parquet, GraphML), ``gdelt.py`` (the events as GDELT 2.0
event rows), ``card.py`` (the dataset card beside every export), ``datasette.py`` (Datasette
metadata for a SQLite corpus), ``watches.py`` (saved searches and what is new for each since
it last ran). Reading, analysing and writing many articles (files, feeds, workers) is
:mod:`newsgraph.ingest`, one layer up.
"""

from __future__ import annotations

import os

from ..errors import StoreError
from .base import Store
from .schema import NO_DATABASE, check_ours, migrate

__all__ = ["DEFAULT_DB", "Store", "open_store"]

DEFAULT_DB = "newsgraph.db"
"""The database used when neither ``--db`` nor ``$NEWSGRAPH_DB`` names one."""


def is_postgres_url(url: str) -> bool:
    """Return whether ``url`` names a PostgreSQL database rather than a SQLite file."""
    return url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://"))


def open_store(url: str | None = None, create: bool = True) -> Store:
    """Open (creating and migrating as needed) the database at ``url``.

    Args:
        url: a SQLite path (``newsgraph.db``, ``:memory:``) or a ``postgresql://`` URL;
            ``None`` means ``$NEWSGRAPH_DB`` or else :data:`DEFAULT_DB`.
        create: make a new database when there is none; read commands pass ``False``, so
            that a misspelt path is an error rather than a new empty database.

    Returns:
        The open store, with the schema at the latest version.

    Raises:
        StoreError: the database cannot be opened, reached or migrated, does not exist (with
            ``create=False``), or holds another application's tables; the message names it.
    """
    url = url or os.environ.get("NEWSGRAPH_DB") or DEFAULT_DB
    store: Store
    if is_postgres_url(url):
        from .postgres import PostgresStore

        store = PostgresStore(url.replace("postgresql+psycopg://", "postgresql://", 1))
    else:
        from .sqlite import SQLiteStore

        path = url.removeprefix("sqlite:///")
        if not create and path != ":memory:" and not os.path.exists(path):
            raise StoreError(NO_DATABASE, path)
        store = SQLiteStore(path)
    try:
        check_ours(store, create)
        store.prepare()
        migrate(store)
    except BaseException:
        store.close()
        raise
    return store
