"""Corpus events in the store: one happening, all its articles, evidence kept per article."""

from __future__ import annotations

import json

from click.testing import CliRunner
from store_data import make_analysis

from newsgraph.cli import cli
from newsgraph.corpus.events import merge_events
from newsgraph.model import Analysis
from newsgraph.store import Store, open_store, queries
from newsgraph.store.groups import Grouper
from newsgraph.store.rows import _insert_sql, analysis_rows, write_analysis
from newsgraph.store.schema import migrate

MEETING = "Japan and South Korea held a summit in Seoul on Sunday."
FILLER = (
    "The two leaders discussed the missile launches of recent weeks, the supply of chips "
    "and the long dispute over wartime labour that had frozen relations for years. "
    "Officials said a hotline between the defence ministries would open before summer, and "
    "that trade curbs on materials used in the production of semiconductors were lifted. "
    "Business groups in Tokyo welcomed the news and asked for regular meetings of ministers."
)
ACTORS = [
    ("JPN", "country", "Japan", ["Japan"]),
    ("KOR", "country", "South Korea", ["South Korea"]),
]


def _consult(
    evidence: str, date: str, source: tuple[str, str] = ("JPN", "KOR")
) -> dict[str, object]:
    return {
        "type": "CONSULT",
        "evidence": evidence,
        "source": list(source),
        "date": date,
        "quad": "verbal cooperation",
        "intensity": 2.5,
    }


def three_reports() -> list[Analysis]:
    """A story, a syndicated copy of it, and another outlet's report of the same summit."""
    story = f"{MEETING} {FILLER}"
    copy = f"Leaders meet in Seoul\n\nBy Wire Staff\n\n{story}\n\nSign up for our newsletter."
    other = (
        "South Korea and Japan met on Monday in Seoul, our correspondent reports. "
        "Seoul and Tokyo will meet again in the autumn, the statement said."
    )
    return [
        make_analysis(story, "2023-05-08", "Summit", ACTORS, [_consult(MEETING, "2023-05-07")]),
        make_analysis(
            copy, "2023-05-08", "Leaders meet", ACTORS, [_consult(MEETING, "2023-05-07")]
        ),
        make_analysis(
            other,
            "2023-05-09",
            "Tokyo and Seoul",
            ACTORS,
            [
                _consult("South Korea and Japan met on Monday", "2023-05-08", ("KOR", "JPN")),
                _consult("Seoul and Tokyo will meet again", "2023-10-01"),
            ],
        ),
    ]


def store_grouped(store: Store, analyses: list[Analysis]) -> None:
    grouper = Grouper(store)
    for analysis in analyses:
        article = analysis.article
        assert write_analysis(store, analysis, group=grouper.assign(article.id, article.text))


def test_corpus_three_reports_one_event_two_groups(store: Store) -> None:
    analyses = three_reports()
    store_grouped(store, analyses)
    summit, later = queries.corpus_events(store, source="JPN", target="KOR", types=["consult"])
    assert (summit.type, summit.source, summit.target, summit.date) == (
        "CONSULT",
        ["JPN", "KOR"],
        [],
        "2023-05-07",
    )
    assert (summit.num_articles, summit.num_groups) == (3, 2)
    assert [m.evidence_text for m in summit.mentions] == [
        MEETING,
        MEETING,
        "South Korea and Japan met on Monday",
    ]
    assert [m.date for m in summit.mentions] == ["2023-05-07", "2023-05-07", "2023-05-08"]
    assert (later.date, later.num_articles, later.num_groups) == ("2023-10-01", 1, 1)

    # the same as merging the article events in memory
    groups = dict(store.fetchall("SELECT id, group_id FROM articles"))
    items = [(a.article.id, e) for a in analyses for e in a.events]
    merged = merge_events(items, groups)
    assert [(m.date, m.num_articles, m.num_groups) for m in merged] == [
        ("2023-05-07", 3, 2),
        ("2023-10-01", 1, 1),
    ]

    # filters are those of events(): a corpus event matches when one report does
    assert list(queries.corpus_events(store, source="KOR", target="JPN", since="2023-06-01")) == [
        later
    ]
    assert [e.id for e in queries.corpus_events(store, limit=1)] == [summit.id]
    assert list(queries.corpus_events(store, source="PRK")) == []
    assert list(queries.corpus_events(store, statuses=["negated"])) == []
    assert summit.to_dict()["mentions"][0]["evidence_text"] == MEETING


