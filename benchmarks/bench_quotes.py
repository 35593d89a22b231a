"""Quote extraction: speed against the spaCy parse, and accuracy beside textacy, in one run.

Usage::

    .venv/bin/python benchmarks/bench_quotes.py [GOLD_DIR] [--limit N] [--no-textacy]

GOLD_DIR defaults to ``../shared/eval/quotes/polnear/dev`` (PolNeAR, brat standoff). The
texts are parsed once with ``nlp.pipe``; the quote extractor and textacy's
``direct_quotations`` (``pip install textacy``, a benchmark-only dependency) then run on the
same Docs, and both are scored by the rules of ``../shared/eval/README.md``
(:mod:`newsgraph.evaluation.quotes`).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsgraph.evaluation.quotes import (
    QuoteReport,
    QuoteScore,
    gold_articles,
    read_brat,
    score_article,
    textacy_quotes,
)
from newsgraph.extract.quotes import extract_quotes
from newsgraph.model import Analysis, Article
from newsgraph.nlp import BATCH_SIZE, load_nlp

DEFAULT_GOLD = (
    Path(__file__).resolve().parents[2] / "shared" / "eval" / "quotes" / "polnear" / "dev"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold_dir", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-textacy", action="store_true")
    args = parser.parse_args()

    items = gold_articles(args.gold_dir, args.limit)
    articles = [Article(text=text) for _, text, _ in items]
    nlp = load_nlp()
    nlp.pipe(["warm up"])  # the first call pays one-off set-up costs

    started = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=BATCH_SIZE))
    parse_seconds = time.perf_counter() - started

    started = time.perf_counter()
    ours = [extract_quotes(doc, Analysis(article=a)) for doc, a in zip(docs, articles, strict=True)]
    quote_seconds = time.perf_counter() - started

    report = QuoteReport(str(args.gold_dir), articles=len(items))
    golds = [read_brat(ann) for _, _, ann in items]
    systems = {"newsgraph": ours}
    textacy_seconds = None
    if not args.no_textacy:
        started = time.perf_counter()
        systems["textacy"] = list(textacy_quotes(docs))
        textacy_seconds = time.perf_counter() - started
    for name, predictions in systems.items():
        score = QuoteScore()
        for (_, text, _), gold, quotes in zip(items, golds, predictions, strict=True):
            score.add(score_article(text, gold, quotes))
        report.scores[name] = score

    words = sum(len(doc) for doc in docs)
    print(report.format())
    print(f"\n{len(docs)} articles, {words} tokens")
    print(f"spaCy parse (nlp.pipe):  {parse_seconds:8.2f} s")
    print(f"quote extraction:        {quote_seconds:8.2f} s")
    print(f"quotes / parse:          {quote_seconds / parse_seconds:8.1%}  (budget 15%)")
    if textacy_seconds is not None:
        print(f"textacy direct_quotations: {textacy_seconds:6.2f} s")


if __name__ == "__main__":
    main()
