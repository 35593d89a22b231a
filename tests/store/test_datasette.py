"""Datasette metadata for a SQLite corpus (``newsgraph datasette``), and the real Datasette on it.

The schema test fails when a migration adds a table or column that
``knowledge/corpus_tables.json`` does not describe. The server tests start ``datasette serve``
(the command ``--serve`` runs) on a copy of the real corpus and read its JSON API.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import shutil
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from store_data import other_analysis, summit_analysis

from newsgraph.cli import cli
from newsgraph.knowledge import load_json
from newsgraph.store import datasette as ds
from newsgraph.store import open_store
from newsgraph.store.rows import write_analysis

HAS_DATASETTE = importlib.util.find_spec("datasette") is not None


def _schema(path: Path) -> dict[str, list[str]]:
    """Every table of a fresh corpus (FTS index and shadow tables included) → its columns."""
    with open_store(str(path)) as store:
        names = [
            row[0]
            for row in store.fetchall(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {name: store.columns(name) for name in names}


def test_every_table_and_column_of_the_schema_is_described(sqlite_path: Path) -> None:
    described = ds.corpus_tables()
    schema = _schema(sqlite_path)
    missing_tables = sorted(set(schema) - set(described))
    assert not missing_tables, f"describe these tables in corpus_tables.json: {missing_tables}"
    assert not set(described) - set(schema), "corpus_tables.json describes tables that are gone"
    for table, columns in schema.items():
        entry = described[table]
        assert entry["description"].strip(), table
        if entry.get("internal"):
            assert "columns" not in entry, table
            continue
        missing = [c for c in columns if not entry["columns"].get(c, "").strip()]
        assert not missing, f"describe these columns of {table} in corpus_tables.json: {missing}"
        stale = sorted(set(entry["columns"]) - set(columns))
        assert not stale, f"{table} has no columns {stale} (corpus_tables.json)"


def test_presentation_names_only_real_tables_and_columns(sqlite_path: Path) -> None:
    schema = _schema(sqlite_path)
    shown = load_json("datasette.json")
    for table, entry in shown["tables"].items():
        columns = schema[table]
        for facet in entry.get("facets", []):
            column = facet if isinstance(facet, str) else next(iter(facet.values()))
            assert column in columns, (table, facet)
        for key in ("sort", "sort_desc", "label_column", "fts_pk"):
            assert entry.get(key, columns[0]) in columns, (table, key)
        if "fts_table" in entry:
            assert entry["fts_table"] in schema
    for table, entry in ds.corpus_tables().items():
        assert entry.get("internal") or table in shown["tables"], table


@pytest.fixture()
def small_db(tmp_path: Path) -> Path:
    path = tmp_path / "my corpus.db"
    with open_store(str(path)) as store:
        write_analysis(store, summit_analysis())
        write_analysis(store, other_analysis())
    return path


def test_metadata_describes_wires_search_and_hides_internal_tables(small_db: Path) -> None:
    with open_store(str(small_db), create=False) as store:
        document = ds.metadata(store, ds.database_name(str(small_db)))
    assert document["title"] == "newsgraph corpus: my corpus"
    assert document["description"].startswith("2 articles from ")
    assert document["license"] and document["source"].startswith("newsgraph ")
    assert None not in document.values()
    database = document["databases"]["my corpus"]
    tables = database["tables"]
    articles = tables["articles"]
    assert (articles["fts_table"], articles["fts_pk"]) == ("articles_fts", "n")
    assert articles["columns"]["text"].startswith("The body text")
    assert {"array": "source"} in tables["events"]["facets"]
    assert tables["events"]["sort_desc"] == "day"
    for internal in ("schema_version", "articles_fts", "articles_fts_data"):
        assert tables[internal]["hidden"] is True
        assert tables[internal]["description"]
    assert "hidden" not in tables["events"]
    assert set(database["queries"]) == {"dyad", "speaker"}


def test_metadata_notes_can_be_given(small_db: Path) -> None:
    with open_store(str(small_db), create=False) as store:
        document = ds.metadata(
            store,
            "corpus",
            title="Wire stories",
            license="CC BY 4.0",
            license_url="https://creativecommons.org/licenses/by/4.0/",
            source="Our crawl",
        )
    assert document["title"] == "Wire stories"
    assert document["license"] == "CC BY 4.0"
    assert document["license_url"].endswith("/by/4.0/")
    assert document["source"] == "Our crawl" and "source_url" not in document


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_writes_the_metadata_to_a_file_or_stdout(small_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "metadata.json"
    code, _, err = run("datasette", "--db", str(small_db), "-o", str(out), "--title", "T")
    assert code == 0, err
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["title"] == "T" and "my corpus" in written["databases"]
    code, stdout, _ = run("datasette", "--db", str(small_db), "--title", "T")
    assert code == 0 and json.loads(stdout) == written


def test_cli_refuses_postgresql_and_a_missing_file(tmp_path: Path) -> None:
    code, _, err = run("datasette", "--db", "postgresql://localhost/news")
    assert code == 1
    assert err.strip() == (
        "Error: Datasette reads SQLite files only: give --db a SQLite corpus, not a PostgreSQL URL"
    )
    code, _, err = run("datasette", "--db", str(tmp_path / "nothing.db"))
    assert code == 1 and "no newsgraph database" in err
    assert not (tmp_path / "nothing.db").exists()


def test_cli_an_output_that_cannot_be_written_is_one_line(small_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "no such directory" / "metadata.json"
    code, _, err = run("datasette", "--db", str(small_db), "-o", str(target))
    assert code == 1
    assert err.strip().splitlines() == [f"Error: {target}: cannot write: No such file or directory"]


def test_cli_serve_says_how_to_install_datasette(
    small_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "datasette" else real_find_spec(name, *a),
    )
    code, _, err = run("datasette", "--db", str(small_db), "--serve")
    assert code == 1
    assert err.strip() == "Error: Datasette is not installed: pip install 'newsgraph[datasette]'"


def test_cli_serve_runs_datasette_with_the_metadata(
    small_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: object())
    seen: list[list[str]] = []

    def call(command: list[str]) -> int:
        seen.append(command)
        metadata = Path(command[command.index("--metadata") + 1])
        assert "my corpus" in json.loads(metadata.read_text(encoding="utf-8"))["databases"]
        return 0

    monkeypatch.setattr(subprocess, "call", call)
    code, _, err = run("datasette", "--db", str(small_db), "--serve", "--port", "8123")
    assert code == 0, err
    (command,) = seen
    assert command[1:5] == ["-m", "datasette", "serve", str(small_db)]
    assert command[command.index("--port") + 1] == "8123"
    assert "facet_time_limit_ms" in command
    assert "http://127.0.0.1:8123/" in err
    code, _, err = run("datasette", "--db", f"sqlite:///{small_db}", "--serve")
    assert code == 0, err
    assert seen[-1][4] == str(small_db)


# -- the real Datasette on the real corpus ---------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def served(real_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Datasette serving a copy of the real corpus with its metadata: (base URL, db copy)."""
    if not HAS_DATASETTE:
        pytest.skip("Datasette is not installed (pip install 'newsgraph[datasette]')")
    folder = tmp_path_factory.mktemp("datasette")
    db = folder / "corpus.db"
    shutil.copy(real_corpus, db)
    metadata = folder / "metadata.json"
    code, _, err = run("datasette", "--db", str(db), "-o", str(metadata))
    assert code == 0, err
    port = _free_port()
    command = ds.serve_command(str(db), str(metadata), "127.0.0.1", port)
    # A loaded test machine must not time facets out: the counts are what is checked.
    command += ["--setting", "facet_time_limit_ms", "20000"]
    log = folder / "datasette.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"datasette did not start: {log.read_text(errors='replace')}")
            time.sleep(0.2)
        yield base, db
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _store_counts(db: Path, where: str = "1 = 1") -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {k: Counter() for k in ("type", "quad", "status")}
    counts["source"], counts["target"] = Counter(), Counter()
    with open_store(str(db), create=False) as store:
        sql = f"SELECT type, quad, status, source, target FROM events WHERE {where}"
        for type_, quad, status, source, target in store.fetchall(sql):
            counts["type"][type_] += 1
            if quad is not None:
                counts["quad"][quad] += 1
            counts["status"][status] += 1
            counts["source"].update(set(json.loads(source)))
            counts["target"].update(set(json.loads(target)))
    return counts


