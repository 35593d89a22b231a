"""Running the web app: ``serve`` over a database, ``run_demo`` over the bundled examples."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import ConfigError
from .app import WebSettings, create_app

log = logging.getLogger(__name__)

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(settings: WebSettings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app with uvicorn until interrupted.

    Raises:
        StoreError: the database cannot be opened.
    """
    import uvicorn

    from ..store import open_store

    open_store(settings.db, create=False).close()  # fail now, naming the database
    if host not in LOOPBACK and host not in ("0.0.0.0", "::"):
        settings = replace(settings, allowed_hosts=(*settings.allowed_hosts, host))
    if host not in LOOPBACK:
        log.warning(
            "serving on %s: anyone who can reach this address can read the corpus%s",
            host,
            " and add to it (--allow-ingest)" if settings.allow_ingest else "",
        )
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


def example_inputs() -> list[str]:
    """Return the bundled examples: ``./examples`` or the source checkout's ``examples/``.

    Raises:
        ConfigError: no examples directory is found.
    """
    here = Path(__file__).resolve()
    for candidate in (Path.cwd() / "examples", here.parents[3] / "examples"):
        if candidate.is_dir() and any(candidate.iterdir()):
            return [str(candidate)]
    raise ConfigError(
        "no examples/ directory here or in the newsgraph checkout (pass PATH to articles)"
    )


def prepare_demo(db: str | None, inputs: Sequence[str]) -> str:
    """Ingest ``inputs`` (or the bundled examples) into ``db`` (or a fresh temporary database).

    Returns:
        The database the demo serves.

    Raises:
        ConfigError: nothing could be ingested.
    """
    from ..ingest import ingest
    from ..store import open_store

    if db is None:
        db = str(Path(tempfile.mkdtemp(prefix="newsgraph-demo-")) / "demo.db")
    with open_store(db) as store:
        report = ingest(store, list(inputs) or example_inputs())
    for failure in report.failures:
        log.warning("%s", failure)
    if report.stored + report.skipped == 0:
        raise ConfigError("no article could be ingested for the demo", db)
    log.info("demo database %s: %d articles", db, report.stored + report.skipped)
    return db
