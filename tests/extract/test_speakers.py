"""Tests of speaker resolution (extract/speakers.py, speaker_index.py, salience.py, names.py).

Every text here is invented. Quotes are extracted as the pipeline does: actors first, then
quotes, so that speakers carry the article's people and organisations.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.extract import REGISTRY, builtins  # noqa: F401
from newsgraph.extract.names import given_name_gender, name_gender, noun_gender, person_bounds
from newsgraph.extract.people import is_title
from newsgraph.extract.quotes import extract_quotes
from newsgraph.model import Analysis, Article, Quote


def quotes_of(nlp: Any, text: str) -> list[Quote]:
    analysis = Analysis(article=Article(text=text))
    doc = nlp(text)
    REGISTRY["actors"].func(analysis, doc)
    quotes = extract_quotes(doc, analysis)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
    return quotes


def speaker_of(quotes: list[Quote], fragment: str) -> Any:
    found = [q for q in quotes if fragment in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    assert found[0].speaker is not None
    return found[0].speaker


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Mary", "female"),
        ("michael", "male"),
        ("Anne-Marie", "female"),
        ("Kim", None),
        ("Health", None),
    ],
)
def test_names_given_name_gender_comes_from_the_table(name: str, gender: str | None) -> None:
    assert given_name_gender(name) == gender


def test_names_gender_of_a_full_name_and_of_nouns() -> None:
    assert name_gender("Laura Diaz") == "female"
    assert name_gender("Diaz") is None  # one word is more often a surname
    assert noun_gender("spokeswoman") == "female" and noun_gender("minister") is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Commission President Ursula von der Leyen said the bloc was ready.",
            "Ursula von der Leyen",
        ),
        ("Former President Moon Jae-in said the talks had failed.", "Moon Jae-in"),
        ("Crown Prince Mohammed bin Salman said the kingdom would invest.", "Mohammed bin Salman"),
    ],
)
def test_names_person_bounds_keep_particles_and_hyphens_and_drop_titles(
    nlp: Any, text: str, name: str
) -> None:
    doc = nlp(text)
    ents = [e for e in doc.ents if e.label_ == "PERSON"]
    assert ents
    start, end = person_bounds(doc, ents[0].start, ents[0].end, is_title)
    assert doc[start:end].text == name


# --- pronouns ------------------------------------------------------------------------------


def test_speakers_she_goes_to_the_woman_not_the_nearest_man(nlp: Any) -> None:
    text = (
        "Laura Diaz, the union's lawyer, filed the appeal on Monday. "
        "Michael Chen, a court clerk, accepted the papers. "
        "“We expect a ruling within weeks,” she said."
    )
    assert speaker_of(quotes_of(nlp, text), "ruling").name == "Laura Diaz"


def test_speakers_he_goes_to_the_last_speaker_over_a_man_named_in_passing(nlp: Any) -> None:
    text = (
        "“The deal is fair,” said Tomas Berg, the finance minister. "
        "The agreement was drafted after a meeting with Peter Holm. "
        "“It protects our farmers,” he added."
    )
    assert speaker_of(quotes_of(nlp, text), "farmers").name == "Tomas Berg"


def test_speakers_it_goes_to_the_organisation_that_spoke(nlp: Any) -> None:
    text = (
        "The Freedonia Water Authority said on Tuesday that supplies would be cut. "
        "It said the reservoirs were at their lowest level in a decade."
    )
    speaker = speaker_of(quotes_of(nlp, text), "reservoirs")
    assert speaker.text == "It" and speaker.name == "Freedonia Water Authority"


def test_speakers_expletive_it_makes_no_quote(nlp: Any) -> None:
    text = "The Water Authority cut supplies. It was later found that the pipes had burst."
    assert not [q for q in quotes_of(nlp, text) if "pipes" in q.text]


# --- names, titles and organisations in the speaker phrase ---------------------------------


def test_speakers_a_name_in_apposition_wins_over_the_description(nlp: Any) -> None:
    text = "The flood reached the school, said the principal's husband, Anton Weller."
    assert speaker_of(quotes_of(nlp, text), "flood").name == "Anton Weller"


def test_speakers_a_person_wins_over_the_organisation_before_the_name(nlp: Any) -> None:
    text = "“Prices will fall next year,” said Northwind Analytics' Dana Whitfield."
    assert speaker_of(quotes_of(nlp, text), "Prices").name == "Dana Whitfield"


def test_speakers_a_role_noun_goes_to_the_person_introduced_with_it(nlp: Any) -> None:
    text = (
        "Prosecutor Maria Gonzalez presented the case against the two men on Monday. "
        "The defence asked for more time. "
        "The prosecutor said the evidence was overwhelming."
    )
    assert speaker_of(quotes_of(nlp, text), "evidence").name == "Maria Gonzalez"


def test_speakers_a_description_with_its_own_complement_stays_anonymous(nlp: Any) -> None:
    text = (
        "Leila Haddad, head of the surgery department at the city hospital, said the wards "
        "were full. The head of the finance office at the ministry said the budget was spent."
    )
    speaker = speaker_of(quotes_of(nlp, text), "budget")
    assert speaker.anonymous and speaker.name is None


@pytest.mark.parametrize(
    "text",
    [
        "The bridge will reopen in May, said one of the engineers.",
        "A spokesman for the ministry said the bridge would reopen in May.",
        "Two people familiar with the plan said the bridge would reopen in May.",
    ],
)
def test_speakers_unnamed_sources_get_no_name(nlp: Any, text: str) -> None:
    speaker = speaker_of(quotes_of(nlp, text), "May")
    assert speaker.anonymous and speaker.name is None


def test_speakers_unnamed_sources_of_a_named_organisation_speak_for_it(nlp: Any) -> None:
    text = "Researchers at Brightfield Labs said the flaw had been exploited for months."
    assert speaker_of(quotes_of(nlp, text), "flaw").name == "Brightfield Labs"


def test_speakers_an_organisation_named_by_what_it_is_keeps_its_words(nlp: Any) -> None:
    text = "The Chilean navy said the ship had sunk near the coast."
    speaker = speaker_of(quotes_of(nlp, text), "sunk")
    assert speaker.name == "Chilean navy" and speaker.country == "CHL"


def test_speakers_a_document_speaks_for_its_author(nlp: Any) -> None:
    text = (
        "Harvests fell by a third, according to a report from the Grain Council of Freedonia. "
        "The report said prices would double by spring."
    )
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "Harvests").name == "Grain Council of Freedonia"
    assert speaker_of(quotes, "double").name == "Grain Council of Freedonia"


# --- what the speaker said -------------------------------------------------------------------


def test_quotes_a_sentence_attributed_at_its_end_is_indirect(nlp: Any) -> None:
    text = "Deficits will rise sharply after 2030, the budget office said."
    quote = next(q for q in quotes_of(nlp, text) if "Deficits" in q.text)
    assert quote.text == "Deficits will rise sharply after 2030"
    assert quote.speaker is not None and quote.speaker.text == "the budget office"


def test_quotes_a_sentence_attributed_in_its_middle_is_two_linked_pieces(nlp: Any) -> None:
    text = "Prices will rise this year, she says, and wages will stay flat."
    quotes = [q for q in quotes_of(nlp, text) if q.kind == "indirect"]
    assert [q.text for q in quotes] == ["Prices will rise this year", "and wages will stay flat."]
    assert quotes[1].continues == quotes[0].start


def test_quotes_a_verbless_first_piece_is_left_out(nlp: Any) -> None:
    text = "The new rules, she says, will hurt small farms most of all."
    quotes = [q for q in quotes_of(nlp, text) if q.kind == "indirect"]
    assert [q.text for q in quotes] == ["will hurt small farms most of all."]


def test_quotes_what_a_speech_verb_reports_by_its_object(nlp: Any) -> None:
    text = "Senator Ruth Okafor accused the agency of hiding the test results."
    quote = next(q for q in quotes_of(nlp, text) if "hiding" in q.text)
    assert quote.text == "the agency of hiding the test results"
    assert quote.speaker is not None and quote.speaker.name == "Ruth Okafor"


def test_quotes_a_passive_accusation_has_no_speaker(nlp: Any) -> None:
    text = "The mayor has been accused of hiding the test results from the council."
    assert not quotes_of(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The talks ended on Friday.\n\n“We will try again next month.” — Maria Lopez, "
        "spokeswoman for the ministry of fisheries",
        "“We will try again next month,” — Maria Lopez, the ministry spokeswoman.",
    ],
)
def test_quotes_dash_attribution_with_or_without_an_apposition(nlp: Any, text: str) -> None:
    assert speaker_of(quotes_of(nlp, text), "try again").name == "Maria Lopez"


def test_quotes_credit_lines_are_not_quotes(nlp: Any) -> None:
    text = "The talks ended on Friday.\n\nReporting by Jo Park; Editing by Sam Lee"
    assert quotes_of(nlp, text) == []
