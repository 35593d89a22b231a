from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_data import summit_analysis

from newsgraph.cli import cli
from newsgraph.errors import StoreError
from newsgraph.store import Store, open_store, queries
from newsgraph.store.rows import analysis_rows
from newsgraph.store.schema import LATEST, MIGRATIONS, migrate, schema_version


def test_schema_fresh_database_is_at_the_latest_version(store: Store) -> None:
    assert schema_version(store) == LATEST
    assert {"articles", "actors", "mentions", "dates", "quotes", "events"} <= set(store.tables())
    assert "group_id" in store.columns("articles")


def test_schema_reopening_applies_nothing(store_url: str) -> None:
    open_store(store_url).close()
    with open_store(store_url) as store:
        assert migrate(store) == []


def test_schema_old_database_is_migrated_and_keeps_its_articles(store_url: str) -> None:
    from newsgraph.store.base import Store as _Store

    # Build a version-1 database (what the first release made), with one article in it.
    if store_url.startswith("postgresql"):
        from newsgraph.store.postgres import PostgresStore

        old: _Store = PostgresStore(store_url)
    else:
        from newsgraph.store.sqlite import SQLiteStore

        old = SQLiteStore(store_url)
    assert migrate(old, target=1) == [1]
    assert "group_id" not in old.columns("articles")
    row = analysis_rows(summit_analysis(), "2023-05-09T00:00:00")["articles"][0]
    with old.transaction() as tx:  # the article row as the first release wrote it
        columns = [c for c in old.columns("articles") if c != "n"]
        tx.execute(
            f"INSERT INTO articles ({', '.join(columns)}) VALUES ({', '.join('?' * len(row))})",
            row,
        )
    old.close()

    with open_store(store_url) as store:
        assert schema_version(store) == LATEST
        assert [m.version for m in MIGRATIONS] == list(range(1, LATEST + 1))
        hits = queries.search(store, "summit")
        assert [h.title for h in hits] == ["Summit in Seoul"]  # the search index was built
        assert store.scalar("SELECT COUNT(*) FROM articles WHERE group_id IS NULL") == 1


def test_schema_newer_database_is_refused(sqlite_path: Path) -> None:
    open_store(str(sqlite_path)).close()
    with sqlite3.connect(sqlite_path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (999, 'future', 'later')")
    with pytest.raises(StoreError, match="newer newsgraph"):
        open_store(str(sqlite_path))


@pytest.mark.parametrize(
    "url",
    ["postgresql://newsgraph@127.0.0.1:1/x", "/nonexistent-dir/sub/newsgraph.db"],
    ids=["dead-server", "missing-directory"],
)
def test_schema_unreachable_database_is_one_clear_line(url: str) -> None:
    with pytest.raises(StoreError) as info:
        open_store(url)
    message = str(info.value)
    assert message.startswith(url)
    assert "\n" not in message
    result = CliRunner().invoke(cli, ["search", "x", "--db", url])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and url in lines[0], result.stderr


def test_schema_directory_as_database_path_is_a_store_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["actors", "--db", str(tmp_path)])
    assert result.exit_code == 1
    assert str(tmp_path) in result.stderr and "Traceback" not in result.output


def test_schema_password_is_not_shown() -> None:
    with pytest.raises(StoreError) as info:
        open_store("postgresql://user:secret@127.0.0.1:1/x")
    assert "secret" not in str(info.value)
