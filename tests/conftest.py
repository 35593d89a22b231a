"""Fixtures shared by the whole suite; the spaCy model is loaded here and nowhere else."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PATH = ROOT / "examples" / "dw-japan-south-korea.txt"
EXPECTED_PATH = ROOT / "tests" / "fixtures" / "dw-japan-south-korea.expected.json"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy pipeline, loaded once per test session."""
    from newsgraph.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The founding example: a plain-text dump of a DW article page."""
    return EXAMPLE_PATH


@pytest.fixture(scope="session")
def example_expected() -> dict[str, Any]:
    """The hand-made gold account of the founding example."""
    return json.loads(EXPECTED_PATH.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """``../shared/eval`` when present; tests that need it skip cleanly when it is absent."""
    path = SHARED / "eval"
    if not path.is_dir():
        pytest.skip("../shared/eval is not present")
    return path


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Clear ``NEWSGRAPH_*`` settings so that no test depends on the developer's shell."""
    for name in list(os.environ):
        if name.startswith("NEWSGRAPH_"):
            monkeypatch.delenv(name)
    yield


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """A throwaway PostgreSQL cluster started for the session (see ``tests/pg_cluster.py``)."""
    from pg_cluster import ClusterUnavailable, start_cluster

    try:
        cluster = start_cluster()
    except ClusterUnavailable as exc:
        pytest.skip(f"no PostgreSQL server for the tests: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture()
def pg_url(pg_cluster: Any) -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database, dropped after the test."""
    import uuid

    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_cluster.url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield pg_cluster.database_url(name)
    with psycopg.connect(pg_cluster.url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture()
def sqlite_path(tmp_path: Path) -> Path:
    """The path of a SQLite database that does not exist yet, in the test's tmp directory."""
    return tmp_path / "newsgraph.db"


@pytest.fixture()
def memory_store() -> Iterator[Any]:
    """An open, migrated, in-memory SQLite store, closed after the test."""
    from newsgraph.store import open_store

    store = open_store(":memory:")
    yield store
    store.close()


REAL_CORPUS_POLNEAR = 40
"""How many PolNeAR dev texts :func:`real_corpus` ingests beside the real article pages."""


@pytest.fixture(scope="session")
def real_corpus(shared_eval: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite corpus of real news, ingested once per session; skips without ``../shared``.

    It holds the real article pages of ``../shared/eval/articles`` (international news with
    events between states) and the first :data:`REAL_CORPUS_POLNEAR` PolNeAR dev texts (US
    political news, many quotes). Tests must only read it: copy it for a test that writes.
    """
    from newsgraph.ingest import ingest
    from newsgraph.store import open_store

    pages = sorted(str(p) for p in (shared_eval / "articles").glob("*/page.html.gz"))
    texts = sorted((shared_eval / "quotes" / "polnear" / "dev" / "text").glob("*.txt"))
    inputs = pages + [str(p) for p in texts[:REAL_CORPUS_POLNEAR]]
    if not pages or not texts:
        pytest.skip("../shared/eval has no article pages or PolNeAR texts")
    path = tmp_path_factory.mktemp("real-corpus") / "corpus.db"
    store = open_store(str(path))
    try:
        report = ingest(store, inputs)
    finally:
        store.close()
    assert not report.failures and report.stored == len(inputs), report.to_dict()
    return path