def _facets(body: dict[str, Any]) -> dict[str, dict[str, int]]:
    assert not body.get("facets_timed_out"), body["facets_timed_out"]
    return {
        name: {str(r["value"]): r["count"] for r in facet["results"]}
        for name, facet in body["facet_results"].items()
    }


def _assert_same(served: dict[str, int], store: Counter[str], name: str) -> None:
    assert served, name
    if len(served) < 30:  # Datasette shows the 30 commonest values of a facet
        assert served == dict(store), name
    else:
        assert all(store[value] == count for value, count in served.items()), name


@pytest.mark.network
def test_datasette_facets_on_events_equal_the_store(served: Any) -> None:
    base, db = served
    body = httpx.get(f"{base}/corpus/events.json", params={"_size": 0}, timeout=60).json()
    facets = _facets(body)
    assert set(facets) >= {"type", "quad", "status", "source", "target"}
    expected = _store_counts(db)
    assert body["filtered_table_rows_count"] == expected["type"].total()
    for name in ("type", "quad", "status", "source", "target"):
        _assert_same(facets[name], expected[name], name)
    # A faceted query with a filter: one event type, its countries.
    top_type = expected["type"].most_common(1)[0][0]
    body = httpx.get(
        f"{base}/corpus/events.json", params={"_size": 0, "type": top_type}, timeout=60
    ).json()
    facets, expected = _facets(body), _store_counts(db, f"type = '{top_type}'")
    assert facets["type"] == {top_type: expected["type"][top_type]}
    for name in ("status", "source", "target"):
        _assert_same(facets[name], expected[name], name)


