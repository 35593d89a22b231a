"""Tests of extract/actors.py and its helpers (people, organizations, places)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc

from newsgraph.extract.actors import find_actors, person_id, published_date, resolve_person
from newsgraph.extract.organizations import known_org, org_id, org_sector, slugify
from newsgraph.extract.people import is_title, join_key, title_sector
from newsgraph.extract.places import find_place
from newsgraph.model import Actor, Analysis, Article

ELECTION_DAY = date(2023, 5, 9)


def body_of(example_path: Path) -> str:
    text = example_path.read_text(encoding="utf-8")
    start = text.index("Japanese Prime Minister Fumio Kishida and")
    return text[start : text.index("Edited by:")].rstrip()


def by_id(actors: list[Actor]) -> dict[str, Actor]:
    return {a.id: a for a in actors}


def actors_of(nlp: Any, text: str, on: date | None = ELECTION_DAY) -> dict[str, Actor]:
    return by_id(find_actors(nlp(text), on))


@pytest.fixture(scope="module")
def example(nlp: Any, example_path: Path) -> tuple[str, list[Actor]]:
    text = body_of(example_path)
    analysis = Analysis(article=Article(text=text, published="2023-05-09"))
    from newsgraph.extract.actors import extract_actors

    extract_actors(analysis, nlp(text))
    return text, analysis.actors


# ----------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Stephen Nagy", "stephen-nagy"),
        ("Lee Jae-Myung", "lee-jae-myung"),
        ("François Mitterrand", "francois-mitterrand"),
        ("  Yoon   Suk Yeol ", "yoon-suk-yeol"),
    ],
)
def test_actors_slug_ids_are_stable(name: str, slug: str) -> None:
    assert slugify(name) == slug
    assert person_id(name) == f"person:{slug}"


def test_actors_org_id_drops_the_article() -> None:
    assert org_id("the International Christian University") == (
        "org:international-christian-university"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vice Foreign Minister", True),
        ("President", True),
        ("former Prime Minister", True),
        ("non-resident fellow", True),
        ("Secretary-General", True),
        ("South Korean", False),
        ("Sunday", False),
    ],
)
def test_actors_title_lexicon(text: str, expected: bool) -> None:
    assert is_title(text) is expected


def test_actors_title_sector_follows_plover() -> None:
    assert title_sector("Vice Foreign Minister") == "government"
    assert title_sector("professor") == "academia"
    assert title_sector("Defence Secretary") == "government"
    assert title_sector("Army Commander") == "military"


@pytest.mark.parametrize(
    ("mention", "expected"),
    [("Nagy", "Stephen Nagy"), ("Yoon", "Yoon Suk Yeol"), ("Kim", None), ("Smith", None)],
)
def test_actors_surname_joining(mention: str, expected: str | None) -> None:
    names = ["Stephen Nagy", "Yoon Suk Yeol", "Kim Jong Un", "Kim Yo Jong"]
    assert join_key(mention, names) == expected


@pytest.mark.parametrize(
    ("name", "context", "sector"),
    [
        ("Hankuk University of Foreign Studies", "", "academia"),
        ("Ministry of Foreign Affairs", "", "government"),
        ("EconVue", "think tank", "think tank"),
        ("Reuters", "news agency", "media"),
        ("NATO", "", "IGO"),
        ("the UN", "", "IGO"),
        ("Democratic Party", "", "party"),
        ("Amnesty International", "", "NGO"),
    ],
)
def test_actors_org_sector(name: str, context: str, sector: str) -> None:
    assert org_sector(name, context) == sector


def test_actors_known_org_has_country() -> None:
    org = known_org("Liberation Tigers of Tamil Eelam")
    assert org is not None and org.country == "LKA"


@pytest.mark.parametrize(
    ("name", "country"),
    [("Hiroshima", "JPN"), ("Chicago", "USA"), ("the Gaza Strip", "PSE"), ("Samarra", "IRQ")],
)
def test_actors_places_have_a_country(name: str, country: str) -> None:
    place = find_place(name)
    assert place is not None and place.country == country


def test_actors_city_has_coordinates() -> None:
    place = find_place("Hiroshima")
    assert place is not None and place.lat == pytest.approx(34.4, abs=0.1)


def test_actors_published_date() -> None:
    assert published_date("2023-05-09T10:00:00Z") == ELECTION_DAY
    assert published_date(None) is None
    assert published_date("May 2023") is None


# --------------------------------------------------------------------- hand-built Docs


def test_actors_on_a_hand_built_doc(nlp: Any) -> None:
    words = ["US", "President", "Joe", "Biden", "met", "Kishida", "in", "Hiroshima", "."]
    spaces = [True, True, True, True, True, True, True, False, False]
    ents = ["B-GPE", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "O", "B-GPE", "O"]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, ents=ents)
    actors = by_id(find_actors(doc, None))
    biden = actors["person:joe-biden"]
    assert (biden.roles[0].title, biden.roles[0].country) == ("President", "USA")
    assert actors["place:hiroshima"].country == "JPN"
    assert [m.text for m in actors["USA"].mentions] == ["US"]


# ------------------------------------------------------------------- parsed sentences


@pytest.mark.parametrize(
    ("text", "pid", "title", "country"),
    [
        (
            "China's Vice Foreign Minister Sun Weidong called the remarks erroneous.",
            "person:sun-weidong",
            "Vice Foreign Minister",
            "CHN",
        ),
        (
            "South Korean President Yoon Suk Yeol held a summit on Sunday.",
            "person:yoon-suk-yeol",
            "President",
            "KOR",
        ),
        ("US President Joe Biden will attend.", "person:joe-biden", "President", "USA"),
        (
            "Russian Foreign Minister Sergei Lavrov arrived in Ankara.",
            "person:sergei-lavrov",
            "Foreign Minister",
            "RUS",
        ),
    ],
)
def test_actors_pre_name_titles(nlp: Any, text: str, pid: str, title: str, country: str) -> None:
    person = actors_of(nlp, text, None)[pid]
    assert (person.roles[0].title, person.roles[0].country, person.country) == (
        title,
        country,
        country,
    )


def test_actors_apposition_prefers_the_institution(nlp: Any) -> None:
    text = (
        '"Japan understands," Stephen Nagy, professor at the Department of Politics and '
        "International Studies at the International Christian University (ICU) in Japan, "
        "told DW."
    )
    actors = actors_of(nlp, text)
    nagy = actors["person:stephen-nagy"]
    role = nagy.roles[0]
    assert (role.title, role.organization, role.country) == (
        "professor",
        "International Christian University",
        "JPN",
    )
    assert nagy.sector == "academia"
    icu = actors["org:international-christian-university"]
    assert icu.country == "JPN" and icu.sector == "academia"
    assert [m.text for m in icu.mentions] == ["International Christian University", "ICU"]


def test_actors_apposition_with_based_org(nlp: Any) -> None:
    text = (
        '"These measures open the door," Eleanor Hughes, a non-resident fellow at the '
        "Chicago-based EconVue think tank, told DW."
    )
    actors = actors_of(nlp, text)
    role = actors["person:eleanor-hughes"].roles[0]
    assert (role.title, role.organization) == ("non-resident fellow", "EconVue")
    econvue = actors["org:econvue"]
    assert (econvue.country, econvue.sector) == ("USA", "think tank")


def test_actors_apposition_leader_of_party(nlp: Any) -> None:
    text = (
        '"It is a necessity," said Lee Jae-Myung, leader of the South Korean Democratic '
        "Party, who narrowly lost."
    )
    actors = actors_of(nlp, text)
    role = actors["person:lee-jae-myung"].roles[0]
    assert (role.title, role.organization, role.country) == ("leader", "Democratic Party", "KOR")
    assert actors["org:democratic-party"].country == "KOR"


def test_actors_x_the_y_of_z(nlp: Any) -> None:
    text = "Sergei Lavrov, the foreign minister of Russia, met his counterpart on Monday."
    lavrov = actors_of(nlp, text, None)["person:sergei-lavrov"]
    assert (lavrov.roles[0].title, lavrov.country) == ("foreign minister", "RUS")


def test_actors_honorific_joins_surname(nlp: Any) -> None:
    text = "Barack Obama spoke first. Then Mr. Obama left for Chicago."
    obama = actors_of(nlp, text, None)["person:barack-obama"]
    assert [m.text for m in obama.mentions] == ["Barack Obama", "Mr. Obama"]


def test_actors_office_holder_by_surname_and_date(nlp: Any) -> None:
    text = "Yoon said the talks went well."
    assert "person:yoon-suk-yeol" in actors_of(nlp, text, ELECTION_DAY)
    assert "person:yoon-suk-yeol" not in actors_of(nlp, text, None)


def test_actors_office_holder_by_descriptor_and_date(nlp: Any) -> None:
    text = "The talks were praised by the Japanese prime minister on Monday."
    assert "person:fumio-kishida" in actors_of(nlp, text, date(2023, 5, 9))
    assert "person:shinzo-abe" in actors_of(nlp, text, date(2015, 5, 9))
    assert not [a for a in actors_of(nlp, text, None).values() if a.kind == "person"]


def test_actors_resolve_person(example: tuple[str, list[Actor]]) -> None:
    _, actors = example
    assert resolve_person("Nagy", actors) == "person:stephen-nagy"
    assert resolve_person("Mr. Nagy", actors) == "person:stephen-nagy"
    assert resolve_person("the expert", actors) == "person:joel-atkinson"
    assert resolve_person("the South Korean leader", actors) == "person:yoon-suk-yeol"
    assert resolve_person("the astronaut", actors) is None


# ------------------------------------------------------------------ founding example


def test_actors_offsets_are_exact(example: tuple[str, list[Actor]]) -> None:
    text, actors = example
    for actor in actors:
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_actors_founding_example_people(
    example: tuple[str, list[Actor]], example_expected: dict[str, Any]
) -> None:
    actors = by_id(example[1])
    for gold in example_expected["people"]:
        person = actors[person_id(gold["name"])]
        assert person.name == gold["name"]
        titles = [(r.title or "").lower() for r in person.roles]
        assert gold["role"].lower() in titles, (gold["name"], titles)
        if "organization" in gold:
            orgs = [(r.organization or "").lower() for r in person.roles]
            assert gold["organization"].lower() in orgs
        if "country" in gold:
            assert person.country == gold["country"]


def test_actors_founding_example_one_actor_per_person(example: tuple[str, list[Actor]]) -> None:
    people = [a for a in example[1] if a.kind == "person"]
    assert len(people) == 8
    yoon = by_id(people)["person:yoon-suk-yeol"]
    assert sum(m.text == "Yoon" for m in yoon.mentions) >= 8


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("Japan", "JPN"),
        ("Tokyo", "JPN"),
        ("Japanese", "JPN"),
        ("South Korea", "KOR"),
        ("Seoul", "KOR"),
        ("China", "CHN"),
        ("Beijing", "CHN"),
        ("US", "USA"),
        ("Washington", "USA"),
    ],
)
def test_actors_founding_example_countries(
    example: tuple[str, list[Actor]], word: str, iso3: str
) -> None:
    import re

    text, actors = example
    expected = {m.start() for m in re.finditer(rf"\b{word}\b(?! Korea)", text)}
    found = {m.start for m in by_id(actors)[iso3].mentions if m.text == word}
    assert expected and expected <= found


def test_actors_founding_example_places(example: tuple[str, list[Actor]]) -> None:
    actors = by_id(example[1])
    assert actors["place:hiroshima"].country == "JPN"
    assert actors["org:group-of-seven"].sector == "IGO"


def test_actors_registered_in_default_pipeline() -> None:
    from newsgraph import extract
    from newsgraph.extract import builtins  # noqa: F401

    assert extract.DEFAULT_PIPELINE[0] == "actors"
    assert extract.REGISTRY["actors"].assigns == ("actors",)


def test_actors_a_former_office_holder_named_in_full(nlp: Any) -> None:
    text = "Michelle Bachelet spoke at the university in Valparaiso on Monday."
    bachelet = actors_of(nlp, text, date(2019, 5, 9))["person:michelle-bachelet"]
    assert [r.title for r in bachelet.roles] == ["former President"]
    assert bachelet.country == "CHL"
    in_office = actors_of(nlp, text, date(2008, 5, 9))["person:michelle-bachelet"]
    assert [r.title for r in in_office.roles] == ["President"]


def test_actors_the_chinese_surname_he_is_not_a_pronoun(nlp: Any) -> None:
    text = "He Yuanhang, a former official at the World Bank, said growth would slow."
    found = actors_of(nlp, text, None)
    assert "person:he-yuanhang" in found and "person:yuanhang" not in found
    pronoun = actors_of(nlp, "He met Li Wei, a former official, in Shanghai.", None)
    assert not any(key.startswith("person:he-") for key in pronoun)
