"""The worker side of a parallel run: what each process (or Dask worker) loads once and runs.

A worker is set up once with :func:`init_worker` (the process pool's initializer, or the Dask
worker plugin's ``setup``): it loads the spaCy pipeline, the extractors and their knowledge
tables, so that every batch after that pays for parsing and extraction only. It then runs
:func:`analyze_batch` on batches of :data:`Task` items and returns plain, picklable data:
one result dict per article, in the order of the batch.

A result dict is either ``{"analysis": <Analysis.to_dict()>}`` or ``{"error": {"type",
"message", "source"}}``; :func:`result_from_dict` turns it back into an ``Analysis`` or the
``InputError`` subclass that was raised. Errors travel as dicts because an exception pickles
without its ``source``.
"""

from __future__ import annotations

import logging
import os
import resource
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..errors import InputError
from ..model import Analysis, Article
from ..sources import ReadOptions, ReadStats
from ..sources.warc import WarcPage

log = logging.getLogger(__name__)

_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

Task = str | WarcPage | Article | InputError
"""One unit of work: a path or URL to read, a WARC page to read, an article already read, or
an input error met while listing the work (passed through in its place)."""


@dataclass(frozen=True)
class WorkerConfig:
    """What every worker needs to know, sent once when it starts.

    Attributes:
        read: how inputs are read (and which WARC records are kept).
        pipeline: the extractors to run (``None``: the default pipeline).
        selective: parse only the sentences that can hold a quote, an event or an entity
            (see :mod:`newsgraph.nlp.selective`).
        batch_size: articles parsed together in one ``nlp.pipe`` call.
    """

    read: ReadOptions = field(default_factory=ReadOptions)
    pipeline: tuple[str, ...] | None = None
    selective: bool = False
    batch_size: int = 32


class _State:
    config: WorkerConfig | None = None
    started: float = 0.0


def init_worker(config: WorkerConfig) -> None:
    """Set up this process as a worker: load the spaCy pipeline and the extractors, once.

    Safe to call again (a second call with the same config does nothing).
    """
    if _State.config == config:
        return
    if "numpy" not in sys.modules:
        # One thread per worker (N workers on N cores, not N × cores threads); this only
        # works before numpy loads, as it does in a fresh pool or Dask worker process.
        for name in _THREAD_VARIABLES:
            os.environ.setdefault(name, "1")
    from ..analyze import analyze_many

    _State.config = config
    _State.started = time.perf_counter()
    warm = Article(text="Japan's prime minister said on Sunday that talks with Seoul went well.")
    warm.language = "en"
    # One tiny article loads the model, the extractors and their lazily built tables.
    list(analyze_many([warm], config.pipeline, selective=config.selective))
    log.debug("worker %d ready in %.1f s", os.getpid(), time.perf_counter() - _State.started)


def worker_config() -> WorkerConfig:
    """Return the config this worker was set up with (a default one if it was not)."""
    if _State.config is None:
        init_worker(WorkerConfig())
    assert _State.config is not None
    return _State.config


def analyze_batch(tasks: list[Task], config: WorkerConfig | None = None) -> list[dict[str, Any]]:
    """Read and analyse a batch of tasks in this process; one result dict per article, in order.

    Args:
        tasks: paths or URLs, WARC pages, articles, or input errors to pass through.
        config: how to read and analyse (default: what :func:`init_worker` was given).

    Returns:
        ``{"analysis": ...}`` or ``{"error": ...}`` per article (a path holding several
        articles gives several), in the order of ``tasks``.
    """
    config = config or worker_config()
    items = list(read_tasks(tasks, config.read))
    return analyze_items(items, config)


def read_tasks(
    tasks: Iterable[Task], options: ReadOptions, stats: ReadStats | None = None
) -> Iterator[Article | InputError]:
    """Read each task into its articles (or the ``InputError`` that stopped it), in order."""
    from ..sources import iter_articles
    from ..sources.warc import read_warc_page

    for task in tasks:
        if isinstance(task, Article | InputError):
            yield task
        elif isinstance(task, WarcPage):
            try:
                yield read_warc_page(task, options)
            except InputError as exc:
                yield exc
        else:
            yield from iter_articles([task], options, stats)


def analyze_items(items: list[Article | InputError], config: WorkerConfig) -> list[dict[str, Any]]:
    """Analyse the articles among ``items``; return one result dict per item, in order.

    The articles are parsed together; if that raises (an extractor bug), they are analysed
    one by one so that only the article that fails is reported, as an ``InputError``.
    """
    from ..analyze import analyze_many

    articles = [item for item in items if isinstance(item, Article)]
    try:
        analyses: list[Analysis | InputError] = list(
            analyze_many(articles, config.pipeline, selective=config.selective)
        )
    except Exception:
        log.debug("batch analysis failed; retrying one article at a time", exc_info=True)
        analyses = [_analyze_alone(article, config) for article in articles]
    done = iter(analyses)
    return [result_to_dict(item if isinstance(item, InputError) else next(done)) for item in items]


def _analyze_alone(article: Article, config: WorkerConfig) -> Analysis | InputError:
    from ..analyze import analyze_many

    try:
        return next(analyze_many([article], config.pipeline, selective=config.selective))
    except Exception as exc:
        log.debug("%s: analysis failed", article.source, exc_info=True)
        message = f"analysis failed ({type(exc).__name__}: {exc})"
        return InputError(message, article.source or article.id)


def result_to_dict(item: Analysis | InputError) -> dict[str, Any]:
    """Return an analysis or an input error as plain data (see the module docstring)."""
    if isinstance(item, InputError):
        return {"error": error_to_dict(item)}
    return {"analysis": item.to_dict()}


def result_from_dict(data: dict[str, Any]) -> Analysis | InputError:
    """Return the ``Analysis`` or ``InputError`` a result dict holds."""
    if data.get("error") is not None:
        return error_from_dict(data["error"])
    return Analysis.from_dict(data["analysis"])


def error_to_dict(error: InputError) -> dict[str, Any]:
    """Return an input error as ``{"type", "message", "source"}``."""
    return {"type": type(error).__name__, "message": error.message, "source": error.source}


def error_from_dict(data: dict[str, Any]) -> InputError:
    """Rebuild the ``InputError`` (or subclass) described by :func:`error_to_dict`."""
    cls = getattr(errors, str(data.get("type")), InputError)
    if not (isinstance(cls, type) and issubclass(cls, InputError)):
        cls = InputError
    error: InputError = cls(str(data.get("message")), data.get("source"))
    return error


def peak_rss_mb() -> float:
    """Return this process's peak resident memory so far, in megabytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_batch(tasks: list[Task]) -> dict[str, Any]:
    """Run :func:`analyze_batch` in a pool worker; add who ran it, its memory and CPU time."""
    started, cpu = time.perf_counter(), time.process_time()
    results = analyze_batch(tasks)
    return {
        "results": results,
        "pid": os.getpid(),
        "peak_rss_mb": peak_rss_mb(),
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
    }
