"""Where a story happens: its dateline's country, else the country its places mostly lie in.

An act on people or places ("raided the hospital", "detained 240 people", "an airstrike
killed six") whose text names no recipient falls on the country where it happens. A reader
takes that country from the story's dateline ("RAFAH, Gaza Strip (AP) —") or, when there is
none, from the setting the story has established: the country most of its locative phrases
("in Gaza", "at the Rafah crossing", "across northern Gaza") point at, when one clearly leads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..model import Actor
from .countries import find_countries
from .places import country_of_place

_LOCATIVE = frozenset(
    {"in", "at", "inside", "across", "throughout", "near", "around", "into", "outside"}
)
_DASHES = frozenset({"—", "–", "--", "-"})
MIN_SETTING = 3
"""Locative mentions the leading country needs to be the story's setting."""


def after_dateline(sent: Any) -> int:
    """Return where a line starts once its dateline is cut ("HANOI, Vietnam (AP) — ...")."""
    first = sent[0]
    if not (first.is_alpha and first.is_upper and len(first) > 1):
        return int(sent.start)
    for token in sent[:10]:
        if token.i == sent.start:
            continue
        if token.text in _DASHES and token.whitespace_ and token.nbor(-1).whitespace_:
            before = sent.doc[sent.start : token.i]
            if any(t.text == "(" for t in before) or all(
                t.is_upper or t.is_punct for t in before if not t.is_space
            ):
                return int(token.i) + 1
        if token.pos_ == "VERB":
            break
    return int(sent.start)


def dateline_country(lead: Any) -> list[str]:
    """Return the country a story is filed from, by the dateline opening its lead.

    Only a wire-style dateline counts ("RAFAH, Gaza Strip (AP) —", "SHANGHAI:"): a byline's
    place ("William Yang in Taipei") says where the writer is, not where the story happens.
    """
    start = after_dateline(lead)
    if start == lead.start:
        colon = next((t for t in lead[:4] if t.text == ":"), None)
        if colon is None or not lead[0].is_upper:
            return []
        start = colon.i
    dateline = lead.doc[lead.start : start].text
    place = dateline.split(",")[0].strip(" —–-:(").strip()
    country = country_of_place(place) or country_of_place(place.title())
    if country:
        return [country]
    return list(dict.fromkeys(m.iso3 for m in find_countries(dateline) if m.iso3))[:1]


def story_setting(doc: Any, actors: Iterable[Actor]) -> list[str]:
    """Return the country the story's locative phrases mostly point at (module docstring).

    Each mention of a country or of a place with a country counts when its phrase is the
    object of a locative preposition; the leading country needs :data:`MIN_SETTING` such
    mentions and at least twice as many as any other.
    """
    counts: Counter[str] = Counter()
    mentions = [(m.start, m.end, a) for a in actors for m in a.mentions]
    for start, end, actor in mentions:
        code = actor.id if actor.kind == "country" else actor.country
        if not code or actor.kind not in ("country", "place"):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        for _ in range(3):  # "northern Gaza", "the Gaza Strip", "Rafah, south of the Strip"
            if head.dep_ not in ("compound", "amod", "nmod", "poss", "appos", "conj"):
                break
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE:
            counts[code] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MIN_SETTING:
        return []
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return []
    return [ranked[0][0]]


def story_dyad(actors: Any) -> list[str]:
    """Return the two countries a story is about, when two clearly lead its mentions.

    Each mention of a country, or of a person or organisation with a country, counts for that
    country. The two leaders are the story's dyad when the first has at least 4 mentions, the
    second at least 3 and a third of the first's, and no third country has half the second's.
    "The war", "the trade war" or "the talks" that a sentence tells without its parties are
    the dyad's (:mod:`.events`).
    """
    counts: Counter[str] = Counter()
    for actor in actors:
        code = actor.id if actor.kind == "country" else actor.country
        if code and actor.kind in ("country", "person", "organization"):
            counts[code] += len(actor.mentions)
    ranked = counts.most_common(3)
    if len(ranked) < 2:
        return []
    (first, a), (second, b) = ranked[0], ranked[1]
    third = ranked[2][1] if len(ranked) > 2 else 0
    if a < 4 or b < 3 or 3 * b < a or 2 * third >= b:
        return []
    return [first, second]
