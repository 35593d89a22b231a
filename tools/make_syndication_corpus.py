"""Build a test corpus of syndicated copies and same-event stories from real articles.

Originals are the AEB gold bodies (``extraction/scrapinghub-aeb/ground-truth.json``) and the
PolNeAR texts (``quotes/polnear/{train,dev}/text``) of ``../shared/eval``. Each original gets
1 to 4 syndicated copies (:func:`newsgraph.corpus.syndication.make_copies`). PolNeAR also
brings real re-publications and revised editions (the same publisher within two days, with
the same title or mostly the same text: print and web editions, updated stories), kept as one
story, and **distinct stories on the same event**: pairs of different PolNeAR articles
published within a day of each other whose vocabulary overlaps most (TF-IDF cosine), e.g.
two papers' reports of the same debate.

Writes ``texts.jsonl`` (one text a line: id, story, title, changes, split, text) and
``same_event_pairs.jsonl`` (id_a, id_b, topic cosine) into ``--out``. Every original is in
the ``tune`` or the ``test`` split (by a hash of its id), with all its copies.

Usage:
    .venv/bin/python tools/make_syndication_corpus.py --out /tmp/syndication
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import math
import re
from collections import Counter
from pathlib import Path

from newsgraph.corpus.duplicates import shingles
from newsgraph.corpus.syndication import Story, make_copies

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
MIN_WORDS = 100
PAIRS = 150
EDITION_CONTAINMENT = 0.6


def split_of(story_id: str) -> str:
    """Return ``tune`` or ``test`` for an original, by a stable hash of its id."""
    return "tune" if hashlib.sha256(story_id.encode()).digest()[0] % 2 == 0 else "test"


def aeb_stories(eval_dir: Path) -> list[Story]:
    """The AEB gold bodies of at least ``MIN_WORDS`` words."""
    data = json.loads((eval_dir / "extraction/scrapinghub-aeb/ground-truth.json").read_text())
    stories = []
    for key, record in sorted(data.items()):
        body = record.get("articleBody") or ""
        if len(body.split()) >= MIN_WORDS:
            title = record.get("url", key).rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
            stories.append(Story(f"aeb:{key[:12]}", title, body))
    return stories


def polnear_rows(eval_dir: Path) -> list[dict[str, str]]:
    """PolNeAR metadata rows whose text exists, each with its ``path``."""
    base = eval_dir / "quotes/polnear"
    rows = []
    with (base / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            for part in ("train", "dev"):
                path = base / part / "text" / f"{row['filename']}.txt"
                if path.exists():
                    rows.append({**row, "path": str(path)})
    return rows


def _date(row: dict[str, str]) -> dt.date:
    return dt.date.fromisoformat(row["publication_date"])


def republications(rows: list[dict[str, str]], texts: dict[str, str]) -> dict[str, str]:
    """Map each real re-publication or revised edition to its first edition.

    Two articles of one publisher, published at most two days apart, are editions of one
    story when they have the same title, or when at least ``EDITION_CONTAINMENT`` of the
    shorter one's exact word 5-shingles are in the other (a revised web story, the print
    edition under a new headline, a "The Latest" live blog updated).
    """
    grams = {name: shingles(text) for name, text in texts.items()}
    ordered = sorted(rows, key=lambda r: (r["publication_date"], r["filename"]))
    mapping: dict[str, str] = {}
    for i, row in enumerate(ordered):
        for earlier in ordered[:i]:
            if earlier["publisher"] != row["publisher"] or (_date(row) - _date(earlier)).days > 2:
                continue
            a, b = grams[earlier["filename"]], grams[row["filename"]]
            same_title = bool(row["title"]) and row["title"].lower() == earlier["title"].lower()
            if same_title or len(a & b) >= EDITION_CONTAINMENT * min(len(a), len(b)):
                first = earlier["filename"]
                mapping[row["filename"]] = mapping.get(first, first)
                break
    return mapping


def _vector(text: str, idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(w for w in re.findall(r"[a-z]{4,}", text.lower()) if w in idf)
    vec = {w: c * idf[w] for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


def same_event_pairs(
    rows: list[dict[str, str]], texts: dict[str, str], repub: dict[str, str]
) -> list[tuple[str, str, float]]:
    """The ``PAIRS`` most similar pairs of different articles published within a day."""
    docs = {name: set(re.findall(r"[a-z]{4,}", text.lower())) for name, text in texts.items()}
    df = Counter(w for words in docs.values() for w in words)
    idf = {w: math.log(len(docs) / n) for w, n in df.items() if 2 <= n <= len(docs) // 10}
    vectors = {name: _vector(text, idf) for name, text in texts.items()}
    by_name = {r["filename"]: r for r in rows}
    names = sorted(texts)
    scored = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if repub.get(a, a) == repub.get(b, b):
                continue
            if abs((_date(by_name[a]) - _date(by_name[b])).days) > 1:
                continue
            va, vb = vectors[a], vectors[b]
            cosine = sum(v * vb.get(w, 0.0) for w, v in va.items())
            scored.append((cosine, a, b))
    scored.sort(reverse=True)
    return [(f"polnear:{a}", f"polnear:{b}", round(c, 3)) for c, a, b in scored[:PAIRS]]


def build(eval_dir: Path, out: Path, seed: int) -> tuple[int, int]:
    """Write the corpus into ``out``; return the number of texts and of same-event pairs."""
    rows = [r for r in polnear_rows(eval_dir) if r["publication_date"]]
    texts = {r["filename"]: Path(r["path"]).read_text(encoding="utf-8") for r in rows}
    texts = {k: v for k, v in texts.items() if len(v.split()) >= MIN_WORDS}
    rows = [r for r in rows if r["filename"] in texts]
    repub = republications(rows, texts)
    titles = {r["filename"]: r["title"] for r in rows}
    originals = aeb_stories(eval_dir) + [
        Story(f"polnear:{name}", titles[name], text)
        for name, text in sorted(texts.items())
        if name not in repub
    ]
    corpus = make_copies(originals, seed=seed)
    corpus += [
        Story(f"polnear:{name}", titles[name], texts[name], f"polnear:{first}", ("republished",))
        for name, first in sorted(repub.items())
    ]
    pairs = same_event_pairs(rows, texts, repub)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "texts.jsonl").open("w", encoding="utf-8") as handle:
        for story in corpus:
            record = story.to_dict()
            record["split"] = split_of(record["story"])
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    with (out / "same_event_pairs.jsonl").open("w", encoding="utf-8") as handle:
        for a, b, cosine in pairs:
            record = {"id_a": a, "id_b": b, "cosine": cosine}
            handle.write(json.dumps(record) + "\n")
    return len(corpus), len(pairs)


def main() -> None:
    """Parse the options and build the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=SHARED_EVAL, help="../shared/eval")
    parser.add_argument("--out", type=Path, required=True, help="directory to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    count, pairs = build(args.eval, args.out, args.seed)
    print(f"{count} texts and {pairs} same-event pairs written to {args.out}")


if __name__ == "__main__":
    main()
