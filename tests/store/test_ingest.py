from __future__ import annotations

import importlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph.analyze import analyze
from newsgraph.cli import cli
from newsgraph.ingest import ingest, ingest_articles
from newsgraph.model import Article
from newsgraph.store import Store, open_store, queries
from newsgraph.store.export import export
from newsgraph.store.rows import first_day

PEOPLE = ["Kishida", "Yoon", "Biden", "Xi", "Albanese", "Macron", "Scholz", "Modi"]
COUNTRIES = ["Japan", "South Korea", "the United States", "China", "Australia", "France"]


def small_article(i: int) -> str:
    a, b = COUNTRIES[i % len(COUNTRIES)], COUNTRIES[(i * 5 + 1) % len(COUNTRIES)]
    person = PEOPLE[i % len(PEOPLE)]
    return (
        f"Officials from {a} and {b} met in Geneva on Monday for talks number {i}. "
        f'"We agreed to keep talking," {person} said after the meeting.\n\n'
        f"{a} accused {b} of delaying the agreement on trade quota {i * 7}."
    )


def write_corpus(directory: Path, n: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (directory / f"{i:03d}.txt").write_text(small_article(i), encoding="utf-8")
    return directory


def canonical_dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, without the time columns."""
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        dump = {}
        tables = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%'"
        ).fetchall()
        for (table,) in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            keep = [c for c in columns if c not in ("ingested_at", "applied_at")]
            rows = conn.execute(f"SELECT {', '.join(keep)} FROM {table}").fetchall()
            dump[table] = sorted(rows, key=repr)
        dump["search"] = conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'Geneva' ORDER BY rowid"
        ).fetchall()
    return dump


def test_ingest_stores_real_analyses_that_export_back(store: Store, example_path: Path) -> None:
    from newsgraph.sources import read_article

    article = read_article(str(example_path))
    report = ingest(store, [str(example_path)])
    assert (report.stored, report.skipped, report.failures) == (1, 0, [])
    out = io.StringIO()
    export(store, "jsonl", out)
    assert json.loads(out.getvalue()) == analyze(article).to_dict()
    events = list(queries.events(store, source="JPN", target="KOR", types=["CONSULT"]))
    assert events and all(e.evidence_text for e in events)
    again = ingest(store, [str(example_path)])
    assert (again.stored, again.skipped) == (0, 1)


def test_ingest_skips_stored_articles_before_parsing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 5)
    assert ingest(store, [str(corpus)]).stored == 5
    before = queries.counts(store)

    def no_parsing(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a stored article was parsed again")

    # newsgraph.analyze is the function; its module is newsgraph.analyze in sys.modules.
    monkeypatch.setattr(importlib.import_module("newsgraph.analyze"), "analyze_many", no_parsing)
    report = ingest(store, [str(corpus), str(corpus / "000.txt")])
    assert (report.stored, report.skipped, report.failures) == (0, 6, [])
    assert queries.counts(store) == before


def test_ingest_same_text_twice_in_one_run_is_stored_once(store: Store) -> None:
    texts = [small_article(1), small_article(2), small_article(1)]
    report = ingest_articles(
        store, [Article(text=t, source=f"{i}.txt") for i, t in enumerate(texts)]
    )
    assert (report.stored, report.skipped) == (2, 1)


def test_ingest_failures_are_listed_and_good_articles_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 3)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (corpus / "crash.txt").write_text("BOOM. " + small_article(9), encoding="utf-8")
    module = importlib.import_module("newsgraph.analyze")
    real = module.analyze_many

    def crashing(articles: Any, pipe: Any = None) -> Any:
        articles = list(articles)
        if any(a.text.startswith("BOOM") for a in articles):
            raise ValueError("extractor bug")
        return real(articles, pipe)

    monkeypatch.setattr(module, "analyze_many", crashing)
    db = tmp_path / "x.db"
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert any("empty.txt: empty input" in e for e in errors)
    assert any("image.html: binary data" in e for e in errors)
    assert any("crash.txt: analysis failed (ValueError: extractor bug)" in e for e in errors)
    assert "stored 3" in result.stderr and "failed 3" in result.stderr
    with open_store(str(db)) as store:
        assert queries.counts(store)["articles"] == 3


def test_ingest_env_var_names_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path / "corpus", 2)
    db = tmp_path / "env.db"
    monkeypatch.setenv("NEWSGRAPH_DB", str(db))
    result = CliRunner().invoke(cli, ["ingest", str(corpus)])
    assert result.exit_code == 0, result.output
    assert db.exists()
    result = CliRunner().invoke(cli, ["actors", "--top", "3", "--format", "jsonl"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3


def test_ingest_killed_midway_resumes_to_the_clean_result(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 100)
    clean = tmp_path / "clean.db"
    with open_store(str(clean)) as store:
        assert ingest(store, [str(corpus)]).stored == 100

    killed = tmp_path / "killed.db"
    code = "from newsgraph.cli import main; main()"
    args = ["ingest", str(corpus), "--db", str(killed), "--batch-size", "4", "--no-progress"]
    log = tmp_path / "stderr.txt"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL, stderr=stderr
        )
    stored_at_kill = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if killed.exists():
                try:
                    with sqlite3.connect(f"file:{killed}?mode=ro", uri=True, timeout=1) as conn:
                        stored_at_kill = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:  # not created or migrated yet
                    stored_at_kill = 0
                if stored_at_kill >= 10:
                    os.kill(process.pid, signal.SIGKILL)
                    break
            time.sleep(0.01)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, log.read_text()
    assert 10 <= stored_at_kill < 100

    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(killed)])
    assert result.exit_code == 0, result.output
    assert "skipped" in result.stderr
    assert canonical_dump(killed) == canonical_dump(clean)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2023-05-07", "2023-05-07"),
        ("2023-05", "2023-05-01"),
        ("2023", "2023-01-01"),
        ("2023-05-07/2023-05-09", "2023-05-07"),
        ("next week", None),
        (None, None),
    ],
)
def test_ingest_first_day_of_event_dates(value: str | None, day: str | None) -> None:
    assert first_day(value) == day


def test_ingest_groups_near_duplicates_and_counts_them_once(store: Store) -> None:
    story = "\n\n".join(small_article(i) for i in range(1, 7))
    copy = "Wire copy, new headline\n\n" + story + "\n\nSign up for our newsletter today."
    other = "\n\n".join(small_article(i) for i in range(20, 26))
    articles = [Article(text=t, source=n) for t, n in ((story, "a"), (copy, "b"), (other, "c"))]
    assert ingest_articles(store, articles).stored == 3
    groups = dict(store.fetchall("SELECT source, group_id FROM articles"))
    assert groups["a"] == groups["b"] == articles[0].id
    assert groups["c"] == articles[2].id
    japan = next(a for a in queries.top_actors(store, 50) if a.id == "JPN")
    deduped = next(a for a in queries.top_actors(store, 50, dedupe=True) if a.id == "JPN")
    assert (japan.articles, deduped.articles) == (3, 2)
