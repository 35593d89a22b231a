"""Score the plain-text page-dump reader on the AEB lynx dumps with the benchmark's shingle F1.

Usage::

    python benchmarks/textdump_aeb.py [--aeb ../shared/eval/extraction/scrapinghub-aeb] [--worst 10]

Tokens are runs of word characters, shingles are 4-token multisets; precision and recall are
computed per document and averaged over documents, F1 is the harmonic mean of the two means
(the AEB ``evaluate.py`` metric). Also reports the mean read time per page.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.sources import read_article

ROOT = Path(__file__).resolve().parent.parent


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1)))


def prf(predicted: str, gold: str) -> tuple[float | None, float | None]:
    pred, true = shingles(predicted), shingles(gold)
    tp = sum((pred & true).values())
    fp = sum(pred.values()) - tp
    fn = sum(true.values()) - tp
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def score(pairs: dict[str, tuple[str, str]]) -> tuple[float, float, float, list[tuple[float, str]]]:
    precisions, recalls, per_doc = [], [], []
    for key, (predicted, gold) in pairs.items():
        p, r = prf(predicted, gold)
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
        f = 2 * (p or 0) * (r or 0) / ((p or 0) + (r or 0)) if (p or 0) + (r or 0) else 0.0
        per_doc.append((f, key))
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    return precision, recall, 2 * precision * recall / (precision + recall), sorted(per_doc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT.parent / "shared" / "eval" / "extraction" / "scrapinghub-aeb"
    parser.add_argument("--aeb", type=Path, default=default)
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    args = parser.parse_args()
    gold = json.loads((args.aeb / "ground-truth.json").read_text())
    pairs: dict[str, tuple[str, str]] = {}
    elapsed = 0.0
    for key, item in sorted(gold.items()):
        path = args.aeb / "lynx-dump" / f"{key}.txt.gz"
        began = time.perf_counter()
        try:
            text = read_article(str(path)).text
        except InputError:
            text = ""
        elapsed += time.perf_counter() - began
        pairs[key] = (text, item["articleBody"])
    precision, recall, f1, per_doc = score(pairs)
    print(f"AEB lynx dumps: {len(pairs)} pages  P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")
    print(f"mean read time {1000 * elapsed / len(pairs):.1f} ms per page")
    for f, key in per_doc[: args.worst]:
        print(f"  {f:.3f} {key}")


if __name__ == "__main__":
    main()
