"""Ingesting articles: skip what is stored, analyse in batches, one transaction per article.

The content hash (``Article.id``) is checked *before* parsing, so a second run over the same
inputs reads the files but parses nothing. Each analysis is written in one transaction: a
process killed at any moment (even ``kill -9``) leaves whole articles only, and a re-run
resumes where it stopped and ends with the same database as a clean run.

Inputs that cannot be read, and articles whose analysis raises, are recorded as failures with
their reason; every good article is still stored.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..model import Analysis, Article
from ..sources import ReadOptions, ReadStats, iter_articles
from ..store.base import Store
from ..store.rows import has_article, write_analysis

if TYPE_CHECKING:
    from ..scale import ScaleOptions
    from ..store.groups import Grouper

log = logging.getLogger(__name__)

BATCH_SIZE = 32
"""Articles analysed together (one ``nlp.pipe`` batch) before their analyses are written."""


@dataclass
class Failure:
    """An input or article that could not be stored, and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class IngestReport:
    """What an ingest did: articles stored, skipped as already stored, and failures."""

    stored: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    filtered: dict[str, int] = field(default_factory=dict)
    """WARC records passed over before any parsing, by reason (not HTML, language, host …)."""

    @property
    def done(self) -> int:
        """Return how many inputs have been handled so far (stored, skipped or failed)."""
        return self.stored + self.skipped + len(self.failures)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        return {
            "stored": self.stored,
            "skipped": self.skipped,
            "failed": len(self.failures),
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
            "seconds": round(self.seconds, 3),
            "filtered": dict(self.filtered),
        }


Progress = Callable[[IngestReport], None]


def ingest(
    store: Store,
    inputs: Iterable[str],
    options: ReadOptions | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    scale: ScaleOptions | None = None,
    writers: int = 1,
) -> IngestReport:
    """Read every input (paths, directories, URLs) and store the analysis of each new article.

    Args:
        store: an open store.
        inputs: what :func:`newsgraph.sources.iter_articles` accepts.
        options: how to read the inputs.
        batch_size: articles parsed together before they are written.
        progress: called with the running report after each article is handled.
        scale: analyse in a process pool (``ScaleOptions(workers=N)``); reading, the
            already-stored check and writing stay in this process.
        writers: write over this many connections at once (PostgreSQL only; see
            :mod:`newsgraph.ingest.writers`).

    Returns:
        The report: stored, skipped (already stored) and failed, with reasons.

    Raises:
        StoreError: the database cannot be written (what was committed before stays).
        ConfigError: ``writers`` > 1 on a SQLite database.
    """
    stats = ReadStats()
    items = iter_articles(inputs, options, stats)
    report = ingest_articles(
        store, items, batch_size=batch_size, progress=progress, scale=scale, writers=writers
    )
    report.filtered = dict(stats.skipped)
    return report


def ingest_articles(
    store: Store,
    items: Iterable[Article | InputError],
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    pipeline: Sequence[str] | None = None,
    group: bool = True,
    scale: ScaleOptions | None = None,
    writers: int = 1,
) -> IngestReport:
    """Analyse and store articles already read (``InputError`` items count as failures).

    See :func:`ingest` for the arguments; ``pipeline`` names the extractors to run (default:
    all); ``group`` puts each article in its near-duplicate group as it is stored. With
    ``scale`` (``workers`` > 1), the articles not stored yet are analysed in a process pool
    (:class:`newsgraph.scale.WorkerPool`) and written here, in input order, by one writer, or
    by ``writers`` connections at once (:class:`newsgraph.ingest.writers.ParallelWriter`).
    """
    from ..store.groups import Grouper

    report = IngestReport()
    with _Writes(store, report, Grouper(store) if group else None, writers) as writes:
        started = time.perf_counter()
        seen: set[str] = set()
        pending: list[Article] = []

        def tick() -> None:
            report.seconds = time.perf_counter() - started
            if progress is not None:
                progress(report)

        def fresh() -> Iterator[Article]:
            for item in items:
                if isinstance(item, InputError):
                    report.failures.append(Failure(item.source or "<input>", item.message))
                    tick()
                elif item.id in seen or has_article(store, item.id):
                    report.skipped += 1
                    tick()
                else:
                    seen.add(item.id)
                    yield item

        if scale is not None and scale.workers > 1:
            from ..scale import WorkerPool

            names = None if pipeline is None else tuple(pipeline)
            with WorkerPool(replace(scale, pipeline=names)) as pool:
                for result in pool.analyze(fresh()):
                    if isinstance(result, InputError):
                        report.failures.append(Failure(result.source or "<input>", result.message))
                    else:
                        writes.write(result)
                    tick()
        else:
            for article in fresh():
                pending.append(article)
                if len(pending) >= batch_size:
                    _store_batch(writes, pending, pipeline, report, tick)
                    pending = []
            if pending:
                _store_batch(writes, pending, pipeline, report, tick)
        writes.finish()
        report.seconds = time.perf_counter() - started

    return report


class _Writes:
    """Where each analysis goes, and the count of what was stored.

    It is grouped here, in order, then written by this connection or by a
    :class:`~newsgraph.ingest.writers.ParallelWriter`.
    """

    def __init__(
        self, store: Store, report: IngestReport, grouper: Grouper | None, writers: int
    ) -> None:
        from .writers import ParallelWriter

        self.store, self.report, self.grouper = store, report, grouper
        self.parallel = ParallelWriter(store, writers) if writers > 1 else None

    def write(self, analysis: Analysis) -> None:
        article = analysis.article
        group = self.grouper.assign(article.id, article.text) if self.grouper else None
        if self.parallel is None:
            self._count([write_analysis(self.store, analysis, group=group)])
        else:
            self._count(self.parallel.submit(analysis, group))

    def finish(self) -> None:
        if self.parallel is not None:
            self._count(self.parallel.finish())

    def _count(self, outcomes: list[bool]) -> None:
        for stored in outcomes:
            if stored:
                self.report.stored += 1
            else:
                self.report.skipped += 1

    def __enter__(self) -> _Writes:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.parallel is not None:
            self.parallel.close()


def _store_batch(
    writes: _Writes,
    batch: list[Article],
    pipeline: Sequence[str] | None,
    report: IngestReport,
    tick: Callable[[], None],
) -> None:
    for article, result in zip(batch, _analyze_batch(batch, pipeline), strict=True):
        if isinstance(result, Analysis):
            writes.write(result)
        else:
            report.failures.append(Failure(article.source or article.id, result))
        tick()


def _analyze_batch(batch: list[Article], pipeline: Sequence[str] | None) -> list[Analysis | str]:
    """Analyse a batch together; if that raises, one by one, so one bad article fails alone."""
    from ..analyze import analyze_many

    try:
        return list(analyze_many(batch, pipeline))
    except Exception:  # an extractor bug on one article must not lose the batch
        log.debug("batch analysis failed; retrying one article at a time", exc_info=True)
    results: list[Analysis | str] = []
    for article in batch:
        try:
            results.extend(analyze_many([article], pipeline))
        except Exception as exc:
            log.debug("%s: analysis failed", article.source, exc_info=True)
            results.append(f"analysis failed ({type(exc).__name__}: {exc})")
    return results
