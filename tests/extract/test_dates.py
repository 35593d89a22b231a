from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsgraph.analyze import analyze
from newsgraph.extract.date_parse import FUTURE, PAST, is_duration, resolve_expression
from newsgraph.extract.dates import find_dates, parse_published, resolve_with_dateparser
from newsgraph.model import Article, DateMention

TUESDAY = date(2023, 5, 9)  # the founding example's publication date, a Tuesday


def _norm(text: str) -> str:
    return " ".join(text.split())


# --- the pure resolver -----------------------------------------------------------------------

RESOLVE_CASES = [
    # (expression, published, tense, value, granularity)
    ("May 9, 2023", TUESDAY, PAST, "2023-05-09", "day"),
    ("Tuesday, May 9, 2023", TUESDAY, PAST, "2023-05-09", "day"),
    ("on May 7", TUESDAY, PAST, "2023-05-07", "day"),
    ("on May 7", TUESDAY, FUTURE, "2024-05-07", "day"),
    ("on May 10", TUESDAY, PAST, "2022-05-10", "day"),
    ("on May 10", TUESDAY, FUTURE, "2023-05-10", "day"),
    ("on Sunday", TUESDAY, PAST, "2023-05-07", "day"),
    ("on Sunday", TUESDAY, FUTURE, "2023-05-14", "day"),
    ("on Tuesday", TUESDAY, PAST, "2023-05-09", "day"),
    ("Sunday morning", TUESDAY, PAST, "2023-05-07", "day"),
    ("Monday's", TUESDAY, PAST, "2023-05-08", "day"),
    ("last Sunday", TUESDAY, FUTURE, "2023-05-07", "day"),
    ("next Tuesday", TUESDAY, PAST, "2023-05-16", "day"),
    ("this Friday", TUESDAY, FUTURE, "2023-05-12", "day"),
    ("in March", TUESDAY, PAST, "2023-03", "month"),
    ("in March", TUESDAY, FUTURE, "2024-03", "month"),
    ("in May", TUESDAY, PAST, "2023-05", "month"),
    ("in June", TUESDAY, PAST, "2022-06", "month"),
    ("in June", TUESDAY, FUTURE, "2023-06", "month"),
    ("in December", date(2023, 1, 5), PAST, "2022-12", "month"),
    ("in January", date(2022, 12, 28), FUTURE, "2023-01", "month"),
    ("on Dec. 31", date(2023, 1, 5), PAST, "2022-12-31", "day"),
    ("on Jan. 2", date(2022, 12, 30), FUTURE, "2023-01-02", "day"),
    ("last month", TUESDAY, PAST, "2023-04", "month"),
    ("last month", date(2023, 1, 5), PAST, "2022-12", "month"),
    ("next month", date(2023, 12, 5), FUTURE, "2024-01", "month"),
    ("earlier this month", TUESDAY, PAST, "2023-05", "month"),
    ("later this year", TUESDAY, FUTURE, "2023", "year"),
    ("last year", TUESDAY, PAST, "2022", "year"),
    ("late last year", TUESDAY, PAST, "2022", "year"),
    ("next year", TUESDAY, FUTURE, "2024", "year"),
    ("this week", TUESDAY, PAST, "2023-W19", "week"),
    ("next week", TUESDAY, FUTURE, "2023-W20", "week"),
    ("last week", date(2023, 1, 3), PAST, "2022-W52", "week"),
    ("last weekend", TUESDAY, PAST, "2023-05-06/2023-05-07", "range"),
    ("this weekend", TUESDAY, FUTURE, "2023-05-13/2023-05-14", "range"),
    ("the past week", TUESDAY, PAST, "2023-05-02/2023-05-09", "range"),
    ("yesterday", TUESDAY, PAST, "2023-05-08", "day"),
    ("Yesterday", date(2023, 1, 1), PAST, "2022-12-31", "day"),
    ("today", TUESDAY, PAST, "2023-05-09", "day"),
    ("tomorrow", TUESDAY, FUTURE, "2023-05-10", "day"),
    ("last night", TUESDAY, PAST, "2023-05-08", "day"),
    ("two weeks ago", TUESDAY, PAST, "2023-W17", "week"),
    ("three years ago", TUESDAY, PAST, "2020", "year"),
    ("five days ago", date(2023, 3, 2), PAST, "2023-02-25", "day"),
    ("a month ago", date(2023, 1, 15), PAST, "2022-12", "month"),
    ("in 2018", TUESDAY, PAST, "2018", "year"),
    ("since 2018", TUESDAY, PAST, "2018", "year"),
    ("early 2024", TUESDAY, FUTURE, "2024", "year"),
    ("the end of 2022", TUESDAY, PAST, "2022", "year"),
    ("in mid-March", TUESDAY, PAST, "2023-03", "month"),
    ("late May", TUESDAY, FUTURE, "2023-05", "month"),
    ("March 2023", TUESDAY, PAST, "2023-03", "month"),
    ("in the 1990s", TUESDAY, PAST, "1990/1999", "decade"),
    ("the early 1980s", TUESDAY, PAST, "1980/1989", "decade"),
    ("2023-05-07", TUESDAY, PAST, "2023-05-07", "day"),
    ("2 March 2023", TUESDAY, PAST, "2023-03-02", "day"),
    ("the 2nd of March", TUESDAY, PAST, "2023-03-02", "day"),
    ("Sept. 5", TUESDAY, PAST, "2022-09-05", "day"),
    ("from 1910 to 1945", TUESDAY, PAST, "1910/1945", "range"),
    ("between 1910 and 1945", TUESDAY, PAST, "1910/1945", "range"),
    ("1950-53", TUESDAY, PAST, "1950/1953", "range"),
    ("March 2-4", TUESDAY, PAST, "2023-03-02/2023-03-04", "range"),
    ("2-4 March 2022", TUESDAY, PAST, "2022-03-02/2022-03-04", "range"),
    ("May 7-8, 2022", TUESDAY, PAST, "2022-05-07/2022-05-08", "range"),
    ("from March to May 2022", TUESDAY, PAST, "2022-03/2022-05", "range"),
    ("from November to February 2022", TUESDAY, PAST, "2021-11/2022-02", "range"),
    ("from Monday to Wednesday", date(2023, 5, 12), PAST, "2023-05-08/2023-05-10", "range"),
]


