"""Commands that read and analyse articles: ``analyze``, ``actors``, ``events``, ``quotes``."""

from __future__ import annotations

from typing import Any

import click

from ._util import format_option, read_options, run_over_inputs


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
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@format_option
@read_options
def actors(inputs: tuple[str, ...], fmt: str, **kwargs: Any) -> None:
    """List the actors of articles (countries, people, organisations, places) with roles.

    The JSON formats print the whole analysis; ``--format text`` lists the actors only.

    Example: newsgraph actors examples/dw-japan-south-korea.txt --format text
    """
    from ..report import format_section

    run_over_inputs(inputs, fmt, kwargs, lambda analysis: format_section(analysis, "actors"))


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@format_option
@read_options
def events(inputs: tuple[str, ...], fmt: str, **kwargs: Any) -> None:
    """List who did what to whom: PLOVER events with actors, date, status and evidence.

    The JSON formats print the whole analysis; ``--format text`` lists the events only.

    Example: newsgraph events examples/dw-japan-south-korea.txt --format text
    """
    from ..report import format_section

    run_over_inputs(inputs, fmt, kwargs, lambda analysis: format_section(analysis, "events"))


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@format_option
@read_options
def quotes(inputs: tuple[str, ...], fmt: str, **kwargs: Any) -> None:
    """List who said what: every quote with its speaker (resolved to a full name) and cue.

    The JSON formats print the whole analysis; ``--format text`` lists the quotes only.

    Example: newsgraph quotes examples/dw-japan-south-korea.txt --format text
    """
    from ..report import format_section

    run_over_inputs(inputs, fmt, kwargs, lambda analysis: format_section(analysis, "quotes"))
