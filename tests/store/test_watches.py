"""Saved searches in the store, on SQLite and PostgreSQL: saving, bad input, what is new since
the last run, the event and quote filters, slicing, and the migration of a version-6 database.

Hand-made analyses (no spaCy); the CLI, the real corpus and the Atom route are tested in
``tests/store/test_watch_cli.py`` and ``tests/web/test_web_watch.py``.
"""

from __future__ import annotations

import pytest
from store_data import make_analysis, other_analysis, summit_analysis

from newsgraph.errors import WatchError
from newsgraph.store import Store, browse, open_store, queries
from newsgraph.store import watches as w
from newsgraph.store.filters import Ingested
from newsgraph.store.rows import analysis_rows, write_analysis
from newsgraph.store.schema import LATEST, migrate, schema_version


def _titles(report: w.WatchReport) -> list[str | None]:
    return [e.title for e in report.entries]


def _run(store: Store, name: str, record: bool = True, since: str | None = None) -> w.WatchReport:
    (report,) = w.run_watches(store, [w.get_watch(store, name)], since)
    if record:
        w.record_run(store, report)
    return report


def test_watch_saved_listed_and_deleted(store: Store) -> None:
    saved = w.save_watch(store, w.Watch("jk", "summit", types=("consult",), source="JPN"))
    assert saved.types == ("CONSULT",) and saved.mark is None and saved.created_at
    w.save_watch(store, w.Watch("Lavrov quotes", "accept", speaker="Lavrov"))
    assert [x.name for x in w.list_watches(store)] == ["Lavrov quotes", "jk"]
    assert w.get_watch(store, "jk") == saved
    assert saved.describe() == '"summit", type CONSULT, source JPN'
    w.delete_watch(store, "jk")
    assert [x.name for x in w.list_watches(store)] == ["Lavrov quotes"]


@pytest.mark.parametrize(
    ("watch", "message"),
    [
        (w.Watch("a", ""), "a: the query is empty"),
        (w.Watch("a", "   "), "a: the query is empty"),
        (w.Watch("a", '"" -'), "a: the query has no word"),
        (w.Watch("", "summit"), "not a watch name"),
        (w.Watch(" a", "summit"), "' a': not a watch name"),
        (w.Watch("a\nb", "summit"), "'a\\nb': not a watch name"),
        (w.Watch("a" * 201, "summit"), f"'{'a' * 60}': not a watch name"),
        (w.Watch("a", "summit", statuses=("done",)), "a: unknown status 'done'"),
    ],
)
def test_watch_bad_input_is_one_clear_line(store: Store, watch: w.Watch, message: str) -> None:
    with pytest.raises(WatchError) as caught:
        w.save_watch(store, watch)
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)
    assert w.list_watches(store) == []


def test_watch_duplicate_name_is_refused_unless_replaced(store: Store) -> None:
    write_analysis(store, summit_analysis())
    w.save_watch(store, w.Watch("jk", "summit"))
    _run(store, "jk")
    with pytest.raises(WatchError, match=r"jk: a watch of this name exists .*--replace"):
        w.save_watch(store, w.Watch("jk", "missile"))
    assert w.get_watch(store, "jk").query == "summit"
    replaced = w.save_watch(store, w.Watch("jk", "missile"), replace=True)
    assert replaced.query == "missile" and w.get_watch(store, "jk").mark is None
    assert _titles(_run(store, "jk")) == ["Summit in Seoul"]  # a new search starts afresh


def test_watch_unknown_name(store: Store) -> None:
    for call in (w.get_watch, w.delete_watch):
        with pytest.raises(WatchError, match="nope: no watch of this name"):
            call(store, "nope")


def test_watch_reports_only_what_is_new_since_its_last_run(store: Store) -> None:
    write_analysis(store, summit_analysis(), ingested_at="2024-01-01T10:00:00+00:00")
    w.save_watch(store, w.Watch("all", "on Sunday"))
    first = _run(store, "all")
    assert _titles(first) == ["Summit in Seoul"] and first.window.after is None
    assert w.get_watch(store, "all").mark == "2024-01-01T10:00:00+00:00"
    assert _titles(_run(store, "all")) == []  # nothing new
    write_analysis(store, other_analysis(), ingested_at="2024-01-02T10:00:00+00:00")
    assert _titles(_run(store, "all", record=False)) == ["Sanctions on Russia"]
    assert _titles(_run(store, "all", record=False)) == ["Sanctions on Russia"]  # dry run
    since = _run(store, "all", record=False, since=w.ingest_time("2024-01-01"))
    assert _titles(since) == ["Sanctions on Russia", "Summit in Seoul"]  # newest first
    assert _titles(_run(store, "all")) == ["Sanctions on Russia"]
    assert _titles(_run(store, "all")) == []
    assert w.get_watch(store, "all").mark == "2024-01-02T10:00:00+00:00"


def test_watch_articles_stored_during_a_run_wait_for_the_next(store: Store) -> None:
    write_analysis(store, summit_analysis(), ingested_at="2024-01-01T10:00:00+00:00")
    w.save_watch(store, w.Watch("all", "on Sunday"))
    (report,) = w.run_watches(store, w.list_watches(store))
    write_analysis(store, other_analysis(), ingested_at="2024-01-01T11:00:00+00:00")
    w.record_run(store, report)  # the run began before the second article was stored
    assert _titles(_run(store, "all")) == ["Sanctions on Russia"]


