"""Tests of the event coder's third round (issue 12): invented news sentences, end to end.

Each case runs the default pipeline (actors, dates, quotes, events) on a sentence written for
the test, and asserts what a user gets: the type, the actors, the status, or that nothing is
coded.
"""

from __future__ import annotations

from typing import Any

import pytest
from event_cases import events_of, has_event

from newsgraph.model import Event


@pytest.mark.parametrize(
    ("text", "kind", "source"),
    [
        ("Two people died during protests in Peru against the new cabinet.", "PROTEST", "PER"),
        ("China lodged a protest with Japan over the fishing boats.", "ACCUSE", "CHN"),
    ],
)
def test_events_protest_noun_is_a_crowd_or_a_statement(
    nlp: Any, text: str, kind: str, source: str
) -> None:
    assert has_event(events_of(text), kind, source)


def test_events_act_that_breaks_out_takes_the_verbs_parties(nlp: Any) -> None:
    events = events_of("Violent clashes erupted between Armenian and Azerbaijani troops on Monday.")
    assert has_event(events, "ASSAULT", "ARM") and has_event(events, "ASSAULT", "AZE")


def test_events_attack_told_with_malware_is_cyber_coercion() -> None:
    events = events_of(
        "North Korea carried out ransomware attacks on hospitals in South Korea last year."
    )
    assert has_event(events, "COERCE", "PRK", "KOR")
    assert not has_event(events, "ASSAULT")


def test_events_passive_act_takes_its_actor_from_the_act_it_was_done_in() -> None:
    events = events_of("Four fishermen were killed in an Egyptian airstrike in Libya on Sunday.")
    assert [(e.type, e.source, e.target) for e in events] == [("ASSAULT", ["EGY"], ["LBY"])]
    events = events_of(
        "Kharkiv is far from the front line, but has been hit in Russian strikes every week."
    )
    assert [(e.type, e.source) for e in events] == [("ASSAULT", ["RUS"])]


@pytest.mark.parametrize(
    "text",
    [
        "The broadcaster was criticised for its coverage of the war with the Taliban.",
        "The ministers reviewed the latest developments in the Armenia-Azerbaijan conflict.",
        "The satire portrayed the invasion of Kuwait by Iraq.",
    ],
)
def test_events_act_that_is_only_a_topic_is_not_coded(text: str) -> None:
    assert not has_event(events_of(text), "ASSAULT")


def test_events_wish_for_another_actors_act_is_not_that_act() -> None:
    assert not has_event(
        events_of("Tokyo wants Seoul to send humanitarian aid to the region."), "AID"
    )
    assert has_event(events_of("Tokyo wants to send humanitarian aid to the region."), "AID", "JPN")


def test_events_unable_to_act_is_negated() -> None:
    events = events_of("Japan and China have been unable to hold talks since May.")
    assert [e.status for e in events if e.type == "CONSULT"] == ["negated"]


def test_events_target_of_an_attack_suffers_it() -> None:
    events = events_of("The Panamanian-flagged freighter was the target of a missile attack.")
    assert has_event(events, "ASSAULT", None, "PAN") and not has_event(events, "ASSAULT", "PAN")


def test_events_joined_verbs_of_one_attack_are_one_event() -> None:
    events = events_of("Sudanese militiamen stormed across the border and killed 40 villagers.")
    assert len([e for e in events if e.type == "ASSAULT"]) == 1
    events = events_of(
        "Egyptian police shut down 300 websites and arrested 60 bloggers for spreading rumours."
    )
    assert len([e for e in events if e.type == "COERCE"]) == 2


def test_events_clash_with_has_a_recipient() -> None:
    events = events_of(
        "Armenian troops clashed with Azerbaijani forces near the border on Tuesday."
    )
    assert has_event(events, "ASSAULT", "ARM", "AZE") and not has_event(events, "ASSAULT", "AZE")


def test_events_talks_that_only_name_the_sources_are_not_coded() -> None:
    events = events_of(
        "Ankara may lift the ban on Swedish goods, people familiar with the talks with Sweden said."
    )
    assert not has_event(events, "CONSULT")


def test_events_condemned_attack_is_coded_too() -> None:
    events = events_of(
        "Lebanon's foreign ministry condemned the shelling carried out by Israeli troops in Tyre."
    )
    assert has_event(events, "ACCUSE", "LBN", "ISR") and has_event(events, "ASSAULT", "ISR")


def test_events_passive_accusation_keeps_its_named_recipient() -> None:
    events = events_of("Serbia has been accused of violating the truce.")
    assert [(e.type, e.source, e.target) for e in events] == [("ACCUSE", [], ["SRB"])]


