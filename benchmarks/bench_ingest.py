"""Ingest throughput against bare spaCy and against the analysis alone, on the same texts.

Usage::

    .venv/bin/python benchmarks/bench_ingest.py [--limit 300] [--db URL]

Reads up to ``--limit`` articles from ``../shared/eval`` (PolNeAR texts, then AEB pages; skips
when absent), then times, in one run and on the same articles:

1. ``nlp.pipe`` alone (the parse every analysis needs);
2. ``analyze_many`` (parse + every extractor);
3. ``ingest_articles`` into a fresh database (analysis + one transaction per article);
4. ``write_analysis`` alone for the analyses of step 2 (the pure cost of storing).

It prints articles/s (wall clock) and CPU seconds for each step, and the storage overhead
relative to the analysis: ``store / analyse`` from step 4 (precise), and ``ingest / analyse - 1``
from steps 2 and 3 (end to end, noisier on a busy machine). The goal is at most 10 %.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsgraph.analyze import analyze_many
from newsgraph.ingest import ingest_articles
from newsgraph.model import Article
from newsgraph.nlp import BATCH_SIZE, load_nlp
from newsgraph.sources import iter_articles
from newsgraph.store import open_store
from newsgraph.store.rows import write_analysis

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def corpus_paths(limit: int) -> list[str]:
    polnear = sorted((EVAL / "quotes" / "polnear").glob("*/text/*.txt"))
    aeb = sorted((EVAL / "extraction" / "scrapinghub-aeb" / "html").glob("*.html.gz"))
    # Both kinds: two thirds PolNeAR texts, one third AEB pages.
    take_aeb = min(len(aeb), limit // 3)
    return [str(p) for p in polnear[: limit - take_aeb] + aeb[:take_aeb]]


def timed(step: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--db", help="database URL for steps 3-4 (default: a temporary SQLite)")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"skipped: {EVAL} is not present")
        return
    paths = corpus_paths(args.limit)
    _, read_cpu, items = timed(lambda: list(iter_articles(paths)))
    articles = [a for a in items if isinstance(a, Article)]
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles ({chars / len(articles):,.0f} characters on average)")
    nlp = load_nlp()
    list(nlp.pipe(["Warm up the pipeline."]))

    texts = [a.text for a in articles]
    rows = []
    wall, cpu, _ = timed(lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE)))
    rows.append(("nlp.pipe", wall, cpu))
    wall, cpu, analyses = timed(lambda: list(analyze_many(articles)))
    rows.append(("analyze_many", wall, cpu))
    analyse_wall, analyse_cpu = wall, cpu

    with tempfile.TemporaryDirectory() as tmp:
        first = args.db or os.path.join(tmp, "ingest.db")
        with open_store(first) as store:
            wall, cpu, report = timed(lambda: ingest_articles(store, articles))
        rows.append(("ingest (analyse + store)", wall, cpu))
        ingest_wall, ingest_cpu = wall, cpu
        size = os.path.getsize(first) if os.path.exists(first) else 0
        second = os.path.join(tmp, "store-only.db")
        with open_store(second) as store:
            wall, cpu, _ = timed(lambda: [write_analysis(store, a) for a in analyses])
        rows.append(("write_analysis only", wall, cpu))
        store_wall, store_cpu = wall, cpu

    n = len(articles)
    print(f"{'step':<26}{'articles/s':>12}{'wall s':>10}{'cpu s':>10}")
    for name, wall, cpu in rows:
        print(f"{name:<26}{n / wall:>12.1f}{wall:>10.2f}{cpu:>10.2f}")
    print(f"reading (not in the figures above): {read_cpu:.2f} cpu s")
    print(f"stored {report.stored}, failed {len(report.failures)}; SQLite file {size / 1e6:.1f} MB")
    direct = store_cpu / analyse_cpu
    end_to_end = ingest_cpu / analyse_cpu - 1
    wall_direct, wall_end = store_wall / analyse_wall, ingest_wall / analyse_wall - 1
    print(f"storage overhead: {direct:.1%} of the analysis (cpu; wall {wall_direct:.1%})")
    print(f"end to end: ingest {end_to_end:+.1%} over analyze_many (cpu; wall {wall_end:+.1%})")
    if direct > 0.10:
        print("FAIL: storing costs more than 10 % on top of the analysis")
        sys.exit(1)


if __name__ == "__main__":
    main()
