"""Corpus DataFrames: ``open_corpus(db).events()`` on 1,000 articles, against ``pandas.read_sql``.

Builds (once, cached under ``--cache``) a SQLite corpus of ``--articles`` real texts: the
PolNeAR dev and train texts and the AEB pages of ``../shared/eval``; when these are absent or
too few, the rest are syndicated copies made by the project's own generator
(:func:`newsgraph.corpus.syndication.make_copies`, what ``tools/make_syndication_corpus.py``
uses) of the texts there are, else of the bundled example. It says which it used. ``--db``
reuses a corpus instead. Then, in one process, best of ``--repeat`` runs each:

- ``open_corpus(db).events()``: open, query (the CLI's events, near-duplicates once) and build
  the Arrow-backed DataFrame with evidence, dates as timestamps and actor lists;
- the same with ``dedupe=False`` (every article's events) and streamed in chunks;
- the baseline: ``pandas.read_sql("SELECT * FROM events", sqlite3.connect(db))``, the bare
  table (JSON lists left as text, dates as text, no join to the articles);
- ``quotes()``, ``articles()``, ``actors()`` and ``dyad()`` of the busiest pair, for scale.

The bar: ``open_corpus(...).events()`` under one second on 1,000 articles.

Usage: python benchmarks/bench_corpus_frames.py [--articles 1000] [--cache out/bench-corpus-frames]
    [--db corpus.db] [--workers 2] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
EXAMPLE = ROOT / "examples" / "dw-japan-south-korea.txt"


def real_inputs() -> list[Path]:
    """The real texts of ``../shared/eval``: PolNeAR dev, PolNeAR train, then the AEB pages."""
    found: list[Path] = []
    for split in ("dev", "train"):
        found += sorted((SHARED_EVAL / "quotes" / "polnear" / split / "text").glob("*.txt"))
    found += sorted((SHARED_EVAL / "extraction" / "scrapinghub-aeb" / "html").glob("*.html.gz"))
    return found


def generated_records(real: list[Path], count: int) -> list[dict[str, Any]]:
    """``count`` syndicated copies (JSONL records) of the real texts, or of the example."""
    from newsgraph.corpus.syndication import Story, make_copies

    originals = [Story(f"real:{i}", p.stem, _text(p)) for i, p in enumerate(real[:200])]
    if not originals:
        originals = [Story("example", "example", EXAMPLE.read_text(encoding="utf-8"))]
    records: list[dict[str, Any]] = []
    seed = 0
    while len(records) < count:
        for story in make_copies(originals, seed=seed, max_copies=4):
            if story.id != story.story:  # the copies only: the originals are stored as they are
                month = 1 + len(records) % 12
                day = 1 + len(records) % 28
                records.append(
                    {
                        "title": story.title,
                        "text": story.text,
                        "published": f"2023-{month:02d}-{day:02d}",
                    }
                )
        seed += 1
    return records[:count]


def _text(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def build(cache: Path, count: int, workers: int) -> tuple[Path, str]:
    """Return the cached corpus of ``count`` articles (built if missing) and what it holds."""
    from newsgraph.ingest import ingest
    from newsgraph.scale import ScaleOptions
    from newsgraph.store import open_store

    real = real_inputs()
    inputs = [str(p) for p in real[:count]]
    missing = count - len(inputs)
    made = f"{len(inputs)} real texts (PolNeAR dev/train, AEB pages)" if inputs else ""
    if missing:
        kind = "the real texts" if real else "the bundled example"
        made += (", " if made else "") + (
            f"{missing} syndicated copies of {kind} (newsgraph.corpus.syndication.make_copies)"
        )
    cache.mkdir(parents=True, exist_ok=True)
    name = f"corpus-{count}-{'real' if not missing else 'generated' if not real else 'mixed'}"
    path = cache / f"{name}.db"
    if path.exists():
        return path, made + " (cached)"
    if missing:
        jsonl = cache / f"{name}.jsonl"
        with jsonl.open("w", encoding="utf-8") as out:
            for record in generated_records(real, missing):
                out.write(json.dumps(record) + "\n")
        inputs.append(str(jsonl))
    building = cache / f"{name}.building.db"
    started = time.perf_counter()
    with open_store(str(building)) as store:  # an interrupted build resumes: ingest skips
        scale = ScaleOptions(workers=workers) if workers > 1 else None
        report = ingest(store, inputs, scale=scale)
    for suffix in ("-wal", "-shm"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    building.rename(path)
    seconds = time.perf_counter() - started
    print(f"built {path}: {report.stored} stored, {len(report.failures)} failed ({seconds:.0f} s)")
    return path, made


def best(run: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Return the best and median seconds of ``repeat`` runs of ``run``, and its last result."""
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--cache", type=Path, default=ROOT / "out" / "bench-corpus-frames")
    parser.add_argument("--db", help="use this corpus (SQLite path) instead of building one")
    parser.add_argument("--workers", type=int, default=2, help="processes for the build")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import pandas as pd

    import newsgraph

    if args.db:
        db, made = Path(args.db), "given with --db"
    else:
        db, made = build(args.cache, args.articles, args.workers)
    with sqlite3.connect(db) as conn:
        figures = {
            t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("articles", "events", "quotes", "actors")
        }
    print(f"corpus: {db} ({made})")
    print("  " + ", ".join(f"{n:,} {t}" for t, n in figures.items()))

    def frames_events(**kwargs: Any) -> Any:
        with newsgraph.open_corpus(str(db)) as corpus:
            return corpus.events(**kwargs)

    def frames_chunked() -> Any:
        with newsgraph.open_corpus(str(db)) as corpus:
            return sum(len(chunk) for chunk in corpus.events(chunksize=5_000))

    def baseline() -> Any:
        conn = sqlite3.connect(db)
        try:
            return pd.read_sql("SELECT * FROM events", conn)
        finally:
            conn.close()

    rows = []
    seconds, median, frame = best(frames_events, args.repeat)
    rows.append(("open_corpus(db).events()", seconds, median, len(frame)))
    seconds, median, every = best(lambda: frames_events(dedupe=False), args.repeat)
    rows.append(("open_corpus(db).events(dedupe=False)", seconds, median, len(every)))
    seconds, median, count = best(frames_chunked, args.repeat)
    rows.append(("open_corpus(db).events(chunksize=5_000), summed", seconds, median, count))
    seconds, median, table = best(baseline, args.repeat)
    rows.append(("baseline: pandas.read_sql('SELECT * FROM events')", seconds, median, len(table)))
    with newsgraph.open_corpus(str(db)) as corpus:
        pair = corpus.events(types=(), dedupe=False)
        countries = pair[(pair["target"].list.len() > 0)]
        a, b = _busiest(countries)
        for label, run in (
            ("quotes()", corpus.quotes),
            ("articles()", corpus.articles),
            ("actors()", corpus.actors),
            (f"dyad({a!r}, {b!r})", lambda: corpus.dyad(a, b)),
            (f"dyad_events({a!r}, {b!r})", lambda: corpus.dyad_events(a, b)),
        ):
            seconds, median, result = best(run, args.repeat)
            rows.append((f"corpus.{label}", seconds, median, len(result)))
    print(f"\nbest (median) of {args.repeat} runs, one process:")
    for label, seconds, median, count in rows:
        print(f"  {label:<52} {seconds:7.3f} s ({median:.3f})  {count:>7,} rows")
    events_best, base_best = rows[0][1], rows[3][1]
    print(
        f"\nopen_corpus(db).events(): {events_best:.3f} s for {figures['articles']:,} articles "
        f"({len(frame):,} events), {events_best / base_best:.1f}× the bare read_sql of the "
        f"table; bar < 1 s: {'met' if events_best < 1 else 'NOT met'}"
    )


def _busiest(events: Any) -> tuple[str, str]:
    """Return the pair of country codes with the most events (either direction)."""
    from collections import Counter

    pairs: Counter[tuple[str, str]] = Counter()
    for sources, targets in zip(events["source"], events["target"], strict=True):
        for s in sources:
            for t in targets:
                if s != t:
                    pairs[tuple(sorted((s, t)))] += 1  # type: ignore[index]
    if not pairs:
        return "USA", "CHN"
    first, second = pairs.most_common(1)[0][0]
    return first, second


if __name__ == "__main__":
    main()
