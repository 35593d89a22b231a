"""Speed of the HTML reader against bare trafilatura on the same pages.

Reads the AEB and NAEB HTML pages from ``../shared/eval/extraction`` (skips cleanly when they
are absent), then times, in the same run and on the same decoded pages:

- ``read_html`` (our reader: one lxml parse, metadata, images, trafilatura body), and
- ``trafilatura.extract`` alone (default settings),

and prints pages/s of each and the ratio (our time / trafilatura's time; the target is ≤ 1.5).
The two are timed page by page in alternation, so that machine load weighs on both alike.

Usage: ``python benchmarks/bench_html_reader.py [--limit N] [--repeat R]``
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import logging
import sys
import time
from pathlib import Path

import trafilatura

from newsgraph.errors import NotAnArticleError
from newsgraph.sources.html import read_html
from newsgraph.sources.options import ReadOptions

GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "extraction"
SETS = ("scrapinghub-aeb/html", "naeb-dev/html")


def load_pages(limit: int | None) -> list[str]:
    pages: list[str] = []
    for folder in SETS:
        directory = GOLD / folder
        if directory.is_dir():
            for path in sorted(directory.glob("*.html.gz")):
                pages.append(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
    return pages[:limit] if limit else pages


def ours(html: str) -> None:
    with contextlib.suppress(NotAnArticleError):
        read_html(html, "bench", ReadOptions())


def bare(html: str) -> None:
    trafilatura.extract(html)


def timed(pages: list[str], repeat: int) -> tuple[float, float]:
    """Return the best total times of ``bare`` and ``ours`` over ``repeat`` runs.

    The two are interleaved page by page, so that a change in machine load during the run
    weighs on both alike (the ratio is what the target is about).
    """
    best_bare = best_ours = float("inf")
    clock = time.perf_counter
    for _ in range(repeat):
        t_bare = t_ours = 0.0
        for page in pages:
            start = clock()
            bare(page)
            middle = clock()
            ours(page)
            t_bare += middle - start
            t_ours += clock() - middle
        best_bare, best_ours = min(best_bare, t_bare), min(best_ours, t_ours)
    return best_bare, best_ours


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="time only the first N pages")
    parser.add_argument("--repeat", type=int, default=1, help="best of R runs")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # trafilatura logs every discarded page
    pages = load_pages(args.limit)
    if not pages:
        print(f"skipped: no pages under {GOLD}")
        return 0
    ours(pages[0])  # warm up lazy imports and caches for both
    bare(pages[0])
    t_bare, t_ours = timed(pages, args.repeat)
    n = len(pages)
    print(f"pages: {n}")
    print(f"trafilatura.extract: {n / t_bare:7.1f} pages/s ({t_bare:.2f} s)")
    print(f"newsgraph read_html: {n / t_ours:7.1f} pages/s ({t_ours:.2f} s)")
    print(f"ratio (ours / trafilatura time): {t_ours / t_bare:.2f} (target <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
