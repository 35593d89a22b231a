"""Actors: every mention of a country, person, organisation or place, resolved to one actor.

The ``actors`` extractor reads the shared spaCy ``Doc`` (no second parse) and fills
``Analysis.actors``. Ids are stable across articles: ISO 3166-1 alpha-3 for countries,
``person:<slug of the full name>``, ``org:<slug>`` and ``place:<slug>``. Every mention is a
:class:`~newsgraph.model.Span` with exact offsets into ``article.text``.

- Countries come from :func:`newsgraph.extract.countries.find_countries` (names, "the US",
  demonyms, capitals and seats of power).
- People are joined across full name, surname, honorific + surname and descriptors; roles come
  from pre-name titles and appositions (:mod:`newsgraph.extract.people`). With the article's
  publication date, the office-holder table resolves a bare surname ("Yoon") or a descriptor
  ("the Japanese prime minister") to the person who held the office then.
- Organisations get a PLOVER sector and a country (:mod:`newsgraph.extract.organizations`).
- Places are cities and regions, with their country (:mod:`newsgraph.extract.places`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..model import Actor, Analysis, Role, Span
from ..nlp import doc_text
from . import register
from .countries import country_name, find_countries, find_regions
from .cues import SPEECH_KINDS, cue_kind
from .doc_index import entities, entity_starting_at
from .intervals import Coverage, SpanIndex
from .names import given_name_gender, person_bounds, speaker_names
from .offices import former_holder, holder_by_name, holder_for_title
from .organizations import (
    KnownOrg,
    clean_org_name,
    is_unit,
    known_org,
    org_id,
    org_sector,
    sector_from_words,
    slugify,
)
from .people import (
    POSSESSIVES,
    Apposition,
    apposition_after,
    based_in,
    is_honorific,
    is_title,
    join_key,
    join_keys,
    make_role,
    name_parts,
    normalize_title,
    noun_after,
    split_country_prefix,
    title_across_comma,
    title_before,
    title_sector,
)
from .person_countries import place_people
from .places import country_of_place, find_place
from .quote_words import quote_words

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

MAX_ORG_EXTENSION = 5
"""How many tokens past spaCy's ORG entity a known organisation name may run on."""

MIN_NORP_PLACE_POPULATION = 50_000
"""A NORP entity ("Samarra" mis-tagged) is a place only when it names a city this large."""

__all__ = ["extract_actors", "find_actors", "person_id", "published_date", "resolve_person"]


def person_id(name: str) -> str:
    """Return the stable id of a person: ``person:<slug of the full name>``.

    Example:
        >>> person_id("Lee Jae-Myung")
        'person:lee-jae-myung'
    """
    return "person:" + slugify(name)


def published_date(value: str | None) -> date | None:
    """Return the publication date of an article ("2023-05-09T10:00" -> 2023-05-09), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass
class _Draft:
    """An actor being assembled: mentions and roles are added as the rules find them."""

    id: str
    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    roles: list[Role] = field(default_factory=list)
    mentions: dict[tuple[int, int], Span] = field(default_factory=dict)
    titles: list[Span] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None

    def mention(self, text: str, start: int, end: int) -> None:
        while start < end and text[start] == " ":
            start += 1
        if start < end:
            self.mentions.setdefault((start, end), Span(start, end, text[start:end]))

    def role(self, role: Role) -> None:
        if (role.title or role.organization) and role not in self.roles:
            self.roles.append(role)
        self.country = self.country or role.country

    def actor(self) -> Actor:
        mentions = sorted(self.mentions.values(), key=lambda s: (s.start, s.end))
        return Actor(
            self.id,
            self.kind,
            self.name,
            self.country,
            self.sector,
            self.roles,
            mentions,
            lat=self.lat,
            lon=self.lon,
        )


class _Countries:
    """The country mentions of one text, looked up by exact character range."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.mentions = find_countries(text)
        self.by_range = {(m.start, m.end): m.iso3 for m in self.mentions}
        self.kinds = {(m.start, m.end): m.kind for m in self.mentions}
        self.index = SpanIndex(self.mentions, lambda m: (m.start, m.end))

    def at(self, start: int, end: int) -> str | None:
        """Return the country named by exactly ``text[start:end]`` (a leading "the" allowed)."""
        if self.text[start:end].lower().startswith("the "):
            start += 4
        return self.by_range.get((start, end))

    def demonym_at(self, start: int, end: int) -> str | None:
        """Return the country whose demonym is exactly ``text[start:end]``."""
        iso3 = self.at(start, end)
        return iso3 if iso3 and self.kinds.get((start, end)) == "demonym" else None

    def overlapping(self, start: int, end: int) -> list[str]:
        """Return the countries mentioned inside ``text[start:end]``."""
        return [m.iso3 for m in self.index.overlapping(start, end)]