def test_watch_mark_never_moves_back(store: Store) -> None:
    write_analysis(store, summit_analysis(), ingested_at="2024-01-02T10:00:00+00:00")
    w.save_watch(store, w.Watch("all", "summit"))
    _run(store, "all")
    report = w.WatchReport(w.get_watch(store, "all"), Ingested(end="2024-01-01"), [])
    w.record_run(store, report)
    assert w.get_watch(store, "all").mark == "2024-01-02T10:00:00+00:00"


def test_watch_answers_what_the_search_and_events_answer(store: Store) -> None:
    write_analysis(store, summit_analysis())
    write_analysis(store, other_analysis())
    w.save_watch(store, w.Watch("jk", "on Sunday", source="JPN", target="KOR"))
    (entry,) = _run(store, "jk").entries
    expected = list(queries.events(store, source="JPN", target="KOR"))
    assert [e.evidence_text for e in entry.events] == [e.evidence_text for e in expected]
    assert {e.type for e in entry.events} == {"CONSULT", "AID"}  # the reciprocal one too
    hit = browse.search_hits(store, "on Sunday", 10)
    assert entry.snippet in {h.snippet for h in hit}
    # An article matching the query but holding no such event is left out.
    w.save_watch(
        store, w.Watch("sanctions", "on Sunday", types=("SANCTION",), statuses=("negated",))
    )
    assert _run(store, "sanctions").entries == []


def test_watch_about_quotes_lists_the_quotes_of_the_speaker(store: Store) -> None:
    write_analysis(store, summit_analysis())
    write_analysis(store, other_analysis())
    w.save_watch(store, w.Watch("lavrov", "on Sunday", speaker="Lavrov"))
    (entry,) = _run(store, "lavrov").entries
    assert entry.title == "Sanctions on Russia"
    assert [q.text for q in entry.quotes] == ["We will not accept this,"] and entry.events == []
    w.save_watch(store, w.Watch("about", "on Sunday", about="JPN"))
    assert [e.title for e in _run(store, "about").entries] == ["Summit in Seoul"]


def test_watch_actor_filter_keeps_articles_naming_it(store: Store) -> None:
    write_analysis(store, summit_analysis())
    write_analysis(store, other_analysis())
    w.save_watch(store, w.Watch("russia", "on Sunday", actor="Russia"))
    assert _titles(_run(store, "russia")) == ["Sanctions on Russia"]


def test_watch_slices_give_the_same_answer(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # Seven articles, three of them stored at the same instant: slices of two never split them.
    times = ["01", "02", "03", "03", "03", "04", "05"]
    for n, hour in enumerate(times):
        text = f"Story number {n}: on Sunday the ministers met again."
        story = make_analysis(text, title=f"Story {n}", published=f"2024-02-0{n + 1}")
        write_analysis(store, story, ingested_at=f"2024-03-01T{hour}:00:00+00:00")
    w.save_watch(store, w.Watch("all", "ministers"))
    whole = _titles(_run(store, "all", record=False))
    assert len(whole) == 7
    monkeypatch.setattr(w, "SLICE", 2)
    assert _titles(_run(store, "all", record=False)) == whole
    latest = w.latest_entries(store, w.get_watch(store, "all"), limit=3)
    assert _titles(latest) == whole[:3] == ["Story 6", "Story 5", "Story 4"]
    limited = w.run_watches(store, [w.get_watch(store, "all")], limit=2)[0]
    assert _titles(limited) == whole[:2] and limited.more == 5


def test_watch_on_an_empty_store_reports_nothing_and_keeps_no_mark(store: Store) -> None:
    w.save_watch(store, w.Watch("all", "summit"))
    report = _run(store, "all")
    assert report.entries == [] and w.get_watch(store, "all").mark is None
    assert w.get_watch(store, "all").last_run_at is not None


def test_watch_ingest_time() -> None:
    assert w.ingest_time("2024-05-01") == "2024-05-01"
    assert w.ingest_time("2024-05-01T12:30") == "2024-05-01T12:30:00+00:00"
    assert w.ingest_time("2024-05-01T14:30+02:00") == "2024-05-01T12:30:00+00:00"
    with pytest.raises(ValueError):
        w.ingest_time("yesterday")


def test_watch_migration_from_a_version_6_database(store_url: str) -> None:
    from newsgraph.store.base import Store as _Store

    old: _Store
    if store_url.startswith("postgresql"):
        from newsgraph.store.postgres import PostgresStore

        old = PostgresStore(store_url)
    else:
        from newsgraph.store.sqlite import SQLiteStore

        old = SQLiteStore(store_url)
    assert migrate(old, target=6) == [1, 2, 3, 4, 5, 6]
    assert "watches" not in old.tables()
    rows = analysis_rows(summit_analysis(), "2023-05-09T08:00:00")
    with old.transaction() as tx:
        # The columns of the first release (id … ingested_at), in the order it wrote them.
        columns = [c for c in old.columns("articles") if c not in ("n", "search")][:19]
        tx.execute(
            f"INSERT INTO articles ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            rows["articles"][0][: len(columns)],
        )
    old.close()
    assert LATEST == 7
    with open_store(store_url) as store:
        assert schema_version(store) == 7
        assert store.columns("watches") == [
            "name", "query", "filters", "created_at", "last_run_at", "mark",
        ]  # fmt: skip
        w.save_watch(store, w.Watch("old", "summit"))
        report = _run(store, "old")
        assert _titles(report) == ["Summit in Seoul"]
        assert w.get_watch(store, "old").mark == "2023-05-09T08:00:00"
