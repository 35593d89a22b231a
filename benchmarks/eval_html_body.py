"""Body text of the HTML reader against bare trafilatura, scored in the same run.

For every page of the NAEB and AEB gold sets in ``../shared/eval/extraction`` (skipped when
absent), the body our reader returns (``newsgraph.sources.read_article``) and the text of
``trafilatura.extract`` (default settings, and ``favor_precision=True``) are scored against
the gold body with the AEB shingle F1 (:mod:`newsgraph.evaluation.extraction`): per-page
precision and recall averaged over pages, F1 of the means.

Usage: ``python benchmarks/eval_html_body.py [--limit N]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
from collections.abc import Callable
from pathlib import Path

import trafilatura

from newsgraph.errors import InputError
from newsgraph.evaluation.extraction import shingle_counts
from newsgraph.sources import ReadOptions, read_article

GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "extraction"
SETS = {"naeb-dev": "articles.json", "scrapinghub-aeb": "ground-truth.json"}


def ours(path: Path, url: str | None) -> str:
    try:
        return read_article(str(path), ReadOptions(url=url)).text
    except InputError:
        return ""


def bare(precision: bool) -> Callable[[Path, str | None], str]:
    def extract(path: Path, url: str | None) -> str:
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        return trafilatura.extract(html, url=url, favor_precision=precision) or ""

    return extract


def f1(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    precisions, recalls = [], []
    for gold, predicted in pairs:
        tp, fp, fn = shingle_counts(gold, predicted)
        if tp + fp:
            precisions.append(tp / (tp + fp))
        if tp + fn:
            recalls.append(tp / (tp + fn))
    p = sum(precisions) / max(1, len(precisions))
    r = sum(recalls) / max(1, len(recalls))
    return 2 * p * r / (p + r) if p + r else 0.0, p, r


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    readers = {
        "newsgraph": ours,
        "trafilatura": bare(False),
        "trafilatura (favor_precision)": bare(True),
    }
    for name, gold_file in SETS.items():
        folder = GOLD / name
        if not (folder / gold_file).is_file():
            print(f"{name}: absent, skipped")
            continue
        gold = json.loads((folder / gold_file).read_text("utf-8"))
        keys = sorted(k for k in gold if (folder / "html" / f"{k}.html.gz").is_file())
        keys = keys[: args.limit] if args.limit else keys
        for reader_name, read in readers.items():
            pairs = [
                (gold[k]["articleBody"], read(folder / "html" / f"{k}.html.gz", gold[k].get("url")))
                for k in keys
            ]
            score, p, r = f1(pairs)
            figures = f"F1 {score:.3f}  P {p:.3f}  R {r:.3f}"
            print(f"{name:16s} {reader_name:30s} {figures}  ({len(keys)} pages)")


if __name__ == "__main__":
    main()