def _place_country(name: str) -> str | None:
    place = find_place(name)
    return place.country if place else None


def find_actors(doc: Any, published: date | None = None) -> list[Actor]:
    """Return the actors of a parsed article: countries, people, organisations and places.

    Args:
        doc: the spaCy ``Doc`` of ``article.text``.
        published: the publication date; without it the office-holder table is not used.

    Returns:
        Actors in the order countries, people, organisations, places; each kind in the order
        of its first mention. People the text does not place are placed by the story
        (:mod:`.person_countries`).
    """
    text = doc_text(doc)
    countries = _Countries(text)
    people = _people(doc, countries, published)
    taken = Coverage(len(text), [(s.start, s.end) for d in people for s in d.mentions.values()])
    for span in (s for d in people for s in d.titles):
        taken.add(span.start, span.end)
    orgs = _organizations(doc, countries, people, taken)
    for span in (s for d in orgs for s in d.mentions.values()):
        taken.add(span.start, span.end)
    places = _places(doc, countries, taken)
    drafts = [*_country_actors(countries), *people, *orgs, *places]
    actors = [d.actor() for d in drafts if d.mentions]
    place_people(doc, actors, published)
    return actors


def _country_actors(countries: _Countries) -> list[_Draft]:
    drafts: dict[str, _Draft] = {}
    for m in countries.mentions:
        if m.iso3 not in drafts:
            try:
                name = country_name(m.iso3)
            except KeyError:
                name = m.iso3
            drafts[m.iso3] = _Draft(m.iso3, "country", name, m.iso3)
        drafts[m.iso3].mention(countries.text, m.start, m.end)
    return list(drafts.values())


# ---------------------------------------------------------------------------------- people


def _person_ents(doc: Any, countries: _Countries) -> list[Any]:
    """Return the spans that name a person (:func:`newsgraph.extract.names.person_bounds`).

    PERSON entities trimmed of titles and widened over particles and hyphens; not one that is
    only a country or a known place ("Rafah") with no given name in it; plus the sources of
    speech verbs that the model did not tag as people (:func:`.names.speaker_names`).
    """
    found = []
    places = {e.text for e in entities(doc) if e.label_ in ("GPE", "LOC")}
    for ent in entities(doc):
        if ent.label_ != "PERSON" or not ent.text[:1].isupper():
            continue
        start, end = person_bounds(doc, ent.start, ent.end, is_title)
        if start >= end:
            continue
        span = doc[start:end]
        if countries.overlapping(span.start_char, span.end_char) and len(span) == 1:
            continue
        if _is_place(doc, span, places):
            continue
        found.append(span)
    taken = [(s.start, s.end) for s in found]
    for start, end in speaker_names(doc, is_title, _speech_cue, _org_word):
        if not any(s < end and start < e for s, e in taken):
            found.append(doc[start:end])
    return sorted(found, key=lambda s: s.start)


_LOCATIVE = frozenset({"in", "at", "near", "from", "into", "across", "outside", "inside", "around"})


def _is_place(doc: Any, span: Any, places: set[str]) -> bool:
    """Whether a PERSON entity is a place the model took for a person.

    A name of several words that is a known place and holds no given name ("Khan Younis"); a
    single word only when the article also tags it a place, or it follows "in", "near" …
    (a lone surname such as "Bush" or "Rubio" is also a town somewhere).
    """
    if find_place(span.text) is None:
        return False
    if len(span) > 1:
        return not any(given_name_gender(t.text) for t in span if t.is_alpha)
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return span.text in places or before in _LOCATIVE


def _speech_cue(token: Any) -> bool:
    return cue_kind(token) in SPEECH_KINDS


def _org_word(word: str) -> bool:
    return (
        sector_from_words(word) is not None
        or is_unit(word)
        or word.lower() in quote_words().organization_nouns
    )