@pytest.mark.network
def test_datasette_full_text_search_on_articles(served: Any) -> None:
    base, db = served
    params = {"_search": "said", "_col": ["title", "text"], "_shape": "array", "_size": "max"}
    rows = httpx.get(f"{base}/corpus/articles.json", params=params, timeout=60).json()
    word = re.compile(r"\bsaid\b", re.IGNORECASE)
    assert rows and all(word.search(f"{r['title']}\n{r['text']}") for r in rows)
    with open_store(str(db), create=False) as store:
        texts = store.fetchall("SELECT title, text FROM articles")
    having = [title for title, text in texts if word.search(f"{title}\n{text}")]
    assert len(rows) == len(having)
    params = {"_search": "zzqxv", "_shape": "array"}
    assert httpx.get(f"{base}/corpus/articles.json", params=params, timeout=60).json() == []


@pytest.mark.network
def test_datasette_serves_the_descriptions_and_hides_internal_tables(served: Any) -> None:
    base, _ = served
    described = ds.corpus_tables()
    served_metadata = httpx.get(f"{base}/-/metadata.json", timeout=30).json()
    tables = served_metadata["databases"]["corpus"]["tables"]
    assert tables["events"]["columns"] == described["events"]["columns"]
    page = httpx.get(f"{base}/corpus/events", timeout=60).text
    assert html.escape(described["events"]["columns"]["day"], quote=False) in page
    listing = httpx.get(f"{base}/corpus.json", timeout=30).json()["tables"]
    hidden = {t["name"] for t in listing if t["hidden"]}
    assert {"schema_version", "articles_fts", "articles_fts_data"} <= hidden
    assert "events" not in hidden and "quotes" not in hidden
    query = {"a": "usa", "b": "chn", "_shape": "array"}
    rows = httpx.get(f"{base}/corpus/dyad.json", params=query, timeout=60).json()
    for row in rows:
        assert {"USA", "CHN"} <= set(json.loads(row["source"]) + json.loads(row["target"]))