def test_events_attack_told_by_its_effect_keeps_its_victims() -> None:
    events = events_of("On Monday a drone strike on a market in Mali killed nine people.")
    assert [(e.type, e.source, e.target) for e in events] == [("ASSAULT", [], ["MLI"])]


def test_events_act_called_unacceptable_is_an_accusation() -> None:
    events = events_of("Norway's government said Turkey's blockade of the port was illegal.")
    assert has_event(events, "ACCUSE", "NOR", "TUR")
    assert not has_event(
        events_of("The UN said the situation in the region was unacceptable."), "ACCUSE"
    )


def test_events_subject_with_a_part_in_an_act_is_its_actor() -> None:
    assert has_event(
        events_of("Britain played a key role in the war against Iraq."), "ASSAULT", "GBR"
    )
    assert has_event(
        events_of("Turkey has been at the forefront of the fight against the Islamic State group."),
        "ASSAULT",
        "TUR",
    )


def test_events_reluctance_is_a_refusal() -> None:
    events = events_of("Pakistan has been reluctant to commit to a meeting with India.")
    assert has_event(events, "REJECT", "PAK") and not has_event(events, "AGREE")


def test_events_offer_of_aid_is_aimed_where_the_story_is() -> None:
    text = (
        "GAZA CITY — Aid trucks waited at the Rafah crossing into Gaza on Monday.\n"
        "Greece said it is ready to send more aid by ship."
    )
    assert has_event(events_of(text), "AGREE", "GRC", "PSE")


def test_events_commitment_to_a_value_is_no_agreement() -> None:
    assert not events_of("The French broadcaster renewed its commitment to impartiality.")
    assert has_event(
        events_of("Japan reaffirmed its commitment to Ukraine."), "AGREE", "JPN", "UKR"
    )


def test_events_state_blocking_a_crossing_is_coercion_not_protest() -> None:
    events = events_of("The Turkish army blocked the crossing point on Monday.")
    assert has_event(events, "COERCE", "TUR") and not has_event(events, "PROTEST")
    assert has_event(events_of("Farmers in France blocked the highway to Paris."), "PROTEST", "FRA")


def test_events_measure_in_force_that_is_lifted_was_imposed() -> None:
    events = events_of("Ottawa lifted the existing tariffs on Chinese steel on Monday.")
    assert has_event(events, "SANCTION", "CAN") and (
        has_event(events, "RETREAT", "CAN") or has_event(events, "CONCEDE", "CAN")
    )


def test_events_happening_named_again_by_a_definite_noun_is_one_event() -> None:
    events = events_of(
        "Israeli troops attacked Hamas positions in Gaza on Monday. "
        "The 11-week war between Israel and Hamas has displaced most of Gaza's people."
    )
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert len(attacks) == 1
    assert attacks[0].trigger is not None and attacks[0].trigger.text == "attacked"
    assert any("11-week war" in more.text for more in attacks[0].evidence_more)


def test_events_accusation_named_again_by_its_possessor_is_one_event() -> None:
    events = events_of(
        "Russia accused Ukraine of shelling the nuclear plant on Monday. "
        "Independent experts said Russia's accusations were false."
    )
    accusations = [e for e in events if e.type == "ACCUSE"]
    assert len(accusations) == 1 and len(accusations[0].evidence_more) == 1


def test_events_attack_named_by_its_own_day_is_not_folded_into_another() -> None:
    events = events_of(
        "Israeli troops attacked Hamas positions in Gaza on Monday. "
        "Hamas still holds the hostages taken in its Oct. 7 attack on Israel.",
        published="2023-12-09",
    )
    assert has_event(events, "ASSAULT", "ISR", "PSE") and has_event(events, "ASSAULT", "PSE", "ISR")


@pytest.mark.parametrize(
    "text",
    [
        "The broadcaster apologized for a report that Serbian troops were shelling villages.",
        "A minister told the broadcaster that Serbian troops are happy to shell villages.",
    ],
)
def test_events_reported_content_and_disposition_are_no_attack(text: str) -> None:
    assert not has_event(events_of(text), "ASSAULT")


def test_events_attack_reported_by_a_speech_verb_is_still_told() -> None:
    assert has_event(
        events_of("Serbian troops shelled villages in Kosovo, the broadcaster reported."),
        "ASSAULT",
        "SRB",
    )


def test_events_demonstrated_by_something_is_shown_not_a_protest() -> None:
    text = (
        "Tokyo is worried about the leader's unpredictable behavior, "
        "as demonstrated by his abrupt departure from a meeting in Manila."
    )
    assert not has_event(events_of(text), "PROTEST")


