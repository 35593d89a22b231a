"""Tests of how the event coder reads news sentences end to end (issue 12, second round).

Each case is an invented sentence run through the default pipeline (actors, dates, quotes,
events), so that what is asserted is what a user gets: the type, the actors and whether an
event is coded at all.
"""

from __future__ import annotations

from typing import Any

import pytest
from event_cases import events_of, has_event


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Analysts wonder whether Japan will sanction China over the dispute.", "SANCTION"),
        ("Some officials would like to see Japan agree to the Chinese plan.", "AGREE"),
        ("They fear that Japan may end up giving concessions to China.", "CONCEDE"),
        ("It's striking that tensions are threatening trade between Japan and China.", "ASSAULT"),
        ("Reporters asked Prime Minister Fumio Kishida about the visit to China.", "REQUEST"),
        ("Japan insists its position on the islands is correct.", "REQUEST"),
        ("Japanese officials are monitoring the situation in China closely.", "ACCUSE"),
        ("Cryptocurrency offers North Korea a powerful tool to evade sanctions.", "AGREE"),
        ("Analysts note Japan's tendency to increase its demands on China.", "REQUEST"),
        ("Japan gave mixed signals about tariffs on $5 billion of Chinese goods.", "AID"),
        ("North Korea sees hacking as a way to fund its weapons programs.", "COERCE"),
    ],
)
def test_events_reading_nothing_happens_in_questions_fears_and_claims(
    nlp: Any, text: str, kind: str
) -> None:
    assert not has_event(events_of(text), kind)


@pytest.mark.parametrize(
    ("text", "kind", "source", "target"),
    [
        ("Japan asked China to release the fishermen.", "REQUEST", "JPN", "CHN"),
        ("Japan insisted that China withdraw its ships from the area.", "REQUEST", "JPN", "CHN"),
        (
            "Japan warned that China is building military bases on the reefs.",
            "ACCUSE",
            "JPN",
            "CHN",
        ),
        (
            "Japan warned China that it would retaliate against any blockade.",
            "THREATEN",
            "JPN",
            "CHN",
        ),
        ("Archbishop Desmond Tutu called for sanctions against Nigeria.", "ACCUSE", None, "NGA"),
        ("The European Union urged China to impose sanctions on Iran.", "REQUEST", "EUU", "CHN"),
        (
            "Egypt expressed its rejection and condemnation of the Israeli raid.",
            "ACCUSE",
            "EGY",
            None,
        ),
        (
            "Amnesty International released a report accusing the Nigerian army of abuses.",
            "ACCUSE",
            None,
            "NGA",
        ),
        (
            "Erdogan's critics say he has used the crisis to silence the press.",
            "ACCUSE",
            None,
            "TUR",
        ),
        (
            "The United States and Japan reached an agreement on steel tariffs.",
            "SUPPORT",
            "USA",
            None,
        ),
        (
            "The United States and Japan failed to reach agreement on steel tariffs.",
            "REJECT",
            "USA",
            None,
        ),
        ("Kenya deployed 300 troops to Haiti on a peacekeeping mission.", "AID", "KEN", "HTI"),
        ("Norway admitted more than 2,000 Syrian refugees last year.", "AID", "NOR", "SYR"),
        ("Canada provided $45 million in support for farmers in Ghana.", "AID", "CAN", "GHA"),
        ("North Korean hackers attacked South Korean banks.", "COERCE", "PRK", "KOR"),
        (
            "The U.S. embassy has been the target of a Russian disinformation campaign.",
            "COERCE",
            "RUS",
            "USA",
        ),
        ("North Korea exported a million artillery shells to Russia.", "AID", "PRK", "RUS"),
        ("The U.S. military has been training Syrian opposition forces.", "AID", "USA", "SYR"),
        ("Sweden provided $28 million to help people in Yemen.", "AID", "SWE", "YEM"),
        ("The United States lifted its embargo against Libya.", "RETREAT", "USA", "LBY"),
        ("The United States pushed back against calls for a ceasefire.", "REJECT", "USA", None),
        ("Canada lamented the world's inaction on Haiti.", "ACCUSE", "CAN", None),
        ("The United States does not support forced relocations.", "ACCUSE", "USA", None),
        ("Pirates seized a Maltese-flagged vessel off Somalia.", "ASSAULT", None, "MLT"),
        ("The Indian Navy has been deployed in the Gulf of Aden.", "MOBILIZE", "IND", None),
        ("Jordan said the country had admitted a million Syrian refugees.", "AID", "JOR", "SYR"),
        ("Security organs across China have investigated 4,800 cases.", "ACCUSE", "CHN", None),
        ("Afghan President Ashraf Ghani announced a cease-fire.", "RETREAT", "AFG", None),
        ("President Trump granted a full pardon to Conrad Black.", "CONCEDE", "USA", None),
        ("Two Russians were released from captivity in Libya.", "RETREAT", "LBY", "RUS"),
    ],
)
def test_events_reading_codes_the_act_the_sentence_tells(
    nlp: Any, text: str, kind: str, source: str | None, target: str | None
) -> None:
    events = events_of(text)
    assert has_event(events, kind, source, target), [(e.type, e.source, e.target) for e in events]