def _people(doc: Any, countries: _Countries, published: date | None) -> list[_Draft]:
    text = doc_text(doc)
    ents = _person_ents(doc, countries)
    full_names = sorted({" ".join(e.text.split()) for e in ents}, key=len, reverse=True)
    joined = join_keys(full_names)
    canonical = {name: joined[name] or name for name in full_names}
    for name, target in list(canonical.items()):
        if target == name and len(name.split()) == 1 and published is not None:
            holder = holder_by_name(name, published)
            if holder is not None:
                canonical[name] = holder.name
    drafts: dict[str, _Draft] = {}

    def draft_for(name: str) -> _Draft:
        key = person_id(name)
        if key not in drafts:
            drafts[key] = _Draft(key, "person", name)
        return drafts[key]

    for ent in ents:
        draft = draft_for(canonical[" ".join(ent.text.split())])
        title = title_before(doc, ent.start, countries.at)
        start = ent.start_char
        if title is not None and title.honorific:
            start = doc[title.start].idx
        elif title is not None:
            draft.role(make_role(title.text, title.organization, title.country))
            first = doc[title.start]
            draft.titles.append(Span(first.idx, ent.start_char, text[first.idx : ent.start_char]))
            draft.sector = draft.sector or title_sector(title.text)
        draft.mention(text, start, ent.end_char)
        appo = apposition_after(doc, ent.end, countries.at, _place_country)
        if appo is not None:
            _apply_apposition(draft, appo)
        before = title_across_comma(doc, ent.start, ent.end, countries.at)
        if before is not None:  # "the Greek Foreign Minister, Giorgos Gerapetritis,"
            draft.role(make_role(before.text, before.organization, before.country))
            draft.sector = draft.sector or title_sector(before.text)
    _surname_mentions(doc, drafts, countries)
    if published is not None:
        _descriptor_mentions(doc, countries, published, drafts)
        _office_roles(drafts, published)
    return sorted(drafts.values(), key=lambda d: min(d.mentions, default=(0, 0)))


def _apply_apposition(draft: _Draft, appo: Apposition) -> None:
    draft.role(make_role(appo.title, appo.organization, appo.country))
    sector = org_sector(appo.organization, appo.context) if appo.organization else None
    draft.sector = draft.sector or sector or title_sector(appo.title)


def _surname_mentions(doc: Any, drafts: dict[str, _Draft], countries: _Countries) -> None:
    """Add mentions of a person by one part of the name, whatever entity label spaCy gave."""
    aliases: dict[str, set[str]] = {}
    for draft in drafts.values():
        parts = name_parts(draft.name)
        seen_alone = {s.text for s in draft.mentions.values() if len(s.text.split()) == 1}
        for alias in {parts[-1], *seen_alone} if parts else seen_alone:
            aliases.setdefault(alias, set()).add(draft.id)
    taken = {i for d in drafts.values() for (s, e) in d.mentions for i in range(s, e)}
    for token in doc:
        owners = aliases.get(token.text)
        if not owners or len(owners) != 1 or token.idx in taken:
            continue
        if countries.overlapping(token.idx, token.idx + len(token)):
            continue
        drafts[next(iter(owners))].mention(doc_text(doc), token.idx, token.idx + len(token))


def _descriptor_mentions(
    doc: Any, countries: _Countries, published: date, drafts: dict[str, _Draft]
) -> None:
    """Resolve "the Japanese prime minister" and "China's foreign minister" by the table."""
    for m in countries.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        before = doc[span.start - 1] if span.start > 0 else None
        after = span.end
        if after < len(doc) and doc[after].text in POSSESSIVES:
            after += 1
        elif before is None or before.lower_ != "the":
            continue
        title_end = _title_from(doc, after)
        if title_end is None:
            continue
        nxt = doc[title_end] if title_end < len(doc) else None
        if nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.pos_ == "PROPN"):
            continue
        title = doc[after:title_end].text
        holder = holder_for_title(m.iso3, title, published)
        if holder is None:
            continue
        key = person_id(holder.name)
        draft = drafts.setdefault(key, _Draft(key, "person", holder.name))
        start = before.idx if before is not None and before.lower_ == "the" else m.start
        draft.mention(doc_text(doc), start, doc[title_end - 1].idx + len(doc[title_end - 1]))
        draft.role(make_role(holder.title, None, holder.country))


def _title_from(doc: Any, start: int) -> int | None:
    """Return the end of the longest title starting at token ``start`` (not a modifier alone)."""
    best = None
    for k in range(1, 6):
        if start + k > len(doc) or not doc[start + k - 1].is_alpha:
            break
        words = doc[start : start + k].text
        if is_title(words) and not normalize_title(words).startswith("former"):
            best = start + k
    return best


