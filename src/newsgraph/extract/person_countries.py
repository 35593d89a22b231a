"""A person's country when the text gives none: the officials' country, or the story's setting.

A reader places a person the text does not place by what the story has already settled:

- an official title with no country ("national security adviser Jane Roe", "the late Sen.
  John Doe", "Public Ombudsman Ana Pérez") is an office of the government whose officials the
  story quotes: the country whose placed officials it names most, or, failing that, the one
  country the story is about (as for "the government" or "police" in :mod:`.event_actors`).
  Officials named in the same sentence do not count: "President X called Ethiopian
  President Y" sets the two apart. Nor is a known office holder placed so, nor a title of
  the office-holder table ("President", "Prime Minister"): the table knows who holds those;
- a person with a role that is no office, no expertise and of no organisation ("journalist
  Ali Hassan", "the boy's grandfather, Omar Said") is from where the story happens: the
  country most of its locative phrases point at (:func:`.event_setting.story_setting`). A
  dateline alone does not place them: it says where the reporter files from.

A person of an organisation is that organisation's (:mod:`.actors`), not placed here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from ..knowledge.titles import normalize_title, title_sector
from ..model import Actor, Role
from .doc_index import sentence_bounds
from .event_holders import holder_country, home_country
from .event_setting import story_setting
from .offices import office_for_title
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


MIN_OFFICIAL_MENTIONS = 3
"""Mentions the placed officials of the leading country need: a leader named once or twice
in passing (a dictator of a past war, a prime minister quoted for an aphorism) places no one."""


class OfficialsCountry:
    """The country whose placed officials hold most of a story's officials' mentions.

    Each mention of a person with a country and a title of state office (or a former one),
    or of a known office holder (:func:`.event_holders.holder_country`, as the events read
    them in an undated text), counts for that country, unless a sentence names both them and
    the person to place; the leader needs :data:`MIN_OFFICIAL_MENTIONS` and more than half of
    all. The officials and their sentences are read once per story, so placing every person
    costs the officials who share a sentence with them, not all the story's officials.
    """

    def __init__(self, doc: Any, people: Sequence[Actor]) -> None:
        self._doc = doc
        self._total: Counter[str] = Counter()
        self._officials: list[tuple[str, int]] = []  # (country, mentions)
        self._by_sentence: dict[int, list[int]] = {}  # sentence start -> officials in it
        for other in people:
            full = len(other.name.split()) > 1  # a surname alone is ambiguous
            holder = holder_country(other.name) if full else None
            country = other.country or holder
            if not country or not (holder or _sectors(other) & (OFFICIAL_SECTORS | _FORMER)):
                continue
            index = len(self._officials)
            self._officials.append((country, len(other.mentions)))
            self._total[country] += len(other.mentions)
            for sentence in _sentences(doc, other):
                self._by_sentence.setdefault(sentence, []).append(index)

    def of(self, person: Actor) -> str | None:
        """Return the officials' country for ``person`` (class docstring), or None."""
        counts = Counter(self._total)
        beside = {i for s in _sentences(self._doc, person) for i in self._by_sentence.get(s, ())}
        for index in beside:
            country, mentions = self._officials[index]
            counts[country] -= mentions
        counts = +counts  # drop the countries left with no mention
        if not counts:
            return None
        country, count = counts.most_common(1)[0]
        enough = count >= MIN_OFFICIAL_MENTIONS and 2 * count > sum(counts.values())
        return country if enough else None


def _unplaced(person: Actor) -> bool:
    """Whether a person has a role but no country, and no organisation to take one from."""
    return (
        person.kind == "person"
        and person.country is None
        and any(r.title for r in person.roles)
        and not any(r.organization for r in person.roles)
    )


def _table_office(person: Actor, country: str, on: date) -> bool:
    """Whether a role names an office the office-holder table keeps ("President", "Premier").

    The table knows who holds those; a name it does not know there is not guessed to hold
    the officials' country's ("she advises President <a foreign head of state>").
    """
    return any(r.title and office_for_title(country, r.title, on) for r in person.roles)


def place_people(doc: Any, actors: Sequence[Actor], published: date | None = None) -> None:
    """Give a country to the people with a role and no country (module docstring).

    Officials take :class:`OfficialsCountry`, else the country the story is about
    (:func:`.event_holders.home_country`), with their roles of office; others whose
    roles are no office and no expertise take the story's setting. ``actors`` are changed
    in place.
    """
    people = [a for a in actors if a.kind == "person"]
    unplaced = [p for p in people if _unplaced(p)]
    if doc is None or not unplaced:
        return
    setting: list[str] | None = None
    home = home_country(actors)
    on = published or date.today()
    officials_country = OfficialsCountry(doc, people)
    officials: list[tuple[Actor, str]] = []  # placed after the loop: no one places another
    for person in unplaced:
        sectors = _sectors(person)
        if sectors & OFFICIAL_SECTORS:
            country = officials_country.of(person) or next(iter(home), None)
            known = holder_country(person.name) is not None  # the tables place them
            if country and not known and not _table_office(person, country, on):
                officials.append((person, country))
            continue
        if sectors & (_OUTSIDERS | _FORMER) or _expert(person):
            continue
        if setting is None:
            setting = story_setting(doc, actors)
        if setting:
            person.country = setting[0]
    for person, country in officials:
        _place_official(person, country)


def _place_official(person: Actor, country: str) -> None:
    """Give an official and their roles of state office the country found for them."""
    person.country = country
    person.roles = [
        Role(r.title, r.organization, country)
        if r.title and title_sector(r.title) in OFFICIAL_SECTORS
        else r
        for r in person.roles
    ]
