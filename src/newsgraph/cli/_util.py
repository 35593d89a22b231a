"""Options and helpers shared by the command modules: read and store options, output, progress.

Every option two command modules share is defined here once (``--db``, ``--format``, the read
and filter options), with the progress bar and the error line, so that the command modules
import this one and never each other.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import click

from ..errors import InputError
from ..model import Analysis
from ..sources import ReadOptions, ReadStats
from ..sources.warc_filter import RecordFilter
from ..store import DEFAULT_DB

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("json", "jsonl", "text")
CONTAINER_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".warc", ".warc.gz", ".arc", ".arc.gz")


def fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)


def read_options(func: F) -> F:
    """Add the options shared by every command that reads articles."""
    options = [
        click.option("--url", help="The article's URL (given, or overriding the page's)."),
        click.option(
            "--published",
            metavar="YYYY-MM-DD",
            help="The publication date (given, or overriding the page's).",
        ),
        click.option("--encoding", help="Read files in this encoding instead of detecting it."),
        click.option(
            "--max-bytes",
            type=click.IntRange(1),
            default=ReadOptions.max_bytes,
            show_default=True,
            help="Refuse pages larger than this.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(0, min_open=True),
            default=ReadOptions.timeout,
            show_default=True,
            metavar="SECONDS",
            help="Give up on a URL after this long.",
        ),
        click.option(
            "--kind",
            type=click.Choice(["html", "text", "jsonl", "warc"]),
            help="Read every input with this reader instead of guessing from name and content.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_read_options(kwargs: dict[str, Any]) -> ReadOptions:
    published = kwargs.pop("published", None)
    if published:
        from datetime import date

        try:
            date.fromisoformat(published)
        except ValueError as exc:
            raise click.BadParameter(
                f"{published!r} is not YYYY-MM-DD", param_hint="--published"
            ) from exc
    return ReadOptions(
        url=kwargs.pop("url", None),
        published=published,
        encoding=kwargs.pop("encoding", None),
        max_bytes=kwargs.pop("max_bytes", ReadOptions.max_bytes),
        timeout=kwargs.pop("timeout", ReadOptions.timeout),
        kind=kwargs.pop("kind", None),
    )


def filter_options(func: F) -> F:
    """Add the WARC record filter options (language, host, capture date)."""
    options = [
        click.option(
            "--lang",
            "languages",
            multiple=True,
            metavar="CODE",
            help="Keep WARC records in this language (ISO 639-1; repeat for several).",
        ),
        click.option(
            "--include-host", multiple=True, metavar="HOST", help="Keep only this site (repeat)."
        ),
        click.option(
            "--exclude-host", multiple=True, metavar="HOST", help="Skip this site (repeat)."
        ),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Captured on or after."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Captured on or before."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_filtered_options(kwargs: dict[str, Any]) -> ReadOptions:
    """Pop the read and filter options from ``kwargs``; return the ``ReadOptions``."""
    from dataclasses import replace

    record_filter = make_filter(kwargs)
    options = make_read_options(kwargs)
    return replace(options, record_filter=record_filter) if record_filter else options


def make_filter(kwargs: dict[str, Any]) -> RecordFilter | None:
    """Pop the filter options from ``kwargs``; return the filter, or ``None`` if none is set."""
    since, until = kwargs.pop("since", None), kwargs.pop("until", None)
    record_filter = RecordFilter(
        languages=tuple(kwargs.pop("languages", ())),
        include_hosts=tuple(kwargs.pop("include_host", ())),
        exclude_hosts=tuple(kwargs.pop("exclude_host", ())),
        since=since.date() if since else None,
        until=until.date() if until else None,
    )
    return record_filter if record_filter.active else None


def emit_results(
    results: Iterator[Analysis | InputError],
    fmt: str,
    single: bool,
    render: Callable[[Analysis], str],
) -> int:
    failures = 0
    count = 0
    for item in results:
        if isinstance(item, InputError):
            failures += 1
            fail(str(item))
            continue
        count += 1
        if fmt == "text":
            if count > 1:
                click.echo("\n" + "#" * 88 + "\n")
            click.echo(render(item), nl=False)
        elif fmt == "json" and single:
            click.echo(json.dumps(item.to_dict(), ensure_ascii=False, indent=2))
        else:
            click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
    if failures:
        fail(f"{failures} input(s) failed, {count} read")
    return 1 if failures else 0


def format_option(func: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="json",
        show_default=True,
        help="json: one object for one input, JSON lines for several; jsonl; text: a report.",
    )(func)


def run_over_inputs(
    inputs: tuple[str, ...],
    fmt: str,
    kwargs: dict[str, Any],
    render: Callable[[Analysis], str],
) -> None:
    from ..analyze import analyze_sources
    from ..sources import expand_inputs

    options = make_read_options(kwargs)
    sources = list(expand_inputs(inputs))
    single = len(sources) == 1 and not sources[0].lower().endswith(CONTAINER_SUFFIXES)
    results = analyze_sources(sources, options, stats=ReadStats())
    sys.exit(emit_results(results, fmt, single, render))


def scale_options(func: F) -> F:
    """Add ``--workers``, ``--dask`` and ``--out`` (for ``ingest``)."""
    options = [
        click.option(
            "--workers",
            type=click.IntRange(1),
            default=1,
            show_default=True,
            envvar="NEWSGRAPH_WORKERS",
            help="Analyse in this many processes; this one reads and writes "
            "(also $NEWSGRAPH_WORKERS).",
        ),
        click.option(
            "--dask",
            metavar="ADDR",
            envvar="NEWSGRAPH_DASK",
            help="Analyse on Dask (tcp://SCHEDULER:8786 or local:N) into Parquet shards, "
            "then load them (also $NEWSGRAPH_DASK).",
        ),
        click.option(
            "--out",
            type=click.Path(file_okay=False),
            help="With --dask: keep the shards here (default: a temporary directory).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


OUTPUT_FORMATS = ("text", "jsonl")


def db_option(func: F) -> F:
    """Add ``--db`` (``$NEWSGRAPH_DB``): a SQLite path or a ``postgresql://`` URL."""
    return click.option(
        "--db",
        envvar="NEWSGRAPH_DB",
        default=DEFAULT_DB,
        show_default=True,
        metavar="DB",
        help="SQLite file or postgresql:// URL (also $NEWSGRAPH_DB).",
    )(func)


