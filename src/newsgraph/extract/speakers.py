"""Speakers: the mention that says something, and the person or organisation it refers to.

A speaker mention is the subject of a cue verb ("Lopez said", "said Tom Baker, an expert
...", "he explained", "the expert added", "some analysts say", "the ministry said"). It is
resolved, in this order, to:

- nobody, when it is an anonymous source ("officials", "a senior official", "some experts",
  "sources", "the source"): ``anonymous=True`` and never a name;
- the person it names, under the fullest form of that name in the article ("Lopez",
  "Mr. Lopez" → "Maria Lopez"): PERSON entities are clustered by their name words;
- the most recent compatible person for a pronoun ("he" → the last male or unknown person
  in subject position or quoted before it);
- the most recent person described by a descriptor ("the expert" → the last person with
  "expert" in a title before the name or an apposition after it);
- an organisation ("the ministry" → the last organisation whose name holds "ministry").

When ``analysis.actors`` holds people and organisations (from ``extract/actors``), the
resolved speaker carries that actor's id and name; without actors, the name comes from the
text alone.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..knowledge import load_csv
from ..model import Actor, Speaker
from .doc_index import entities
from .quote_words import quote_words

PERSON_LABELS = frozenset({"PERSON"})
GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})
MAX_SPEAKER_TOKENS = 12
_RIGHT_DEPS = frozenset({"compound", "flat", "nummod"})
_RIGHT_PREPS = frozenset({"of", "for", "at", "with", "from", "in", "on"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_RELATIVE_TAGS = frozenset({"WP", "WDT"})

InQuote = Callable[[int], bool]
"""``token index -> bool``: whether the token lies inside a quotation."""


@cache
def _titles() -> frozenset[str]:
    """Lower-case honorifics and role titles that may stand before a name."""
    try:
        rows = load_csv("role_titles.csv")
    except FileNotFoundError:  # the table belongs to extract/people; work without it
        rows = ()
    return frozenset(r.get("title", "").lower() for r in rows if r.get("kind") != "modifier")


@dataclass
class Person:
    """A person named in the article, with every mention of them.

    Attributes:
        name: the fullest form of the name in the article.
        actor: the id of the matching actor, when actors were extracted.
        descriptors: lower-case words describing them ("professor", "leader", "expert").
        gender: ``male``, ``female`` or ``None`` when unknown.
    """

    name: str
    actor: str | None = None
    descriptors: set[str] = field(default_factory=set)
    gender: str | None = None


@dataclass
class Mention:
    """One mention of a person or organisation: token range and what it refers to."""

    start: int
    end: int
    person: Person | None
    group: str | None = None
    actor: str | None = None
    subject: bool = False


@dataclass
class SpeakerIndex:
    """The people and organisations of one article, in text order, for resolving speakers."""

    mentions: list[Mention]
    people: dict[str, Person]
    actors: Sequence[Actor] = ()
    starts: list[int] = field(default_factory=list)
    by_word: tuple[list[Person], dict[str, list[int]]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]

    def before(self, token: int) -> Iterator[Mention]:
        """Yield the mentions that start before ``token``, nearest first (no copy is made)."""
        for k in range(bisect_left(self.starts, token) - 1, -1, -1):
            yield self.mentions[k]

    def at(self, start: int, end: int) -> Mention | None:
        """Return the mention overlapping tokens ``[start, end)``, if any."""
        index = bisect_left(self.starts, end) - 1
        while index >= 0 and self.mentions[index].end > start:
            if self.mentions[index].start < end:
                return self.mentions[index]
            index -= 1
        return None


def name_words(text: str) -> list[str]:
    """Return the name words of ``text``: no honorifics, titles or possessive ending."""
    words = [w.strip(",.") for w in text.replace("’s", "").replace("'s", "").split()]
    titles = _titles()
    while len(words) > 1 and words[0].lower() in titles:
        words = words[1:]
    return [w for w in words if w]


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
    return words


def _honorific_gender(doc: Any, start: int) -> str | None:
    if start == 0:
        return None
    genders = quote_words().honorific_gender
    return genders.get(doc[start - 1].lower_) or genders.get(doc[start].lower_)


def _in_subject_position(token: Any) -> bool:
    """A subject, or the source of "according to": where speakers stand."""
    if token.dep_ in _SUBJECT_DEPS:
        return True
    head = token.head
    return bool(token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according")


def build_index(doc: Any, actors: Sequence[Actor] = ()) -> SpeakerIndex:
    """Collect the people and organisations named in ``doc``, clustering names by their words.

    Args:
        doc: the parsed article.
        actors: the article's actors, when extracted (their names and ids win).

    Returns:
        The index used by :func:`resolve_speaker`.
    """
    ents = [e for e in entities(doc) if e.label_ in PERSON_LABELS]
    raw = [name_words(e.text) for e in ents]
    full_names = [w for w in raw if w]
    for actor in actors:
        if actor.kind == "person":
            full_names.append(actor.name.split())
    people: dict[str, Person] = {}
    mentions: list[Mention] = []
    fullest = _Fullest(full_names)
    for ent, words in zip(ents, raw, strict=True):
        if not words:
            continue
        name = " ".join(fullest(words))
        person = people.setdefault(name, Person(name))
        person.descriptors |= _descriptor_words(doc, ent.start, ent.end)
        person.gender = person.gender or _honorific_gender(doc, ent.start)
        subject = _in_subject_position(doc[ent.end - 1])
        mentions.append(Mention(ent.start, ent.end, person, subject=subject))
    for ent in entities(doc):
        if ent.label_ in GROUP_LABELS:
            mentions.append(Mention(ent.start, ent.end, None, group=ent.text))
    index = SpeakerIndex(mentions, people, actors)
    _link_actors(doc, index)
    return index


def _link_actors(doc: Any, index: SpeakerIndex) -> None:
    """Give people and organisations the id and name of the actor whose mention they share."""
    for actor in index.actors:
        for span in actor.mentions:
            tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
            if tokens is None:
                continue
            mention = index.at(tokens.start, tokens.end)
            if mention is None:
                continue
            mention.actor = actor.id
            if actor.kind == "person" and mention.person is not None:
                mention.person.actor = actor.id
                mention.person.name = actor.name
                mention.person.descriptors |= {
                    w.lower() for r in actor.roles for w in (r.title or "").split()
                }
            elif mention.person is None:
                mention.group = actor.name


def speaker_tokens(token: Any) -> tuple[int, int]:
    """Return the token range ``[start, end)`` of the noun phrase headed by ``token``.

    The phrase runs from the head's left edge (not across punctuation) to the head, plus
    compounds and a short prepositional tail ("the former secretary of state").
    """
    doc = token.doc
    start = token.left_edge.i
    for i in range(token.i - 1, start - 1, -1):
        if doc[i].is_space or (doc[i].is_punct and doc[i].text not in ("-", ".")):
            start = i + 1
            break
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in _RIGHT_DEPS and child.i == end:
            end = child.right_edge.i + 1
        elif child.dep_ == "prep" and child.lower_ in _RIGHT_PREPS and child.i == end:
            tail = child.right_edge.i + 1
            if tail - start > MAX_SPEAKER_TOKENS:
                # Too long with all its clauses: up to the noun it governs ("one of two
                # neighbours", without "who saw the fire start …").
                noun = next((g for g in child.children if g.dep_ == "pobj"), None)
                tail = noun.i + 1 if noun is not None else end
            if tail - start <= MAX_SPEAKER_TOKENS:
                end = tail
            break
        elif child.dep_ == "acl" and child.i == end and child.tag_ == "VBN" and child.n_rights == 0:
            end = child.i + 1  # "those surveyed", "the people polled"
        else:
            break
    return max(start, end - MAX_SPEAKER_TOKENS), end


def _is_anonymous(doc: Any, head: Any, start: int, end: int) -> bool:
    """Whether the phrase ``doc[start:end]`` headed by ``head`` names an anonymous source."""
    words = quote_words()
    if any(t.ent_type_ == "PERSON" for t in doc[start:end]):
        return False
    lower, lemma = head.lower_, head.lemma_.lower()
    if lower in words.anonymous_always or lemma in words.anonymous_always:
        return True
    if lower not in words.anonymous_group and lemma not in words.anonymous_group:
        return False
    dets = [t.lower_ for t in doc[start : head.i] if t.dep_ in ("det", "nummod", "amod")]
    if any(d in words.indefinite for d in dets):
        return True
    definite = any(t.dep_ in ("det", "poss") for t in doc[start : head.i])
    return head.tag_ in ("NNS", "NNPS") or not definite


def _pronoun_gender(token: Any) -> str | None:
    return quote_words().pronouns.get(token.lower_)


def _resolve_pronoun(token: Any, index: SpeakerIndex, in_quote: InQuote) -> Mention | None:
    gender = _pronoun_gender(token)
    if gender not in ("male", "female"):
        return None
    fallback: Mention | None = None
    for mention in index.before(token.i):
        person = mention.person
        if person is None or in_quote(mention.start):
            continue
        if person.gender not in (None, gender):
            continue
        if mention.subject:
            fallback = mention
            break
        fallback = fallback or mention
    if fallback is not None and fallback.person is not None and fallback.person.gender is None:
        fallback.person.gender = gender
    return fallback


def _resolve_descriptor(head: Any, index: SpeakerIndex) -> Mention | None:
    lemma = head.lemma_.lower()
    for mention in index.before(head.i):
        if mention.person is not None and lemma in mention.person.descriptors:
            return mention
        if mention.group is not None and lemma in mention.group.lower().split():
            return mention
    return None


def person_by_words(words: list[str], index: SpeakerIndex) -> Person | None:
    """Return the person of the article with the longest name holding all ``words``."""
    key = {w.lower() for w in words}
    best: Person | None = None
    if not key:
        return None
    people, postings = _people_by_word(index)
    for n in min((postings.get(w, []) for w in key), key=len):
        person = people[n]
        if key <= {w.lower() for w in person.name.split()} and (
            best is None or len(person.name) > len(best.name)
        ):
            best = person
    return best


def _people_by_word(index: SpeakerIndex) -> tuple[list[Person], dict[str, list[int]]]:
    """Return the people of an index and, per lower-case name word, who bears it.

    Built once (again if people were added), so that a look-up does not scan them all.
    """
    cached = index.by_word
    if cached is None or len(cached[0]) != len(index.people):
        people = list(index.people.values())
        postings: dict[str, list[int]] = {}
        for n, person in enumerate(people):
            for word in {w.lower() for w in person.name.split()}:
                postings.setdefault(word, []).append(n)
        cached = index.by_word = (people, postings)
    return cached


def resolve_speaker(token: Any, index: SpeakerIndex, in_quote: InQuote) -> Speaker:
    """Return the speaker for the subject ``token`` of a cue, resolved as the module says.

    Args:
        token: the head token of the speaker mention.
        index: the article's people and organisations (:func:`build_index`).
        in_quote: tells whether a token lies inside a quotation (such mentions are not
            antecedents of a pronoun outside it).

    Returns:
        The speaker: mention text and offsets, and the resolved name and actor when known.
    """
    doc = token.doc
    if token.tag_ in _RELATIVE_TAGS and token.head.dep_ == "relcl" and token.head.head != token:
        return _relative(token, resolve_speaker(token.head.head, index, in_quote))
    start, end = (token.i, token.i + 1) if token.pos_ == "PRON" else speaker_tokens(token)
    span = doc[start:end]
    speaker = Speaker(text=span.text, start=span.start_char, end=span.end_char)
    target: Mention | None = None
    if token.pos_ == "PRON":
        target = _resolve_pronoun(token, index, in_quote)
    elif _is_anonymous(doc, token, start, end):
        speaker.anonymous = True
        return speaker
    else:
        target = index.at(start, end) or _named(token, index, start, end)
        if target is None and token.pos_ == "NOUN":
            target = _resolve_descriptor(token, index)
    if target is not None:
        _fill(speaker, target)
    elif token.pos_ == "PROPN":
        speaker.name = " ".join(name_words(span.text)) or None
    return speaker


def _relative(token: Any, antecedent: Speaker) -> Speaker:
    """The speaker "who" ("Smith, who said …"): the pronoun as mention, its antecedent's name.

    An antecedent with no name to resolve to ("the council, which said …") lends its own
    words, unless it is an anonymous source, which is never given a name.
    """
    name = antecedent.name or (None if antecedent.anonymous else antecedent.text)
    return Speaker(
        actor=antecedent.actor,
        name=name,
        text=token.text,
        start=token.idx,
        end=token.idx + len(token.text),
        anonymous=antecedent.anonymous,
    )


def _named(token: Any, index: SpeakerIndex, start: int, end: int) -> Mention | None:
    """Resolve a proper-noun speaker that NER missed ("said Lopez") by its name words."""
    if token.pos_ != "PROPN":
        return None
    words = [t.text for t in token.doc[start:end] if t.pos_ == "PROPN"]
    person = person_by_words(name_words(" ".join(words)), index)
    return Mention(start, end, person) if person is not None else None


def _fill(speaker: Speaker, target: Mention) -> None:
    if target.person is not None:
        speaker.name = target.person.name
        speaker.actor = target.person.actor
    else:
        group = target.group or ""
        speaker.name = group[4:] if group.lower().startswith("the ") else group
        speaker.actor = target.actor
