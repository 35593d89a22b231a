"""Dask ``distributed``: the same worker function on a cluster, one Parquet shard per partition.

::

    newsgraph analyze-batch cc-news/*.warc.gz --out shards/ --dask local:4      # a laptop
    newsgraph analyze-batch cc-news/*.warc.gz --out shards/ --dask tcp://head:8786
    newsgraph load shards/ --db corpus.db

Partitions are input files (each WARC or JSONL file alone, plain files in chunks; see
:func:`~newsgraph.scale.tasks.plan_partitions`). A :class:`ModelPlugin` (a Dask
``WorkerPlugin``) loads the spaCy pipeline once per worker when it joins; each task then reads
its partition, analyses it in batches and writes ``part-NNNNN.parquet`` into ``--out``, which
must be a directory every worker can write (a shared file system on a real cluster). Only a
small summary travels back to the client.

``dask[distributed]`` is an optional dependency (``pip install 'newsgraph[dask]'``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..sources import ReadOptions, ReadStats
from .pool import RunReport, ScaleOptions
from .worker import WorkerConfig, init_worker, peak_rss_mb

log = logging.getLogger(__name__)

_WorkerPlugin: Any
try:
    from distributed import WorkerPlugin as _WorkerPlugin
except ImportError:  # the plugin is only made once Dask is known to be there
    _WorkerPlugin = object

INSTALL = "pip install 'newsgraph[dask]'"

LOCAL_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    # Dask's default minus MALLOC_TRIM_THRESHOLD_: setting it turns off glibc's adaptive
    # mmap threshold, so every large numpy buffer of the parse is mapped and unmapped again
    # (119 against 103 ms of worker CPU per article in benchmarks/bench_parallel.py).
    "distributed.nanny.pre-spawn-environ": {
        "OMP_NUM_THREADS": 1,
        "MKL_NUM_THREADS": 1,
        "OPENBLAS_NUM_THREADS": 1,
    },
}
"""Dask settings for the workers of a local cluster (on a real cluster, set them in the
workers' Dask config file; see ``docs/scale.md``)."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError(f"Dask is not installed ({INSTALL}): {exc}") from exc
    return distributed


@dataclass(frozen=True)
class ClusterSpec:
    """Where to run: a scheduler address or a local cluster of ``local_workers`` processes."""

    address: str | None = None
    local_workers: int = 0

    @classmethod
    def parse(cls, value: str) -> ClusterSpec:
        """Parse ``tcp://HOST:PORT`` (a running scheduler), ``local`` or ``local:N``.

        Raises:
            ConfigError: the value is neither.
        """
        if value == "local" or value.startswith("local:"):
            count = value.partition(":")[2] or "2"
            if not count.isdigit() or int(count) < 1:
                raise ConfigError(f"--dask {value}: expected local:N with N ≥ 1 workers")
            return cls(local_workers=int(count))
        if "://" not in value:
            raise ConfigError(f"--dask {value}: expected tcp://HOST:PORT, local or local:N")
        return cls(address=value)


class ModelPlugin(_WorkerPlugin):  # type: ignore[misc]
    """A Dask ``WorkerPlugin``: load the spaCy pipeline and extractors once per worker."""

    name = "newsgraph-model"

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config

    def setup(self, worker: Any) -> None:
        """Set the worker up when it joins the cluster (or when the plugin is registered)."""
        init_worker(self.config)


@contextmanager
def connect(spec: ClusterSpec) -> Iterator[Any]:
    """Yield a Dask ``Client`` for ``spec``, starting (and then closing) a local cluster.

    Raises:
        ConfigError: Dask is not installed.
    """
    distributed = _distributed()
    for name in ("distributed", "distributed.scheduler", "distributed.nanny", "distributed.core"):
        # Dask logs every worker start and stop at INFO; a run says what matters itself.
        if logging.getLogger(name).getEffectiveLevel() > logging.DEBUG:
            logging.getLogger(name).setLevel(logging.WARNING)
    if spec.address:
        with distributed.Client(spec.address) as client:
            yield client
        return
    import dask

    # The workers' sampling profiler walks every thread's stack 100 times a second: with
    # spaCy's deep stacks that is CPU taken from parsing, for a dashboard we do not start.
    with dask.config.set(LOCAL_CONFIG):
        cluster = distributed.LocalCluster(
            n_workers=spec.local_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port: never clash with another cluster
        )
    try:
        with distributed.Client(cluster) as client:
            yield client
    finally:
        cluster.close()


def analyze_partition(paths: list[str], out: str, config: WorkerConfig) -> dict[str, Any]:
    """Read and analyse one partition on a worker; write its shard; return a summary.

    Args:
        paths: the partition's input files.
        out: the shard to write.
        config: how to read and analyse (the worker is set up with it if it was not).

    Returns:
        ``{"shard", "articles", "failed", "skipped", "peak_rss_mb", "seconds", "worker"}``.
    """
    import os

    from ..sources import iter_articles
    from .shards import shard_row, write_shard
    from .worker import analyze_items

    init_worker(config)
    started, cpu = time.perf_counter(), time.process_time()
    stats = ReadStats()
    rows: list[dict[str, Any]] = []
    batch = []
    for item in iter_articles(paths, config.read, stats):
        batch.append(item)
        if len(batch) >= config.batch_size:
            rows.extend(shard_row(result) for result in analyze_items(batch, config))
            batch = []
    if batch:
        rows.extend(shard_row(result) for result in analyze_items(batch, config))
    write_shard(rows, out)
    failed = sum(1 for row in rows if row["error"] is not None)
    return {
        "shard": out,
        "articles": len(rows) - failed,
        "failed": failed,
        "skipped": stats.skipped,
        "peak_rss_mb": peak_rss_mb(),
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
        "worker": f"{os.uname().nodename}:{os.getpid()}",
    }


def run_dask(
    inputs: Iterable[str],
    out: str | Path,
    spec: ClusterSpec,
    options: ReadOptions | None = None,
    scale: ScaleOptions | None = None,
    progress: Callable[[RunReport], None] | None = None,
) -> RunReport:
    """Analyse inputs on a Dask cluster, one Parquet shard per partition in ``out``.

    Args:
        inputs: paths and directories (every worker must be able to read them).
        out: the directory for the shards (every worker must be able to write it).
        spec: the scheduler, or a local cluster to start.
        options: how to read (``record_filter`` chooses WARC records).
        scale: batch size, extractors, selective parsing (``workers`` is the cluster's).
        progress: called with the running report as partitions finish.

    Returns:
        The report: articles, failures, skipped records, each worker's peak memory.

    Raises:
        ConfigError: Dask is not installed, or stdin is among the inputs.
        NewsgraphError: a partition failed on the cluster (the message names it).
    """
    from .shards import shard_path
    from .tasks import plan_partitions

    options = options or ReadOptions()
    config = (scale or ScaleOptions()).worker_config(options)
    partitions = plan_partitions(inputs, options)
    Path(out).mkdir(parents=True, exist_ok=True)
    report = RunReport()
    started = time.perf_counter()
    with connect(spec) as client:
        client.register_plugin(ModelPlugin(config))
        futures = [
            client.submit(
                analyze_partition,
                part,
                str(shard_path(out, i)),
                config,
                pure=False,
                key=f"newsgraph-part-{i:05d}",
            )
            for i, part in enumerate(partitions)
        ]
        for future in _distributed().as_completed(futures):
            _add(report, _summary(future, partitions, futures))
            report.seconds = time.perf_counter() - started
            if progress is not None:
                progress(report)
    return report


def _summary(future: Any, partitions: list[list[str]], futures: list[Any]) -> dict[str, Any]:
    from ..errors import NewsgraphError

    try:
        summary: dict[str, Any] = future.result()
    except Exception as exc:
        part = partitions[futures.index(future)]
        raise NewsgraphError(
            f"partition {part[0]}{' …' if len(part) > 1 else ''} failed on the cluster: "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    return summary


def _add(report: RunReport, summary: dict[str, Any]) -> None:
    report.articles += summary["articles"]
    report.failed += summary["failed"]
    report.cpu_seconds += summary["cpu_seconds"]
    for reason, count in summary["skipped"].items():
        report.stats.skipped[reason] = report.stats.skipped.get(reason, 0) + count
    worker = summary["worker"]
    report.peak_rss_mb[worker] = max(report.peak_rss_mb.get(worker, 0.0), summary["peak_rss_mb"])
