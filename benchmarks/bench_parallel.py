"""Parallel speed-up: one process, a pool of two, and a Dask LocalCluster of two workers.

Writes ``--texts`` article texts (AEB bodies and PolNeAR train texts from ``../shared/eval``)
as plain files to a temporary directory, then reads and analyses them:

- one process (:func:`newsgraph.analyze.analyze_sources`);
- the process pool with ``--workers`` workers (:func:`newsgraph.scale.analyze_parallel`);
- a Dask ``LocalCluster`` with ``--workers`` workers (:func:`newsgraph.scale.run_batch`,
  Parquet shards out), when ``dask[distributed]`` is installed;

and prints, best of ``--repeat`` runs, articles/s, the speed-up over one process, the CPU
time the workers spent per article (equal to one process's when nothing is lost to the
split: then the speed-up is limited only by free cores) and each worker's peak resident
memory (``getrusage`` in the worker). Worker start-up (loading spaCy) is not timed: the
pool and the cluster are warmed first. Skips cleanly without ``../shared``.

Usage: python benchmarks/bench_parallel.py [--texts 240] [--workers 2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_throughput import load_texts


def show(name: str, count: int, took: float, one: float, report: Any) -> None:
    memory = ", ".join(f"{mb:.0f}" for mb in report.peak_rss_mb.values())
    print(
        f"{name:<17} {count / took:6.2f} articles/s  "
        f"CPU {report.cpu_seconds / count * 1000:4.0f} ms/article (workers)  "
        f"speed-up {one / took:.2f}x  worker peak RSS {memory} MB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=240)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    texts = load_texts(args.texts)
    if not texts:
        print("skipped: ../shared/eval is not present")
        return 0
    from newsgraph.analyze import analyze_sources
    from newsgraph.scale import RunReport, ScaleOptions, WorkerPool, run_batch
    from newsgraph.scale.worker import peak_rss_mb

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        files = sorted(str(p) for p in folder.iterdir())
        n = len(files)
        print(f"{n} articles, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}")
        list(analyze_sources(files[:4]))
        scale = ScaleOptions(workers=args.workers, batch_size=args.batch_size)
        one: list[float] = []
        one_cpu = float("inf")
        for _ in range(args.repeat):
            started, cpu = time.perf_counter(), time.process_time()
            count = sum(1 for _ in analyze_sources(files))
            one.append(time.perf_counter() - started)
            one_cpu = min(one_cpu, time.process_time() - cpu)
        best_one = min(one)
        print(
            f"1 process         {count / best_one:6.2f} articles/s  "
            f"CPU {one_cpu / n * 1000:4.0f} ms/article  peak RSS {peak_rss_mb():.0f} MB"
        )

        times: list[float] = []
        with WorkerPool(scale) as pool:
            pool.warm()  # workers load spaCy before the clock starts
            for _ in range(args.repeat):
                report = RunReport()
                started = time.perf_counter()
                count = sum(1 for _ in pool.analyze(files, report))
                times.append(time.perf_counter() - started)
        show(f"pool of {args.workers}", count, min(times), best_one, report)

        try:
            from distributed import LocalCluster
        except ImportError:
            print("dask: skipped (pip install 'newsgraph[dask]')")
            return 0
        from newsgraph.scale import tasks

        # Partitions of a few files each, so that every worker stays busy to the end.
        tasks.FILES_PER_PARTITION = max(1, n // (args.workers * 12))
        times = []
        import dask

        from newsgraph.scale.cluster import LOCAL_CONFIG

        with (
            dask.config.set(LOCAL_CONFIG),
            LocalCluster(
                n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster,
        ):
            address = cluster.scheduler_address
            run_batch(files[:4], Path(tmp) / "warm", scale=scale, dask=address)  # load models
            for i in range(args.repeat):
                started = time.perf_counter()
                report = run_batch(files, Path(tmp) / f"shards-{i}", scale=scale, dask=address)
                times.append(time.perf_counter() - started)
        show(f"dask local:{args.workers}", report.articles, min(times), best_one, report)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
