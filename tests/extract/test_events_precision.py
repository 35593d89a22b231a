"""Tests of the event coder's third round (issue 12): invented news sentences, end to end.

Each case runs the default pipeline (actors, dates, quotes, events) on a sentence written for
the test, and asserts what a user gets: the type, the actors, the status, or that nothing is
coded.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.analyze import analyze
from newsgraph.model import Article, Event


def _events(text: str, published: str = "2023-05-09") -> list[Event]:
    return analyze(Article(text=text, published=published)).events


def _has(
    events: list[Event], kind: str, source: str | None = None, target: str | None = None
) -> bool:
    return any(
        e.type == kind
        and (source is None or source in e.source)
        and (target is None or target in e.target)
        for e in events
    )


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
    assert _has(_events(text), kind, source)


def test_events_act_that_breaks_out_takes_the_verbs_parties(nlp: Any) -> None:
    events = _events("Violent clashes erupted between Armenian and Azerbaijani troops on Monday.")
    assert _has(events, "ASSAULT", "ARM") and _has(events, "ASSAULT", "AZE")


def test_events_attack_told_with_malware_is_cyber_coercion() -> None:
    events = _events(
        "North Korea carried out ransomware attacks on hospitals in South Korea last year."
    )
    assert _has(events, "COERCE", "PRK", "KOR")
    assert not _has(events, "ASSAULT")
