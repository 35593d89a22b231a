"""People: titles before names, appositions after them, and joining a person's mentions.

The rules read the tokens of one spaCy ``Doc`` around each PERSON entity:

- a pre-name title, possibly after a country ("China's Vice Foreign Minister Li Wei",
  "South Korean President Yoon Suk Yeol", "US President Joe Biden");
- an apposition after the name, up to the next comma ("Maria Lopez, professor at the
  International Christian University (ICU) in Japan, told DW"; "X, leader of the Y Party";
  "X, the foreign minister of Russia").

Role words, modifiers and honorifics live in ``knowledge/role_titles.csv``; nothing here is a
lexicon. Country and place look-ups are passed in as functions so that the rules can be tested
on hand-built Docs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..knowledge import load_json
from ..knowledge.titles import (  # the lexicon's look-ups, shared with corpus/
    has_role_word as has_role_word,
)
from ..knowledge.titles import is_honorific as is_honorific
from ..knowledge.titles import is_title as is_title
from ..knowledge.titles import normalize_title as normalize_title
from ..knowledge.titles import title_lexicon as title_lexicon
from ..knowledge.titles import title_sector as title_sector
from ..model import Role
from .doc_index import entities_within, entity_at, entity_starting_at, sentence_bounds
from .organizations import clean_org_name, is_unit, known_org, sector_from_words

MAX_TITLE_TOKENS = 6
"""The longest pre-name title considered, in tokens ("Deputy Secretary of State for ...")."""

MAX_APPOSITION_TOKENS = 40
"""An apposition longer than this is taken to be a clause, not a description."""

POSSESSIVES = frozenset({"'s", "’s", "'", "’"})

CountryAt = Callable[[int, int], str | None]
"""``(start_char, end_char) -> ISO3``: the country named exactly by that stretch of text."""

PlaceCountry = Callable[[str], str | None]
"""``name -> ISO3``: the country of a city or region."""


def _is_word(token: Any) -> bool:
    text = token.text
    return bool(token.is_alpha or "-" in text or (text.endswith(".") and text[:-1].isalpha()))


@dataclass(frozen=True)
class TitleMatch:
    """A title found next to a name: token range, its text and the country or org before it."""

    start: int
    end: int
    text: str
    country: str | None = None
    organization: str | None = None
    honorific: bool = False


def title_before(doc: Any, name_start: int, country_at: CountryAt) -> TitleMatch | None:
    """Return the title right before the token ``name_start`` ("Prime Minister" Fumio Kishida).

    The longest run of at most :data:`MAX_TITLE_TOKENS` tokens, in the same sentence, that is a
    role title wins. A country right before the title ("South Korean", "China's", "US")
    becomes the role's country; an organisation entity there becomes its organisation.
    """
    first = sentence_bounds(doc, name_start)[0]
    if first == name_start and name_start > 0 and doc[name_start - 1].text.endswith("."):
        first = sentence_bounds(doc, name_start - 1)[0]  # the parser ended a sentence at "Sen."
    if name_start > first and is_honorific(doc[name_start - 1].text):
        return TitleMatch(name_start - 1, name_start, doc[name_start - 1].text, honorific=True)
    best: TitleMatch | None = None
    for k in range(1, MAX_TITLE_TOKENS + 1):
        start = name_start - k
        if start < first or not _is_word(doc[start]):
            break
        span = doc[start:name_start]
        inside = entities_within(doc, start, name_start)
        if any(e.label_ in ("PERSON", "ORG", "GPE", "NORP") for e in inside):
            break
        if is_title(span.text):
            best = TitleMatch(start, name_start, span.text)
    if best is None:
        return None
    country, org = _before_title(doc, best.start, first, country_at)
    return TitleMatch(best.start, best.end, best.text, country, org)


def title_across_comma(
    doc: Any, name_start: int, name_end: int, country_at: CountryAt
) -> TitleMatch | None:
    """Return the title a name stands in apposition to, before a comma.

    ("the Greek Foreign Minister, Giorgos Gerapetritis, said"; "said the infant's
    grandfather, Anwar Dhair".) The name must hang from the title's noun as its apposition.
    """
    if name_start < 2 or doc[name_start - 1].text != ",":
        return None
    noun = doc[name_start - 2]
    root = doc[name_start:name_end].root
    if not (root.dep_ == "appos" and root.head.i == noun.i):
        return None
    found = title_before(doc, name_start - 1, country_at)
    return found if found is not None and not found.honorific else None


def _before_title(
    doc: Any, start: int, first: int, country_at: CountryAt
) -> tuple[str | None, str | None]:
    """Return the country or organisation named right before a title starting at ``start``."""
    i = start
    if i > first and doc[i - 1].text in POSSESSIVES:
        i -= 1
    if i <= first:
        return None, None
    end_char = doc[i - 1].idx + len(doc[i - 1].text)
    for k in range(1, 5):
        j = i - k
        if j < first:
            break
        iso3 = country_at(doc[j].idx, end_char)
        if iso3:
            return iso3, None
    token = doc[i - 1]
    ent = entity_at(doc, i - 1) if token.ent_type_ == "ORG" else None
    if ent is not None:
        return None, clean_org_name(ent.text)
    if token.pos_ in ("NOUN", "PROPN") and sector_from_words(token.text) is not None:
        return None, token.text  # "the Ministry's spokesperson": the ministry named before
    return None, None


@dataclass
class Apposition:
    """What an apposition after a name says: the role and where the organisation is."""

    title: str
    organization: str | None = None
    org_start: int | None = None
    country: str | None = None
    org_country: str | None = None
    context: str = ""
    extra_orgs: list[tuple[int, int]] = field(default_factory=list)


def _segment_after(doc: Any, name_end: int) -> tuple[int, int] | None:
    """Return the token range of an apposition after a name: from after the comma to the next."""
    if name_end >= len(doc) or doc[name_end].text != ",":
        return None
    sent_end = sentence_bounds(doc, name_end)[1]
    start = name_end + 1
    depth = 0
    i = start
    while i < sent_end and i - start < MAX_APPOSITION_TOKENS:
        text = doc[i].text
        if text == "(":
            depth += 1
        elif text == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (text in {",", ";", ":", '"', "“", "”"} or doc[i].is_sent_end):
            break
        i += 1
    if doc[i - 1].is_punct and doc[i - 1].text in {".", "!", "?"}:
        i -= 1
    return (start, i) if i > start else None


def _is_boundary(doc: Any, i: int, end: int, country_at: CountryAt) -> bool:
    """Return True when the preposition at ``i`` introduces an organisation or a place."""
    j = i + 1
    while j < end and doc[j].pos_ != "ADP":
        if doc[j].ent_type_ in ("ORG", "GPE", "LOC", "FAC"):
            return True
        if doc[j].text[:1].isupper() and doc[j].pos_ == "PROPN":
            return True
        j += 1
    stretch = doc[i + 1 : j]
    return bool(len(stretch) and country_at(stretch[0].idx, stretch[-1].idx + len(stretch[-1])))


def apposition_after(
    doc: Any, name_end: int, country_at: CountryAt, place_country: PlaceCountry
) -> Apposition | None:
    """Return the role an apposition after a name gives, or None when there is none.

    "Maria Lopez, professor at the Department of ... at the International Christian
    University (ICU) in Japan" gives title "professor", organisation "International
    Christian University" (the institution, not its department) and country JPN.
    """
    seg = _segment_after(doc, name_end)
    if seg is None:
        return None
    start, end = seg
    if doc[start].pos_ == "DET" and doc[start].lower_ in ("a", "an", "the"):
        start += 1
    leading = _leading_org(doc, start, end)
    if leading is not None:  # "the U.N. humanitarian affairs chief", "the Council's top official"
        possessive = leading.end < end and doc[leading.end].text in POSSESSIVES
        start = leading.end + (1 if possessive else 0)
    country = None
    for k in range(3, 0, -1):  # "the German chancellor": a country before the title
        if start + k < end:
            country = country_at(doc[start].idx, doc[start + k - 1].idx + len(doc[start + k - 1]))
            if country:
                start += k + (1 if doc[start + k].text in POSSESSIVES else 0)
                break
    if start >= end or doc[start].pos_ not in ("NOUN", "ADJ", "PROPN", "ADV"):
        return None
    title_end = start
    while title_end < end:
        token = doc[title_end]
        if token.pos_ in ("VERB", "AUX", "PRON") or token.ent_type_ in ("ORG", "PERSON"):
            break
        if token.pos_ == "ADP" and _is_boundary(doc, title_end, end, country_at):
            break
        if token.ent_type_ in ("GPE", "NORP") and country_at(token.idx, token.idx + len(token)):
            break
        title_end += 1
    title = doc[start:title_end].text.strip()
    if not title or not has_role_word(title) or len(doc[start:title_end]) > MAX_TITLE_TOKENS + 2:
        return None
    if country and _topic_title(doc, start - 1, title):
        title, country = doc[start - 1 : title_end].text.strip(), None  # "a China scholar"
    result = Apposition(title=title, country=country)
    if leading is not None:
        name, org_country = split_country_prefix(leading, country_at)
        known = known_org(name)
        result.organization, result.org_start = (known.name if known else name), leading.start
        result.org_country = org_country
    _read_rest(doc, title_end, end, result, country_at, place_country)
    return result


EXPERTISE = frozenset(
    {"scholar", "expert", "analyst", "specialist", "researcher", "watcher", "hand", "historian"}
)


def _topic_title(doc: Any, before: int, title: str) -> bool:
    """Whether the country before a title is its subject, not the person's country.

    ("a China scholar", "a Russia expert": the country's name before a word of expertise;
    "a Chinese scholar" is a scholar from China.)
    """
    if before < 0 or doc[before].ent_type_ != "GPE":
        return False
    return normalize_title(title).split()[-1] in EXPERTISE


def _leading_org(doc: Any, start: int, end: int) -> Any | None:
    """The organisation entity an apposition opens with, when a title follows it."""
    if start >= end or doc[start].ent_type_ != "ORG":
        return None
    ent = next((e for e in doc.ents if e.start <= start < e.end), None)
    if ent is None or ent.start < start - 1 or ent.end >= end:
        return None
    return doc[start : ent.end]


def _read_rest(
    doc: Any,
    start: int,
    end: int,
    result: Apposition,
    country_at: CountryAt,
    place_country: PlaceCountry,
) -> None:
    """Fill the organisation and countries of an apposition from its tokens after the title."""
    orgs = [e for e in entities_within(doc, start, end) if e.label_ == "ORG"]
    orgs = [e for e in orgs if not (e.start > 0 and doc[e.start - 1].text == "(")]
    chosen = next((e for e in orgs if not is_unit(e.text)), orgs[0] if orgs else None)
    if chosen is not None:
        name, org_country = split_country_prefix(chosen, country_at)
        result.organization = name
        result.org_start = chosen.start
        result.org_country = org_country or based_in(doc, chosen.start, country_at, place_country)
        result.context = noun_after(doc, chosen.end, end)
        result.extra_orgs = [(e.start, e.end) for e in orgs if e is not chosen]
    # "in Japan", "of Russia": the last country or place named in the segment.
    i = end - 1
    while i >= start:
        token = doc[i]
        if token.ent_type_ in ("GPE", "LOC") and token.ent_iob_ == "B":
            ent = entity_starting_at(doc, i)
            if ent is None:  # pragma: no cover - a "B" token starts an entity
                break
            iso3 = country_at(ent.start_char, ent.end_char) or place_country(ent.text)
            if iso3 and _delegate_for(doc, i, result):
                result.country = iso3  # "executive director for China at the IMF"
                break
            if iso3 and _placed_by(doc, i, start):
                if result.organization and result.org_country is None:
                    result.org_country = iso3
                elif not result.organization:
                    result.country = iso3
                break
        i -= 1
    result.country = result.country or result.org_country


_DELEGATES = frozenset({"director", "representative", "delegate", "ambassador"})
"""Titles that, followed by "for <Country>" at an international organisation, speak for it."""


def _delegate_for(doc: Any, i: int, result: Apposition) -> bool:
    """Whether the country at token ``i`` is the one a delegate to an IGO represents.

    ("executive director for China at the International Monetary Fund"; a "special envoy for
    Syria" is sent to the country, not from it, and is not a delegate.)
    """
    if i == 0 or doc[i - 1].lower_ != "for" or not result.organization:
        return False
    known = known_org(result.organization)
    last = normalize_title(result.title).split()[-1]
    return known is not None and known.sector == "IGO" and last in _DELEGATES


def _placed_by(doc: Any, i: int, start: int) -> bool:
    """Whether the place starting at token ``i`` follows "in", "of", "from" or "the".

    Adjectives between them are passed over ("in the northern Gaza Strip").
    """
    j = i - 1
    while j > start and doc[j].pos_ == "ADJ" and doc[j].text.islower():
        j -= 1
    return j >= 0 and doc[j].lower_ in ("in", "of", "from", "the")


def split_country_prefix(ent: Any, country_at: CountryAt) -> tuple[str, str | None]:
    """Split "the South Korean Democratic Party" into ("Democratic Party", "KOR").

    The country is taken off only when what remains is still a name of two words or more.
    Pass a ``country_at`` that knows demonyms only: "Baghdad University" keeps its city.
    """
    doc = ent.doc
    start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
    for k in range(min(4, ent.end - start - 2), 0, -1):
        iso3 = country_at(doc[start].idx, doc[start + k - 1].idx + len(doc[start + k - 1]))
        if iso3 and known_org(ent.text) is None:
            rest = start + k + (1 if doc[start + k].text in POSSESSIVES else 0)
            if ent.end - rest >= 2:
                return clean_org_name(doc[rest : ent.end].text), iso3
    return clean_org_name(ent.text), None


def based_in(doc: Any, org_start: int, country_at: CountryAt, place: PlaceCountry) -> str | None:
    """Return the country of "<Place>-based" or "<Place>'s" right before an organisation."""
    i = org_start
    if i > 0 and doc[i - 1].lower_ == "the":
        i -= 1
    if i >= 3 and doc[i - 1].lower_ == "based" and doc[i - 2].text == "-":
        token = doc[i - 3]
        ent = entity_at(doc, i - 3)
        span = ent if ent is not None else doc[i - 3 : i - 2]
        return country_at(span.start_char, span.end_char) or place(span.text)
    if i >= 1 and doc[i - 1].lower_.endswith("-based"):
        token = doc[i - 1]
        name = token.text[: -len("-based")]
        return country_at(token.idx, token.idx + len(name)) or place(name)
    return None


def noun_after(doc: Any, start: int, end: int) -> str:
    """Return the common nouns right after an organisation name ("think tank", "news agency")."""
    i = start
    while i < end and i - start < 3 and doc[i].pos_ in ("NOUN",) and doc[i].text.islower():
        i += 1
    return str(doc[start:i].text) if i > start else ""


def name_parts(name: str) -> list[str]:
    """Return the parts of a person's name by which they may be mentioned alone."""
    return [p for p in re.split(r"\s+", name) if p[:1].isupper() and len(p) > 1]


def join_key(mention: str, full_names: Sequence[str]) -> str | None:
    """Return the full name a short mention belongs to ("Lopez" -> "Maria Lopez"), if one.

    A surname (last part) wins over a first part ("Yoon" of "Yoon Suk Yeol"); a mention that
    fits several names equally is left unjoined.
    """
    words = mention.split()
    if not words:
        return None
    for position in (-1, 0):
        hits = [
            n
            for n in full_names
            if len(n.split()) > len(words)
            and (
                n.split()[-len(words) :] == words
                if position == -1
                else n.split()[: len(words)] == words
            )
        ]
        if len(set(hits)) == 1:
            return hits[0]
        if len(set(hits)) > 1:
            return None
    return None


MAX_JOIN_WORDS = 8
"""Mentions of more words than this are not joined by :func:`join_keys` (no name is that long)."""


def join_keys(names: Sequence[str]) -> dict[str, str | None]:
    """Return :func:`join_key` of each name against all the others, in one pass.

    Each name's runs of leading and trailing words are indexed once, so the cost grows with
    the number of names, not with its square.
    """
    ends: dict[tuple[int, tuple[str, ...]], set[str]] = {}
    for name in names:
        words = name.split()
        for k in range(1, min(len(words), MAX_JOIN_WORDS + 1)):
            ends.setdefault((-1, tuple(words[-k:])), set()).add(name)
            ends.setdefault((0, tuple(words[:k])), set()).add(name)
    joined: dict[str, str | None] = {}
    for name in names:
        key = tuple(name.split())
        joined[name] = None
        if not key or len(key) > MAX_JOIN_WORDS:
            continue
        for position in (-1, 0):
            hits = ends.get((position, key), set())
            if len(hits) == 1:
                joined[name] = next(iter(hits))
                break
            if len(hits) > 1:
                break
    return joined


def make_role(title: str | None, organization: str | None, country: str | None) -> Role:
    """Return a :class:`Role`, with empty strings turned into None.

    A title written short is written out ("Sen." → "Senator"); a role with a national
    organisation of the tables and no country of its own takes the organisation's
    ("spokesperson, State Department" → USA).
    """
    if not country and organization:
        known = known_org(organization)
        country = known.country if known is not None else None
    return Role(expand_title(title) if title else None, organization or None, country or None)


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    return dict(load_json("person_names.json")["title_abbreviations"])


def expand_title(title: str) -> str:
    """Write out the abbreviated words of a title ("late Sen." → "late Senator")."""
    table = _abbreviations()
    return " ".join(table.get(word.lower(), word) for word in title.split())
