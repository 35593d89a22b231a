"""One person across articles: a surname-only id counts as the full name when unambiguous."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from store_data import make_analysis

from newsgraph.cli import cli
from newsgraph.store import Store, open_store, queries
from newsgraph.store.aliases import actor_aliases, expand_ids
from newsgraph.store.rows import write_analysis


def _person(pid: str, name: str, mention: str) -> tuple[str, str, str, list[str]]:
    return (pid, "person", name, [mention])


def fill(store: Store) -> None:
    full = make_analysis(
        '"We open a new chapter," President Yoon Suk Yeol said in Seoul.',
        title="Full name",
        actors=[_person("person:yoon-suk-yeol", "Yoon Suk Yeol", "Yoon Suk Yeol")],
        quotes=[("We open a new chapter,", "person:yoon-suk-yeol", "Yoon Suk Yeol")],
    )
    surname = make_analysis(
        '"Trust takes time," Yoon said. Yoon met Kishida on Sunday. Kim said nothing.',
        title="Surname only",
        actors=[
            _person("person:yoon", "Yoon", "Yoon"),
            _person("person:kim", "Kim", "Kim"),
        ],
        events=[
            {
                "type": "CONSULT",
                "evidence": "Yoon met Kishida on Sunday.",
                "source_ids": ["person:yoon"],
                "date": "2023-05-07",
            }
        ],
        quotes=[("Trust takes time,", "person:yoon", "Yoon")],
    )
    kims = make_analysis(
        "Kim Jong Un and Kim Yo Jong watched a launch. Kim Jong Un said it went well.",
        title="Two Kims",
        actors=[
            _person("person:kim-jong-un", "Kim Jong Un", "Kim Jong Un"),
            _person("person:kim-yo-jong", "Kim Yo Jong", "Kim Yo Jong"),
        ],
    )
    for analysis in (full, surname, kims):
        assert write_analysis(store, analysis)


@pytest.fixture()
def people(store: Store) -> Store:
    fill(store)
    return store


def test_aliases_surname_maps_to_the_full_name_and_ambiguous_stays(people: Store) -> None:
    assert actor_aliases(people) == {"person:yoon": "person:yoon-suk-yeol"}
    assert expand_ids(people, ["person:yoon"]) == ["person:yoon", "person:yoon-suk-yeol"]
    assert expand_ids(people, ["KOR"]) == ["KOR"]


def test_aliases_top_actors_count_the_person_once(people: Store) -> None:
    top = {a.id: a for a in queries.top_actors(people, 10, kind="person")}
    assert top["person:yoon-suk-yeol"].articles == 2
    assert top["person:yoon-suk-yeol"].name == "Yoon Suk Yeol"
    assert "person:yoon" not in top
    assert top["person:kim"].articles == 1  # "Kim" fits two people: left alone
    everyone = [a.id for a in queries.top_actors(people, 1)]
    assert everyone == ["person:yoon-suk-yeol"]


def test_aliases_quotes_and_events_by_the_full_name_find_the_surname(people: Store) -> None:
    by_full = [q.text for q in queries.quotes(people, speaker="Yoon Suk Yeol")]
    assert sorted(by_full) == ["Trust takes time,", "We open a new chapter,"]
    by_variant = [q.text for q in queries.quotes(people, speaker="person:yoon")]
    assert sorted(by_variant) == sorted(by_full)
    events = list(queries.events(people, source="person:yoon-suk-yeol"))
    assert [e.evidence_text for e in events] == ["Yoon met Kishida on Sunday."]


def test_aliases_cli_actors_top(store_url: str) -> None:
    with open_store(store_url) as store:
        fill(store)
    result = CliRunner().invoke(
        cli,
        ["actors", "--top", "1", "--actor-kind", "person", "--db", store_url, "--format", "jsonl"],
    )
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        "person:yoon-suk-yeol"
    ]
