"""Saved searches: how long ``newsgraph watch --run`` and the Atom feed take on a big corpus.

Stores ``--articles`` invented stories (hand-made analyses, no spaCy: each names two of a
few countries, holds an event between them and a quote) in a fresh SQLite file, saves three
watches (a query; a query with an event filter; a query with a speaker), then times the
first run (every match so far), a run after ``--more`` new stories (only those), and the
server's feed (the 50 newest matches). Prints seconds and entries for each.

Usage: python benchmarks/bench_watch.py [--articles 10000] [--more 100]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "store"))

from store_data import make_analysis

COUNTRIES = [("JPN", "Japan"), ("KOR", "South Korea"), ("FRA", "France"), ("BRA", "Brazil")]


def story(n: int) -> Any:
    """The ``n``-th invented story: two countries meet, a minister speaks."""
    (a, a_name), (b, b_name) = COUNTRIES[n % 4], COUNTRIES[(n // 4 + 1 + n) % 4]
    if a == b:
        b, b_name = COUNTRIES[(n + 1) % 4]
    speaker = f"Minister{n % 50}"
    text = (
        f"{a_name} and {b_name} held talks number {n} on trade. "
        f'"We agreed on story {n}," {speaker} said after the meeting.'
    )
    return make_analysis(
        text,
        published=f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
        title=f"Talks {n}",
        actors=[(a, "country", a_name, [a_name]), (b, "country", b_name, [b_name])],
        events=[
            {
                "type": "CONSULT",
                "evidence": f"{a_name} and {b_name} held talks number {n} on trade.",
                "source": [a],
                "target": [b],
                "quad": "verbal cooperation",
            }
        ],
        quotes=[(f"We agreed on story {n},", f"person:minister{n % 50}", speaker)],
    )


def timed(call: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--more", type=int, default=100)
    args = parser.parse_args()

    from newsgraph.store import open_store
    from newsgraph.store import watches as w
    from newsgraph.store.rows import write_analysis

    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "c.db")) as store:
        _, _ = timed(lambda: [write_analysis(store, story(n)) for n in range(args.articles)])
        w.save_watch(store, w.Watch("trade", "trade talks"))
        w.save_watch(store, w.Watch("japan", "trade", source="JPN", types=("CONSULT",)))
        w.save_watch(store, w.Watch("minister7", "agreed", speaker="Minister7"))
        print(f"corpus: {args.articles} invented articles in SQLite; 3 watches")
        seconds, reports = timed(lambda: w.run_watches(store, w.list_watches(store)))
        counts = ", ".join(f"{r.watch.name} {len(r.entries)}" for r in reports)
        print(f"first run (everything so far): {seconds:.2f} s  ({counts})")
        for report in reports:
            w.record_run(store, report)
        for n in range(args.articles, args.articles + args.more):
            write_analysis(store, story(n))
        seconds, reports = timed(lambda: w.run_watches(store, w.list_watches(store)))
        counts = ", ".join(f"{r.watch.name} {len(r.entries)}" for r in reports)
        print(f"run after {args.more} new articles: {seconds:.3f} s  ({counts})")
        watch = w.get_watch(store, "japan")
        seconds, latest = timed(lambda: w.latest_entries(store, watch, 50))
        print(f"feed of the 50 newest matches: {seconds:.3f} s  ({len(latest.entries)} entries)")


if __name__ == "__main__":
    main()
