"""Corpus DataFrames on real news: Arrow dtypes, evidence, and the CLI's and the queries' answers.

Every test reads the session's ``real_corpus`` (real article pages and PolNeAR texts; skips
without ``../shared``). The frames must hold the rows the read layer gives and the CLI prints,
for the same filters, chunk by chunk as whole.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

import newsgraph
from newsgraph.cli import cli
from newsgraph.errors import ConfigError, StoreError
from newsgraph.relations import dyad_series
from newsgraph.store import browse, queries
from newsgraph.store.days import first_day


@pytest.fixture(scope="module")
def corpus(real_corpus: Path) -> Iterator[newsgraph.Corpus]:
    with newsgraph.open_corpus(str(real_corpus)) as opened:
        yield opened


@pytest.fixture(scope="module")
def pair(corpus: newsgraph.Corpus) -> tuple[str, str]:
    """The two countries with the most events between them in the corpus."""
    counts: Counter[tuple[str, str]] = Counter()
    for row in queries.events(corpus.store, statuses=["occurred"]):
        for s in row.source:
            for t in row.target:
                if s != t:
                    counts[(s, t)] += 1
    assert counts, "the real corpus has events between countries"
    return counts.most_common(1)[0][0]


def cli_rows(*args: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    """The frame's rows as the read layer's dicts: lists as lists, days as ``YYYY-MM-DD``."""
    rows = []
    for row in frame[columns].to_dict("records"):
        for key, value in row.items():
            if isinstance(value, pd.Timestamp):
                row[key] = value.strftime("%Y-%m-%d")
            elif value is pd.NA or value is pd.NaT:
                row[key] = None
            elif hasattr(value, "tolist"):
                row[key] = value.tolist()
        rows.append(row)
    return rows


def as_rows(items: Any) -> list[dict[str, Any]]:
    return [item.to_dict() for item in items]


def assert_arrow(frame: pd.DataFrame) -> None:
    for name, dtype in frame.dtypes.items():
        assert isinstance(dtype, pd.ArrowDtype), f"{name}: {dtype}"


# -- dtypes and evidence -------------------------------------------------------------------------


def test_every_column_of_every_frame_is_arrow_backed(
    corpus: newsgraph.Corpus, pair: tuple[str, str]
) -> None:
    frames = {
        "events": corpus.events(),
        "quotes": corpus.quotes(),
        "actors": corpus.actors(),
        "articles": corpus.articles(text=True),
        "dyad": corpus.dyad(*pair),
        "dyad_events": corpus.dyad_events(*pair),
    }
    for name, frame in frames.items():
        assert len(frame), name
        assert_arrow(frame)
    events, quotes, articles = frames["events"], frames["quotes"], frames["articles"]
    assert str(events["day"].dtype) == "timestamp[s][pyarrow]"
    assert str(events["published"].dtype) == "timestamp[s][pyarrow]"
    assert str(events["source"].dtype) == "list<item: string>[pyarrow]"
    assert str(events["evidence_start"].dtype) == "int64[pyarrow]"
    assert str(events["intensity"].dtype) == "double[pyarrow]"
    assert str(quotes["anonymous"].dtype) == "bool[pyarrow]"
    assert str(articles["ingested_at"].dtype) == "timestamp[us, tz=UTC][pyarrow]"
    assert str(frames["dyad"]["start"].dtype) == "timestamp[s][pyarrow]"
    # Days are real timestamps: the event's first day is its extracted date's.
    dated = events[events["date"].notna()]
    assert len(dated)
    first_days = [first_day(d) for d in dated["date"]]
    assert list(dated["day"].dt.strftime("%Y-%m-%d")) == first_days


def test_evidence_and_quote_offsets_point_into_the_article_text(corpus: newsgraph.Corpus) -> None:
    texts = corpus.articles(text=True).set_index("id")["text"]
    events = corpus.events(dedupe=False)
    for row in events.itertuples():
        assert texts[row.article_id][row.evidence_start : row.evidence_end] == row.evidence_text
        if not pd.isna(row.trigger_start):
            assert texts[row.article_id][row.trigger_start : row.trigger_end] == row.trigger_text
    quotes = corpus.quotes()
    for row in quotes.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
        if not pd.isna(row.speaker_start):
            assert texts[row.article_id][row.speaker_start : row.speaker_end] == row.speaker_text


def test_quote_speakers_carry_the_role_the_article_gives(corpus: newsgraph.Corpus) -> None:
    quotes = corpus.quotes()
    with_role = quotes[quotes["speaker_role"].notna()]
    assert len(with_role) > 10
    for row in with_role.head(50).itertuples():
        analysis = queries.get_analysis(corpus.store, row.article_id)
        assert analysis is not None
        actor = next(a for a in analysis["actors"] if a["id"] == row.speaker_actor)
        first = next(r for r in actor["roles"] if r.get("title") or r.get("organization"))
        found = [None if pd.isna(v) else v for v in (row.speaker_role, row.speaker_organization)]
        assert found == [first.get("title"), first.get("organization")]


# -- one answer: the frames, the queries and the CLI ---------------------------------------------

EVENT_ROW = list(queries.EventRow.__dataclass_fields__)
QUOTE_ROW = list(queries.QuoteRow.__dataclass_fields__)


def event_filters(pair: tuple[str, str]) -> list[dict[str, Any]]:
    a, b = pair
    return [
        {},
        {"source": a},
        {"target": b},
        {"source": a, "target": b},
        {"types": ["CONSULT", "ACCUSE"]},
        {"since": "2016-01-01", "until": "2019-12-31"},
        {"statuses": ["expected", "negated"]},
        {"source": a, "statuses": ["occurred"], "limit": 7, "offset": 3},
    ]


@pytest.mark.parametrize("dedupe", [True, False])
def test_events_frame_is_the_queries_answer(
    corpus: newsgraph.Corpus, pair: tuple[str, str], dedupe: bool
) -> None:
    for filters in event_filters(pair):
        frame = corpus.events(**filters, dedupe=dedupe)
        expected = as_rows(queries.events(corpus.store, **filters, dedupe=dedupe))
        assert records(frame, EVENT_ROW) == expected, filters


def test_events_frame_is_what_the_cli_lists(
    corpus: newsgraph.Corpus, real_corpus: Path, pair: tuple[str, str]
) -> None:
    a, b = pair
    for filters, args in [
        ({}, []),
        ({"source": a, "target": b}, ["--source", a, "--target", b]),
        (
            {"types": "CONSULT", "statuses": "occurred"},
            ["--type", "CONSULT", "--status", "occurred"],
        ),
        ({"dedupe": False, "since": "2016-06-01"}, ["--no-dedupe", "--since", "2016-06-01"]),
    ]:
        printed = cli_rows("events", "--db", str(real_corpus), "--format", "jsonl", *args)
        assert records(corpus.events(**filters), EVENT_ROW) == printed, filters


def test_quotes_frame_is_the_queries_and_the_cli_answer(
    corpus: newsgraph.Corpus, real_corpus: Path, pair: tuple[str, str]
) -> None:
    top_speaker = corpus.quotes()["speaker_name"].value_counts().index[0]
    for filters in [{}, {"speaker": top_speaker}, {"about": pair[0]}, {"about": list(pair)}]:
        frame = corpus.quotes(**filters)
        assert records(frame, QUOTE_ROW) == as_rows(queries.quotes(corpus.store, **filters))
    paged = corpus.quotes(limit=5, offset=10)
    assert records(paged, QUOTE_ROW) == as_rows(queries.quotes(corpus.store, limit=5, offset=10))
    printed = cli_rows(
        "quotes",
        "--db",
        str(real_corpus),
        "--format",
        "jsonl",
        "--about",
        pair[0],
        "--limit",
        "1000",
    )
    assert records(corpus.quotes(about=pair[0]), QUOTE_ROW) == printed


def test_actors_frame_is_the_ranking_of_the_cli(
    corpus: newsgraph.Corpus, real_corpus: Path
) -> None:
    columns = ["id", "kind", "name", "country", "articles", "mentions", "sector"]
    for kind in (None, "person", "country"):
        for dedupe in (True, False):
            frame = corpus.actors(top=25, kind=kind, dedupe=dedupe)
            ranked = queries.top_actors(corpus.store, 25, kind=kind, dedupe=dedupe)
            assert records(frame, columns) == as_rows(ranked)
    everyone = corpus.actors(dedupe=False)
    assert len(everyone) == queries.count_actors(corpus.store)
    printed = cli_rows("actors", "--db", str(real_corpus), "--format", "jsonl", "--top", "30")
    assert records(corpus.actors(top=30), columns) == printed
    named = corpus.actors(name="a", offset=2, top=5)
    assert list(named["id"]) == [
        r.id for r in queries.top_actors(corpus.store, 5, None, True, 2, "a")
    ]


def test_articles_frame_is_the_article_listing(
    corpus: newsgraph.Corpus, pair: tuple[str, str]
) -> None:
    columns = list(browse.ArticleRow.__dataclass_fields__)
    for filters in [{}, {"actor": pair[0]}, {"since": "2016-01-01", "until": "2016-12-31"}]:
        frame = corpus.articles(**filters)
        listed = browse.articles(corpus.store, 10_000, **filters)
        assert records(frame, columns) == as_rows(listed), filters
        assert len(frame) == browse.count_articles(corpus.store, **filters)
    assert "text" not in corpus.articles().columns


def test_dyad_frame_is_the_series_the_cli_prints(
    corpus: newsgraph.Corpus, real_corpus: Path, pair: tuple[str, str]
) -> None:
    a, b = pair
    for by in ("week", "month", "year"):
        frame = corpus.dyad(a, b, by=by)
        series = dyad_series(corpus.store, a, b, by).to_dict()
        printed = json.loads(
            CliRunner()
            .invoke(cli, ["dyad", a, b, "--db", str(real_corpus), "--by", by, "--format", "json"])
            .stdout
        )
        assert printed == series
        rows = records(frame.drop(columns=["start"]), [c for c in frame.columns if c != "start"])
        for row in rows:
            if row["mean_intensity"] is not None:
                row["mean_intensity"] = round(row["mean_intensity"], 2)
        assert rows == series["periods"]
        assert frame.attrs == {"a": a, "b": b, "by": by, "undated": series["undated"]}
        assert (frame["start"].diff().dropna() > pd.Timedelta(0)).all()
    options = {"dedupe": False, "statuses": ["occurred", "expected"], "since": "2017-01-01"}
    frame = corpus.dyad(a, b, by="year", **options)
    expected = dyad_series(corpus.store, a, b, "year", **options).to_dict()["periods"]
    assert list(frame["events"]) == [p["events"] for p in expected]


def test_dyad_events_frame_is_the_dyad_listing(
    corpus: newsgraph.Corpus, pair: tuple[str, str]
) -> None:
    a, b = pair
    for statuses in (queries.STATUSES, ("occurred",)):
        frame = corpus.dyad_events(a, b, statuses=statuses)
        listed = as_rows(queries.dyad_event_rows(corpus.store, a, b, statuses))
        assert records(frame, EVENT_ROW) == listed
    page = corpus.dyad_events(b, a, limit=4, offset=2)
    assert records(page, EVENT_ROW) == as_rows(
        queries.dyad_event_rows(corpus.store, b, a, limit=4, offset=2)
    )


# -- streaming ------------------------------------------------------------------------------------


def test_chunks_concatenated_are_the_whole_frame(
    corpus: newsgraph.Corpus, pair: tuple[str, str]
) -> None:
    cases = {
        "events": lambda **kw: corpus.events(dedupe=False, **kw),
        "quotes": lambda **kw: corpus.quotes(**kw),
        "actors": lambda **kw: corpus.actors(**kw),
        "articles": lambda **kw: corpus.articles(text=True, **kw),
        "dyad_events": lambda **kw: corpus.dyad_events(*pair, **kw),
    }
    for name, read in cases.items():
        whole = read()
        for size in (1, 7, 100_000):
            chunks = list(read(chunksize=size))
            assert all(0 < len(c) <= size for c in chunks), name
            assert len(chunks) == -(-len(whole) // size), name
            for chunk in chunks:
                assert list(chunk.dtypes) == list(whole.dtypes), name
            pd.testing.assert_frame_equal(pd.concat(chunks), whole, obj=name)


def test_chunks_are_read_as_they_are_asked_for(corpus: newsgraph.Corpus) -> None:
    chunks = corpus.events(dedupe=False, chunksize=10)
    first = next(chunks)
    assert len(first) == 10
    assert list(first.index) == list(range(10))
    second = next(chunks)
    assert list(second.index) == list(range(10, 20))
    chunks.close()


def test_no_rows_gives_typed_columns_and_no_chunks(corpus: newsgraph.Corpus) -> None:
    empty = corpus.events(source="person:nobody-at-all")
    assert len(empty) == 0
    assert list(empty.columns) == list(corpus.events(limit=1).columns)
    assert_arrow(empty)
    assert str(empty["day"].dtype) == "timestamp[s][pyarrow]"
    assert list(corpus.quotes(speaker="nobody-at-all-zz", chunksize=5)) == []
    assert len(corpus.dyad("person:nobody-at-all", "XXX")) == 0


def test_bad_chunksize_and_missing_database_are_newsgraph_errors(
    corpus: newsgraph.Corpus, tmp_path: Path
) -> None:
    for size in (0, -3):
        with pytest.raises(ConfigError):
            corpus.events(chunksize=size)
        with pytest.raises(ConfigError):
            corpus.dyad_events("USA", "CHN", chunksize=size)
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError):
        newsgraph.open_corpus(str(missing))
    assert not missing.exists()


def test_an_unknown_status_is_a_config_error_not_an_empty_frame(tmp_path: Path) -> None:
    newsgraph.open_store(str(tmp_path / "empty.db")).close()
    with newsgraph.open_corpus(str(tmp_path / "empty.db")) as empty:
        assert len(empty.events(statuses="occurred")) == 0
        for ask in (
            lambda: empty.events(statuses="occured"),
            lambda: empty.events(statuses=["occurred", "planned"]),
            lambda: empty.dyad("JPN", "KOR", statuses="done"),
            lambda: empty.dyad_events("JPN", "KOR", statuses="done"),
        ):
            with pytest.raises(ConfigError, match="unknown status"):
                ask()


def test_one_value_or_several_for_types_and_statuses(corpus: newsgraph.Corpus) -> None:
    one = corpus.events(types="CONSULT", statuses="occurred")
    many = corpus.events(types=["CONSULT"], statuses=("occurred",))
    pd.testing.assert_frame_equal(one, many)
    assert set(one["type"]) <= {"CONSULT"}
