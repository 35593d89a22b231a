"""Running newsgraph at scale: a local process pool, a Dask cluster, CC-NEWS WARC streaming.

::

    from newsgraph.scale import ScaleOptions, analyze_parallel

    for item in analyze_parallel(["pages/"], scale=ScaleOptions(workers=4)):
        ...                                   # Analysis or InputError, in input order

Modules:

- ``worker.py``     what a worker loads once and runs (:func:`analyze_batch`)
- ``tasks.py``      the parent's cheap part: inputs to tasks (WARC pages) and partitions
- ``pool.py``       the process pool (:func:`analyze_parallel`, :func:`analyze_articles_parallel`)
- ``cluster.py``    Dask ``distributed`` (a worker plugin; one Parquet shard per partition)
- ``shards.py``     Parquet shards out, and :func:`load_shards` into a store
- ``batch.py``      :func:`run_batch` (pool or Dask, shards out) and :func:`scan` (filter only)

Each worker parses with :mod:`newsgraph.nlp` (selective parsing and the faster identical
pipes live there).

See ``docs/scale.md`` for running on a laptop, a cluster, or Slurm.
"""

from __future__ import annotations

from ..sources.warc_filter import RecordFilter
from .batch import run_batch, scan
from .pool import (
    RunReport,
    ScaleOptions,
    WorkerPool,
    analyze_articles_parallel,
    analyze_parallel,
)
from .shards import LoadReport, iter_shards, load_shards
from .worker import WorkerConfig, analyze_batch

__all__ = [
    "LoadReport",
    "RecordFilter",
    "RunReport",
    "ScaleOptions",
    "WorkerConfig",
    "WorkerPool",
    "analyze_articles_parallel",
    "analyze_batch",
    "analyze_parallel",
    "iter_shards",
    "load_shards",
    "run_batch",
    "scan",
]
