"""Writing to PostgreSQL: one writer against ``--writers`` connections at once, same analyses.

Starts a throwaway PostgreSQL cluster (as the tests do: ``tests/pg_cluster.py``), analyses
``--texts`` texts once (the AEB bodies and PolNeAR train texts from ``../shared/eval``), then
stores the same analyses into fresh databases with one writer and with
:class:`newsgraph.ingest.writers.ParallelWriter`, best of ``--repeat`` runs each, and prints
articles written per second. The analysis is not timed: this measures only what parallel
writers change. ``--commit-delay MS`` makes the server wait that long at each commit
(``commit_delay``-like, with ``pg_sleep`` in a trigger), standing in for a server across a
network. Skips cleanly without ``../shared`` or without a PostgreSQL server to start.

Usage: python benchmarks/bench_writers.py [--texts 200] [--writers 4] [--repeat 3]
    [--commit-delay 0]
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bench_throughput import load_texts


def fresh_database(cluster: Any, delay_ms: int) -> str:
    import psycopg

    from newsgraph.store import open_store

    name = "bench_" + uuid.uuid4().hex[:8]
    with psycopg.connect(cluster.url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    url = str(cluster.database_url(name))
    with open_store(url):
        pass  # create the schema
    if delay_ms:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(
                "CREATE FUNCTION slow_commit() RETURNS trigger AS $$ BEGIN "
                f"PERFORM pg_sleep({delay_ms / 1000}); RETURN NULL; END $$ LANGUAGE plpgsql"
            )
            conn.execute(
                "CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON articles "
                "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()"
            )
    return url


def write_all(url: str, analyses: list[Any], writers: int) -> float:
    from newsgraph.ingest.writers import ParallelWriter
    from newsgraph.store import open_store
    from newsgraph.store.rows import write_analysis

    with open_store(url) as store:
        started = time.perf_counter()
        if writers == 1:
            stored = sum(write_analysis(store, analysis) for analysis in analyses)
        else:
            with ParallelWriter(store, writers) as parallel:
                outcomes = [o for a in analyses for o in parallel.submit(a, None)]
                stored = sum(outcomes + parallel.finish())
        took = time.perf_counter() - started
    assert stored == len(analyses), (stored, len(analyses))
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=200)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--commit-delay", type=int, default=0, metavar="MS")
    args = parser.parse_args()
    texts = load_texts(args.texts)
    if not texts:
        print("skipped: ../shared/eval is not present")
        return 0
    from pg_cluster import ClusterUnavailable, start_cluster

    from newsgraph.analyze import analyze_many
    from newsgraph.model import Article

    try:
        cluster = start_cluster()
    except ClusterUnavailable as exc:
        print(f"skipped: no PostgreSQL server ({exc})")
        return 0
    try:
        unique = list(dict.fromkeys(texts))
        analyses = list(analyze_many([Article(text=t, language="en") for t in unique]))
        n = len(analyses)
        print(f"{n} analyses; commit delay {args.commit_delay} ms")
        best: dict[int, float] = {}
        for _ in range(args.repeat):
            for writers in (1, args.writers):
                url = fresh_database(cluster, args.commit_delay)
                took = write_all(url, analyses, writers)
                best[writers] = min(best.get(writers, float("inf")), took)
        one = best[1]
        for writers, took in best.items():
            print(f"{writers} writer(s): {n / took:7.1f} articles/s  ({one / took:.2f}x)")
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
