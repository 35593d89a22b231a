"""Tests of people's roles (extract/people.py through extract/actors.py), on invented text."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.extract.actors import find_actors
from newsgraph.extract.people import expand_title, make_role
from newsgraph.model import Actor


def person(nlp: Any, text: str, name: str) -> Actor:
    found = [a for a in find_actors(nlp(text)) if a.kind == "person" and a.name == name]
    assert found, [a.name for a in find_actors(nlp(text))]
    return found[0]


def test_people_title_before_a_comma_gives_role_and_country(nlp: Any) -> None:
    text = "The Portuguese Foreign Minister, Rui Tavares Lobo, said the talks would go on."
    actor = person(nlp, text, "Rui Tavares Lobo")
    assert [r.title for r in actor.roles] == ["Foreign Minister"]
    assert actor.country == "PRT"


def test_people_apposition_opening_with_an_organisation(nlp: Any) -> None:
    text = "Ingrid Solberg, the U.N. refugee agency chief, visited the camp on Friday."
    actor = person(nlp, text, "Ingrid Solberg")
    assert actor.roles[0].title == "refugee agency chief"
    assert actor.roles[0].organization == "United Nations"


def test_people_a_country_before_a_word_of_expertise_is_the_topic(nlp: Any) -> None:
    text = (
        "“Nothing will change,” said Paul Ferris, a Brazil expert at the American Policy "
        "Institute in Washington."
    )
    actor = person(nlp, text, "Paul Ferris")
    assert actor.roles[0].title == "Brazil expert"
    assert actor.country != "BRA"


def test_people_name_missed_by_the_model_as_a_speaker_is_a_person(nlp: Any) -> None:
    text = "Margaret Oyelaran, a historian, said the archive had been lost in the fire."
    assert person(nlp, text, "Margaret Oyelaran").roles[0].title == "historian"


@pytest.mark.parametrize(
    ("title", "expanded"),
    [("Sen.", "Senator"), ("late Sen.", "late Senator"), ("Gov.", "Governor")],
)
def test_people_short_titles_are_written_out(title: str, expanded: str) -> None:
    assert expand_title(title) == expanded


def test_people_a_national_institution_gives_the_role_its_country() -> None:
    assert make_role("spokesperson", "State Department", None).country == "USA"
    assert make_role("spokesperson", "Acme Widgets", None).country is None


def test_people_a_place_after_adjectives_gives_the_organisation_its_country(nlp: Any) -> None:
    text = (
        "Omar Haddad, head of surgery at Al-Nour Clinic, one of few clinics still open in the "
        "southern Gaza Strip, said supplies had run out."
    )
    # the comma ends the apposition; the dash-free variant below keeps the place inside it
    text = text.replace(", one of", " – one of").replace("Strip,", "Strip –")
    assert person(nlp, text, "Omar Haddad").country == "PSE"


def test_people_a_national_broadcaster_gives_its_country(nlp: Any) -> None:
    text = "BBC director Ann Holloway wrote that the channel would review the report."
    assert person(nlp, text, "Ann Holloway").country == "GBR"


def test_people_a_delegate_for_a_country_at_an_igo_has_that_country(nlp: Any) -> None:
    text = (
        "Lin Bao, the former executive director for China at the International Monetary "
        "Fund, said growth would slow."
    )
    assert person(nlp, text, "Lin Bao").country == "CHN"
    orgs = [a for a in find_actors(nlp(text)) if a.kind == "organization"]
    assert orgs and orgs[0].country is None  # the IMF is not Chinese
    envoy = "Mara Olsen, the special envoy for Syria at the United Nations, said talks resume."
    assert person(nlp, envoy, "Mara Olsen").country != "SYR"
