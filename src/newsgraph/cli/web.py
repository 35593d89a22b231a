"""Commands that serve the corpus on the web: ``serve``, ``demo`` and ``datasette``."""

from __future__ import annotations

import secrets
from typing import Any

import click

from ._util import db_option


def register(cli: click.Group) -> None:
    """Add this module's commands to the ``newsgraph`` group."""
    for command in (serve, demo, datasette):
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
            click.option(
                "--allowed-host",
                "allowed_hosts",
                multiple=True,
                metavar="NAME",
                help="Also answer requests for this host name (behind a proxy; repeat). IP "
                "addresses and localhost always work; other names are refused (DNS rebinding).",
            ),
            click.option(
                "--analyze-workers",
                type=click.IntRange(1, 64),
                default=1,
                show_default=True,
                help="Processes for POST /api/analyze (about 0.5 GB each).",
            ),
            click.option(
                "--analyze-timeout",
                type=click.FloatRange(1),
                default=60.0,
                show_default=True,
                metavar="SECONDS",
                help="Stop an analysis past this (503).",
            ),
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
@click.option(
    "--ingest-token",
    envvar="NEWSGRAPH_INGEST_TOKEN",
    metavar="TOKEN",
    help="The token form writes must send (default: a random one, printed at start; also "
    "$NEWSGRAPH_INGEST_TOKEN). JSON writes need none.",
)
def serve(db: str, host: str, port: int, allow_ingest: bool, **kwargs: Any) -> None:
    """Serve the web pages and the REST API (/api, documented at /docs) over a database.

    Example: newsgraph serve --db corpus.db --port 8000
    """
    from ..web import WebSettings
    from ..web.serve import serve as run

    settings = WebSettings(
        db=db,
        allow_ingest=allow_ingest,
        allowed_hosts=tuple(kwargs["allowed_hosts"]),
        analyze_workers=kwargs["analyze_workers"],
        analyze_timeout=kwargs["analyze_timeout"],
        ingest_token=kwargs["ingest_token"]
        or (secrets.token_urlsafe(24) if allow_ingest else None),
    )
    if allow_ingest and not kwargs["ingest_token"]:
        click.echo(f"ingest token for form writes: {settings.ingest_token}", err=True)
    run(settings, host, port)


@click.command()
@click.argument("inputs", nargs=-1, metavar="[PATH]...")
@click.option(
    "--db",
    metavar="DB",
    help="Keep the demo database here (default: a fresh one in a temporary directory).",
)
@_server_options
def demo(inputs: tuple[str, ...], db: str | None, host: str, port: int, **kwargs: Any) -> None:
    """Ingest the bundled examples (or PATHs) into a fresh database and serve them.

    Example: newsgraph demo
    """
    from ..web import WebSettings
    from ..web.serve import prepare_demo
    from ..web.serve import serve as run

    database = prepare_demo(db, inputs)
    click.echo(f"demo database: {database}", err=True)
    click.echo(f"newsgraph demo: open http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    settings = WebSettings(
        db=database,
        allowed_hosts=tuple(kwargs["allowed_hosts"]),
        analyze_workers=kwargs["analyze_workers"],
        analyze_timeout=kwargs["analyze_timeout"],
    )
    run(settings, host, port)


@click.command()
@db_option
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    metavar="FILE",
    help="Write the metadata here (- for stdout; with --serve, default: a temporary file).",
)
@click.option("--title", help="Title shown on every page (default: newsgraph corpus: NAME).")
@click.option("--license", "license_", metavar="TEXT", help="Licence note for the data.")
@click.option("--license-url", metavar="URL", help="Link for the licence note.")
@click.option("--source", metavar="TEXT", help="Source note (default: the newsgraph version).")
@click.option("--source-url", metavar="URL", help="Link for the source note.")
@click.option("--serve", "run_server", is_flag=True, help="Then run Datasette on the corpus.")
@click.option("--host", default="127.0.0.1", show_default=True, help="With --serve: address.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8001, show_default=True, help="With --serve."
)
def datasette(db: str, output: str, run_server: bool, host: str, port: int, **notes: Any) -> None:
    """Open a SQLite corpus in Datasette: write its metadata, or run Datasette with --serve.

    The metadata describes every table and column, sets facets (events by type, quad class,
    status, source and target country), sort orders and full-text search on articles.
    Datasette keys it by the file's name (corpus.db is served as corpus), so it is written
    for the --db given. Datasette is optional: pip install 'newsgraph[datasette]'.

    Example: newsgraph datasette --db corpus.db -o metadata.json

    then: datasette corpus.db -m metadata.json
    """
    import json
    import subprocess
    import tempfile

    from ..errors import ConfigError
    from ..store import datasette as ds
    from ..store import open_store

    ds.require_sqlite(db)
    if run_server:
        ds.require_datasette()
    with open_store(db, create=False) as store:
        document = ds.metadata(
            store,
            ds.database_name(db),
            title=notes["title"],
            license=notes["license_"],
            license_url=notes["license_url"],
            source=notes["source"],
            source_url=notes["source_url"],
        )
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output == "-" and not run_server:
        click.echo(text, nl=False)
        return
    with tempfile.TemporaryDirectory(prefix="newsgraph-datasette-") as tmp:
        path = output if output != "-" else f"{tmp}/metadata.json"
        try:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise ConfigError(f"cannot write: {exc.strerror or exc}", path) from exc
        if not run_server:
            click.echo(f"{path}: Datasette metadata for {db}", err=True)
            return
        click.echo(f"datasette: open http://{host}:{port}/ (Ctrl-C to stop)", err=True)
        try:
            code = subprocess.call(ds.serve_command(ds.sqlite_path(db), path, host, port))
        except KeyboardInterrupt:
            code = 0
    if code:
        raise SystemExit(code)