def output_option(func: F) -> F:
    """Add ``--format text|jsonl`` for commands that list rows."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(OUTPUT_FORMATS),
        default="text",
        show_default=True,
        help="text: a listing for a person; jsonl: one JSON object per row.",
    )(func)


def emit(rows: Iterable[Any], fmt: str, render: Callable[[Any], str]) -> int:
    """Print each row: ``render(row)`` for text, its JSON object for ``jsonl``; return the count."""
    count = 0
    for row in rows:
        count += 1
        click.echo(json.dumps(row.to_dict(), ensure_ascii=False) if fmt == "jsonl" else render(row))
    return count


class ProgressBar:
    """A tqdm bar on stderr, or nothing; called with a running report (and optionally a count)."""

    def __init__(
        self,
        bar: Any,
        done: Callable[[Any], int] = lambda report: int(report.done),
        postfix: Callable[[Any], dict[str, Any]] = lambda report: {
            "stored": report.stored,
            "skipped": report.skipped,
        },
    ) -> None:
        self.bar, self.done, self.postfix = bar, done, postfix

    def __enter__(self) -> Callable[..., None]:
        return self.update

    def update(self, report: Any, count: int | None = None) -> None:
        """Move the bar to the report's count (or ``count``), with the report's figures."""
        if self.bar is None:
            return
        self.bar.update((self.done(report) if count is None else count) - self.bar.n)
        if count is None:
            self.bar.set_postfix(**self.postfix(report), refresh=False)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def progress_bar(
    enabled: bool | None,
    unit: str = "article",
    total: int | None = None,
    smoothing: float = 0.3,
    **kwargs: Any,
) -> ProgressBar:
    """Return a tqdm bar on stderr (on a tty unless ``enabled`` says), or one that shows nothing.

    ``kwargs`` go to :class:`ProgressBar` (what the report's count and figures are).
    """
    if enabled is False or (enabled is None and not sys.stderr.isatty()):
        return ProgressBar(None)
    from tqdm import tqdm

    bar = tqdm(total=total, unit=unit, file=sys.stderr, dynamic_ncols=True, smoothing=smoothing)
    return ProgressBar(bar, **kwargs)


def ingest_progress(
    inputs: tuple[str, ...], enabled: bool | None, feeds: bool = False
) -> ProgressBar:
    """Return the bar of ``ingest``: articles counted (total known for plain files: an ETA)."""
    if enabled is False or (enabled is None and not sys.stderr.isatty()):
        return ProgressBar(None)
    from ..sources import expand_inputs

    paths = list(expand_inputs(inputs))
    containers = any(
        p == "-" or p.lower().removesuffix(".gz").endswith((".jsonl", ".ndjson", ".warc", ".arc"))
        for p in paths
    )
    return progress_bar(enabled, total=None if containers or feeds else len(paths))