def _office_roles(drafts: dict[str, _Draft], published: date) -> None:
    """Give a country to people the text names fully but does not place, from the table."""
    for draft in drafts.values():
        if draft.country is None and len(draft.name.split()) > 1:
            holder = holder_by_name(draft.name, published)
            if holder is not None and slugify(holder.name) == slugify(draft.name):
                draft.role(make_role(holder.title, None, holder.country))
                continue
            former = former_holder(draft.name, published)
            if former is not None:  # "Evo Morales" after 2019: Bolivia's former President
                draft.role(make_role(f"former {former.title}", None, former.country))


# --------------------------------------------------------------------------- organisations


def _organizations(
    doc: Any, countries: _Countries, people: list[_Draft], taken: Coverage
) -> list[_Draft]:
    text = doc_text(doc)
    drafts: dict[str, _Draft] = {}
    aliases: dict[str, str] = {}
    for ent in entities(doc):
        if ent.label_ not in ("ORG", "GPE", "NORP"):
            continue
        ent = _before_bracket(doc, ent)
        ent, known = _longest_known_org(doc, ent)
        if ent.label_ != "ORG" and known is None:
            continue
        if taken.overlaps(ent.start_char, ent.end_char):
            continue
        if countries.at(ent.start_char, ent.end_char):
            continue
        name, country = split_country_prefix(ent, countries.demonym_at)
        if known is not None:
            name, country = known.name, known.country or country
        key = aliases.get(name.lower()) or org_id(name)
        if key not in drafts:
            drafts[key] = _Draft(key, "organization", name)
        draft = drafts[key]
        start = ent.start_char
        if doc[ent.start].lower_ == "the":
            start = doc[ent.start + 1].idx if len(ent) > 1 else start
        draft.mention(text, start, ent.end_char)
        context = noun_after(doc, ent.end, len(doc))
        draft.sector = draft.sector or org_sector(name, context)
        draft.country = draft.country or country or _org_country(doc, ent, countries)
        abbreviation = _abbreviation_after(doc, ent.end)
        if abbreviation:
            aliases[abbreviation.lower()] = key
    _abbreviation_mentions(doc, drafts, aliases, taken)
    for person in people:
        for n, role in enumerate(person.roles):
            if role.organization:
                key = aliases.get(role.organization.lower()) or org_id(role.organization)
                first = min(person.mentions, default=(0, 0))[0]
                found = drafts.get(key) or _org_by_words(role.organization, drafts, first)
                if found is not None and role.country and found.country is None:
                    if found.sector != "IGO":  # a delegate's country is not the IMF's
                        found.country = role.country
                elif found is not None and found.country and not role.country:
                    person.roles[n] = Role(role.title, role.organization, found.country)
                    person.country = person.country or found.country
    return sorted(drafts.values(), key=lambda d: min(d.mentions, default=(0, 0)))


def _org_by_words(name: str, drafts: dict[str, _Draft], before: int) -> _Draft | None:
    """The organisation named last before ``before`` whose name holds every word of ``name``.

    ("The Ministry's spokesperson" works for the "Ministry of Health" named before.)
    """
    words = set(clean_org_name(name).lower().split())
    found = [
        (max((s for s, _ in d.mentions if s < before), default=-1), d)
        for d in drafts.values()
        if words and words <= set(d.name.lower().split())
    ]
    found = [(at, d) for at, d in found if at >= 0]
    return max(found, key=lambda f: f[0])[1] if found else None


def _longest_known_org(doc: Any, ent: Any) -> tuple[Any, KnownOrg | None]:
    """Return the entity, extended to the right when a known name goes on past it.

    spaCy may cut "the Liberation Tigers of Tamil Eelam" after "Tigers".
    """
    for end in range(min(len(doc), ent.end + MAX_ORG_EXTENSION), ent.end, -1):
        if doc[end - 1].is_alpha and doc[end - 1].text[:1].isupper():
            known = known_org(doc[ent.start : end].text)
            if known is not None:
                return doc[ent.start : end], known
    return ent, known_org(ent.text)


def _before_bracket(doc: Any, ent: Any) -> Any:
    """An entity cut before a bracket the model took into it ("World Health Organization (WHO")."""
    for i in range(ent.start + 1, ent.end):
        if doc[i].text == "(":
            return doc[ent.start : i]
    return ent


def _abbreviation_mentions(
    doc: Any, drafts: dict[str, _Draft], aliases: dict[str, str], taken: Coverage
) -> None:
    """Add the mentions of an organisation by the abbreviation it was introduced with.

    ("the World Health Organization (WHO) said … WHO pointed out …": the model often leaves a
    bare abbreviation untagged.)
    """
    text = doc_text(doc)
    named = Coverage(
        len(text), [(s.start, s.end) for d in drafts.values() for s in d.mentions.values()]
    )
    for token in doc:
        key = aliases.get(token.lower_)
        if key is None or key not in drafts or not token.text.isupper():
            continue
        start, end = token.idx, token.idx + len(token.text)
        if not (taken.overlaps(start, end) or named.overlaps(start, end)):
            drafts[key].mention(text, start, end)