def test_events_reading_a_persons_attack_without_violence_is_criticism(nlp: Any) -> None:
    text = (
        "Former prime minister Paul Keating launched an extraordinary attack on the spy chiefs, "
        "calling them reckless."
    )
    events = events_of(text)
    assert has_event(events, "ACCUSE") and not has_event(events, "ASSAULT")


def test_events_reading_a_persons_attack_with_violence_stays_assault(nlp: Any) -> None:
    events = events_of("Erdogan ordered air and ground assaults on Kurdish fighters in Syria.")
    assert not has_event(events, "ACCUSE")


def test_events_reading_acts_on_people_fall_on_the_storys_setting(nlp: Any) -> None:
    text = (
        "Fighting continued in Mosul on Monday. Residents in Mosul said food was short. "
        "Aid workers in Basra and in Mosul reported long queues.\n\n"
        "The Turkish army detained 40 people and searched their homes."
    )
    events = events_of(text)
    assert has_event(events, "COERCE", "TUR", "IRQ"), [(e.type, e.source, e.target) for e in events]


def test_events_reading_an_object_pronoun_is_not_its_own_subject(nlp: Any) -> None:
    text = (
        "Aid workers in Gaza and in Rafah said the clinic in Gaza was full. "
        "The Israeli army surrounded the clinic and raided it on Tuesday."
    )
    raids = [e for e in events_of(text) if e.trigger and e.trigger.text == "raided"]
    assert raids and "ISR" not in raids[0].target


def test_events_reading_the_trade_war_is_the_storys_two_sides(nlp: Any) -> None:
    text = (
        "The United States and China met again in Washington. China said the United States "
        "must cut tariffs, and the United States said China must buy more soybeans. "
        "Beijing and Washington traded accusations.\n\n"
        "More than a year into the trade war, farmers are worried."
    )
    events = events_of(text)
    war = [e for e in events if e.trigger and e.trigger.text == "war"]
    assert war and set(war[0].source) == {"USA", "CHN"} and war[0].type == "SANCTION"


def test_events_reading_a_sentence_opening_pronoun_carries_the_last_subject(nlp: Any) -> None:
    text = (
        "The Israeli military said more troops were on the way. "
        "On Friday, it ordered thousands of residents of Gaza to leave their homes."
    )
    orders = [e for e in events_of(text) if e.type == "COERCE"]
    assert orders and "ISR" in orders[0].source


def test_events_reading_a_two_country_storys_acts_are_aimed_at_the_other_side(nlp: Any) -> None:
    text = (
        "China and the United States resumed trade talks in Beijing. The United States wants "
        "China to buy more soybeans, and China wants the United States to cut tariffs.\n\n"
        "Beijing is balking at committing to a specific amount of purchases."
    )
    balks = [e for e in events_of(text) if e.type == "REJECT"]
    assert balks and balks[0].source == ["CHN"] and balks[0].target == ["USA"]


def test_events_reading_announcing_the_other_sides_casualties_claims_the_attack(
    nlp: Any,
) -> None:
    text = (
        "Fighting raged in Gaza and in Khan Yunis. Residents in Gaza fled south. "
        "Hamas announced that seven Israeli soldiers were killed or wounded in the clashes."
    )
    attacks = [e for e in events_of(text) if e.type == "ASSAULT" and "ISR" in e.target]
    assert len(attacks) == 1 and "PSE" in attacks[0].source


def test_events_reading_acts_dated_apart_in_one_sentence_stay_apart(nlp: Any) -> None:
    text = (
        "North Korea has conducted 100 missile tests in the last year, and it staged its first "
        "long-range missile test in five months on Monday."
    )
    tests = [e for e in events_of(text, "2023-12-20") if e.type == "MOBILIZE"]
    assert len(tests) == 2


def test_events_reading_a_ship_is_its_flag_states(nlp: Any) -> None:
    text = (
        "The Indian Navy rendered help to a merchant vessel after the Liberian-flagged ship "
        "was hit by a drone in the Arabian Sea."
    )
    helps = [e for e in events_of(text) if e.type == "AID"]
    assert helps and "LBR" in helps[0].target