def test_events_act_a_plan_or_an_effort_is_for_is_not_told() -> None:
    events = events_of(
        "Syria rejected a United Nations plan to return the refugees to their homes."
    )
    assert has_event(events, "REJECT", "SYR")
    assert not any(e.type in ("RETREAT", "CONCEDE") for e in events)


def test_events_attack_a_report_tells_of_is_not_coded() -> None:
    text = "Britain said it received a report of an Iranian attack on a tanker."
    assert not has_event(events_of(text), "ASSAULT")


def test_events_one_sentence_naming_its_war_twice_tells_one_war() -> None:
    events = events_of(
        "The war between Armenia and Azerbaijan is raging not only at the front but also "
        "online, and it is a media war many say Azerbaijan is winning."
    )
    assert [e.source for e in events if e.type == "ASSAULT"] == [["ARM", "AZE"]]


def test_events_fighting_an_attack_happened_amid_is_that_attack() -> None:
    events = events_of(
        "Ten villagers were killed in Russian airstrikes in Donetsk on Monday, "
        "amid clashes between Russian and Ukrainian troops."
    )
    assert [(e.source, e.target) for e in events if e.type == "ASSAULT"] == [(["RUS"], ["UKR"])]


def test_events_noun_of_an_act_asked_about_is_not_told() -> None:
    text = (
        "But the president continues to give mixed signals about whether he actually wants "
        "a deal and if any of the American sanctions on Venezuelan oil will ever be lifted."
    )
    assert not has_event(events_of(text), "RETREAT")


def test_events_talks_said_to_go_on_are_the_talks_told_before() -> None:
    events = events_of(
        "Ecuador and Peru held border talks in Lima on Monday. "
        "The two countries continue to negotiate and could sign an accord next month."
    )
    talks = [e for e in events if e.type == "CONSULT"]
    assert len(talks) == 1 and len(talks[0].evidence_more) == 1


def test_events_act_a_plan_requires_is_not_made() -> None:
    text = "Officials said ending the embargo requires deeper concessions from Venezuela."
    assert not has_event(events_of(text), "CONCEDE")


def test_events_acts_named_as_a_backdrop_are_not_told_again() -> None:
    text = (
        "The two ministers discussed shipping safety against the backdrop of attacks "
        "on tankers in the Gulf by Iranian forces."
    )
    assert not has_event(events_of(text), "ASSAULT")


def test_events_what_is_usually_done_is_no_event() -> None:
    usual = "In Iran, censorship of the press is often used to silence critics of the government."
    assert not has_event(events_of(usual), "COERCE")
    assert has_event(
        events_of("Iranian censors silenced critics of the government on Monday."), "COERCE"
    )


def test_events_request_a_relative_clause_names_again_is_the_request_told() -> None:
    events = events_of(
        "Brazil asked Argentina to buy more soybeans on Monday. Negotiators now face the "
        "task of turning the purchases Brazil requested into a treaty."
    )
    requests = [e for e in events if e.type == "REQUEST"]
    assert len(requests) == 1 and len(requests[0].evidence_more) == 1


@pytest.mark.parametrize(("verb", "told"), [("consults with", False), ("met on Monday with", True)])
def test_events_what_a_person_does_as_a_rule_is_no_event(verb: str, told: bool) -> None:
    text = (
        f"Professor Lindqvist, who {verb} Swedish government officials, said the tariffs "
        "would hurt exporters."
    )
    assert has_event(events_of(text), "CONSULT") is told


def test_events_act_a_goal_clause_names_is_not_told() -> None:
    goal = (
        "The minister said pressure must continue for Caracas to allow the United Nations "
        "to deliver aid to Venezuela."
    )
    assert not has_event(events_of(goal), "AID")
    assert has_event(
        events_of("Caracas allowed the United Nations to deliver aid to Venezuela."), "AID"
    )


def test_events_one_sides_attack_told_in_a_relative_clause_is_not_the_war() -> None:
    from newsgraph.extract.event_retold import fold_retold
    from newsgraph.model import Span
    from newsgraph.nlp.parse import load_nlp

    text = "Israel and Hamas are at war. Hamas, a group that attacked Israel, won praise."
    doc = load_nlp()(text)

    def event(word: str, source: list[str], target: list[str]) -> Event:
        at = text.index(word)
        sent = next(s for s in doc.sents if s.start_char <= at < s.end_char)
        evidence = Span(sent.start_char, sent.end_char, sent.text)
        return Event(
            "ASSAULT",
            evidence,
            source=source,
            target=target,
            trigger=Span(at, at + len(word), word),
        )

    war = event("war", ["ISR", "PSE"], [])
    attack = event("attacked", ["PSE"], ["ISR"])
    assert fold_retold([war, attack], doc) == [war, attack]
