from __future__ import annotations

import pytest
from store_data import other_analysis, summit_analysis

from newsgraph.model import Article
from newsgraph.store import Store, queries
from newsgraph.store.rows import write_analysis


@pytest.fixture()
def filled(store: Store) -> Store:
    assert write_analysis(store, summit_analysis())
    assert write_analysis(store, other_analysis())
    return store


def test_queries_search_ranks_and_highlights(filled: Store) -> None:
    hits = queries.search(filled, "summit Seoul")
    assert [h.title for h in hits] == ["Summit in Seoul"]
    assert "[summit]" in hits[0].snippet.lower() or "[seoul]" in hits[0].snippet.lower()
    assert queries.search(filled, "sanctions") and queries.search(filled, "sanctions")[0].title == (
        "Sanctions on Russia"
    )
    # words are stemmed, punctuation is harmless, all words must match
    assert [h.title for h in queries.search(filled, 'sanction: "european union"')] == [
        "Sanctions on Russia"
    ]
    assert queries.search(filled, "summit sanctions") == []
    assert len(queries.search(filled, "summit OR sanctions")) == 2
    assert queries.search(filled, '"unbalanced (quote AND') == []


def test_queries_search_title_weighs_more_than_body(store: Store) -> None:
    from store_data import make_analysis

    write_analysis(
        store, make_analysis("Talks went on. Nothing about floods here.", title="Floods")
    )
    write_analysis(store, make_analysis("Floods and more floods, said one.", title="Weather"))
    hits = queries.search(store, "floods")
    assert len(hits) == 2 and hits[0].score >= hits[1].score


def test_queries_quotes_by_speaker_and_about_an_actor(filled: Store) -> None:
    by_name = list(queries.quotes(filled, speaker="kishida"))
    assert [q.speaker_actor for q in by_name] == ["person:fumio-kishida"]
    lavrov = [q.text for q in queries.quotes(filled, speaker="person:sergey-lavrov")]
    assert lavrov == ["We will not accept this,"]
    about_japan = list(queries.quotes(filled, about="JPN"))
    assert [q.speaker_name for q in about_japan] == ["Fumio Kishida"]
    assert [q.speaker_name for q in queries.quotes(filled, about="japan")] == ["Fumio Kishida"]
    assert list(queries.quotes(filled, speaker="Lavrov", about="JPN")) == []
    assert len(list(queries.quotes(filled))) == 2
    assert len(list(queries.quotes(filled, limit=1))) == 1
    assert list(queries.quotes(filled, speaker="100%_")) == []


def test_queries_events_filters(filled: Store) -> None:
    all_events = list(queries.events(filled))
    assert [e.date for e in all_events] == ["2023-04", "2023-05-07", "2023-05-08", "2023-05-28"]
    jpn_kor = list(queries.events(filled, source="JPN", target="KOR"))
    # the directed AID and the reciprocal CONSULT (both listed as source, no target)
    assert [e.type for e in jpn_kor] == ["AID", "CONSULT"]
    assert [e.type for e in queries.events(filled, source="KOR", target="JPN")] == ["CONSULT"]
    assert [e.type for e in queries.events(filled, target="PRK")] == ["ACCUSE"]
    assert [e.type for e in queries.events(filled, source="european union")] == ["SANCTION"]
    consult = list(queries.events(filled, source="JPN", types=["consult"], since="2023-05-01"))
    assert [e.type for e in consult] == ["CONSULT"]
    assert list(queries.events(filled, source="JPN", until="2023-03-31")) == []
    assert [e.date for e in queries.events(filled, since="2023-05-08", until="2023-05-08")] == [
        "2023-05-08"
    ]
    event = jpn_kor[0]
    assert event.evidence_text == "Japan sent aid to South Korea after the floods."
    assert event.source == ["JPN"] and event.source_ids == ["person:fumio-kishida"]
    assert list(queries.events(filled, statuses=["negated"])) == []


def test_queries_top_actors_and_dedupe(filled: Store) -> None:
    copy = summit_analysis(title="Copy")
    copy.article = Article(text=copy.article.text + " Syndicated.", title="Copy")
    write_analysis(filled, copy)
    top = queries.top_actors(filled, 3)
    assert [a.articles for a in top] == [2, 2, 2]
    assert [a.id for a in top] == ["JPN", "KOR", "PRK"]  # ties in id order
    assert [a.id for a in queries.top_actors(filled, 5, kind="organization")] == [
        "org:european-union"
    ]
    with filled.transaction() as tx:
        tx.execute("UPDATE articles SET group_id = 'g1' WHERE title <> 'Sanctions on Russia'")
    assert queries.top_actors(filled, 1, dedupe=True)[0].articles == 1


