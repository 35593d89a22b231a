"""Commands for large collections: ``analyze-batch`` (process pool or Dask) and ``load``.

``analyze-batch`` writes Parquet shards (one row per article, the analysis as JSON) that
``load`` brings into a database. The work is in :mod:`newsgraph.scale`; these commands only
turn options into its objects and print the report.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..sources import ReadOptions
from ._util import (
    db_option,
    fail,
    filter_options,
    make_filtered_options,
    progress_bar,
    read_options,
)

F = TypeVar("F", bound=Callable[..., Any])


def register(cli: click.Group) -> None:
    """Add this module's commands to the ``newsgraph`` group."""
    for command in (analyze_batch, load):
        cli.add_command(command)


def ingest_on_dask(
    inputs: tuple[str, ...],
    db: str,
    dask: str,
    out: str | None,
    options: ReadOptions,
    batch_size: int,
) -> None:
    """Run ``ingest --dask``: Parquet shards on the cluster, then load them into ``db``.

    Exits with code 1 if any input failed.
    """
    import tempfile

    from ..scale import ScaleOptions, load_shards, run_batch

    with tempfile.TemporaryDirectory(prefix="newsgraph-shards-") as tmp:
        shards = out or tmp
        report = run_batch(inputs, shards, options, ScaleOptions(batch_size=batch_size), dask)
        loaded = load_shards(shards, db)
    for failure in loaded.failures:
        fail(failure)
    click.echo(
        f"{db}: stored {loaded.stored}, skipped {loaded.skipped} already stored, failed "
        f"{len(loaded.failures)} ({report.seconds:.1f} s on the cluster)",
        err=True,
    )
    sys.exit(1 if loaded.failures else 0)


@click.command("analyze-batch")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    help="Directory for the Parquet shards (required unless --dry-run).",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=os.cpu_count() or 1,
    show_default="CPUs",
    envvar="NEWSGRAPH_WORKERS",
    help="Worker processes, each loading the model once (also $NEWSGRAPH_WORKERS).",
)
@click.option(
    "--dask",
    metavar="ADDR",
    envvar="NEWSGRAPH_DASK",
    help="Run on Dask: tcp://SCHEDULER:8786, or local:N for a local cluster "
    "(also $NEWSGRAPH_DASK).",
)
@click.option("--batch-size", type=click.IntRange(1), default=32, show_default=True)
@click.option(
    "--selective/--full-parse",
    default=False,
    show_default=True,
    help="Run the parser and NER only on sentences that can hold a quote, event or entity.",
)
@click.option("--dry-run", is_flag=True, help="Only stream and filter: count, read nothing.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a tty).")
@filter_options
@read_options
def analyze_batch(
    inputs: tuple[str, ...],
    out: str | None,
    workers: int,
    dask: str | None,
    batch_size: int,
    selective: bool,
    dry_run: bool,
    progress: bool | None,
    **kwargs: Any,
) -> None:
    """Analyse many articles in parallel into Parquet shards, for ``newsgraph load``.

    WARC files (CC-NEWS) are streamed, and records are chosen by --lang, --include-host,
    --exclude-host, --since and --until before any parsing; the skip counts are printed.

    Example: newsgraph analyze-batch cc-news/ --out shards/ --lang en

    Example: newsgraph analyze-batch pages/ --out shards/ --dask local:4
    """
    from ..scale import ScaleOptions, run_batch, scan

    options = make_filtered_options(kwargs)
    if not out and not dry_run:
        raise click.UsageError("give --out DIR for the shards (or --dry-run)")
    scale = ScaleOptions(workers=workers, batch_size=batch_size, selective=selective)
    with progress_bar(
        progress, "record", smoothing=0.1, done=lambda r: r.records, postfix=_batch_figures
    ) as update:
        if dry_run:
            report = scan(inputs, options, update)
        else:
            report = run_batch(inputs, str(out), options, scale, dask, update)
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False), err=True)
    sys.exit(1 if report.failed else 0)


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a tty).")
def load(directory: str, db: str, progress: bool | None) -> None:
    """Store the analyses of ``analyze-batch`` shards; articles already stored are skipped.

    Example: newsgraph load shards/ --db corpus.db
    """
    from ..scale import load_shards

    with progress_bar(progress, smoothing=0.1) as update:
        report = load_shards(directory, db, lambda r: update(r, r.stored + r.skipped))
    for failure in report.failures:
        fail(f"failed upstream: {failure}")
    click.echo(
        f"{db}: stored {report.stored}, skipped {report.skipped} already stored, "
        f"{len(report.failures)} inputs had failed in analyze-batch",
        err=True,
    )


def _batch_figures(report: Any) -> dict[str, Any]:
    return {"articles": report.articles, "skipped": report.skipped, "failed": report.failed}
