"""``newsgraph watch`` end to end: on hand-made stories (SQLite and PostgreSQL) and on a copy of
the real corpus (real article pages and PolNeAR texts; skips without ``../shared``).

On the real corpus the queries are chosen from the corpus itself (its most named country,
its most quoted speaker), so nothing of the evaluation texts is written here; each watch must
answer exactly what the search, ``events`` and ``quotes`` questions answer.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import feedparser
import pytest
from click.testing import CliRunner
from store_data import other_analysis, summit_analysis

from newsgraph.cli import cli
from newsgraph.store import browse, open_store, queries
from newsgraph.store.rows import write_analysis

ATOM = "{http://www.w3.org/2005/Atom}"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def run_json(*args: str) -> list[dict[str, Any]]:
    code, out, err = run("watch", "--run", "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


@pytest.fixture()
def db(store_url: str) -> str:
    with open_store(store_url) as store:
        write_analysis(store, summit_analysis(), ingested_at="2024-01-01T10:00:00+00:00")
    return store_url


def test_cli_watch_save_list_run_delete(db: str) -> None:
    code, _, err = run("watch", "jk", "--query", "summit", "--source", "JPN", "--db", db)
    assert code == 0 and "watch 'jk' saved" in err
    code, _, _ = run("watch", "quotes", "--query", "region", "--speaker", "Kishida", "--db", db)
    code, out, _ = run("watch", "--list", "--db", db)
    assert code == 0 and out.splitlines()[0].startswith('jk\t"summit", source JPN\t(never')
    code, out, _ = run("watch", "--run", "--db", db)
    assert code == 0
    assert "== jk: 1 new article (first run" in out
    assert "Japan and South Korea held a summit in Seoul." in out  # the evidence sentence
    assert "“Japan wants a stable region with Korea,”" in out
    code, out, _ = run("watch", "--run", "--db", db)
    assert "== jk: 0 new articles (stored after 2024-01-01T10:00:00+00:00" in out
    with open_store(db) as store:
        write_analysis(store, other_analysis(), ingested_at="2024-01-02T10:00:00+00:00")
    reports = run_json("--db", db, "--dry-run")
    assert [len(r["entries"]) for r in reports] == [0, 0]  # about Japan, not Russia
    code, out, err = run("watch", "jk", "--delete", "--db", db)
    assert code == 0 and "deleted" in err
    code, out, _ = run("watch", "--list", "--format", "json", "--db", db)
    assert [w["name"] for w in json.loads(out)] == ["quotes"]


def test_cli_watch_json_and_atom(db: str) -> None:
    run("watch", "all", "--query", "on Sunday", "--db", db)
    run("watch", "other", "--query", "floods", "--db", db)
    code, out, err = run("watch", "--run", "--format", "atom", "--db", db)
    assert code == 2 and "give --name NAME" in err
    code, out, _ = run("watch", "--run", "--name", "all", "--format", "atom", "--dry-run",
                       "--base-url", "http://127.0.0.1:8000", "--db", db)  # fmt: skip
    assert code == 0
    root = ET.fromstring(out.encode())
    assert root.tag == f"{ATOM}feed"
    feed = feedparser.parse(out)
    assert not feed.bozo and feed.version == "atom10"
    (entry,) = feed.entries
    assert entry.title == "Summit in Seoul"
    assert entry.link.startswith("http://127.0.0.1:8000/articles/")
    (report,) = run_json("--name", "all", "--db", db)
    assert report["window"]["after"] is None and report["entries"][0]["title"] == "Summit in Seoul"
    assert run_json("--name", "all", "--db", db)[0]["entries"] == []
    assert len(run_json("--name", "all", "--since", "2024-01-01", "--db", db)[0]["entries"]) == 1


def test_cli_watch_limit_says_the_mark_moves_past_what_it_leaves_out(db: str) -> None:
    with open_store(db) as store:
        write_analysis(store, other_analysis(), ingested_at="2024-01-02T10:00:00+00:00")
    run("watch", "all", "--query", "on Sunday", "--db", db)
    code, out, _ = run("watch", "--run", "--limit", "1", "--db", db)
    assert code == 0 and "== all: 2 new articles (first run" in out
    assert out.strip().splitlines()[-1] == (
        "(1 older not shown: --limit; the mark moves past them, --since shows them again)"
    )
    code, out, _ = run("watch", "--run", "--db", db)
    assert "== all: 0 new articles" in out
    assert len(run_json("--since", "2024-01-01", "--db", db)[0]["entries"]) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("watch", "a", "--query", ""), "a: the query is empty"),
        (("watch", "jk", "--query", "x"), "jk: a watch of this name exists"),
        (("watch", "nope", "--delete"), "nope: no watch of this name"),
        (("watch", "nope"), "nope: no watch of this name"),
        (("watch", "--run", "--name", "nope"), "nope: no watch of this name"),
    ],
)
def test_cli_watch_bad_input_is_one_line(db: str, args: tuple[str, ...], message: str) -> None:
    run("watch", "jk", "--query", "summit", "--db", db)
    code, out, err = run(*args, "--db", db)
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [f"Error: {message}" + err.strip().split(message, 1)[1]]


def test_cli_watch_saved_on_a_missing_database_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    code, out, err = run("watch", "jk", "--query", "summit", "--db", str(missing))
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        f"Error: {missing}: no newsgraph database here (check the path, or run newsgraph "
        "ingest first)"
    ]
    assert not missing.exists()


@pytest.mark.parametrize(
    "args",
    [
        ("watch", "--list", "--run"),
        ("watch", "a", "--query", "x", "--delete"),
        ("watch", "--run", "--source", "JPN"),
        ("watch", "a", "--query", "x", "--dry-run"),
        ("watch", "--list", "--format", "atom"),
        ("watch",),
        ("watch", "--run", "--since", "yesterday"),
    ],
)
def test_cli_watch_options_that_do_not_go_together(db: str, args: tuple[str, ...]) -> None:
    code, _, err = run(*args, "--db", db)
    assert code == 2 and "Error:" in err


# -- the real corpus ------------------------------------------------------------------------


@pytest.fixture()
def corpus(real_corpus: Path, tmp_path: Path) -> str:
    """A copy of the real corpus (watches write to it)."""
    copy = tmp_path / "corpus.db"
    shutil.copy(real_corpus, copy)
    return str(copy)


def test_cli_watch_real_corpus_answers_what_search_and_events_answer(corpus: str) -> None:
    with open_store(corpus) as store:
        (country,) = queries.top_actors(store, 1, kind="country")
        hits = browse.search_hits(store, country.name, 10_000)
        events = [e for e in queries.events(store, source=country.id) if e.evidence_text]
    run("watch", "country", "--query", country.name, "--source", country.id, "--db", corpus)
    (report,) = run_json("--db", corpus)
    hit_ids = {h.article_id for h in hits}
    expected: dict[str, list[str]] = {}
    for e in events:
        if e.article_id in hit_ids:
            expected.setdefault(e.article_id, []).append(e.evidence_text)
    assert expected, "the most named country is the source of no event in its articles"
    got = {x["article_id"]: [e["evidence_text"] for e in x["events"]] for x in report["entries"]}
    assert got == expected
    with open_store(corpus) as store:
        for entry in report["entries"]:
            text = queries.get_analysis(store, entry["article_id"])["article"]["text"]  # type: ignore[index]
            for e in entry["events"]:
                assert text[e["evidence_start"] : e["evidence_end"]] == e["evidence_text"]


def test_cli_watch_real_corpus_quotes(corpus: str) -> None:
    with open_store(corpus) as store:
        speakers = Counter(q.speaker_name for q in queries.quotes(store) if q.speaker_name)
        name = speakers.most_common(1)[0][0]
        hits = {h.article_id for h in browse.search_hits(store, name, 10_000)}
        expected = Counter(q.article_id for q in queries.quotes(store, speaker=name))
    run("watch", "speaker", "--query", name, "--speaker", name, "--db", corpus)
    (report,) = run_json("--db", corpus)
    got = Counter({x["article_id"]: len(x["quotes"]) for x in report["entries"]})
    assert got == Counter({k: v for k, v in expected.items() if k in hits}) and got
    code, out, _ = run("watch", "--run", "--db", corpus, "--since", "2000-01-01")
    assert code == 0 and f"== speaker: {len(got)} new article" in out


def test_cli_watch_reports_only_the_texts_ingested_after_its_run(
    corpus: str, shared_eval: Path, nlp: Any
) -> None:
    del nlp  # loaded once for the session; the ingest below uses it
    with open_store(corpus) as store:
        before = {row[0]: row[1] for row in store.fetchall("SELECT id, source FROM articles")}
        old_hits = {h.article_id for h in browse.search_hits(store, "said", 10_000)}
    texts = sorted((shared_eval / "quotes" / "polnear" / "dev" / "text").glob("*.txt"))
    more = [str(t) for t in texts if str(t) not in before.values()][:4]
    if len(more) < 4:
        pytest.skip("no four PolNeAR dev texts left out of the corpus")
    run("watch", "said", "--query", "said", "--db", corpus)
    first = run_json("--db", corpus)[0]["entries"]
    assert {e["article_id"] for e in first} == old_hits and old_hits
    code, _, err = run("ingest", *more, "--db", corpus, "--no-progress")
    assert code == 0, err
    with open_store(corpus) as store:
        new = {row[0] for row in store.fetchall("SELECT id FROM articles")} - set(before)
        hits = {h.article_id for h in queries.search(store, "said", 10_000)}
    assert len(new) == 4
    dry = run_json("--db", corpus, "--dry-run")[0]["entries"]
    assert {e["article_id"] for e in dry} == new & hits and dry
    second = run_json("--db", corpus)[0]["entries"]
    assert second == dry
    assert run_json("--db", corpus)[0]["entries"] == []
