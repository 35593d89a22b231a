"""The ``newsgraph`` command: thin wrappers that parse options, call the library and print.

Errors are translated here and only here: a ``NewsgraphError`` becomes one line on stderr
and a non-zero exit; tracebacks appear only with ``--debug``.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from .errors import InputError, NewsgraphError
from .model import Analysis
from .sources import ReadOptions, ReadStats

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("json", "jsonl", "text")
CONTAINER_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".warc", ".warc.gz", ".arc", ".arc.gz")


class _State:
    debug = False


def _fail(message: str) -> None:
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
            type=int,
            default=ReadOptions.max_bytes,
            show_default=True,
            help="Refuse pages larger than this.",
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


def _make_read_options(kwargs: dict[str, Any]) -> ReadOptions:
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
        kind=kwargs.pop("kind", None),
    )


class NewsgraphGroup(click.Group):
    """The command group; the one place a ``NewsgraphError`` becomes a one-line CLI error."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsgraphError as exc:
            if _State.debug:
                raise
            raise click.ClickException(str(exc)) from exc


@click.group(cls=NewsgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
def cli(debug: bool, quiet: bool) -> None:
    """Read news articles into an account you can check: metadata, quotes, actors and events.

    Example: newsgraph analyze examples/dw-japan-south-korea.txt --format text
    """
    _State.debug = debug
    level = logging.DEBUG if debug else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr)


def _emit_results(
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
            _fail(str(item))
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
        _fail(f"{failures} input(s) failed, {count} read")
    return 1 if failures else 0


def _format_option(func: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="json",
        show_default=True,
        help="json: one object for one input, JSON lines for several; jsonl; text: a report.",
    )(func)


def _run(
    inputs: tuple[str, ...],
    fmt: str,
    kwargs: dict[str, Any],
    render: Callable[[Analysis], str],
) -> None:
    from .pipeline import analyze_sources
    from .sources import expand_inputs

    options = _make_read_options(kwargs)
    sources = list(expand_inputs(inputs))
    single = len(sources) == 1 and not sources[0].lower().endswith(CONTAINER_SUFFIXES)
    results = analyze_sources(sources, options, stats=ReadStats())
    sys.exit(_emit_results(results, fmt, single, render))


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@_format_option
@read_options
def analyze(inputs: tuple[str, ...], fmt: str, **kwargs: Any) -> None:
    """Analyse articles: files, directories (recursive), URLs, or - for stdin.

    Example: newsgraph analyze examples/dw-japan-south-korea.txt --format text
    """
    from .report import format_text

    _run(inputs, fmt, kwargs, format_text)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@_format_option
@read_options
def actors(inputs: tuple[str, ...], fmt: str, **kwargs: Any) -> None:
    """List the actors of articles (countries, people, organisations, places) with roles.

    The JSON formats print the whole analysis; ``--format text`` lists the actors only.

    Example: newsgraph actors examples/dw-japan-south-korea.txt --format text
    """
    from .report import format_section

    _run(inputs, fmt, kwargs, lambda analysis: format_section(analysis, "actors"))


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@_format_option
@read_options
def events(inputs: tuple[str, ...], fmt: str, **kwargs: Any) -> None:
    """List who did what to whom: PLOVER events with actors, date, status and evidence.

    The JSON formats print the whole analysis; ``--format text`` lists the events only.

    Example: newsgraph events examples/dw-japan-south-korea.txt --format text
    """
    from .report import format_section

    _run(inputs, fmt, kwargs, lambda analysis: format_section(analysis, "events"))


@cli.group(name="eval")
def eval_group() -> None:
    """Score newsgraph against gold data in the formats of public benchmarks."""


@eval_group.command(name="extraction")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--limit", type=int, help="Score only the first N pages (a quick look).")
def eval_extraction(gold_dir: Path, fmt: str, limit: int | None) -> None:
    """Score article reading (body, title, date, authors, captions…) on a gold directory.

    GOLD_DIR is in the layout of the Scrapinghub AEB (ground-truth.json), NAEB (articles.json)
    or Fundus fixtures (manifest.json).

    Example: newsgraph eval extraction ../shared/eval/extraction/naeb-dev
    """
    from .evaluation.extraction import evaluate_extraction

    report = evaluate_extraction(gold_dir, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(report.format())


@eval_group.command(name="events")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--limit", type=int, help="Score only the first N sentences (a quick look).")
def eval_events(gold: Path, fmt: str, limit: int | None) -> None:
    """Score event coding on PLOVER GSR JSON or PETRARCH2 unit-test XML.

    Example: newsgraph eval events ../shared/eval/events/plover-gsr-dev.json
    """
    from .evaluation.events import evaluate_events

    report = evaluate_events(gold, limit=limit)
    click.echo(json.dumps(report.to_dict(), indent=2) if fmt == "json" else report.format())


def main() -> None:
    """Run the ``newsgraph`` command."""
    cli()
