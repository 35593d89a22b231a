"""Datasette metadata for a SQLite corpus, so that the corpus opens in Datasette as it is.

::

    newsgraph datasette --db corpus.db -o metadata.json
    datasette corpus.db -m metadata.json

:func:`metadata` builds the metadata file of Datasette 0.65 (the stable line; the 1.0 alphas
move facets, sort orders and full-text settings to ``datasette.yaml``): a title and a
description carrying the corpus's figures, licence and source notes, a description of every
table and column (``knowledge/corpus_tables.json``), and per table its facets, sort order,
label column and, for ``articles``, the full-text index (``knowledge/datasette.json``).
Datasette finds an FTS table only when its ``content=`` option is double-quoted; newsgraph's
``articles_fts`` is single-quoted, so the metadata names it (and ``n``, the rowid it points
at). Internal tables (``schema_version``, the FTS index and its shadow tables) are described
and hidden.

Datasette reads SQLite files only, and keys a database's metadata by the file's name without
its suffix (``corpus.db`` → ``corpus``): the metadata is written for one file name.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..knowledge import load_json
from . import is_postgres_url
from .base import Store

__all__ = [
    "CorpusFigures",
    "corpus_tables",
    "database_name",
    "figures",
    "metadata",
    "require_datasette",
    "require_sqlite",
    "serve_command",
    "sqlite_path",
]

INSTALL_HINT = "pip install 'newsgraph[datasette]'"
"""How to install the optional extra that brings Datasette."""


def corpus_tables() -> dict[str, Any]:
    """Return the description of every table and column (``knowledge/corpus_tables.json``)."""
    tables: dict[str, Any] = load_json("corpus_tables.json")["tables"]
    return tables


def _presentation() -> dict[str, Any]:
    presentation: dict[str, Any] = load_json("datasette.json")
    return presentation


def require_sqlite(db: str) -> None:
    """Refuse a PostgreSQL URL: Datasette reads SQLite files only.

    Raises:
        ConfigError: ``db`` names a PostgreSQL database.
    """
    if is_postgres_url(db):
        raise ConfigError(
            "Datasette reads SQLite files only: give --db a SQLite corpus, not a PostgreSQL URL"
        )


def require_datasette() -> None:
    """Check that Datasette is installed in this Python.

    Raises:
        ConfigError: it is not, with the command that installs it.
    """
    if importlib.util.find_spec("datasette") is None:
        raise ConfigError(f"Datasette is not installed: {INSTALL_HINT}")


def sqlite_path(db: str) -> str:
    """Return the file path of the SQLite ``--db`` value (``sqlite:///`` taken off)."""
    return db.removeprefix("sqlite:///")


def database_name(db: str) -> str:
    """Return the name Datasette gives the database file ``db`` (its name less the suffix)."""
    return Path(sqlite_path(db)).stem


@dataclass(frozen=True)
class CorpusFigures:
    """What the corpus holds, for the description Datasette shows on every page."""

    articles: int
    sites: int
    first: str
    last: str
    stories: int
    quotes: int
    events: int
    happenings: int
    actors: int


def figures(store: Store) -> CorpusFigures:
    """Count what ``store`` holds (one query per figure; all indexed or small)."""

    def count(sql: str) -> int:
        return int(store.scalar(sql) or 0)

    first, last = store.fetchall("SELECT MIN(published), MAX(published) FROM articles")[0]
    return CorpusFigures(
        articles=count("SELECT COUNT(*) FROM articles"),
        sites=count("SELECT COUNT(DISTINCT site) FROM articles"),
        first=first or "?",
        last=last or "?",
        stories=count("SELECT COUNT(DISTINCT COALESCE(group_id, id)) FROM articles"),
        quotes=count("SELECT COUNT(*) FROM quotes"),
        events=count("SELECT COUNT(*) FROM events"),
        happenings=count("SELECT COUNT(*) FROM corpus_events"),
        actors=count("SELECT COUNT(*) FROM actors"),
    )


def _all_tables(store: Store) -> list[str]:
    """Return every table Datasette lists, FTS index and shadow tables included."""
    rows = store.fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [row[0] for row in rows]


def _table_metadata(
    table: str, described: dict[str, Any], shown: dict[str, Any], columns: list[str]
) -> dict[str, Any]:
    """Return one table's Datasette metadata: description, columns, then presentation."""
    entry: dict[str, Any] = {}
    if "description" in described:
        entry["description"] = described["description"]
    if described.get("internal"):
        entry["hidden"] = True
        return entry
    descriptions = described.get("columns", {})
    entry["columns"] = {c: descriptions[c] for c in columns if c in descriptions}
    entry.update(shown)
    return entry


def metadata(
    store: Store,
    name: str,
    *,
    title: str | None = None,
    license: str | None = None,
    license_url: str | None = None,
    source: str | None = None,
    source_url: str | None = None,
) -> dict[str, Any]:
    """Return the Datasette metadata for the SQLite corpus ``store``, served under ``name``.

    Args:
        store: an open SQLite store (its tables and figures are read).
        name: the database's name in Datasette (:func:`database_name` of its file).
        title: the title shown on every page (default: ``newsgraph corpus: NAME``).
        license: the data licence note (default: the publishers' terms for the texts).
        license_url: a link for the licence note.
        source: the source note (default: the newsgraph version that read the corpus).
        source_url: a link for the source note.

    Returns:
        The metadata as a JSON-ready dict (Datasette 0.65 ``metadata.json``).
    """
    shown = _presentation()
    fields = {"name": name, "version": version("newsgraph"), **asdict(figures(store))}
    described = corpus_tables()
    tables = {
        table: _table_metadata(
            table,
            described.get(table, {}),
            shown["tables"].get(table, {}),
            store.columns(table),
        )
        for table in _all_tables(store)
    }
    notes = {
        "title": title or shown["title"].format(**fields),
        "description": shown["description"].format(**fields),
        "license": license or shown["license"].format(**fields),
        "license_url": license_url,
        "source": source or shown["source"].format(**fields),
        "source_url": source_url,
    }
    database = {
        "description": notes["description"],
        "tables": tables,
        "queries": shown["queries"],
    }
    return {
        **{key: value for key, value in notes.items() if value},
        "databases": {name: database},
    }


def serve_command(db: str, metadata_path: str, host: str, port: int) -> list[str]:
    """Return the command that serves ``db`` with Datasette and the metadata written for it.

    Datasette's own settings come from ``knowledge/datasette.json`` (time limits that let the
    facets of a large corpus finish).
    """
    command = [sys.executable, "-m", "datasette", "serve", db, "--metadata", metadata_path]
    command += ["--host", host, "--port", str(port)]
    for setting, value in _presentation()["settings"].items():
        command += ["--setting", setting, str(value)]
    return command
