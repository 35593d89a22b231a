"""The story's main happenings: one to three events marked ``main`` from headline and lead.

A news story puts what it is about in its headline, its standfirst and its lead (the first
sentence or two of the body). An event is a candidate when it is told in the lead or in the
standfirst; it scores for being in the first sentence, and for matching the headline (the
headline's own events, or its words naming the event's act or actors). The best one to three
candidates are marked; an article with events but no candidate marks its first event, so that
every article that has events says what it is about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Event

MAX_MAIN = 3
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Lead:
    """Where the story states its main happenings, as character spans of ``article.text``."""

    sentences: tuple[tuple[int, int], ...] = ()
    """The first prose sentences of the body, in order (at most two)."""
    standfirst: tuple[int, int] | None = None
    title: str = ""


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.lower()) if len(w) > 3}


def _position(event: Event, lead: Lead) -> int | None:
    start = event.evidence.start
    for rank, (a, b) in enumerate(lead.sentences):
        if a <= start < b:
            return rank
    if lead.standfirst is not None and lead.standfirst[0] <= start < lead.standfirst[1]:
        return 0
    return None


def _headline_score(event: Event, headline: Sequence[Event], title_stems: set[str]) -> int:
    score = 0
    if any(h.type == event.type for h in headline) or (
        event.trigger is not None and _stems(event.trigger.text) & title_stems
    ):
        score += 2
    actors = set(event.source) | set(event.target)
    named = {a for h in headline for a in (*h.source, *h.target)}
    if actors & named:
        score += 1
    return score


def mark_main(events: Sequence[Event], headline: Sequence[Event], lead: Lead) -> None:
    """Set ``main`` on the story's one to three main events (module docstring)."""
    for event in events:
        event.main = False
    if not events:
        return
    title_stems = _stems(lead.title)
    scored = []
    for index, event in enumerate(events):
        rank = _position(event, lead)
        if rank is None:
            continue
        score = (2 if rank == 0 else 0) + _headline_score(event, headline, title_stems)
        if event.status == "occurred" or event.type == "THREATEN":
            score += 1
        scored.append((score, rank, index))
    chosen = [i for score, _, i in sorted(scored, key=lambda s: (-s[0], s[1], s[2])) if score >= 3]
    if not chosen and scored:
        chosen = [min(scored, key=lambda s: (-s[0], s[1], s[2]))[2]]
    if not chosen:
        chosen = [0]
    for index in chosen[:MAX_MAIN]:
        events[index].main = True