def _abbreviation_after(doc: Any, end: int) -> str | None:
    """Return "ICU" from "International Christian University (ICU)"."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        token = str(doc[end + 1].text)
        if token.isupper() and token.isalpha():
            return token
    return None


def _org_country(doc: Any, ent: Any, countries: _Countries) -> str | None:
    """Return the country an organisation's name or its neighbours place it in."""
    inside = countries.overlapping(ent.start_char, ent.end_char)
    if len(set(inside)) == 1:
        return inside[0]
    based = based_in(doc, ent.start, countries.at, _place_country)
    if based:
        return based
    i = ent.end
    if i + 3 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
        i += 3
    if i + 1 < len(doc) and doc[i].lower_ == "in":
        place = entity_starting_at(doc, i + 1)
        if place is not None and place.label_ in ("GPE", "LOC"):
            return countries.at(place.start_char, place.end_char) or _place_country(place.text)
    return None


# ---------------------------------------------------------------------------------- places


def _places(doc: Any, countries: _Countries, taken: Coverage) -> list[_Draft]:
    text = doc_text(doc)
    drafts: dict[str, _Draft] = {}
    spans: list[tuple[int, int, str]] = [(r.start, r.end, r.region) for r in find_regions(text)]
    for ent in entities(doc):
        if ent.label_ in ("GPE", "LOC", "FAC"):
            spans.append((ent.start_char, ent.end_char, ent.text))
        elif ent.label_ == "NORP":
            place = find_place(ent.text)
            if place is not None and place.population >= MIN_NORP_PLACE_POPULATION:
                spans.append((ent.start_char, ent.end_char, ent.text))
    for start, end, name in sorted(spans):
        if taken.overlaps(start, end) or countries.overlapping(start, end):
            continue
        place = find_place(name)
        if place is None and not name[:1].isupper():
            continue
        canonical = place.name if place else clean_org_name(name)
        key = "place:" + slugify(canonical)
        if key not in drafts:
            country = place.country if place else country_of_place(name)
            drafts[key] = _Draft(key, "place", canonical, country)
            if place is not None:
                drafts[key].lat, drafts[key].lon = place.lat, place.lon
        drafts[key].mention(text, start, end)
        taken.add(start, end)
    return list(drafts.values())


# -------------------------------------------------------------------------------- resolving


def resolve_person(text: str, actors: list[Actor]) -> str | None:
    """Return the id of the person a surname or descriptor refers to, or None.

    "Lopez" -> the person whose name ends in Lopez; "the expert" -> the one person whose role
    title contains "expert"; "the South Korean leader" -> the one person of KOR whose role
    title is "leader" (a government one when several are).

    Args:
        text: a name part ("Lopez"), "Mr. Lopez", or a descriptor ("the expert").
        actors: the actors of the same article.

    Returns:
        The person's id, or None when nothing or more than one person fits.
    """
    people = [a for a in actors if a.kind == "person"]
    words = [w for w in text.split() if w.lower() not in ("the", "a", "an") and not is_honorific(w)]
    if not words:
        return None
    if words[0][:1].isupper() and not is_title(words[-1]):
        name = " ".join(w for w in words if not is_title(w)) or " ".join(words)
        full = join_key(name, [p.name for p in people]) or name
        hits = [p.id for p in people if p.name == full]
        return hits[0] if len(hits) == 1 else None
    head = normalize_title(words[-1])
    country = _descriptor_country(" ".join(words[:-1]))
    fits = [
        p
        for p in people
        if any(head in normalize_title(r.title or "") for r in p.roles)
        and (country is None or p.country == country)
    ]
    if len(fits) > 1 and country is not None:
        # "the South Korean leader" is the country's leader, not a party's.
        fits = [p for p in fits if p.sector == "government"]
    return fits[0].id if len(fits) == 1 else None


def _descriptor_country(text: str) -> str | None:
    mentions = find_countries(text) if text else []
    return mentions[0].iso3 if mentions else None


# ------------------------------------------------------------------------------- extractor


@register("actors", assigns=("actors",))
def extract_actors(analysis: Analysis, doc: Doc | None) -> None:
    """Fill ``analysis.actors`` from the parsed article (the registered ``actors`` extractor)."""
    analysis.actors = find_actors(doc, published_date(analysis.article.published))