@pytest.mark.parametrize(("text", "published", "tense", "value", "granularity"), RESOLVE_CASES)
def test_dates_resolve_expression(
    text: str, published: date, tense: str, value: str, granularity: str
) -> None:
    assert resolve_expression(text, published, tense) == (value, granularity)


@pytest.mark.parametrize(
    "text",
    [
        "35 years",
        "for 35 years",
        "less than two months",
        "five years",
        "in over five years",
        "the morning",
        "in the morning",
        "march",
        "the march",
        "may",
        "recent years",
        "the coming days",
        "31 February",
        "February 30, 2023",
    ],
)
def test_dates_resolve_expression_refuses_non_dates(text: str) -> None:
    assert resolve_expression(text, TUESDAY, PAST) is None


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("on Sunday", None, "day"),
        ("last month", None, "month"),
        ("in March", None, "month"),
        ("May 9, 2023", "2023-05-09", "day"),
        ("in 2018", "2018", "year"),
        ("from 1910 to 1945", "1910/1945", "range"),
    ],
)
def test_dates_resolve_expression_without_publication_date_guesses_nothing(
    text: str, value: str | None, granularity: str
) -> None:
    assert resolve_expression(text, None, PAST) == (value, granularity)


def test_dates_leap_day_without_year_takes_the_last_leap_year() -> None:
    assert resolve_expression("on Feb. 29", TUESDAY, PAST) == ("2020-02-29", "day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("for 35 years", True),
        ("less than two months", True),
        ("recent years", True),
        ("two weeks ago", False),
        ("last month", False),
        ("on Sunday", False),
    ],
)
def test_dates_is_duration(text: str, expected: bool) -> None:
    assert is_duration(text) is expected


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2023-05-09", date(2023, 5, 9)),
        ("2023-05-09T10:00:00+02:00", date(2023, 5, 9)),
        (None, None),
        ("", None),
        ("May 2023", None),
    ],
)
def test_dates_parse_published(published: str | None, expected: date | None) -> None:
    assert parse_published(published) == expected


# --- the grammar on text, without spaCy --------------------------------------------------------


def _texts(text: str, published: date | None = TUESDAY) -> list[tuple[str, str | None]]:
    return [(m.text, m.value) for m in find_dates(None, published, text=text)]


@pytest.mark.parametrize(
    "text",
    [
        "You may go now.",
        "May I ask a question?",
        "Thousands joined the march on Washington.",
        "The March on Washington was a turning point.",
        "Theresa May's government fell.",
        "They marched in the morning.",
        "The Sunday Times reported it.",
        "Troops were there for 35 years.",
        "It sent 2000 troops to the front.",
        "Sales in 2000 troops",
        "They were in Mayo and Marchetti.",
        "The talks went on for less than two months.",
    ],
)
def test_dates_false_positives_are_skipped(text: str) -> None:
    assert _texts(text) == []


