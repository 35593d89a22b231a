"""``ingest --workers`` and ``ingest --dask`` store what a single-process ingest stores."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.errors import ConfigError
from newsgraph.ingest import ingest
from newsgraph.scale import ScaleOptions
from newsgraph.sources import ReadOptions
from newsgraph.store import open_store

STORIES = [
    "China accused Japan of provocations on Monday, the foreign ministry in Beijing said.",
    "Germany will send air defence systems to Ukraine, Chancellor Olaf Scholz said on Friday.",
    "The European Union imposed new sanctions on Iran over drone deliveries to Russia.",
]
TABLES = ("articles", "quotes", "events", "mentions", "dates")


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for i, text in enumerate(STORIES * 2):  # each story twice: stored once
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def _counts(db: Path) -> dict[str, Any]:
    with open_store(str(db)) as store:
        return {t: store.scalar(f"SELECT count(*) FROM {t}") for t in TABLES}


def test_ingest_with_workers_equals_one_process(nlp: Any, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    with open_store(str(tmp_path / "one.db")) as store:
        one = ingest(store, [str(corpus)])
    with open_store(str(tmp_path / "two.db")) as store:
        two = ingest(store, [str(corpus)], scale=ScaleOptions(workers=2, batch_size=2))
    assert (two.stored, two.skipped, len(two.failures)) == (one.stored, one.skipped, 1)
    assert _counts(tmp_path / "two.db") == _counts(tmp_path / "one.db")


def test_ingest_cli_dask_local_cluster(nlp: Any, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    corpus = _corpus(tmp_path / "corpus")
    db = tmp_path / "dask.db"
    args = ["ingest", str(corpus), "--db", str(db), "--dask", "local:2", "--no-progress"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output  # the empty file
    assert "stored 3" in result.stderr
    with open_store(str(tmp_path / "one.db")) as store:
        ingest(store, [str(corpus)])
    assert _counts(db) == _counts(tmp_path / "one.db")


# Reports of the same happenings a day apart (one happening each), so that concurrent writers
# race to create the same corpus events under two different ids.
SAME_DAY = [
    f"Japan and South Korea agreed on May {8 + n % 2}, 2023 to resume security talks, "
    f"officials said ({place})."
    for n, place in enumerate(("Seoul", "Tokyo", "Busan", "Osaka", "Incheon", "Kyoto"))
] + [
    f"China accused Japan of provocations on May {8 + n % 2}, 2023, the foreign ministry "
    f"said ({place})."
    for n, place in enumerate(("Beijing", "Shanghai", "Hong Kong", "Dalian"))
]
ROWS = (*TABLES, "actors", "corpus_event_links", "corpus_events")


def _rows(url: str) -> dict[str, Any]:
    with open_store(url) as store:
        counts = {t: store.scalar(f"SELECT count(*) FROM {t}") for t in ROWS}
        # Which report anchors a happening (its date and id) depends on the commit order.
        happenings = store.fetchall("SELECT key, count(*) FROM corpus_events GROUP BY key")
    return {**counts, "happenings": sorted(happenings)}


@pytest.mark.postgres
def test_ingest_parallel_writers_store_what_one_writer_stores(
    nlp: Any, tmp_path: Path, pg_cluster: Any
) -> None:
    import psycopg

    folder = tmp_path / "same-day"
    folder.mkdir()
    for i, text in enumerate(SAME_DAY):
        (folder / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    urls = []
    for name in ("t_one_writer", "t_four_writers"):
        with psycopg.connect(pg_cluster.url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {name}")
        urls.append(pg_cluster.database_url(name))
    with open_store(urls[0]) as store:
        one = ingest(store, [str(folder)], options=ReadOptions(published="2023-05-08"))
    with open_store(urls[1]) as store:
        four = ingest(store, [str(folder)], options=ReadOptions(published="2023-05-08"), writers=4)
    assert (four.stored, four.skipped, four.failures) == (one.stored, 0, [])
    assert one.stored == len(SAME_DAY)
    expected = _rows(urls[0])
    assert expected["corpus_events"] < expected["events"]  # the reports did merge
    assert _rows(urls[1]) == expected


def test_ingest_parallel_writers_need_postgresql(sqlite_path: Path, example_path: Path) -> None:
    with open_store(str(sqlite_path)) as store, pytest.raises(ConfigError, match="PostgreSQL"):
        ingest(store, [str(example_path)], writers=2)


@pytest.mark.postgres
def test_ingest_concurrent_reports_of_one_happening_share_its_corpus_event(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two writers store reports of one summit a day apart; the first holds its transaction
    open. The second must wait for it and join its corpus event, not create a second one."""
    import threading
    import time

    from store_data import summit_analysis

    from newsgraph.store import rows as ingest_module
    from newsgraph.store.rows import write_analysis

    first = summit_analysis(published="2023-05-09", title="First report")
    second = summit_analysis(published="2023-05-10", title="Second report")
    text = second.article.text + " Officials confirmed it a day later."
    second.article = replace(second.article, text=text, id="")  # a new content hash
    for event in second.events:
        event.date = "2023-05-08" if event.date == "2023-05-07" else event.date
    real_attach = ingest_module.attach_events

    def slow_attach(tx: Any, article_id: str, *args: Any) -> None:
        real_attach(tx, article_id, *args)
        if article_id == first.article.id:
            time.sleep(0.6)  # the first transaction stays open while the second starts

    monkeypatch.setattr(ingest_module, "attach_events", slow_attach)
    with open_store(pg_url) as one, open_store(pg_url) as two:
        writer = threading.Thread(target=write_analysis, args=(one, first))
        writer.start()
        time.sleep(0.2)
        write_analysis(two, second)
        writer.join()
        keys = one.fetchall(
            "SELECT key, count(*) FROM corpus_events WHERE type = 'CONSULT' GROUP BY key"
        )
        linked = one.scalar(
            "SELECT count(DISTINCT corpus_event) FROM corpus_event_links l "
            "JOIN corpus_events c ON c.id = l.corpus_event WHERE c.type = 'CONSULT'"
        )
    assert [count for _, count in keys] == [1] and linked == 1
