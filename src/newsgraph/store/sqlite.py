"""The SQLite backend: one file (or ``:memory:``), WAL journal, FTS5 for full-text search.

SQLite runs in autocommit mode and every :meth:`SQLiteStore.transaction` is an explicit
``BEGIN IMMEDIATE … COMMIT``, so a process killed at any moment leaves either the whole
article or nothing (the journal rolls the rest back on the next open).
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from ..errors import StoreError
from .base import Params, Row, Store

LOCK_WAIT = 30.0
"""Seconds to wait for another process that holds a new database file locked."""


def _locked(exc: sqlite3.Error) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


_WORD = re.compile(r"\w+", re.UNICODE)
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


class _SQLiteTx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Params = ()) -> int:
        return self.conn.execute(sql, params).rowcount

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        if rows:
            self.conn.executemany(sql, rows)

    def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        return list(self.conn.execute(sql, params).fetchall())

    def lock(self, keys: Sequence[str]) -> None:
        """Nothing to do: a SQLite write transaction already holds the whole database."""


class SQLiteStore(Store):
    """A newsgraph database in a SQLite file (``newsgraph.db`` by default) or in memory."""

    dialect = "sqlite"

    def __init__(self, path: str) -> None:
        super().__init__(path)
        if path != ":memory:":
            parent = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(parent):
                raise self.error(FileNotFoundError(f"no directory {parent}"), "cannot open")
        self.path = path
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.conn.execute("PRAGMA busy_timeout = 30000")
            self.conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            raise self.error(exc, "cannot open the database") from exc

    def prepare(self) -> None:
        """Switch a file to the WAL journal (once the database is known to be newsgraph's).

        Another process creating the same new file at the same moment may hold it locked
        for a while; the switch waits for it (up to :data:`LOCK_WAIT` seconds).
        """
        if self.path == ":memory:":
            return
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                # With WAL, NORMAL keeps every commit atomic (a killed process loses nothing
                # committed); only an OS crash may lose the last commits.
                self.conn.execute("PRAGMA synchronous = NORMAL")
                return
            except sqlite3.OperationalError as exc:
                if not _locked(exc) or time.monotonic() > deadline:
                    raise self.error(exc, "cannot open the database") from exc
                time.sleep(0.05)
            except sqlite3.Error as exc:
                raise self.error(exc, "cannot open the database") from exc

    def close(self) -> None:
        """Close the SQLite connection."""
        self.conn.close()

    def error(self, exc: BaseException, doing: str) -> StoreError:
        """Return the ``StoreError`` for a driver error, saying when the file is read-only."""
        if "readonly" in str(exc) or "read-only" in str(exc):
            return StoreError(f"{doing}: the database file is read-only", self.name)
        return super().error(exc, doing)

    @contextmanager
    def transaction(self) -> Iterator[_SQLiteTx]:
        """Run the block in one ``BEGIN IMMEDIATE`` transaction (see :meth:`Store.transaction`)."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self.error(exc, "cannot write") from exc
        try:
            yield _SQLiteTx(self.conn)
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self.error(exc, "cannot write") from exc
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise self.error(exc, "cannot write") from exc

    def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Run a read query and return all its rows."""
        try:
            return list(self.conn.execute(sql, params).fetchall())
        except sqlite3.Error as exc:
            raise self.error(exc, "query failed") from exc

    def stream(self, sql: str, params: Params = (), batch: int = 1000) -> Iterator[Row]:
        """Yield the rows of a query as SQLite steps through them."""
        try:
            cursor = self.conn.execute(sql, params)
            while rows := cursor.fetchmany(batch):
                yield from rows
        except sqlite3.Error as exc:
            raise self.error(exc, "query failed") from exc

    def _columns(self, table: str) -> list[str]:
        return [row[1] for row in self.fetchall(f"PRAGMA table_info({table})")]

    def tables(self) -> list[str]:
        """Return the tables, leaving out FTS5's internal ones."""
        rows = self.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'articles_fts%' ORDER BY name"
        )
        return [row[0] for row in rows]

    def search_sql(
        self, query: str, limit: int, where: str = "", where_params: Params = ()
    ) -> tuple[str, Params]:
        """Return an FTS5 query ranked by BM25 (title weighted 10×) with a snippet."""
        sql = (
            "SELECT a.id, a.title, a.published, a.site, a.url, "
            "-bm25(articles_fts, 10.0, 1.0) AS score, "
            "snippet(articles_fts, 1, '[', ']', '…', 16) "
            "FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid "
            "WHERE articles_fts MATCH ?" + (f" AND ({where})" if where else "") + " "
            "ORDER BY score DESC, a.id LIMIT ?"
        )
        return sql, (fts5_query(query), *where_params, limit)


def fts5_query(text: str) -> str:
    """Translate a search box query to FTS5 syntax, safely.

    Words are ANDed; ``"a phrase"`` stays a phrase; ``OR`` between terms is kept; a leading
    ``-`` excludes a word. Every term is quoted, so punctuation never breaks the query.

    Args:
        text: the query as a person typed it.

    Returns:
        The FTS5 ``MATCH`` expression.
    """
    positive: list[str] = []
    negative: list[str] = []
    for match in _TOKEN.finditer(text):
        phrase, word = match.group(1), match.group(2)
        if word == "OR" and positive:
            positive.append("OR")
            continue
        exclude = bool(word and word.startswith("-") and len(word) > 1)
        words = _WORD.findall(phrase if phrase is not None else word)
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        (negative if exclude else positive).append(term)
    while positive and positive[-1] == "OR":
        positive.pop()
    if not positive:
        return '""'
    query = " ".join(positive)
    for term in negative:
        query = f"({query}) NOT {term}"
    return query
