"""One process: articles/s of bare ``nlp.pipe`` against the full newsgraph pipeline.

Runs, on the same texts in the same process (300 by default: the AEB article bodies, topped
up with PolNeAR train texts from ``../shared/eval``), best of ``--repeat`` runs each:

- ``nlp.pipe``: the stock spaCy model with all its pipes (plus the paragraph splitter the
  project adds) and nothing else: the ceiling the issue measures against;
- ``nlp.pipe`` of the project's pipeline (the same pipes, ``attribute_ruler`` and
  ``lemmatizer`` swapped for the identical but faster
  :class:`newsgraph.nlp.attributes.FastAttributeRuler` and
  :class:`newsgraph.nlp.lemmas.FastLemmatizer`);
- ``full``: :func:`newsgraph.analyze_many` (parse + actors, dates, quotes, events);
- ``selective``: the same with ``selective=True`` (the parser and NER only where
  they are needed);

and prints articles/s, the ratios to ``nlp.pipe`` and how many quotes and events the
selective run finds that the full run also finds. Skips cleanly without ``../shared``.

Usage: python benchmarks/bench_throughput.py [--texts 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"


def load_texts(count: int) -> list[str]:
    texts: list[str] = []
    truth = SHARED / "extraction" / "scrapinghub-aeb" / "ground-truth.json"
    if truth.exists():
        data = json.loads(truth.read_text(encoding="utf-8"))
        texts += [v["articleBody"] for v in data.values() if v.get("articleBody")]
    for path in sorted((SHARED / "quotes" / "polnear" / "train" / "text").glob("*.txt")):
        if len(texts) >= count:
            break
        texts.append(path.read_text(encoding="utf-8"))
    return texts[:count]


def interleaved(repeat: int, runs: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """Time each run ``repeat`` times, round robin; keep each one's best wall and CPU time.

    Round robin, so that a change in the machine's load hits every run alike; CPU time
    (``time.process_time``), so that other people's jobs on a shared machine count less.
    """
    best: dict[str, Any] = {name: [float("inf"), float("inf"), None] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            wall, cpu = time.perf_counter(), time.process_time()
            result = run()
            cpu = time.process_time() - cpu
            wall = time.perf_counter() - wall
            best[name] = [min(best[name][0], wall), min(best[name][1], cpu), result]
    return best


def stock_pipeline() -> Any:
    """Return the model as shipped, with the paragraph splitter the project adds, no swaps."""
    import importlib

    from newsgraph.nlp import MODEL_PACKAGE, PARAGRAPH_PIPE, register_paragraph_pipe

    nlp = importlib.import_module(MODEL_PACKAGE).load()
    register_paragraph_pipe()
    nlp.add_pipe(PARAGRAPH_PIPE, before="parser")
    return nlp


def facts(analyses: list[Any]) -> set[tuple[Any, ...]]:
    found: set[tuple[Any, ...]] = set()
    for i, a in enumerate(analyses):
        found |= {(i, "quote", q.start, q.end) for q in a.quotes}
        found |= {(i, "event", e.type, e.evidence.start) for e in a.events}
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = load_texts(args.texts)
    if not texts:
        print(f"skipped: no texts under {SHARED}")
        return 0
    from newsgraph.analyze import analyze_many
    from newsgraph.model import Article
    from newsgraph.nlp import load_nlp

    nlp = load_nlp()
    stock = stock_pipeline()
    articles = [Article(text=t, language="en", published="2019-06-01") for t in texts]
    list(analyze_many(articles[:4]))  # load the extractors' tables
    list(analyze_many(articles[:4], selective=True))
    n, chars = len(texts), sum(len(t) for t in texts)
    print(f"{n} texts, {chars:,} characters; load {os.getloadavg()[0]:.2f}; pipes {nlp.pipe_names}")
    runs: dict[str, Callable[[], Any]] = {
        "nlp.pipe (stock model)": lambda: sum(1 for _ in stock.pipe(texts, batch_size=16)),
        "nlp.pipe (fast pipes)": lambda: sum(1 for _ in nlp.pipe(texts, batch_size=16)),
        "full pipeline": lambda: list(analyze_many(articles)),
        "selective pipeline": lambda: list(analyze_many(articles, selective=True)),
    }
    best = interleaved(args.repeat, runs)
    bare_wall, bare_cpu, _ = best["nlp.pipe (stock model)"]
    print(f"{'':24} {'articles/s':>10} {'ratio':>6}  {'per CPU s':>10} {'ratio':>6}")
    for name, (wall, cpu, _) in best.items():
        print(
            f"{name:24} {n / wall:10.2f} {bare_wall / wall:6.2f}  {n / cpu:10.2f} "
            f"{bare_cpu / cpu:6.2f}"
        )
    full_out, sel_out = best["full pipeline"][2], best["selective pipeline"][2]
    full_facts, sel_facts = facts(full_out), facts(sel_out)
    kept = len(full_facts & sel_facts) / max(1, len(full_facts))
    print(
        f"selective finds {kept:.1%} of the full run's {len(full_facts)} quotes and events "
        f"(+{len(sel_facts - full_facts)} others)"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
