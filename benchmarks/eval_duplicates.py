"""Near-duplicate grouping scored on syndicated copies of real articles.

Reads the corpus written by ``tools/make_syndication_corpus.py`` (``--corpus DIR``; without
it, the corpus is built afresh in a temporary directory from ``../shared/eval``), adds every
text to a :class:`~newsgraph.corpus.DuplicateIndex` in corpus order, and prints, per split and
overall: pairwise precision and recall of the grouping (pairs of texts put in one group vs.
pairs of texts that are one story), the number of same-event pairs of distinct stories
wrongly merged, how many real re-editions were grouped, and the speed. ``--sweep`` scores a
grid of thresholds (tune on the ``tune`` split, report the ``test`` split).

Usage:
    .venv/bin/python benchmarks/eval_duplicates.py [--corpus DIR] [--sweep]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from math import comb
from pathlib import Path
from typing import Any

from newsgraph.corpus.duplicates import DuplicateIndex, DuplicateOptions, Signature, signature

ROOT = Path(__file__).resolve().parent.parent


def load_corpus(path: Path) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Return the texts and the same-event pairs, building the corpus first if needed."""
    if not (path / "texts.jsonl").exists():
        spec = importlib.util.spec_from_file_location(
            "make_syndication_corpus", ROOT / "tools" / "make_syndication_corpus.py"
        )
        assert spec and spec.loader
        tool = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(tool)
        if not tool.SHARED_EVAL.is_dir():
            sys.exit(f"{path}: no corpus and no ../shared/eval to build it from")
        tool.build(tool.SHARED_EVAL, path, seed=0)
    with (path / "texts.jsonl").open(encoding="utf-8") as handle:
        texts = [json.loads(line) for line in handle]
    with (path / "same_event_pairs.jsonl").open(encoding="utf-8") as handle:
        pairs = [(r["id_a"], r["id_b"]) for r in map(json.loads, handle)]
    return texts, pairs


def pair_scores(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float]:
    """Return pairwise precision and recall of ``predicted`` groups against ``truth``."""
    both = Counter((truth[i], predicted[i]) for i in truth)
    same_both = sum(comb(n, 2) for n in both.values())
    same_pred = sum(comb(n, 2) for n in Counter(predicted[i] for i in truth).values())
    same_true = sum(comb(n, 2) for n in Counter(truth.values()).values())
    precision = same_both / same_pred if same_pred else 1.0
    recall = same_both / same_true if same_true else 1.0
    return precision, recall


def group(
    texts: list[dict[str, Any]], sigs: dict[str, Signature], options: DuplicateOptions
) -> dict[str, str]:
    """Group the texts of one split, in corpus order; return id -> group id."""
    index = DuplicateIndex(options)
    return {t["id"]: index.add_signature(t["id"], sigs[t["id"]]) for t in texts}


def score(
    texts: list[dict[str, Any]],
    pairs: list[tuple[str, str]],
    sigs: dict[str, Signature],
    options: DuplicateOptions,
) -> dict[str, float]:
    """Precision, recall and wrongly merged same-event pairs of one grouping."""
    predicted = group(texts, sigs, options)
    truth = {t["id"]: t["story"] for t in texts}
    precision, recall = pair_scores(truth, predicted)
    inside = [(a, b) for a, b in pairs if a in predicted and b in predicted]
    merged = sum(predicted[a] == predicted[b] for a, b in inside)
    editions = [t for t in texts if "republished" in t["changes"] and t["story"] in predicted]
    return {
        "editions": len(editions),
        "editions_grouped": sum(predicted[t["id"]] == predicted[t["story"]] for t in editions),
        "texts": len(texts),
        "stories": len(set(truth.values())),
        "precision": precision,
        "recall": recall,
        "pairs": len(inside),
        "merged": merged,
    }


def print_row(name: str, row: dict[str, float]) -> None:
    print(
        f"{name:<8} {row['texts']:>6} texts {row['stories']:>5} stories  "
        f"precision {row['precision']:.4f}  recall {row['recall']:.4f}  "
        f"same-event pairs merged {row['merged']}/{row['pairs']}  "
        f"real re-editions grouped {row['editions_grouped']}/{row['editions']}"
    )


def signatures(texts: list[dict[str, Any]], options: DuplicateOptions) -> dict[str, Signature]:
    return {t["id"]: signature(t["text"], options) for t in texts}


def sweep(texts: list[dict[str, Any]], pairs: list[tuple[str, str]]) -> None:
    """Score a grid of settings on each split."""
    for words in (4, 5, 6):
        base = DuplicateOptions(shingle_words=words)
        sigs = signatures(texts, base)
        for jaccard in (0.3, 0.4, 0.5, 0.6):
            for containment in (0.5, 0.6, 0.7, 0.8):
                options = replace(base, jaccard=jaccard, containment=containment)
                rows = {
                    s: score([t for t in texts if t["split"] == s], pairs, sigs, options)
                    for s in ("tune", "test")
                }
                print(
                    f"words {words} jaccard {jaccard:.2f} containment {containment:.2f}  "
                    + "  ".join(
                        f"{s}: P {r['precision']:.4f} R {r['recall']:.4f} merged {r['merged']}"
                        for s, r in rows.items()
                    )
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="a corpus directory (default: build one)")
    parser.add_argument("--sweep", action="store_true", help="score a grid of thresholds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        texts, pairs = load_corpus(args.corpus or Path(scratch))
    if args.sweep:
        sweep(texts, pairs)
        return
    options = DuplicateOptions()
    started = time.perf_counter()
    sigs = signatures(texts, options)
    signed = time.perf_counter()
    for split in ("tune", "test"):
        print_row(split, score([t for t in texts if t["split"] == split], pairs, sigs, options))
    grouped = time.perf_counter()
    print_row("all", score(texts, pairs, sigs, options))
    done = time.perf_counter()
    print(
        f"signing {len(texts) / (signed - started):,.0f} texts/s; "
        f"grouping all {len(texts) / (done - grouped):,.0f} texts/s; "
        f"options {options}"
    )


if __name__ == "__main__":
    main()
