"""Issue 15, items 4–6 and 10: the store against other databases, read-only files, given ids.

A database that is not newsgraph's is refused unchanged; a read-only file and a missing
database are one line each; a JSONL id never replaces the content hash (migration 6 moves
old databases over); two processes creating one new SQLite file at once both succeed.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import socket
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from store_data import OTHER, SUMMIT, summit_analysis

from newsgraph.cli import cli
from newsgraph.errors import StoreError
from newsgraph.ingest import ingest_articles
from newsgraph.model import Analysis, content_id
from newsgraph.sources import iter_articles
from newsgraph.store import Store, open_store, queries
from newsgraph.store.corpus import attach_events
from newsgraph.store.rows import _insert_sql, analysis_rows, write_analysis
from newsgraph.store.schema import LATEST, migrate


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- item 4: another application's database ---------------------------------------------------


@pytest.mark.parametrize(
    "schema",
    [
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)",
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, headline TEXT)",
        "CREATE TABLE schema_version (v TEXT); INSERT INTO schema_version VALUES ('2.1')",
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL); INSERT INTO schema_version VALUES (1, 'x', 'y'); "
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, headline TEXT)",
    ],
    ids=["other-tables", "own-articles", "own-schema-version", "same-shaped-schema-version"],
)
def test_store_hostile_foreign_sqlite_file_is_refused_unchanged(
    tmp_path: Path, schema: str
) -> None:
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(schema)
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError, match="not a newsgraph database") as info:
        open_store(str(path))
    assert "\n" not in str(info.value) and str(path) in str(info.value)
    assert digest(path) == before
    assert not (tmp_path / "app.db-wal").exists()
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "none.txt"), "--db", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert digest(path) == before


@pytest.mark.postgres
def test_store_hostile_foreign_postgres_database_is_refused(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(StoreError, match="not a newsgraph database"):
        open_store(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    assert tables == [("invoices",)]


# -- item 5: a read-only database file ------------------------------------------------------


def test_store_hostile_read_only_database_is_one_store_error(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    open_store(str(path)).close()
    if os.geteuid() == 0:  # root writes any file: make the connection read-only instead
        store = open_store(str(path))
        store.conn.execute("PRAGMA query_only = ON")  # type: ignore[attr-defined]
    else:
        path.chmod(0o444)
        try:
            store = open_store(str(path))
        except StoreError as exc:  # refused already when opening: also one line
            assert "read-only" in str(exc) and "\n" not in str(exc)
            return
    with store, pytest.raises(StoreError) as info:
        write_analysis(store, summit_analysis())
    assert str(info.value) == f"{path}: cannot write: the database file is read-only"


# -- item 10: read commands need a database that exists ----------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["search", "summit"],
        ["actors"],
        ["events"],
        ["quotes"],
        ["dyad", "JPN", "KOR"],
        ["export", "--format", "jsonl"],
    ],
    ids=lambda c: c[0],
)
def test_store_hostile_read_command_on_a_misspelt_db_creates_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    path = tmp_path / "corpsu.db"
    result = CliRunner().invoke(cli, [*command, "--db", str(path)])
    assert result.exit_code == 1
    assert f"{path}: no newsgraph database here" in result.stderr
    assert not path.exists()


def test_store_hostile_serve_on_a_misspelt_db_fails_at_once(tmp_path: Path) -> None:
    path = tmp_path / "corpsu.db"
    with socket.socket() as taken:  # were the check missing, serving would fail, not hang
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(cli, ["serve", "--db", str(path), "--port", port])
    assert result.exit_code == 1 and "no newsgraph database here" in result.stderr
    assert not path.exists()


def _open_at_once(path: str, barrier: Any, results: Any) -> None:
    barrier.wait()
    try:
        with open_store(path) as store:
            results.put(str(store.scalar("SELECT MAX(version) FROM schema_version")))
    except Exception as exc:  # the report is the assertion below
        results.put(f"{type(exc).__name__}: {exc}")


def test_store_hostile_processes_creating_one_new_file_at_once_all_succeed(
    tmp_path: Path,
) -> None:
    context = multiprocessing.get_context("fork")
    outcomes: list[str] = []
    for round_ in range(15):
        path = str(tmp_path / f"new-{round_}.db")
        barrier, results = context.Barrier(5), context.Queue()
        workers = [
            context.Process(target=_open_at_once, args=(path, barrier, results)) for _ in range(5)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
        outcomes += [results.get(timeout=5) for _ in workers]
    assert set(outcomes) == {str(LATEST)}, [o for o in outcomes if o != str(LATEST)]


# -- item 6: given ids are metadata; the content hash is the id --------------------------------


def _jsonl(tmp_path: Path, records: list[dict[str, Any]]) -> str:
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_store_hostile_same_given_id_on_two_texts_stores_both(store: Store, tmp_path: Path) -> None:
    feed = _jsonl(
        tmp_path,
        [{"id": "feed/../7", "text": SUMMIT}, {"id": "feed/../7", "text": OTHER}],
    )
    report = ingest_articles(store, iter_articles([feed]), pipeline=[])
    assert (report.stored, report.skipped, report.failures) == (2, 0, [])
    rows = store.fetchall("SELECT id, given_id FROM articles ORDER BY id")
    assert sorted(rows) == sorted(
        [(content_id(SUMMIT), "feed/../7"), (content_id(OTHER), "feed/../7")]
    )
    document = queries.get_analysis(store, content_id(OTHER))
    assert document is not None and document["article"]["given_id"] == "feed/../7"


def _old_database(store: Store, analyses: list[Analysis]) -> None:
    """Fill a schema-5 database the way newsgraph wrote it before migration 6."""
    assert migrate(store, target=5) == [1, 2, 3, 4, 5]
    for n, analysis in enumerate(analyses):
        rows = analysis_rows(analysis, f"2023-05-09T00:00:0{n}")
        with store.transaction() as tx:
            columns = [c for c in store.columns("articles") if c not in ("n", "search")]
            row = (*rows["articles"][0], None, None)
            marks = ", ".join("?" * len(row))
            tx.execute(f"INSERT INTO articles ({', '.join(columns)}) VALUES ({marks})", row)
            tx.executemany(
                "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                rows["actors"],
            )
            for table in (
                "article_actors",
                "mentions",
                "dates",
                "quotes",
                "events",
                "event_actors",
            ):
                tx.executemany(_insert_sql(table), rows[table])
            attach_events(
                tx, analysis.article.id, analysis.article.published, enumerate(analysis.events)
            )


def _given(analysis: Analysis, given: str) -> Analysis:
    analysis.article.id = given
    analysis.article.metadata_sources["id"] = "given"
    return analysis


def test_store_hostile_migration_moves_given_ids_to_content_hashes(store_url: str) -> None:
    if store_url.startswith("postgresql"):
        from newsgraph.store.postgres import PostgresStore

        old: Store = PostgresStore(store_url)
    else:
        from newsgraph.store.sqlite import SQLiteStore

        old = SQLiteStore(store_url)
    summit = _given(summit_analysis(), "feed/../7")
    duplicate = _given(summit_analysis(title="Copy"), "copy-1")  # same text as the first
    _old_database(old, [summit, duplicate])
    old.close()

    with open_store(store_url) as store:
        new = content_id(SUMMIT)
        assert store.fetchall("SELECT id, given_id FROM articles") == [(new, "feed/../7")]
        assert store.scalar("SELECT COUNT(*) FROM events WHERE article_id = ?", (new,)) == 3
        assert store.scalar("SELECT COUNT(*) FROM events WHERE article_id <> ?", (new,)) == 0
        linked = store.fetchall(
            "SELECT DISTINCT article_id FROM corpus_event_links ORDER BY article_id"
        )
        assert linked == [(new,)]
        assert all(
            "feed/../7" not in row[0] for row in store.fetchall("SELECT id FROM corpus_events")
        )
        document = queries.get_analysis(store, new)
        assert document is not None
        assert (document["article"]["id"], document["article"]["given_id"]) == (new, "feed/../7")
        assert "id" not in document["article"]["metadata_sources"]
