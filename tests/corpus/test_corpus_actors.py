"""Corpus actors: surname-only and titled variants merged into the one full name that fits."""

from __future__ import annotations

from newsgraph.corpus.actors import ActorRecord, canonical_actors, plain_name

NAGY = ActorRecord("person:stephen-nagy", "Stephen Nagy", "JPN")
YOON = ActorRecord("person:yoon-suk-yeol", "Yoon Suk Yeol", "KOR")


def test_corpus_actors_surname_joins_the_full_name() -> None:
    records = [NAGY, ActorRecord("person:nagy", "Nagy", None), NAGY]
    assert canonical_actors(records) == {"person:nagy": "person:stephen-nagy"}


def test_corpus_actors_title_variant_joins_the_full_name() -> None:
    records = [
        YOON,
        ActorRecord("person:president-yoon-suk-yeol", "President Yoon Suk Yeol", "KOR"),
        ActorRecord("person:mr-yoon", "Mr. Yoon", None),
        ActorRecord("person:yoon", "Yoon", "KOR"),
    ]
    assert canonical_actors(records) == {
        "person:president-yoon-suk-yeol": "person:yoon-suk-yeol",
        "person:mr-yoon": "person:yoon-suk-yeol",
        "person:yoon": "person:yoon-suk-yeol",
    }


def test_corpus_actors_ambiguous_surname_stays() -> None:
    records = [
        ActorRecord("person:kim-jong-un", "Kim Jong Un", "PRK"),
        ActorRecord("person:kim-yo-jong", "Kim Yo Jong", "PRK"),
        ActorRecord("person:kim", "Kim", "PRK"),
    ]
    assert canonical_actors(records) == {}


def test_corpus_actors_countries_must_agree() -> None:
    records = [NAGY, ActorRecord("person:nagy", "Nagy", "HUN")]
    assert canonical_actors(records) == {}


def test_corpus_actors_surname_wins_over_first_name() -> None:
    records = [
        ActorRecord("person:james-carter", "James Carter", "USA"),
        ActorRecord("person:carter-page", "Carter Page", "USA"),
        ActorRecord("person:carter", "Carter", "USA"),
    ]
    assert canonical_actors(records) == {"person:carter": "person:james-carter"}


def test_corpus_actors_organisations_and_full_names_are_left_alone() -> None:
    records = [
        NAGY,
        ActorRecord("org:nagy", "Nagy", None),
        ActorRecord("person:stephen-r-nagy", "Stephen R. Nagy", "JPN"),
    ]
    assert canonical_actors(records) == {}


def test_corpus_actors_plain_name_drops_titles() -> None:
    assert plain_name("President Yoon Suk Yeol") == ["Yoon", "Suk", "Yeol"]
    assert plain_name("Prime Minister Fumio Kishida") == ["Fumio", "Kishida"]
    assert plain_name("Dr. Jill Biden") == ["Jill", "Biden"]
    assert plain_name("Nagy") == ["Nagy"]
