"""Tests of extract/person_countries.py (through extract/actors.py), on invented text."""

from __future__ import annotations

import random
from typing import Any

from newsgraph.extract.actors import find_actors
from newsgraph.model import Actor

PRIME_MINISTER_NAMED_THREE_TIMES = (
    "Portuguese Prime Minister Rui Lobo opened the session on Monday. "
    "Lobo spoke for an hour, and Lobo took questions. "
)
"""A placed official named three times: enough to place the story's untitled offices."""


def person(nlp: Any, text: str, name: str) -> Actor:
    found = [a for a in find_actors(nlp(text)) if a.kind == "person" and a.name == name]
    assert found, [a.name for a in find_actors(nlp(text))]
    return found[0]


def test_person_countries_an_untitled_office_is_the_officials_country(nlp: Any) -> None:
    text = PRIME_MINISTER_NAMED_THREE_TIMES + (
        "Later, Public Ombudsman Marta Quintela said the inquiry would go on."
    )
    actor = person(nlp, text, "Marta Quintela")
    assert actor.country == "PRT"
    assert [(r.title, r.country) for r in actor.roles] == [("Public Ombudsman", "PRT")]


def test_person_countries_officials_of_the_same_sentence_do_not_count(nlp: Any) -> None:
    text = "Senator Marta Quintela telephoned Portuguese Prime Minister Rui Lobo on Monday."
    assert person(nlp, text, "Marta Quintela").country is None


def test_person_countries_officials_split_between_countries_place_no_one(nlp: Any) -> None:
    text = PRIME_MINISTER_NAMED_THREE_TIMES + (
        "Spanish Foreign Minister Pablo Ortiz Vidal answered on Tuesday. "
        "Ortiz Vidal spoke for an hour, and Ortiz Vidal took questions. "
        "Later, Public Ombudsman Marta Quintela said the inquiry would go on."
    )
    assert person(nlp, text, "Marta Quintela").country is None


def test_person_countries_a_witness_is_from_the_story_setting(nlp: Any) -> None:
    text = (
        "Floods hit homes in Porto on Monday. Rescuers worked in Braga and in Coimbra "
        "through the night. The water rose fastest in Aveiro, said the victim's grandfather, "
        "Tiago Mendes Ferraz."
    )
    actor = person(nlp, text, "Tiago Mendes Ferraz")
    assert actor.roles[0].title == "grandfather"
    assert actor.country == "PRT"


def test_person_countries_an_expert_is_not_placed_by_the_setting(nlp: Any) -> None:
    text = (
        "Floods hit homes in Porto on Monday. Rescuers worked in Braga and in Coimbra "
        "through the night. The water rose fastest in Aveiro, said the flood expert "
        "Tiago Mendes Ferraz."
    )
    assert person(nlp, text, "Tiago Mendes Ferraz").country is None


def test_person_countries_a_dateline_alone_does_not_place_a_witness(nlp: Any) -> None:
    text = "PORTO, Portugal (AP) — The water rose fast, said the farmer Tiago Mendes Ferraz."
    assert person(nlp, text, "Tiago Mendes Ferraz").country is None


def test_person_countries_an_official_named_in_passing_places_no_one(nlp: Any) -> None:
    text = (
        "The fund was set up after Portuguese Prime Minister Rui Lobo left office. "
        "Public Ombudsman Marta Quintela said the inquiry would go on."
    )
    assert person(nlp, text, "Marta Quintela").country is None


def test_person_countries_a_story_about_one_country_places_its_officials(nlp: Any) -> None:
    text = (
        "Portugal held a vote on Sunday. Portugal counted it on Monday, and Portugal's "
        "courts heard no complaint. Public Ombudsman Marta Quintela said the count was fair."
    )
    assert person(nlp, text, "Marta Quintela").country == "PRT"


def test_person_countries_a_title_of_the_office_table_is_not_guessed(nlp: Any) -> None:
    text = PRIME_MINISTER_NAMED_THREE_TIMES + (
        "Later, President Marta Quintela said the talks would go on."
    )
    assert person(nlp, text, "Marta Quintela").country is None


def test_person_countries_indexed_officials_count_equals_the_pairwise_one(nlp: Any) -> None:
    # The officials are read once per story (linear cost); placing a person must give what
    # comparing that person with every official, pair by pair, gives.
    from collections import Counter

    from newsgraph.extract.event_holders import holder_country
    from newsgraph.extract.person_countries import (
        _FORMER,
        MIN_OFFICIAL_MENTIONS,
        OFFICIAL_SECTORS,
        OfficialsCountry,
        _sectors,
        _sentences,
    )

    def pairwise(doc: Any, people: list[Actor], person: Actor) -> str | None:
        counts: Counter[str] = Counter()
        own = _sentences(doc, person)
        for other in people:
            full = other is not person and len(other.name.split()) > 1
            holder = holder_country(other.name) if full else None
            country = other.country or holder
            if not country or not (holder or _sectors(other) & (OFFICIAL_SECTORS | _FORMER)):
                continue
            if not own & _sentences(doc, other):
                counts[country] += len(other.mentions)
        if not counts:
            return None
        country, count = counts.most_common(1)[0]
        enough = count >= MIN_OFFICIAL_MENTIONS and 2 * count > sum(counts.values())
        return country if enough else None

    rng = random.Random(12)
    offices = ["Portuguese Finance Minister", "Spanish Defence Minister", "Public Ombudsman"]
    names = [f"{first} {last}" for first in ("Rui", "Ana", "Marta") for last in ("Lobo", "Vidal")]
    text = " ".join(
        f"{rng.choice(offices)} {rng.choice(names)} spoke on Monday, and "
        f"{rng.choice(offices)} {rng.choice(names)} answered."
        for _ in range(12)
    )
    doc = nlp(text)
    people = [a for a in find_actors(doc) if a.kind == "person"]
    assert len(people) > 3
    indexed = OfficialsCountry(doc, people)
    for candidate in people:
        assert indexed.of(candidate) == pairwise(doc, people, candidate), candidate.name
