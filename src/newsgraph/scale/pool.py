"""A local process pool: N workers, each loading spaCy once, results in input order.

:func:`analyze_parallel` has the contract of :func:`newsgraph.analyze.analyze_sources` (inputs
in; analyses and input errors out, in input order) and
:func:`analyze_articles_parallel` that of :func:`newsgraph.analyze.analyze_many` for articles
already read, so that a caller (the store's ingest, the ``analyze-batch`` command) can swap
either in and stay the one writer.

Batches of tasks go to a :class:`~concurrent.futures.ProcessPoolExecutor` started with the
``forkserver`` method (``spawn`` where there is none): no worker inherits a parent's threads
or a half-loaded model. At most ``workers × in_flight`` batches are queued at once, so memory
stays flat however long the input; the oldest batch is always handed back first.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, NewsgraphError
from ..model import Analysis, Article
from ..sources import ReadOptions, ReadStats
from .tasks import iter_tasks
from .worker import Task, WorkerConfig, init_worker, result_from_dict, run_batch

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScaleOptions:
    """How to run in parallel.

    Attributes:
        workers: worker processes (``1``: in this process, no pool).
        batch_size: articles per batch (one ``nlp.pipe`` call in one worker).
        in_flight: batches queued per worker; more smooths uneven batches, costs memory.
        pipeline: the extractors to run (``None``: the default pipeline).
        selective: run the parser and NER only on the sentences that need them.
        start_method: ``forkserver`` or ``spawn`` (default: ``forkserver`` where available).
    """

    workers: int = 2
    batch_size: int = 32
    in_flight: int = 2
    pipeline: tuple[str, ...] | None = None
    selective: bool = False
    start_method: str | None = None

    def worker_config(self, read: ReadOptions) -> WorkerConfig:
        """Return what each worker is set up with."""
        return WorkerConfig(read, self.pipeline, self.selective, self.batch_size)


@dataclass
class RunReport:
    """What a parallel run did so far: articles, failures, skipped records, worker memory.

    Attributes:
        articles: analyses handed back.
        failed: input errors handed back.
        stats: WARC records skipped before parsing, by reason.
        peak_rss_mb: peak resident memory of each worker (by process id or worker name).
        seconds: wall time so far.
        cpu_seconds: CPU time the workers spent on the batches (reading and analysing).
    """

    articles: int = 0
    failed: int = 0
    stats: ReadStats = field(default_factory=ReadStats)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_seconds: float = 0.0

    @property
    def skipped(self) -> int:
        """Return the number of records skipped unparsed."""
        return sum(self.stats.skipped.values())

    @property
    def records(self) -> int:
        """Return every record or input seen: analysed, failed or skipped."""
        return self.articles + self.failed + self.skipped

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        return {
            "articles": self.articles,
            "failed": self.failed,
            "skipped": dict(sorted(self.stats.skipped.items())),
            "peak_rss_mb": {k: round(v, 1) for k, v in sorted(self.peak_rss_mb.items())},
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3),
        }


Progress = Callable[[RunReport], None]


def analyze_parallel(
    inputs: Iterable[str],
    options: ReadOptions | None = None,
    scale: ScaleOptions | None = None,
    report: RunReport | None = None,
    progress: Progress | None = None,
) -> Iterator[Analysis | InputError]:
    """Read and analyse inputs in worker processes, yielding results in input order.

    Args:
        inputs: paths, directories (recursive), URLs or ``-``, as for
            :func:`newsgraph.analyze.analyze_sources`.
        options: how to read (``record_filter`` chooses WARC records before parsing).
        scale: workers, batch size, extractors.
        report: filled in as the run goes (counts, skipped records, worker memory).
        progress: called with ``report`` after each batch.

    Yields:
        An ``Analysis`` per article and an ``InputError`` per input or record that failed,
        in input order.

    Raises:
        NewsgraphError: a worker process died (out of memory, killed).
    """
    options = options or ReadOptions()
    report = report if report is not None else RunReport()
    tasks = iter_tasks(inputs, options, report.stats)
    yield from run_tasks(tasks, options, scale or ScaleOptions(), report, progress)


def analyze_articles_parallel(
    items: Iterable[Article | InputError],
    scale: ScaleOptions | None = None,
    report: RunReport | None = None,
    progress: Progress | None = None,
) -> Iterator[Analysis | InputError]:
    """Analyse articles already read in worker processes, yielding results in input order.

    ``InputError`` items are passed through in their place. This is the form for a caller
    that reads (and filters, say by what is already stored) before parsing.
    """
    report = report if report is not None else RunReport()
    yield from run_tasks(items, ReadOptions(), scale or ScaleOptions(), report, progress)


def run_tasks(
    tasks: Iterable[Task],
    options: ReadOptions,
    scale: ScaleOptions,
    report: RunReport,
    progress: Progress | None = None,
) -> Iterator[Analysis | InputError]:
    """Run tasks in batches on a pool (or here, for one worker); results in task order."""
    with WorkerPool(scale, options) as pool:
        yield from pool.analyze(tasks, report, progress)


class WorkerPool:
    """A process pool kept open across calls (workers load the model once, at start).

    Use it as a context manager; :meth:`analyze` may be called many times::

        with WorkerPool(ScaleOptions(workers=4)) as pool:
            for item in pool.analyze(articles):
                ...

    With ``workers=1`` no process is started and the work runs in this process.
    """

    def __init__(self, scale: ScaleOptions | None = None, options: ReadOptions | None = None):
        self.scale = scale or ScaleOptions()
        self.config = self.scale.worker_config(options or ReadOptions())
        self._executor: ProcessPoolExecutor | None = None
        if self.scale.workers > 1:
            self._executor = _start_pool(self.scale, self.config)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers (queued batches are cancelled)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def warm(self) -> None:
        """Wait until every worker has loaded the model (so that timing starts warm)."""
        if self._executor is None:
            init_worker(self.config)
            return
        list(self._executor.map(run_batch, [[] for _ in range(self.scale.workers * 2)]))

    def analyze(
        self,
        tasks: Iterable[Task],
        report: RunReport | None = None,
        progress: Progress | None = None,
    ) -> Iterator[Analysis | InputError]:
        """Run tasks (paths, WARC pages, articles) in batches; yield results in task order.

        Raises:
            NewsgraphError: a worker process died (out of memory, killed).
        """
        report = report if report is not None else RunReport()
        started = time.perf_counter()
        batches = _batches(tasks, self.scale.batch_size)
        if self._executor is None:
            init_worker(self.config)
            for batch in batches:
                yield from _collect(run_batch(batch), report, started, progress)
            return
        pending: deque[Future[dict[str, Any]]] = deque()
        limit = self.scale.workers * max(1, self.scale.in_flight)
        for batch in batches:
            pending.append(self._executor.submit(run_batch, batch))
            while len(pending) >= limit:
                yield from _collect(_result(pending.popleft()), report, started, progress)
        while pending:
            yield from _collect(_result(pending.popleft()), report, started, progress)


def _start_pool(scale: ScaleOptions, config: WorkerConfig) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    method = scale.start_method or ("forkserver" if "forkserver" in methods else "spawn")
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # The forkserver imports this much once; each worker then loads the model itself.
        context.set_forkserver_preload(["newsgraph.scale.worker"])
    return ProcessPoolExecutor(
        max_workers=scale.workers,
        mp_context=context,
        initializer=init_worker,
        initargs=(config,),
    )


def _result(future: Future[dict[str, Any]]) -> dict[str, Any]:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise NewsgraphError(
            f"a worker process died ({exc}); try fewer --workers or a smaller --batch-size"
        ) from exc


def _batches(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    batch: list[Task] = []
    for task in tasks:
        batch.append(task)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _collect(
    done: dict[str, Any], report: RunReport, started: float, progress: Progress | None
) -> Iterator[Analysis | InputError]:
    key = str(done["pid"])
    report.peak_rss_mb[key] = max(report.peak_rss_mb.get(key, 0.0), float(done["peak_rss_mb"]))
    report.cpu_seconds += float(done.get("cpu_seconds", 0.0))
    for data in done["results"]:
        item = result_from_dict(data)
        if isinstance(item, InputError):
            report.failed += 1
        else:
            report.articles += 1
        yield item
    report.seconds = time.perf_counter() - started
    if progress is not None:
        progress(report)
