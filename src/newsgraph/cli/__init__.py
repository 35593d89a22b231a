"""The ``newsgraph`` command: thin wrappers that parse options, call the library and print.

One module per command group (``analyze.py``: reading and analysing articles; ``evaluate.py``:
scoring against gold sets; ``store.py``: ingesting into and querying the store; ``watch.py``:
saved searches). Errors are
translated here and only here: a ``NewsgraphError`` becomes one line on stderr and exit code
1; tracebacks appear only with ``--debug``.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from ..errors import NewsgraphError


class _State:
    debug = False


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


def main() -> None:
    """Run the ``newsgraph`` command."""
    cli()


def _register_commands() -> None:
    from . import analyze, evaluate, scale, store, watch, web

    for module in (analyze, evaluate, store, watch, scale, web):
        module.register(cli)


_register_commands()
