"""``POST /api/analyze`` runs in worker processes: a bound on its time, and reads stay fast.

Reading a page and analysing it is CPU work in Python. Run in the server's own process it
would hold the interpreter while every read waits, and nothing could stop one that runs
too long. So each analysis goes to one of :attr:`AnalysisPool.workers` worker processes,
each loading spaCy once (``forkserver``, else ``spawn``), through a
:class:`~concurrent.futures.ProcessPoolExecutor` of its own:

- no lock: a request takes whichever worker is free; when none is free it waits, at most
  :attr:`AnalysisPool.timeout` seconds in all, and at most :attr:`AnalysisPool.max_waiting` requests
  wait at once (the next ones get ``429``);
- a request that is not answered within :attr:`AnalysisPool.timeout` seconds gets ``503``,
  and its worker is killed and replaced, so no analysis ever runs on unbounded;
- an input error raised in the worker (empty, binary, no article…) comes back as the same
  :class:`~newsgraph.errors.InputError` class, with its message.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import queue
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from .. import errors
from .errors import PoolBusy, PoolTimeout

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Upload:
    """What ``POST /api/analyze`` received, as plain data for a worker process."""

    text: str | None = None
    html: str | None = None
    data: bytes | None = None
    filename: str | None = None
    url: str | None = None
    published: str | None = None
    max_bytes: int = 5_000_000


def _worker_start() -> None:
    from ..analyze import load_builtin_extractors
    from ..nlp import load_nlp

    load_builtin_extractors()
    load_nlp()


def analyze_in_worker(upload: Upload) -> dict[str, Any]:
    """Read and analyse an upload (in a worker process); return the document or the error."""
    from ..analyze import analyze
    from ..sources import ReadOptions
    from .reading import read_upload

    options = ReadOptions(url=upload.url, published=upload.published, max_bytes=upload.max_bytes)
    try:
        article = read_upload(upload.text, upload.html, upload.data, upload.filename, options)
        return {"document": analyze(article).to_dict()}
    except errors.InputError as exc:
        return {"error": [type(exc).__name__, exc.message, exc.source]}


def _warm() -> bool:
    return True


@dataclass
class _Slot:
    executor: ProcessPoolExecutor | None = None
    started: bool = False


@dataclass
class AnalysisPool:
    """Worker processes for analyses, created on first use (see the module).

    Attributes:
        workers: worker processes (each holds spaCy: about 0.5 GB).
        timeout: seconds a request may take, waiting for a worker included.
        max_waiting: requests that may wait for a worker at once.
    """

    workers: int = 1
    timeout: float = 60.0
    max_waiting: int = 8
    _free: queue.Queue[_Slot] = field(default_factory=queue.Queue, init=False, repr=False)
    _waiting: int = field(default=0, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _slots: list[_Slot] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        for _ in range(max(1, self.workers)):
            slot = _Slot()
            self._slots.append(slot)
            self._free.put(slot)

    def start(self) -> None:
        """Start every worker now, so that the first requests do not wait for spaCy to load."""
        for slot in self._slots:
            self._executor(slot).submit(_warm)

    async def analyze(self, upload: Upload) -> dict[str, Any]:
        """Return the analysis document of an upload, within the time bound.

        Raises:
            InputError: the upload cannot be read as an article (the worker's error).
            PoolBusy: too many requests are waiting already.
            PoolTimeout: no worker answered in time (the worker is replaced).
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        with self._lock:
            if self._waiting >= self.max_waiting + len(self._slots):
                raise PoolBusy(f"{self._waiting} analyses are under way or waiting; try again")
            self._waiting += 1
        try:
            slot = await asyncio.to_thread(self._take, max(0.001, deadline - loop.time()))
            try:
                future: Future[dict[str, Any]] = self._executor(slot).submit(
                    analyze_in_worker, upload
                )
                remaining = max(0.001, deadline - loop.time())
                try:
                    result = await asyncio.wait_for(asyncio.wrap_future(future), remaining)
                except TimeoutError:
                    self._kill(slot)
                    raise PoolTimeout(
                        f"the analysis took longer than {self.timeout:g} s and was stopped"
                    ) from None
                except BrokenProcessPool:
                    self._kill(slot)
                    raise PoolTimeout("the analysis worker died (out of memory?)") from None
            finally:
                self._free.put(slot)
        finally:
            with self._lock:
                self._waiting -= 1
        if "error" in result:
            name, message, source = result["error"]
            cls = getattr(errors, name, errors.InputError)
            if not (isinstance(cls, type) and issubclass(cls, errors.InputError)):
                cls = errors.InputError
            raise cls(message, source)
        document: dict[str, Any] = result["document"]
        return document

    def _take(self, wait: float) -> _Slot:
        try:
            slot: _Slot = self._free.get(timeout=wait)
            return slot
        except queue.Empty:
            raise PoolTimeout(f"no analysis worker was free within {wait:g} s") from None

    def _executor(self, slot: _Slot) -> ProcessPoolExecutor:
        if slot.executor is None:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context(
                "forkserver" if "forkserver" in methods else "spawn"
            )
            slot.executor = ProcessPoolExecutor(1, mp_context=context, initializer=_worker_start)
        return slot.executor

    def _kill(self, slot: _Slot) -> None:
        """Stop a slot's worker at once; the next request starts a new one."""
        executor, slot.executor = slot.executor, None
        if executor is None:
            return
        # The executor cannot cancel a running task; its process has to go.
        for process in _processes(executor):
            process.kill()
        executor.shutdown(wait=False, cancel_futures=True)
        log.warning("an analysis worker was stopped and will be replaced")

    def close(self) -> None:
        """Stop every worker."""
        for slot in self._slots:
            executor, slot.executor = slot.executor, None
            if executor is not None:
                processes = _processes(executor)
                executor.shutdown(wait=False, cancel_futures=True)
                for process in processes:
                    process.kill()


def _processes(executor: ProcessPoolExecutor) -> list[Any]:
    """The worker processes of an executor (a private attribute: none when it has gone)."""
    return list((getattr(executor, "_processes", None) or {}).values())
