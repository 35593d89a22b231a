"""Commands that read and analyse articles: ``analyze``, ``actors``, ``events``, ``quotes``."""

from __future__ import annotations

from typing import Any

import click

from ._util import db_option, format_option, read_options, run_over_inputs
from .store import show_actors, show_events, show_quotes


def register(cli: click.Group) -> None:
    """Add this module's commands to the ``newsgraph`` group."""
    for command in (analyze, actors, quotes, events):
        cli.add_command(command)


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@format_option
@read_options
def analyze(inputs: tuple[str, ...], fmt: str, **kwargs: Any) -> None:
    """Analyse articles: files, directories (recursive), URLs, or - for stdin.

    Example: newsgraph analyze examples/dw-japan-south-korea.txt --format text
    """
    from ..report import format_text

    run_over_inputs(inputs, fmt, kwargs, format_text)


@click.command()
@click.argument("inputs", nargs=-1, metavar="[PATH]...")
@format_option
@read_options
@db_option
@click.option(
    "--top", type=click.IntRange(1), default=20, show_default=True, help="Store: how many."
)
@click.option(
    "--actor-kind",
    "actor_kind",
    type=click.Choice(["country", "person", "organization", "place"]),
    help="Store: only actors of this kind.",
)
@click.option(
    "--dedupe/--no-dedupe",
    default=True,
    show_default=True,
    help="Store: count near-duplicate articles once.",
)
def actors(
    inputs: tuple[str, ...],
    fmt: str,
    db: str,
    top: int,
    actor_kind: str | None,
    dedupe: bool,
    **kwargs: Any,
) -> None:
    """List the actors of articles (countries, people, organisations, places) with roles.

    With PATHs, the articles are analysed: the JSON formats print the whole analysis and
    ``--format text`` lists the actors only. With no PATH, the store is queried: the actors
    named in the most stored articles.

    Example: newsgraph actors examples/dw-japan-south-korea.txt --format text

    Example: newsgraph actors --top 20 --db corpus.db
    """
    from ..report import format_section

    if not inputs:
        show_actors(db, _store_format(fmt), top, actor_kind, dedupe)
        return
    _no_store_options(("top", "actor_kind", "dedupe"))
    run_over_inputs(inputs, fmt, kwargs, lambda analysis: format_section(analysis, "actors"))


@click.command()
@click.argument("inputs", nargs=-1, metavar="[PATH]...")
@format_option
@read_options
@db_option
@click.option("--source", help="Store: an actor (code, id or name) on the source side.")
@click.option("--target", help="Store: an actor on the target side.")
@click.option("--type", "types", multiple=True, help="Store: PLOVER type (repeat for several).")
@click.option("--since", metavar="YYYY-MM-DD", help="Store: events on or after this day.")
@click.option("--until", metavar="YYYY-MM-DD", help="Store: events on or before this day.")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(["occurred", "expected", "hypothetical", "negated"]),
    help="Store: event status (repeat for several).",
)
@click.option("--limit", type=click.IntRange(1), help="Store: the most events to list.")
@click.option(
    "--corpus",
    is_flag=True,
    help="Store: one entry per happening across articles, with its number of articles and of "
    "near-duplicate groups and one evidence sentence per article.",
)
@click.option(
    "--dedupe/--no-dedupe",
    default=True,
    show_default=True,
    help="Store: list an event told by near-duplicate articles once (--corpus prints both counts).",
)
def events(inputs: tuple[str, ...], fmt: str, db: str, **kwargs: Any) -> None:
    """List who did what to whom: PLOVER events with actors, date, status and evidence.

    With PATHs, the articles are analysed: the JSON formats print the whole analysis and
    ``--format text`` lists the events only. With no PATH, the store is queried (with both
    --source and --target, reciprocal events listing both as participants are included).

    Example: newsgraph events examples/dw-japan-south-korea.txt --format text

    Example: newsgraph events --source JPN --target KOR --type CONSULT --since 2023-01-01

    Example: newsgraph events --corpus --source JPN --target KOR --db corpus.db
    """
    from ..report import format_section

    names = ("source", "target", "types", "since", "until", "statuses", "limit")
    filters = {name: kwargs.pop(name) for name in names}
    corpus, dedupe = kwargs.pop("corpus"), kwargs.pop("dedupe")
    if not inputs:
        show_events(db, _store_format(fmt), filters, corpus=corpus, dedupe=dedupe)
        return
    _no_store_options((*names, "corpus", "dedupe"))
    run_over_inputs(inputs, fmt, kwargs, lambda analysis: format_section(analysis, "events"))


@click.command()
@click.argument("inputs", nargs=-1, metavar="[PATH]...")
@format_option
@read_options
@db_option
@click.option("--speaker", metavar="NAME", help="Store: part of the speaker's name, or an id.")
@click.option("--about", metavar="ACTOR", help="Store: an actor mentioned in the quote.")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
def quotes(
    inputs: tuple[str, ...],
    fmt: str,
    db: str,
    speaker: str | None,
    about: str | None,
    limit: int,
    **kwargs: Any,
) -> None:
    """List who said what: every quote with its speaker (resolved to a full name) and cue.

    With PATHs, the articles are analysed: the JSON formats print the whole analysis and
    ``--format text`` lists the quotes only. With no PATH, the store is queried.

    Example: newsgraph quotes examples/dw-japan-south-korea.txt --format text

    Example: newsgraph quotes --speaker Lopez --about KOR
    """
    from ..report import format_section

    if not inputs:
        show_quotes(db, _store_format(fmt), speaker, about, limit)
        return
    _no_store_options(("speaker", "about", "limit"))
    run_over_inputs(inputs, fmt, kwargs, lambda analysis: format_section(analysis, "quotes"))


def _store_format(fmt: str) -> str:
    """Return the listing format of a store query: text unless a JSON format was asked for."""
    if (
        click.get_current_context().get_parameter_source("fmt")
        == click.core.ParameterSource.DEFAULT
    ):
        return "text"
    return "text" if fmt == "text" else "jsonl"


def _no_store_options(names: tuple[str, ...]) -> None:
    """Refuse store filters given together with PATHs (they would be silently ignored)."""
    ctx = click.get_current_context()
    for name in names:
        if ctx.get_parameter_source(name) != click.core.ParameterSource.DEFAULT:
            option = name.replace("_", "-").replace("types", "type").replace("statuses", "status")
            raise click.UsageError(f"--{option} queries the store; give no PATH to use it")
