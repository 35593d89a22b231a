"""Corpus events: one happening reported by several articles, every article's evidence kept."""

from __future__ import annotations

import pytest

from newsgraph.corpus.events import (
    date_window,
    dates_match,
    event_key,
    is_mergeable,
    merge_events,
    nearest,
)
from newsgraph.model import Event, Span


def _event(
    date: str | None,
    text: str = "Kishida met Yoon in Seoul.",
    *,
    type_: str = "CONSULT",
    source: tuple[str, ...] = ("JPN", "KOR"),
    target: tuple[str, ...] = (),
    status: str = "occurred",
    intensity: float | None = 1.0,
    **more: object,
) -> Event:
    return Event(
        type_,
        Span(0, len(text), text),
        source=list(source),
        target=list(target),
        date=date,
        status=status,
        intensity=intensity,
        quad="verbal cooperation",
        **more,  # type: ignore[arg-type]
    )


def test_corpus_events_same_happening_in_three_articles_is_one_event() -> None:
    items = [
        ("a1", _event("2023-05-07", mode="visit", location="Seoul")),
        ("a2", _event("2023-05-08", "Japan's leader held talks with Yoon.", intensity=2.0)),
        ("a3", _event("2023-05-07", "The two leaders met.", source=("KOR", "JPN"), mode="visit")),
    ]
    [merged] = merge_events(items)
    assert (merged.type, merged.source, merged.target, merged.date) == (
        "CONSULT",
        ["JPN", "KOR"],
        [],
        "2023-05-07",
    )
    assert merged.num_articles == 3 and merged.num_groups == 3
    assert merged.intensity == pytest.approx(4 / 3)
    assert (merged.mode, merged.location, merged.quad) == ("visit", "Seoul", "verbal cooperation")
    assert [m.article_id for m in merged.mentions] == ["a1", "a2", "a3"]
    assert merged.mentions[1].evidence.text == "Japan's leader held talks with Yoon."


def test_corpus_events_syndicated_copies_count_once_per_group() -> None:
    items = [("a1", _event("2023-05-07")), ("a1-copy", _event("2023-05-07")), ("b", _event(None))]
    merged = merge_events(items, groups={"a1": "a1", "a1-copy": "a1"})
    assert [(e.date, e.num_articles, e.num_groups) for e in merged] == [
        ("2023-05-07", 2, 1),
        (None, 1, 1),
    ]


def test_corpus_events_one_article_telling_it_twice_counts_once() -> None:
    [merged] = merge_events([("a", _event("2023-05-07")), ("a", _event("2023-05-07", "Again."))])
    assert merged.num_articles == 1 and len(merged.mentions) == 2


@pytest.mark.parametrize(
    "other",
    [
        _event("2023-05-07", type_="ACCUSE"),
        _event("2023-05-07", source=("JPN",), target=("KOR",)),
        _event("2023-05-07", status="negated"),
        _event("2023-05-09"),
        _event("2023-05"),
    ],
    ids=["type", "actors", "status", "two days later", "month only"],
)
def test_corpus_events_different_happenings_stay_apart(other: Event) -> None:
    assert len(merge_events([("a", _event("2023-05-07")), ("b", other)])) == 2


def test_corpus_events_daily_chain_is_anchored_on_the_earliest_date() -> None:
    days = ["2023-05-01", "2023-05-02", "2023-05-03", "2023-05-04"]
    merged = merge_events([(f"a{i}", _event(d)) for i, d in enumerate(days)])
    assert [(e.date, e.num_articles) for e in merged] == [("2023-05-01", 2), ("2023-05-03", 2)]


def test_corpus_events_actor_ids_stand_in_for_a_side_without_country() -> None:
    event = _event("2023-05-07", source=(), target=("KOR",), source_ids=["org:united-nations"])
    assert event_key(event) == "CONSULT/occurred/org:united-nations/KOR"
    assert event_key(_event(None, source=("KOR", "JPN"))) == "CONSULT/occurred/JPN+KOR/"


def test_corpus_events_date_rules_for_a_store() -> None:
    assert dates_match("2023-05-07", "2023-05-08") and not dates_match("2023-05-07", "2023-05-09")
    assert dates_match("2023-05", "2023-05") and not dates_match("2023-05", "2023-05-07")
    assert dates_match(None, None) and not dates_match(None, "2023-05-07")
    assert date_window("2023-03-01") == ("2023-02-28", "2023-03-02")
    assert date_window("2023-05") is None and date_window(None) is None
    assert nearest("2023-05-07", ["2023-05-06", "2023-05-07", "2023-05-10"]) == 1
    assert nearest("2023-05-07", ["2023-05-09", None]) is None
    assert nearest(None, ["2023-05-09", None]) == 1


def test_corpus_events_unknown_source_or_lone_participant_is_never_merged() -> None:
    lone = [
        ("a1", _event("2023-05-07", source=("USA",))),
        ("a2", _event("2023-05-07", source=("USA",))),
    ]
    nobody = [("a3", _event("2023-05-07", source=(), target=("KOR",)))] * 2
    merged = merge_events(lone + nobody)
    assert [m.num_articles for m in merged] == [1, 1, 1, 1]
    assert is_mergeable(_event("2023-05-07", source=("USA",), target=("RUS",)))
    assert is_mergeable(_event("2023-05-07"))  # reciprocal: JPN and KOR
