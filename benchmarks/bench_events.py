"""Benchmark: what event coding adds to the spaCy parse time, measured in the same run.

Usage::

    .venv/bin/python benchmarks/bench_events.py [--repeat N]

Texts: the founding example plus, when ``../shared`` is present, the real-article gold pages
(their body text as the HTML reader gives it), the PLV news-wire sentences and the sentences
of the PLOVER GSR and PETRARCH2 sets (read in place, never copied). The spaCy parse
(``nlp.pipe``) is timed first, then the ``actors`` and ``dates`` extractors (which events
require) run untimed, then the ``events`` extractor is timed on the same docs. Prints both
times and their ratio (the budget is 15 %).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval" / "events"


def texts() -> list[str]:
    """Return the benchmark texts."""
    out = [(ROOT / "examples" / "dw-japan-south-korea.txt").read_text(encoding="utf-8")]
    articles = SHARED.parent / "articles"
    if articles.is_dir():
        from newsgraph.sources import read_article

        out += [read_article(str(p)).text for p in sorted(articles.glob("*/page.html.gz"))]
    plv = SHARED / "plv" / "PLV_train.tsv"
    if plv.is_file():
        with plv.open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle, delimiter="\t")
            out += list(dict.fromkeys(r["sentence"].strip() for r in rows if r.get("sentence")))
    gsr = SHARED / "plover-gsr-dev.json"
    if gsr.is_file():
        out += [r["text"] for r in json.loads(gsr.read_text(encoding="utf-8")) if r.get("text")]
    xml = SHARED / "petrarch2-unittest" / "PETR.UnitTest.records.xml"
    if xml.is_file():
        found = re.findall(r"<Text>(.*?)</Text>", xml.read_text(encoding="utf-8"), re.S)
        out += [re.sub(r"\s+", " ", t).strip() for t in found]
    return out


def main() -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from newsgraph.extract import (
        REGISTRY,
        builtins,  # noqa: F401
    )
    from newsgraph.model import Analysis, Article
    from newsgraph.nlp import BATCH_SIZE, load_nlp

    nlp = load_nlp()
    corpus = texts()
    words = sum(len(t.split()) for t in corpus)
    parse_best = events_best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        docs = list(nlp.pipe(corpus, batch_size=BATCH_SIZE))
        parse_best = min(parse_best, time.perf_counter() - start)
        analyses = [Analysis(article=Article(text=t, published="2023-05-09")) for t in corpus]
        for analysis, doc in zip(analyses, docs, strict=True):
            for name in ("actors", "dates"):
                REGISTRY[name].func(analysis, doc)
        start = time.perf_counter()
        for analysis, doc in zip(analyses, docs, strict=True):
            REGISTRY["events"].func(analysis, doc)
        events_best = min(events_best, time.perf_counter() - start)
    count = sum(len(a.events) for a in analyses)
    print(f"texts {len(corpus)}, words {words}, events {count}, best of {args.repeat}")
    print(f"spaCy parse (nlp.pipe)  {parse_best:8.3f} s")
    print(f"event coding            {events_best:8.3f} s")
    print(f"ratio                   {events_best / parse_best:8.1%}  (budget 15%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