def test_dates_mentions_include_the_preposition_and_keep_offsets() -> None:
    text = "They met on Sunday, in March and since 2018; Monday's meeting ended late last year."
    mentions = find_dates(None, TUESDAY, text=text)
    assert [(m.text, m.value) for m in mentions] == [
        ("on Sunday", "2023-05-07"),
        ("in March", "2023-03"),
        ("since 2018", "2018"),
        ("Monday", "2023-05-08"),
        ("late last year", "2022"),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_dates_two_weekdays_joined_by_and_are_two_dates() -> None:
    assert _texts("Talks were held on Sunday and Monday.") == [
        ("on Sunday", "2023-05-07"),
        ("Monday", "2023-05-08"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In April and May, prices rose.", [("In April", "2023-04"), ("May", "2023-05")]),
        ("In 1999 and 2000 it grew.", [("In 1999", "1999"), ("2000", "2000")]),
        (
            "It rose in 2018, 2019 and 2020.",
            [("in 2018", "2018"), ("2019", "2019"), ("2020", "2020")],
        ),
    ],
)
def test_dates_coordinated_bare_dates_share_the_preposition(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _texts(text) == expected


def test_dates_bare_year_counts_inside_a_date_entity() -> None:
    text = "He lost the 2022 presidential vote."
    start = text.index("2022")
    assert find_dates(None, TUESDAY, text=text) == []
    assert find_dates(None, TUESDAY, text=text, entities=[(start, start + 4)]) == [
        DateMention("2022", start, start + 4, "2022", "year")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("May the 7th", ("2023-05-07", "day")),
        ("Sunday the 7th", (None, "day")),  # dateparser reads July
        ("5/7/2023", (None, "day")),  # 5 July or 7 May
        ("the summer of 2018", (None, "day")),
        ("the second day", None),
        ("35 years", None),
    ],
)
def test_dates_dateparser_fallback_refuses_guesses(
    text: str, expected: tuple[str | None, str] | None
) -> None:
    assert resolve_with_dateparser(text, TUESDAY, PAST) == expected


def test_dates_month_the_day() -> None:
    assert _texts("It happened on May the 7th.") == [("on May the 7th", "2023-05-07")]


# --- with the spaCy parse -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The leaders met on Sunday.", [("on Sunday", "2023-05-07")]),
        ("The leaders will meet on Sunday.", [("on Sunday", "2023-05-14")]),
        ("They'll meet in March.", [("in March", "2024-03")]),
        ("The summit is scheduled to take place in March.", [("in March", "2024-03")]),
        ("The vote is expected on June 4.", [("on June 4", "2023-06-04")]),
        ("The vote was held on June 4.", [("on June 4", "2022-06-04")]),
        (
            "The deal, signed on Jan. 5, will take effect on Sept. 1.",
            [("on Jan. 5", "2023-01-05"), ("on Sept. 1", "2023-09-01")],
        ),
        ("Leaders meet on Sunday.", [("on Sunday", "2023-05-07")]),
    ],
)
def test_dates_tense_of_the_governing_verb(
    nlp: Any, sentence: str, expected: list[tuple[str, str]]
) -> None:
    mentions = find_dates(nlp(sentence), TUESDAY)
    assert [(m.text, m.value) for m in mentions] == expected


def test_dates_bare_month_as_subject_is_a_person(nlp: Any) -> None:
    mentions = find_dates(nlp("They met in March and May agreed to the deal."), TUESDAY)
    assert [(m.text, m.value) for m in mentions] == [("in March", "2023-03")]


def test_dates_spacy_durations_are_not_dates(nlp: Any) -> None:
    doc = nlp("He has lived there for 35 years, and in less than two months he will leave.")
    assert [e.label_ for e in doc.ents] == ["DATE", "DATE"]  # spaCy sees two DATE entities
    assert find_dates(doc, TUESDAY) == []


@pytest.fixture(scope="module")
def founding_analysis(example_path: Path) -> Any:
    text = example_path.read_text(encoding="utf-8")
    return analyze(Article(text=text, published="2023-05-09"), pipeline=["dates"])


def test_dates_founding_example_finds_every_gold_date(
    founding_analysis: Any, example_expected: dict[str, Any]
) -> None:
    gold = example_expected["dates"]
    assert len(gold) == 7
    found = [(_norm(d.text), d.value) for d in founding_analysis.dates]
    for item in gold:
        assert any(
            _norm(item["text"]) in text and value == item["value"] for text, value in found
        ), item


def test_dates_founding_example_offsets_are_exact(founding_analysis: Any) -> None:
    text = founding_analysis.article.text
    assert founding_analysis.dates
    for mention in founding_analysis.dates:
        assert text[mention.start : mention.end] == mention.text
        assert mention.granularity is not None


def test_dates_founding_example_has_no_durations(founding_analysis: Any) -> None:
    texts = [d.text for d in founding_analysis.dates]
    assert not any("years" in t or "months" in t or "weeks" in t for t in texts)


def test_dates_is_in_the_default_pipeline_and_round_trips(founding_analysis: Any) -> None:
    from newsgraph.extract import DEFAULT_PIPELINE

    assert "dates" in DEFAULT_PIPELINE
    data = json.loads(json.dumps(founding_analysis.to_dict()))
    assert data["dates"][0] == {
        "text": "May 9, 2023",
        "start": founding_analysis.dates[0].start,
        "end": founding_analysis.dates[0].end,
        "value": "2023-05-09",
        "granularity": "day",
        "field": None,
    }


def test_dates_without_publication_date_keep_absolute_values(nlp: Any) -> None:
    mentions = find_dates(nlp("They met on Sunday, in 2018 and on May 9, 2023."), None)
    assert [(m.text, m.value) for m in mentions] == [
        ("on Sunday", None),
        ("in 2018", "2018"),
        ("on May 9, 2023", "2023-05-09"),
    ]
