"""The PostgreSQL backend (psycopg 3): a ``tsvector`` column with a GIN index for search.

Queries are written with ``?`` placeholders, as for SQLite; :func:`to_pyformat` turns them
into psycopg's ``%s``. Large reads go through a server-side (named) cursor, so an export of
millions of rows never sits in memory.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import ConfigError
from .base import Params, Row, Store

_cursor_names = itertools.count(1)


def to_pyformat(sql: str) -> str:
    """Return ``sql`` with ``?`` placeholders as ``%s`` and literal ``%`` doubled.

    Queries in newsgraph never hold a ``?`` inside a string literal.
    """
    return sql.replace("%", "%%").replace("?", "%s")


def display_url(url: str) -> str:
    """Return ``url`` with any password replaced by ``***``, fit for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


class _PGTx:
    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor

    def execute(self, sql: str, params: Params = ()) -> int:
        self.cursor.execute(to_pyformat(sql), params)
        return int(self.cursor.rowcount)

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        if rows:
            self.cursor.executemany(to_pyformat(sql), rows)

    def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        self.cursor.execute(to_pyformat(sql), params)
        return list(self.cursor.fetchall())

    def lock(self, keys: Sequence[str]) -> None:
        """Take a transaction advisory lock per key.

        In sorted order, so that no two writers wait on each other in opposite orders.
        """
        for key in sorted(set(keys)):
            self.cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (key,))


class PostgresStore(Store):
    """A newsgraph database on a PostgreSQL server, given by a ``postgresql://`` URL."""

    dialect = "postgresql"
    parallel_writes = True

    def __init__(self, url: str, connect_timeout: int = 10) -> None:
        super().__init__(display_url(url))
        self._url, self._timeout = url, connect_timeout
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise ConfigError(
                "PostgreSQL needs psycopg (pip install 'psycopg[binary]')", self.name
            ) from exc
        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.Error as exc:
            raise self.error(exc, "cannot connect") from exc

    def close(self) -> None:
        """Close the connection to the server."""
        self.conn.close()

    def reopen(self) -> PostgresStore:
        """Open another connection to the same database (the schema is already migrated)."""
        return PostgresStore(self._url, self._timeout)

    @contextmanager
    def transaction(self) -> Iterator[_PGTx]:
        """Run the block in one transaction (see :meth:`Store.transaction`)."""
        try:
            with self.conn.transaction(), self.conn.cursor() as cursor:
                yield _PGTx(cursor)
        except self._psycopg.Error as exc:
            raise self.error(exc, "cannot write") from exc

    def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Run a read query and return all its rows."""
        try:
            with self.conn.cursor() as cursor:
                cursor.execute(to_pyformat(sql), params)
                return list(cursor.fetchall())
        except self._psycopg.Error as exc:
            raise self.error(exc, "query failed") from exc

    def stream(self, sql: str, params: Params = (), batch: int = 1000) -> Iterator[Row]:
        """Yield the rows of a query through a server-side cursor, ``batch`` rows at a time."""
        name = f"newsgraph_stream_{next(_cursor_names)}"
        try:
            with self.conn.transaction(), self.conn.cursor(name=name) as cursor:
                cursor.itersize = batch
                cursor.execute(to_pyformat(sql), params)
                yield from cursor
        except self._psycopg.Error as exc:
            raise self.error(exc, "query failed") from exc

    def _columns(self, table: str) -> list[str]:
        rows = self.fetchall(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            (table,),
        )
        return [row[0] for row in rows]

    def tables(self) -> list[str]:
        """Return the tables of the current schema."""
        rows = self.fetchall(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
            "ORDER BY table_name"
        )
        return [row[0] for row in rows]

    def search_sql(
        self, query: str, limit: int, where: str = "", where_params: Params = ()
    ) -> tuple[str, Params]:
        """Return a ``websearch_to_tsquery`` query ranked by ``ts_rank_cd``, with a headline."""
        sql = (
            "SELECT a.id, a.title, a.published, a.site, a.url, "
            "ts_rank_cd(a.search, q) AS score, "
            "ts_headline('english', a.text, q, "
            "'StartSel=[, StopSel=], MaxWords=24, MinWords=10, MaxFragments=2, "
            'FragmentDelimiter=" … "\') '
            "FROM articles a, websearch_to_tsquery('english', ?) q "
            "WHERE a.search @@ q" + (f" AND ({where})" if where else "") + " "
            "ORDER BY score DESC, a.id LIMIT ?"
        )
        return sql, (query, *where_params, limit)
