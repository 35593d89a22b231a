"""Commands that serve the corpus on the web: ``serve`` and ``demo``."""

from __future__ import annotations

import click

from .store import db_option


def register(cli: click.Group) -> None:
    """Add this module's commands to the ``newsgraph`` group."""
    for command in (serve, demo):
        cli.add_command(command)


def _server_options(func: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(
        [
            click.option(
                "--host",
                default="127.0.0.1",
                show_default=True,
                help="Address to bind (any other than 127.0.0.1 exposes the corpus).",
            ),
            click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True),
        ]
    ):
        func = option(func)
    return func


@click.command()
@db_option
@_server_options
@click.option(
    "--allow-ingest",
    is_flag=True,
    help="Let POST /api/analyze store articles (store=true); read-only without it.",
)
def serve(db: str, host: str, port: int, allow_ingest: bool) -> None:
    """Serve the web pages and the REST API (/api, documented at /docs) over a database.

    Example: newsgraph serve --db corpus.db --port 8000
    """
    from ..web import WebSettings
    from ..web.serve import serve as run

    run(WebSettings(db=db, allow_ingest=allow_ingest), host, port)


@click.command()
@click.argument("inputs", nargs=-1, metavar="[PATH]...")
@click.option(
    "--db",
    metavar="DB",
    help="Keep the demo database here (default: a fresh one in a temporary directory).",
)
@_server_options
def demo(inputs: tuple[str, ...], db: str | None, host: str, port: int) -> None:
    """Ingest the bundled examples (or PATHs) into a fresh database and serve them.

    Example: newsgraph demo
    """
    from ..web import WebSettings
    from ..web.serve import prepare_demo
    from ..web.serve import serve as run

    database = prepare_demo(db, inputs)
    click.echo(f"demo database: {database}", err=True)
    click.echo(f"newsgraph demo: open http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    run(WebSettings(db=database), host, port)
