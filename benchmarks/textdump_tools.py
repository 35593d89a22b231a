"""Render a gold set's pages with every text browser and score the page-dump reader on each.

Usage::

    python benchmarks/textdump_tools.py [--gold ../shared/eval/extraction/scrapinghub-aeb]
        [--tools lynx,lynx-80,w3m,html2text,links,elinks] [--limit N] [--keep DIR]

Each page's HTML is rendered the way people save a page as text (the tools are Debian
packages): ``lynx -dump`` at its default 80 columns and at 1000 (the AEB's ``lynx-dump/``),
``w3m -dump``, ``html2text`` (its plain default, which writes UTF-8 pages as Latin-1
mojibake), ``links -dump`` and ``elinks -dump``. The dumps go to a temporary directory (or
``--keep DIR``) and are scored with :func:`newsgraph.evaluation.extraction.evaluate_dumps`:
the AEB shingle F1 of the body, and against a NAEB gold set title, date and authors too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from newsgraph.evaluation.extraction import evaluate_dumps

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from render_dumps import TOOLS, installed, render  # noqa: E402

HEADLINE = ("dump_f1", "dump_body_f1", "dump_title_exact", "dump_date_exact", "dump_author_exact")


def render_to(tool: str, html: Path, out: Path) -> None:
    """Render one gzipped HTML page with ``tool`` into the gzipped text file ``out``."""
    text = render(tool, gzip.decompress(html.read_bytes()))
    out.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def pages(gold: Path, limit: int | None) -> list[tuple[str, Path]]:
    """Return (id, gzipped HTML path) of the gold set's pages, sorted by id."""
    name = "ground-truth.json" if (gold / "ground-truth.json").is_file() else "articles.json"
    keys = sorted(json.loads((gold / name).read_text("utf-8")))
    found = [(k, gold / "html" / f"{k}.html.gz") for k in keys]
    found = [(k, p) for k, p in found if p.is_file()]
    return found[:limit] if limit else found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT.parent / "shared" / "eval" / "extraction" / "scrapinghub-aeb"
    parser.add_argument("--gold", type=Path, default=default)
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--limit", type=int)
    parser.add_argument(
        "--keep", type=Path, help="keep the dumps in this directory (and reuse those there)"
    )
    args = parser.parse_args()
    tools = [t for t in args.tools.split(",") if t]
    missing = [t for t in tools if not installed(t)]
    if missing:
        parser.error(f"unknown or not installed: {', '.join(missing)}")
    work = Path(tempfile.mkdtemp(prefix="newsgraph-dumps-"))
    try:
        todo = pages(args.gold, args.limit)
        for tool in tools:
            folder = (args.keep or work) / tool
            folder.mkdir(parents=True, exist_ok=True)
            with ThreadPoolExecutor(2) as pool:
                for key, path in todo:
                    if not (folder / f"{key}.txt.gz").is_file():  # kept from an earlier run
                        pool.submit(render_to, tool, path, folder / f"{key}.txt.gz")
            report = evaluate_dumps(args.gold, folder)
            figures = "  ".join(
                f"{s.name.removeprefix('dump_')} {s.value:.3f}"
                for s in report.scores
                if s.name in HEADLINE
            )
            print(f"{tool:10s} {len(todo)} pages, {len(report.errors)} refused  {figures}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
