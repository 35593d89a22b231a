"""The store's one interface: a connection, transactions and streamed reads, for either backend.

Every query in the project is written once, in the SQLite dialect of placeholders (``?``), and
runs on both backends; :class:`Store` subclasses translate what differs (placeholders,
server-side cursors, full-text search) in a few small methods. Driver errors never escape:
they become :class:`~newsgraph.errors.StoreError` naming the database.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, Protocol

from ..errors import StoreError

log = logging.getLogger(__name__)

Params = Sequence[Any]
Row = tuple[Any, ...]


class Tx(Protocol):
    """What a transaction offers: run one statement, or one statement over many rows."""

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        """Run one statement once per row of parameters."""

    def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Run a query and return all its rows."""

    def lock(self, keys: Sequence[str]) -> None:
        """Hold a lock on each key until the transaction ends (for concurrent writers)."""


class Store(ABC):
    """A newsgraph database: SQLite file or PostgreSQL server, with the schema migrated.

    Open one with :func:`newsgraph.store.open_store`; use it as a context manager or call
    :meth:`close`. ``name`` is the database as shown in messages (no password).
    """

    dialect: str = ""

    parallel_writes: bool = False
    """Whether several connections may write at once (:meth:`reopen`, ``ingest --writers``)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def reopen(self) -> Store:
        """Open another connection to the same database, for a second writer.

        Raises:
            ConfigError: the database has one writer at a time (SQLite).
        """
        from ..errors import ConfigError

        raise ConfigError("several writers need PostgreSQL; SQLite has one writer", self.name)

    # -- connection ---------------------------------------------------------------------------

    def prepare(self) -> None:  # noqa: B027 - most backends have nothing to set up
        """Set the connection up for writing, once the database is known to be newsgraph's."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def error(self, exc: BaseException, doing: str) -> StoreError:
        """Return the ``StoreError`` for a driver error met while ``doing`` something."""
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return StoreError(f"{doing}: {first}", self.name)

    # -- statements ---------------------------------------------------------------------------

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Tx]:
        """Return a context manager running its statements in one transaction.

        The transaction commits when the block ends and rolls back if it raises.
        """

    @abstractmethod
    def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Run a read query (``?`` placeholders) and return all its rows."""

    @abstractmethod
    def stream(self, sql: str, params: Params = (), batch: int = 1000) -> Iterator[Row]:
        """Run a read query and yield its rows without holding them all in memory."""

    def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        """Run a read query and return its first row, or ``None``."""
        rows = self.fetchall(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Params = ()) -> Any:
        """Run a read query and return the first column of its first row (``None`` if none)."""
        row = self.fetchone(sql, params)
        return row[0] if row else None

    def columns(self, table: str) -> list[str]:
        """Return the column names of ``table`` in their order."""
        return self._columns(table)

    @abstractmethod
    def _columns(self, table: str) -> list[str]: ...

    @abstractmethod
    def tables(self) -> list[str]:
        """Return the names of the newsgraph tables in this database."""

    # -- dialect functions --------------------------------------------------------------------

    @abstractmethod
    def search_sql(
        self, query: str, limit: int, where: str = "", where_params: Params = ()
    ) -> tuple[str, Params]:
        """Return the ranked full-text search query and its parameters.

        Its rows are ``(article_id, title, published, site, url, score, snippet)`` (higher
        ``score`` is better) with the
        matching words of ``snippet`` between ``[`` and ``]``, best first. ``where``, when
        given, is one more condition on the article ``a`` (with ``where_params``), applied
        before ranking and ``limit``.
        """