def test_corpus_reingest_adds_no_report(store: Store) -> None:
    analyses = three_reports()
    store_grouped(store, analyses)
    before = store.fetchall("SELECT * FROM corpus_event_links ORDER BY article_id, event_seq")
    assert not write_analysis(store, analyses[0])
    assert store.fetchall("SELECT * FROM corpus_event_links ORDER BY article_id, event_seq") == (
        before
    )
    [summit, _] = queries.corpus_events(store)
    assert summit.num_articles == 3


def test_corpus_undated_event_takes_its_article_date(store: Store) -> None:
    text = f"{MEETING} {FILLER}"
    undated = make_analysis(text, "2023-05-08", "Undated", ACTORS, [_consult(MEETING, "")])
    undated.events[0].date = None
    write_analysis(store, undated)
    later = make_analysis(text + " Later.", "2023-07-01", "Later", ACTORS, [_consult(MEETING, "")])
    later.events[0].date = None
    write_analysis(store, later)
    assert [(e.date, e.num_articles) for e in queries.corpus_events(store)] == [
        ("2023-05-08", 1),
        ("2023-07-01", 1),
    ]


def test_corpus_events_of_an_older_database_are_filled_in(store_url: str) -> None:
    from newsgraph.store.base import Store as _Store

    if store_url.startswith("postgresql"):
        from newsgraph.store.postgres import PostgresStore

        old: _Store = PostgresStore(store_url)
    else:
        from newsgraph.store.sqlite import SQLiteStore

        old = SQLiteStore(store_url)
    assert migrate(old, target=4) == [1, 2, 3, 4]
    for analysis in three_reports():  # rows as schema 4 wrote them, without corpus events
        rows = analysis_rows(analysis, "2023-05-09T00:00:00")
        with old.transaction() as tx:
            columns = [c for c in old.columns("articles") if c not in ("n", "search")]
            row = (*rows["articles"][0], None, None)
            marks = ", ".join("?" * len(row))
            tx.execute(f"INSERT INTO articles ({', '.join(columns)}) VALUES ({marks})", row)
            tx.executemany(
                "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                rows["actors"],
            )
            for table in ("article_actors", "events", "event_actors"):
                tx.executemany(_insert_sql(table), rows[table])
    old.close()

    with open_store(store_url) as store:
        assert [(e.date, e.num_articles, e.num_groups) for e in queries.corpus_events(store)] == [
            ("2023-05-07", 3, 3),  # no near-duplicate groups in schema 4
            ("2023-10-01", 1, 1),
        ]


def test_corpus_cli_events_corpus_and_dedupe(store_url: str) -> None:
    with open_store(store_url) as store:
        store_grouped(store, three_reports())
    runner = CliRunner()
    result = runner.invoke(cli, ["events", "--corpus", "--db", store_url])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2023-05-07  CONSULT    JPN+KOR → -")
    assert lines[0].endswith("3 articles, 2 groups")
    flat = " ".join(result.stdout.split())
    assert flat.count("Japan and South Korea held a summit in Seoul on Sunday.") == 2
    assert flat.count("South Korea and Japan met on Monday") == 1
    result = runner.invoke(cli, ["events", "--corpus", "--db", store_url, "--format", "jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["num_articles"], r["num_groups"]) for r in rows] == [(3, 2), (1, 1)]

    # listing events: a syndicated copy's events are listed once, unless --no-dedupe
    def listed(*options: str) -> int:
        out = runner.invoke(cli, ["events", "--db", store_url, "--format", "jsonl", *options])
        return len(out.stdout.splitlines())

    assert (listed(), listed("--dedupe"), listed("--no-dedupe")) == (3, 3, 4)


def test_corpus_events_without_a_known_source_are_never_merged(store: Store) -> None:
    text = f"{MEETING} {FILLER}"
    for title, extra in (("One", ""), ("Two", " Again.")):
        analysis = make_analysis(
            text + extra, "2023-05-08", title, ACTORS, [_consult(MEETING, "2023-05-07")]
        )
        analysis.events[0].source = []
        analysis.events[0].target = ["KOR"]
        write_analysis(store, analysis)
    rows = list(queries.corpus_events(store))
    assert [(e.num_articles, e.target) for e in rows] == [(1, ["KOR"]), (1, ["KOR"])]