def test_queries_actors_are_corpus_level_and_first_seen_wins(filled: Store) -> None:
    assert filled.scalar("SELECT COUNT(*) FROM actors WHERE id = 'JPN'") == 1
    row = filled.fetchone("SELECT kind, name FROM actors WHERE id = 'person:fumio-kishida'")
    assert row == ("person", "Fumio Kishida")
    roles = filled.scalar(
        "SELECT roles FROM article_actors WHERE actor_id = 'person:fumio-kishida'"
    )
    assert "minister" in roles


def test_queries_dyad_events_both_directions_and_reciprocal(filled: Store) -> None:
    rows = list(queries.dyad_events(filled, "JPN", "KOR"))
    assert sorted(r.type for r in rows) == ["AID", "CONSULT"]
    assert list(queries.dyad_events(filled, "KOR", "JPN")) == list(
        queries.dyad_events(filled, "JPN", "KOR")
    )
    assert [r.type for r in queries.dyad_events(filled, "KOR", "PRK")] == ["ACCUSE"]
    assert list(queries.dyad_events(filled, "JPN", "PRK")) == []


def test_queries_get_analysis_and_counts(filled: Store) -> None:
    analysis = summit_analysis()
    assert queries.get_analysis(filled, analysis.article.id) == analysis.to_dict()
    assert queries.get_analysis(filled, "nope") is None
    assert queries.counts(filled) == {
        "articles": 2,
        "actors": 7,
        "mentions": 13,
        "dates": 2,
        "quotes": 2,
        "events": 4,
    }


def test_queries_pages_of_actors_quotes_events_and_dyads(filled: Store) -> None:
    ranked = queries.top_actors(filled, 100)
    assert queries.count_actors(filled) == len(ranked) > 3
    assert queries.top_actors(filled, 2, offset=1) == ranked[1:3]
    japan = queries.top_actors(filled, 10, name="japa")
    assert [a.id for a in japan] == ["JPN"]
    assert queries.count_actors(filled, name="japa") == 1
    info = queries.actor_info(filled, "JPN")
    assert info is not None and (info.articles, info.mentions) == (
        japan[0].articles,
        japan[0].mentions,
    )
    assert queries.actor_info(filled, "person:nobody") is None
    quotes = list(queries.quotes(filled))
    assert list(queries.quotes(filled, offset=1)) == quotes[1:]
    assert list(queries.quotes(filled, limit=1, offset=1)) == quotes[1:2]
    about_japan = list(queries.quotes(filled, about="JPN"))
    assert about_japan and list(queries.quotes(filled, about=("JPN", "japan"))) == about_japan
    assert list(queries.quotes(filled, about=("JPN", "RUS"))) == []
    events = list(queries.events(filled))
    assert list(queries.events(filled, offset=1, limit=1)) == events[1:2]
    dyad = queries.dyad_event_rows(filled, "JPN", "KOR")
    assert len(dyad) == queries.count_dyad_events(filled, "JPN", "KOR") > 0
    occurred = queries.dyad_event_rows(filled, "KOR", "JPN", ("occurred",))
    assert sorted((r.article_id, r.seq) for r in occurred) == sorted(
        (r.article_id, r.seq) for r in queries.dyad_events(filled, "JPN", "KOR")
    )
    assert queries.dyad_event_rows(filled, "JPN", "KOR", limit=1, offset=1) == dyad[1:2]


def test_filter_articles_by_type_reads_each_article_s_events_by_key(
    memory_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The type filter of the search (and of watches) looks events up by article, not type."""
    from newsgraph.store import browse

    summit, other = summit_analysis(), other_analysis()
    for analysis in (summit, other):
        write_analysis(memory_store, analysis)
    ids = [summit.article.id, other.article.id]
    assert browse.filter_articles(memory_store, ids, types=["consult"]) == {summit.article.id}
    assert browse.filter_articles(memory_store, ids, types=["SANCTION", "AID"]) == set(ids)
    # The plan of the query filter_articles runs (not of a copy of it).
    ran: list[tuple[str, list[object]]] = []
    fetchall = memory_store.fetchall
    monkeypatch.setattr(
        memory_store, "fetchall", lambda sql, params=(): ran.append((sql, list(params))) or []
    )
    browse.filter_articles(memory_store, ids, types=["CONSULT"])
    monkeypatch.undo()
    ((sql, params),) = ran
    assert "FROM events e" in sql
    plan = fetchall("EXPLAIN QUERY PLAN " + sql, params)
    assert not any("events_type_day" in str(row) for row in plan)
