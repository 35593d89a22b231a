"""A person's country when the text gives none: the officials' country, or the story's setting.

A reader places a person the text does not place by what the story has already settled:

- an official title with no country ("national security adviser Jane Roe", "the late Sen.
  John Doe", "Public Ombudsman Ana Pérez") is an office of the government whose officials the
  story quotes: the country that more than half of its placed officials serve. Officials
  named in the same sentence do not count: "President X called Ethiopian President Y" sets
  the two apart. Nor is a known office holder placed so (the table knows their country);
- a person with a role that is no office, no expertise and of no organisation ("journalist
  Ali Hassan", "the boy's grandfather, Omar Said") is from where the story happens: the
  country most of its locative phrases point at (:func:`.event_setting.story_setting`). A
  dateline alone does not place them: it says where the reporter files from.

A person of an organisation is that organisation's (:mod:`.actors`), not placed here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..knowledge.titles import normalize_title, title_sector
from ..model import Actor, Role
from .doc_index import sentence_bounds
from .event_holders import holder_country
from .event_setting import story_setting
from .people import EXPERTISE

OFFICIAL_SECTORS = frozenset(
    {"government", "legislature", "military", "police", "judiciary", "intelligence"}
)
"""Sectors of a title that is a state office: it has a country even where the text names none."""

_FORMER = frozenset({"elite"})
"""Sectors of former office holders: they count among the officials placed, not as offices."""

_OUTSIDERS = frozenset({"academia", "think tank", "IGO", "NGO"})
"""Sectors of people a story quotes from outside its setting (experts, international staff)."""


def _sectors(person: Actor) -> set[str]:
    return {s for r in person.roles if r.title for s in [title_sector(r.title)] if s}


def _expert(person: Actor) -> bool:
    """Whether a role is a word of expertise ("a flood expert", "an analyst")."""
    return any(r.title and normalize_title(r.title).split()[-1] in EXPERTISE for r in person.roles)


def _sentences(doc: Any, actor: Actor) -> set[int]:
    """Return the first tokens of the sentences that mention ``actor``."""
    found = set()
    for mention in actor.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and len(span):
            found.add(sentence_bounds(doc, span.start)[0])
    return found


def officials_country(doc: Any, people: Sequence[Actor], person: Actor) -> str | None:
    """Return the country more than half of the placed officials serve, or None.

    Each person with a country and a title of state office (or a former one) counts once,
    unless a sentence names both them and ``person``.
    """
    counts: Counter[str] = Counter()
    own = _sentences(doc, person)
    for other in people:
        if not other.country or not _sectors(other) & (OFFICIAL_SECTORS | _FORMER):
            continue
        if not own & _sentences(doc, other):
            counts[other.country] += 1
    if not counts:
        return None
    country, count = counts.most_common(1)[0]
    return country if 2 * count > sum(counts.values()) else None


def _unplaced(person: Actor) -> bool:
    """Whether a person has a role but no country, and no organisation to take one from."""
    return (
        person.kind == "person"
        and person.country is None
        and any(r.title for r in person.roles)
        and not any(r.organization for r in person.roles)
    )


def place_people(doc: Any, actors: Sequence[Actor]) -> None:
    """Give a country to the people with a role and no country (module docstring).

    Officials take :func:`officials_country` (their roles of office with it); others whose
    roles are no office and no expertise take the story's setting. ``actors`` are changed
    in place.
    """
    people = [a for a in actors if a.kind == "person"]
    unplaced = [p for p in people if _unplaced(p)]
    if doc is None or not unplaced:
        return
    setting: list[str] | None = None
    for person in unplaced:
        sectors = _sectors(person)
        if sectors & OFFICIAL_SECTORS:
            officials = officials_country(doc, people, person)
            if officials and holder_country(person.name) is None:
                person.country = officials
                person.roles = [
                    Role(r.title, r.organization, officials)
                    if r.title and title_sector(r.title) in OFFICIAL_SECTORS
                    else r
                    for r in person.roles
                ]
            continue
        if sectors & (_OUTSIDERS | _FORMER) or _expert(person):
            continue
        if setting is None:
            setting = story_setting(doc, actors)
        if setting:
            person.country = setting[0]
