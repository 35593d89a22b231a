"""The store fixtures of the store tests: every ``store`` test runs on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.store import Store, open_store


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, sqlite_path: Path) -> str:
    """A fresh database URL: a SQLite file, then a database on the throwaway PG cluster."""
    if request.param == "sqlite":
        return str(sqlite_path)
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    """An open, empty store on each backend."""
    opened = open_store(store_url)
    yield opened
    opened.close()
