"""One entry point for the ``analyze-batch`` command: a process pool or Dask, shards out.

:func:`run_batch` analyses inputs into Parquet shards with the local process pool (one writer,
the caller, cuts the ordered stream into shards) or on a Dask cluster (each partition writes
its own shard). :func:`scan` only streams and filters (WARC records chosen, pages counted),
with no reading of pages and no parsing: a quick look at what a run would take in.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import ConfigError, InputError
from ..sources import ReadOptions
from .pool import RunReport, ScaleOptions, analyze_parallel
from .shards import SHARD_GLOB, ShardWriter

Progress = Callable[[RunReport], None]


def run_batch(
    inputs: Iterable[str],
    out: str | Path,
    options: ReadOptions | None = None,
    scale: ScaleOptions | None = None,
    dask: str | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """Analyse inputs into Parquet shards in ``out`` (see :mod:`newsgraph.scale.shards`).

    Args:
        inputs: paths, directories, URLs (``-`` with the process pool only).
        out: the shard directory; it must not hold shards already.
        options: how to read (``record_filter`` chooses WARC records before parsing).
        scale: workers, batch size, extractors, selective parsing.
        dask: a Dask scheduler address, ``local`` or ``local:N``; ``None`` for the pool.
        progress: called with the running report.

    Returns:
        The report: articles, failures, records skipped by reason, workers' peak memory.

    Raises:
        ConfigError: ``out`` already holds shards, or Dask is wanted and not installed.
    """
    directory = Path(out)
    if directory.is_dir() and any(directory.glob(SHARD_GLOB)):
        raise ConfigError("the directory already holds shards (choose an empty one)", str(out))
    if dask:
        from .cluster import ClusterSpec, run_dask

        return run_dask(inputs, directory, ClusterSpec.parse(dask), options, scale, progress)
    directory.mkdir(parents=True, exist_ok=True)
    report = RunReport()
    writer = ShardWriter(directory)
    for item in analyze_parallel(inputs, options, scale, report, progress):
        writer.add(item)
    writer.flush()
    return report


def scan(
    inputs: Iterable[str], options: ReadOptions | None = None, progress: Progress | None = None
) -> RunReport:
    """Stream the inputs and apply the WARC record filter without reading or parsing pages.

    ``articles`` counts the pages that would be analysed, ``failed`` the input errors met,
    and ``stats`` the records skipped, by reason.
    """
    from .tasks import iter_tasks

    report = RunReport()
    started = time.perf_counter()
    for count, task in enumerate(iter_tasks(inputs, options or ReadOptions(), report.stats)):
        if isinstance(task, InputError):
            report.failed += 1
        else:
            report.articles += 1
        if progress is not None and count % 50 == 0:
            report.seconds = time.perf_counter() - started
            progress(report)
    report.seconds = time.perf_counter() - started
    if progress is not None:
        progress(report)
    return report
