"""The people and organisations an article names, mention by mention, for resolving speakers.

:func:`collect_mentions` reads the article's actors when they were extracted (people joined across
full name, surname and title; organisations; countries) and falls back on the parse's entities
when they were not. Every mention records where it stands (sentence, grammatical role: the
source of a speech cue, another subject, anything else), which :mod:`.salience` weighs to find
what a pronoun or a description refers to. Third-person pronouns (``he``, ``she``) are resolved
once, in text order, and become mentions of their person, so that a person quoted through
"he said" stays the one the next "he" most likely means (that last step is
:func:`newsgraph.extract.speakers.build_index`, which calls :mod:`.salience` on the index
built here).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Actor
from .countries import find_countries
from .cues import SPEECH_KINDS, cue_kind
from .doc_index import entities
from .intervals import Coverage
from .names import name_gender, noun_gender, person_bounds
from .people import is_title
from .quote_words import quote_words

PERSON_LABELS = frozenset({"PERSON"})
GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})
SPEAKER, SUBJECT, OTHER = 3, 2, 1
"""Grammatical roles of a mention, from the most to the least salient."""

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

InQuote = Callable[[int], bool]
"""``token index -> bool``: whether the token lies inside a quotation."""


@dataclass
class Person:
    """A person named in the article.

    Attributes:
        name: the fullest form of the name in the article.
        actor: the id of the matching actor, when actors were extracted.
        descriptors: lower-case words describing them ("professor", "minister", "expert").
        gender: ``male``, ``female`` or ``None`` when nothing tells.
        country: the person's country when known.
    """

    name: str
    actor: str | None = None
    descriptors: set[str] = field(default_factory=set)
    gender: str | None = None
    country: str | None = None


@dataclass
class Group:
    """An organisation or a country that can speak ("the ministry said", "China said")."""

    name: str
    kind: str
    actor: str | None = None
    country: str | None = None

    @property
    def words(self) -> set[str]:
        """The lower-case words of the name."""
        return {w.strip(".,’'").lower() for w in self.name.split()}


@dataclass
class Mention:
    """One mention of a person or group: token range, sentence, role and what it refers to."""

    start: int
    end: int
    person: Person | None = None
    group: Group | None = None
    role: int = OTHER
    sent: int = 0
    anonymous: bool = False


@dataclass
class SpeakerIndex:
    """The people and groups of one article, in text order, for resolving speakers."""

    doc: Any
    mentions: list[Mention]
    people: dict[str, Person]
    sent_of: list[int]
    in_quote: InQuote
    starts: list[int] = field(default_factory=list)
    pronouns: dict[int, Mention] = field(default_factory=dict)
    by_word: tuple[list[Person], dict[str, list[int]]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.mentions]

    def add(self, mention: Mention) -> None:
        """Insert a mention, keeping text order."""
        at = bisect_left(self.starts, mention.start)
        self.mentions.insert(at, mention)
        self.starts.insert(at, mention.start)

    def before(self, token: int, sentences: int | None = None) -> Iterator[Mention]:
        """Yield the mentions that start before ``token``, nearest first (no copy is made).

        With ``sentences``, only those at most that many sentences back.
        """
        first = -1
        if sentences is not None:
            first = self.sent_of[token] - sentences if token < len(self.sent_of) else 0
        for k in range(bisect_left(self.starts, token) - 1, -1, -1):
            mention = self.mentions[k]
            if mention.sent < first:
                return  # mentions are in text order, so every earlier one is farther back
            yield mention

    def at(self, start: int, end: int) -> Mention | None:
        """Return the longest mention overlapping tokens ``[start, end)``, people first."""
        found = [m for m in self._overlapping(start, end)]
        if not found:
            return None
        return max(found, key=lambda m: (m.person is not None, m.end - m.start))

    def covering(self, token: int) -> Mention | None:
        """Return the mention that holds the token ``token``, people first."""
        found = [m for m in self._overlapping(token, token + 1)]
        if not found:
            return None
        return max(found, key=lambda m: (m.person is not None, m.end - m.start))

    def _overlapping(self, start: int, end: int) -> list[Mention]:
        index = bisect_left(self.starts, end) - 1
        found = []
        while index >= 0 and self.starts[index] >= start - 40:
            mention = self.mentions[index]
            if mention.start < end and start < mention.end:
                found.append(mention)
            index -= 1
        return found


def sentence_ids(doc: Any) -> list[int]:
    """Return the sentence number of every token of ``doc``."""
    ids = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return ids
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            ids[i] = n
    return ids


def mention_role(token: Any) -> int:
    """How salient a mention headed by ``token`` is: the source of a cue, a subject, other.

    An apposition or compound takes the role of the noun it belongs to ("The minister, Jo
    Park, said"), and the object of "according to" is a source.
    """
    while token.dep_ in ("appos", "compound", "flat") and token.head.i != token.i:
        token = token.head
    if token.dep_ in _SUBJECT_DEPS:
        return SPEAKER if cue_kind(token.head) in SPEECH_KINDS else SUBJECT
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return SPEAKER
    if token.dep_ == "pobj" and head.lower_ == "by" and head.dep_ == "agent":
        return SPEAKER if cue_kind(head.head) in SPEECH_KINDS else OTHER
    return OTHER


def _not_quoted(_: int) -> bool:
    return False


def collect_mentions(
    doc: Any, actors: Sequence[Actor] = (), in_quote: InQuote | None = None
) -> SpeakerIndex:
    """Collect the people and groups named in ``doc``, with their roles and genders.

    Args:
        doc: the parsed article.
        actors: the article's actors, when extracted (their names, ids and roles win).
        in_quote: tells whether a token lies inside a quotation.

    Returns:
        The index, its he/she pronouns not yet resolved.
    """
    in_quote = in_quote or _not_quoted
    sent_of = sentence_ids(doc)
    index = SpeakerIndex(doc, [], {}, sent_of, in_quote)
    if actors:
        _from_actors(doc, actors, index)
    _from_entities(doc, index)
    _drop_nested_groups(index)
    for mention in index.mentions:
        token = doc[mention.start : mention.end].root
        mention.role = mention_role(token)
        mention.sent = sent_of[token.i]
    _genders(doc, index)
    return index


def _from_actors(doc: Any, actors: Sequence[Actor], index: SpeakerIndex) -> None:
    for actor in actors:
        if actor.kind not in ("person", "organization", "country"):
            continue
        person = group = None
        if actor.kind == "person":
            person = index.people.setdefault(
                actor.id, Person(actor.name, actor.id, country=actor.country)
            )
            for role in actor.roles:
                person.descriptors |= {w.lower().strip(".,") for w in (role.title or "").split()}
        elif actor.kind == "organization":
            group = Group(actor.name, "organization", actor.id, actor.country)
        for span in actor.mentions:
            tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
            if tokens is None or not len(tokens):
                continue
            if actor.kind == "country":
                group = _country_group(actor, span.text)
            index.mentions.append(Mention(tokens.start, tokens.end, person, group))
            if person is not None:
                person.descriptors |= _descriptor_words(doc, tokens.start, tokens.end)


def _drop_nested_groups(index: SpeakerIndex) -> None:
    """Drop a group named inside a longer one: the longer name is the one that speaks.

    ("United Kingdom" in "United Kingdom Maritime Trade Operations".)
    """
    groups = [m for m in index.mentions if m.group is not None]
    nested = {
        id(m)
        for m in groups
        for other in groups
        if other is not m
        and other.start <= m.start
        and m.end <= other.end
        and (other.end - other.start) > (m.end - m.start)
    }
    if nested:
        index.mentions = [m for m in index.mentions if id(m) not in nested]
        index.__post_init__()


def _country_group(actor: Actor, text: str) -> Group:
    """A country mention as a group; a seat of power keeps its own name ("the Pentagon")."""
    found = find_countries(text)
    if found and found[0].kind == "seat":
        name = text[4:] if text.lower().startswith("the ") else text
        return Group(name, "seat", actor.id, actor.id)
    return Group(actor.name, "country", actor.id, actor.id)


def _from_entities(doc: Any, index: SpeakerIndex) -> None:
    """Add the entities no actor covers: people clustered by name words, and groups."""
    taken = Coverage(len(doc), [(m.start, m.end) for m in index.mentions])

    def free(start: int, end: int) -> bool:
        return not taken.overlaps(start, end)

    ents = [e for e in entities(doc) if e.label_ in PERSON_LABELS and free(e.start, e.end)]
    bounds = [person_bounds(doc, e.start, e.end, is_title) for e in ents]
    names = [doc[s:e].text.split() for s, e in bounds if e > s]
    names += [p.name.split() for p in index.people.values()]
    fullest = _Fullest(names)
    by_name = {p.name: p for p in index.people.values()}
    for start, end in bounds:
        if end <= start:
            continue
        words = fullest(doc[start:end].text.split())
        key = " ".join(words)
        person = by_name.get(key) or index.people.setdefault(key, Person(key))
        by_name.setdefault(key, person)
        person.descriptors |= _descriptor_words(doc, start, end)
        index.mentions.append(Mention(start, end, person))
    for ent in entities(doc):
        if ent.label_ in GROUP_LABELS and free(ent.start, ent.end):
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            kind = "organization" if ent.label_ == "ORG" else "country"
            index.mentions.append(Mention(ent.start, ent.end, None, Group(name, kind)))
    index.__post_init__()


class _Fullest:
    """The fullest name holding all the words of a mention, found through a word index.

    The names are looked up only among those holding the mention's rarest word, and each
    set of words once, so the cost does not grow with the square of the number of names.
    """

    def __init__(self, names: list[list[str]]) -> None:
        self.names = names
        self.keys = [{w.lower() for w in name} for name in names]
        self.postings: dict[str, list[int]] = {}
        for n, key in enumerate(self.keys):
            for word in key:
                self.postings.setdefault(word, []).append(n)
        self.found: dict[tuple[str, ...], list[str]] = {}

    def __call__(self, words: list[str]) -> list[str]:
        """Return the longest name (the first of equals) holding all of ``words``, or them."""
        key = {w.lower() for w in words}
        memo = (*sorted(key), "\x00", *words)
        if memo in self.found:
            return self.found[memo]
        lists = [self.postings.get(w, []) for w in key]
        best = words
        for n in min(lists, key=len) if lists else ():
            candidate = self.names[n]
            if len(candidate) > len(best) and key <= self.keys[n]:
                best = candidate
        self.found[memo] = best
        return best


def _descriptor_words(doc: Any, start: int, end: int) -> set[str]:
    """Return the words of a title before the name and of an apposition after it."""
    words: set[str] = set()
    i = start - 1
    while i >= 0 and start - i <= 5 and doc[i].pos_ in ("NOUN", "PROPN", "ADJ"):
        if doc[i].ent_type_ == "PERSON":
            break
        words.add(doc[i].lemma_.lower())
        i -= 1
    head = doc[end - 1]
    for child in head.children:
        if child.dep_ == "appos" and child.i >= end:
            words.add(child.lemma_.lower())
            words.update(t.lemma_.lower() for t in child.children if t.dep_ in ("compound", "amod"))
    if head.dep_ == "appos" and head.head.i < start:
        words.add(head.head.lemma_.lower())  # "the minister, Jo Park,"
    return words


def _genders(doc: Any, index: SpeakerIndex) -> None:
    """Give people the gender their given name, an honorific or a gendered noun tells."""
    honorifics = quote_words().honorific_gender
    for mention in index.mentions:
        person = mention.person
        if person is None or person.gender is not None:
            continue
        before = doc[mention.start - 1].lower_ if mention.start > 0 else ""
        person.gender = (
            name_gender(person.name)
            or honorifics.get(before)
            or honorifics.get(doc[mention.start].lower_)
            or next((g for w in person.descriptors if (g := noun_gender(w))), None)
        )
