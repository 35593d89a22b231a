"""Writing analyses over several PostgreSQL connections at once (``ingest --writers N``).

The analyses still come from one place in input order (this process, or its process pool),
and near-duplicate grouping stays there, in order, since it keeps its index in memory. Each
write (one transaction per article, as with one writer) goes to the next free connection,
so a server that is far away or slow to commit no longer holds up the parsing.

Two things keep concurrent transactions apart:

- corpus events: :func:`~newsgraph.store.corpus.attach_events` holds a transaction lock on
  each event key (``Tx.lock``: advisory locks, taken in sorted order), so two reports of one
  happening never both create it;
- actors: a transaction holds the rows of its actors until it commits, so two reports
  with actors in common are written one after the other anyway; rows are upserted in id
  order, so that two transactions never wait on each other in opposite orders. A
  transaction that still meets a deadlock is retried.

What differs from one writer: articles commit in the order their writes finish, so which
report of a happening anchors its corpus event (and so the event's id) can differ from a
one-writer run. Every report is still linked to exactly one happening.
"""

from __future__ import annotations

import logging
import queue
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

from ..errors import StoreError
from ..model import Analysis
from ..store.base import Store

log = logging.getLogger(__name__)

RETRIES = 5
"""How many times a write that met a deadlock or a serialization failure is tried again."""

_RETRY_STATES = frozenset({"40P01", "40001"})
"""PostgreSQL SQLSTATEs worth a retry: deadlock detected, serialization failure."""


class ParallelWriter:
    """Writes analyses over ``writers`` connections of its own; a context manager.

    At most ``2 × writers`` writes are queued at a time.

    Args:
        store: an open store that allows parallel writes (PostgreSQL); it is not written to.
        writers: how many connections write at once.

    Raises:
        ConfigError: the store has one writer at a time (SQLite).
        StoreError: a connection cannot be opened.
    """

    def __init__(self, store: Store, writers: int) -> None:
        self.stores: list[Store] = []
        try:
            for _ in range(writers):
                self.stores.append(store.reopen())
        except BaseException:
            self.close()
            raise
        self.free: queue.SimpleQueue[Store] = queue.SimpleQueue()
        for opened in self.stores:
            self.free.put(opened)
        self.pool = ThreadPoolExecutor(writers, thread_name_prefix="newsgraph-writer")
        self.pending: deque[Future[bool]] = deque()
        self.limit = 2 * writers

    def submit(self, analysis: Analysis, group: tuple[str, bytes] | None) -> list[bool]:
        """Queue one write; return the outcomes of the writes that have finished meanwhile.

        An outcome is ``True`` for an article stored and ``False`` for one already there.

        Raises:
            StoreError: a write failed (the writes queued before it are finished first).
        """
        self.pending.append(self.pool.submit(self._write, analysis, group))
        done: list[bool] = []
        while self.pending and (len(self.pending) > self.limit or self.pending[0].done()):
            done.append(self.pending.popleft().result())
        return done

    def finish(self) -> list[bool]:
        """Wait for every queued write; return their outcomes, in the order they were queued."""
        done = [future.result() for future in self.pending]
        self.pending.clear()
        return done

    def _write(self, analysis: Analysis, group: tuple[str, bytes] | None) -> bool:
        from ..store.rows import write_analysis

        store = self.free.get()
        try:
            for attempt in range(RETRIES + 1):
                try:
                    return write_analysis(store, analysis, group=group)
                except StoreError as exc:
                    if attempt == RETRIES or _sqlstate(exc) not in _RETRY_STATES:
                        raise
                    log.debug("%s: retrying after %s", analysis.article.id, exc)
            raise AssertionError("unreachable")
        finally:
            self.free.put(store)

    def close(self) -> None:
        """Stop the writer threads and close the connections (queued writes are finished)."""
        pool = getattr(self, "pool", None)
        if pool is not None:
            pool.shutdown(wait=True)
        for opened in self.stores:
            opened.close()
        self.stores = []

    def __enter__(self) -> ParallelWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of the driver error behind a ``StoreError``, if there is one."""
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) if cause is not None else None
