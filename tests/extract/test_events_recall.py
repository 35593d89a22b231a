"""Tests of events the coder used to miss in news prose (issue 12, recall round).

Each case is an invented sentence run through the default pipeline, so that what is asserted
is what a user gets: the type and the actors of an event that should be coded.
"""

from __future__ import annotations

from typing import Any

from event_cases import events_of


def test_events_recall_an_apposition_is_the_name_it_follows(nlp: Any) -> None:
    # "Hezbollah, a militant group that attacked ...": the group is Hezbollah.
    events = events_of(
        "Critics compare the government to Hezbollah, a militant group that attacked "
        "Israeli towns last year."
    )
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert attacks
    assert "org:hezbollah" in attacks[0].source_ids
    assert "ISR" in attacks[0].target


def test_events_recall_a_passive_relative_clause_acts_on_its_noun(nlp: Any) -> None:
    # "a summit ... that was canceled": the cancelled meeting is a refusal (REJECT), not a
    # meeting that took place.
    events = events_of(
        "The two sides have been unable to reschedule a summit between Prime Minister Kishida "
        "and President Yoon in Seoul that was canceled because of the storm."
    )
    assert [e.type for e in events] == ["REJECT"]
    assert {"JPN", "KOR"} <= set(events[0].source)


def test_events_recall_calling_off_a_planned_measure_is_a_concession(nlp: Any) -> None:
    # "an increase in tariffs": the act a change is in; a measure only planned that is called
    # off is a promise it will not happen (CONCEDE), one in force that ends is a RETREAT.
    planned = events_of(
        "Japan cancelled an increase in tariffs on Korean steel planned for next month."
    )
    assert [(e.type, e.source, e.target) for e in planned] == [("CONCEDE", ["JPN"], ["KOR"])]
    in_force = events_of("Japan cancelled the increase in tariffs on Korean steel.")
    assert [e.type for e in in_force] == ["RETREAT"]


def test_events_recall_a_group_including_named_members_is_those_members(nlp: Any) -> None:
    # "other partners, including Japan and Canada": the partners named are the participants.
    events = events_of(
        "The president has injected drama into trade talks with other partners, including "
        "Japan and Canada."
    )
    talks = [e for e in events if e.type == "CONSULT"]
    assert talks
    assert {"JPN", "CAN"} <= set(talks[0].source)


def test_events_recall_an_actors_measure_that_would_end_is_in_force(nlp: Any) -> None:
    # "any of Australia's tariffs ... be removed": the tariffs were imposed (SANCTION) whatever
    # becomes of them; "its planned tariffs" are not in force, "the tariffs" says nothing.
    events = events_of(
        "Farmers asked whether any of Australia's tariffs on Chinese wine will be removed."
    )
    assert ("SANCTION", ["AUS"], ["CHN"]) in [(e.type, e.source, e.target) for e in events]
    assert [e.type for e in events_of("Australia lifted its tariffs on Chinese wine.")] == [
        "RETREAT",
        "SANCTION",
    ]
    assert [e.type for e in events_of("Australia lifted its planned tariffs on Chinese wine.")] == [
        "CONCEDE"
    ]
    assert [e.type for e in events_of("Australia lifted the tariffs on Chinese wine.")] == [
        "RETREAT"
    ]


def test_events_recall_cooperation_that_could_happen_is_agree(nlp: Any) -> None:
    # PLOVER manual, AGREE: "will sign an agreement" is AGREE, not SUPPORT + future; so is
    # what could yet be signed.
    events = events_of("Japan and South Korea could finalize an agreement in the next few weeks.")
    assert [(e.type, e.status) for e in events] == [("AGREE", "hypothetical")]
    assert {"JPN", "KOR"} <= set(events[0].source)


def test_events_recall_talks_a_speaker_reports_are_the_speakers_sides(nlp: Any) -> None:
    # "the minister said that negotiations are progressing": the minister's country negotiates;
    # analysts name no party.
    events = events_of(
        "The Japanese foreign minister said that negotiations on the fishing zone are "
        "progressing well."
    )
    assert [(e.type, e.source) for e in events] == [("CONSULT", ["JPN"])]
    assert not events_of(
        "Analysts said that negotiations on the fishing zone are progressing well."
    )


def test_events_recall_a_conference_between_two_sides_is_a_meeting(nlp: Any) -> None:
    events = events_of(
        "The deal was announced at a news conference between the Japanese prime minister and "
        "the Korean president."
    )
    assert [e.type for e in events] == ["CONSULT"]
    assert {"JPN", "KOR"} <= set(events[0].source)
    # A conference someone speaks at is no meeting.
    assert not events_of(
        "The Japanese prime minister told a news conference in Tokyo that the economy was growing."
    )


def test_events_recall_people_at_an_organisation_are_that_organisation(nlp: Any) -> None:
    # "Workers at Toyota": the workers are Toyota's.
    events = events_of("Workers at Toyota went on strike for better pay on Monday.")
    assert [e.type for e in events] == ["PROTEST"]
    assert "org:toyota" in events[0].source_ids


def test_events_recall_what_an_inquiry_uncovers_about_someone_is_an_allegation(nlp: Any) -> None:
    # ACCUSE allege, beside the act itself.
    events = events_of(
        "Researchers at the security firm Kaspersky uncovered that Chinese hackers had attacked "
        "the network of the Indian army."
    )
    accusations = [e for e in events if e.type == "ACCUSE"]
    assert accusations
    assert "org:kaspersky" in accusations[0].source_ids
    assert accusations[0].target == ["CHN"]
    assert "COERCE" in [e.type for e in events]
