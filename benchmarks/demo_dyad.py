"""Dyad demo: the founding example and PolNeAR give JPN–KOR and a busier dyad, as tables and charts.

Usage::

    .venv/bin/python benchmarks/demo_dyad.py [--out out/] [--by month] [--keep-db]

PolNeAR's texts carry no publication date, but ``metadata.tsv`` has one per article: this
script writes (in a temporary directory) a JSONL file of the PolNeAR ``train`` and ``dev``
texts with their ``published`` date, title, publisher and author from the metadata, ingests
it with the founding example (``examples/dw-japan-south-korea.txt``) into a temporary SQLite
database, then runs, exactly as a user would::

    newsgraph dyad JPN KOR --by month --plot OUT/dyad-JPN-KOR.png
    newsgraph dyad A B --by month --since 2015-11-01 --plot OUT/dyad-A-B.png

where A–B is the busiest of a few dyads of the 2016 US campaign coverage (USA–RUS,
USA–CHN, USA–MEX, USA–IRN, USA–SYR, USA–PRK), shown from the month of the corpus's first
article (the articles also date a few events years back, which would squeeze the campaign
into a corner of the chart). JPN–KOR is shown whole: its events lie in 2016 (PolNeAR) and
2018–2023 (the founding example). Nothing from PolNeAR is written outside the temporary
directory but the two charts (aggregate counts). Skips when ``../shared/eval`` is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.cli import cli
from newsgraph.ingest import ingest
from newsgraph.relations import dyad_series
from newsgraph.store import open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "dw-japan-south-korea.txt"
POLNEAR = ROOT.parent / "shared" / "eval" / "quotes" / "polnear"
SPLITS = ("train", "dev")
BUSY_CANDIDATES = [("USA", "RUS"), ("USA", "CHN"), ("USA", "MEX"), ("USA", "IRN"), ("USA", "SYR")]
BUSY_CANDIDATES.append(("USA", "PRK"))


def write_polnear_jsonl(polnear: Path, path: Path) -> tuple[int, str]:
    """Write PolNeAR train+dev texts with their metadata as JSONL.

    Returns:
        How many articles were written, and the first day of the month of the earliest one.
    """
    with (polnear / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        meta = {
            (row["compartment"], row["filename"]): row
            for row in csv.DictReader(handle, delimiter="\t")
        }
    written = 0
    first = "9999-12-31"
    with path.open("w", encoding="utf-8") as out:
        for split in SPLITS:
            for text_path in sorted((polnear / split / "text").glob("*.txt")):
                row = meta.get((split, text_path.stem))
                if row is None:
                    continue
                record = {
                    "text": text_path.read_text(encoding="utf-8"),
                    "published": row["publication_date"],
                    "title": row["title"],
                    "site": row["publisher"],
                    "authors": [row["author"]] if row["author"] not in ("", "None") else [],
                    "url": f"polnear:{split}/{text_path.stem}",
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
                first = min(first, row["publication_date"])
    return written, first[:7] + "-01"


def run_cli(*args: str) -> None:
    """Run one ``newsgraph`` command in this process, echoing it first."""
    print("$ newsgraph " + " ".join(args), flush=True)
    cli.main(args=list(args), prog_name="newsgraph", standalone_mode=False)
    print(flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--out", default="out", help="directory for the PNG charts")
    parser.add_argument("--by", choices=["week", "month", "year"], default="month")
    parser.add_argument("--keep-db", action="store_true", help="keep the database in --out")
    args = parser.parse_args()
    if not (POLNEAR / "metadata.tsv").is_file():
        print(f"skipped: {POLNEAR} is not present", file=sys.stderr)
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsgraph-demo-") as tmp:
        jsonl = Path(tmp) / "polnear.jsonl"
        count, corpus_start = write_polnear_jsonl(POLNEAR, jsonl)
        db = str(out / "demo.db") if args.keep_db else str(Path(tmp) / "demo.db")
        started = time.perf_counter()
        with open_store(db) as store:
            report = ingest(store, [str(jsonl), str(EXAMPLE)])
            busy = max(
                BUSY_CANDIDATES,
                key=lambda pair: sum(p.events for p in dyad_series(store, *pair).periods),
            )
        print(
            f"ingested {count} PolNeAR articles + the founding example: stored {report.stored}, "
            f"skipped {report.skipped}, failed {len(report.failures)} "
            f"in {time.perf_counter() - started:.0f} s\n",
            flush=True,
        )
        for failure in report.failures[:5]:
            print(f"  failed: {failure}", file=sys.stderr)
        if len(report.failures) > 5:
            print(f"  … and {len(report.failures) - 5} more", file=sys.stderr)
        for (a, b), since in [(("JPN", "KOR"), []), (busy, ["--since", corpus_start])]:
            chart = str(out / f"dyad-{a}-{b}.png")
            run_cli("dyad", a, b, "--by", args.by, *since, "--db", db, "--plot", chart)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
