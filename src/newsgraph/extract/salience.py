"""What a pronoun or a description refers to: the most salient fitting antecedent.

Each earlier mention of a person or group adds to its referent's salience: more for the source
of a speech cue than for another subject, more for a subject than for anything else, halved
with every sentence back (after Lappin and Leass's salience weighting, kept small). Referents
that cannot be meant are left out before ranking:

- ``he``/``she``: people of the other gender (given name, honorific, gendered noun, or an
  earlier unambiguous pronoun);
- ``it``: people; ``they``: single people;
- a description ("the prosecutor", "the minister"): people whose title or apposition does not
  hold the word.

Mentions inside quotations are not antecedents of a pronoun outside them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .quote_words import quote_words
from .speaker_index import OTHER, SPEAKER, SUBJECT, Group, Mention, Person, SpeakerIndex

PRONOUN_WINDOW = 3
"""How many sentences back a pronoun's antecedent may stand."""

DESCRIPTOR_WINDOW = 40
"""How many sentences back a description's antecedent may stand ("the president")."""

DECAY = 0.5
"""Salience kept per sentence of distance."""

DESCRIPTOR_DECAY = 0.85
"""Salience kept per sentence of distance, for descriptions (they reach further back)."""

ROLE_WEIGHT = {SPEAKER: 4.0, SUBJECT: 3.0, OTHER: 1.0}
"""Salience of one mention by its grammatical role."""

KNOWN_GENDER_BONUS = 1.5
"""A referent whose gender is known to agree outranks one whose gender is unknown."""

_PERSONAL = frozenset({"he", "she", "him", "her"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they"})


def _score(mentions: Iterable[Mention], sentence: int, decay: float) -> dict[int, float]:
    """Salience per referent (keyed by ``id`` of its Person or Group)."""
    scores: dict[int, float] = {}
    for mention in mentions:
        referent = mention.person or mention.group
        if referent is None:
            continue
        weight = ROLE_WEIGHT[mention.role] * decay ** max(0, sentence - mention.sent)
        scores[id(referent)] = scores.get(id(referent), 0.0) + weight
    return scores


def _best(
    mentions: list[Mention], sentence: int, decay: float, bonus: dict[int, float] | None = None
) -> Mention | None:
    """The nearest mention of the most salient referent among ``mentions``."""
    if not mentions:
        return None
    scores = _score(mentions, sentence, decay)
    for key, factor in (bonus or {}).items():
        if key in scores:
            scores[key] *= factor
    best = max(scores.values())
    return next(m for m in mentions if scores.get(id(m.person or m.group)) == best)


def antecedent_person(index: SpeakerIndex, token: Any, gender: str) -> Mention | None:
    """The person a ``he``/``she`` at ``token`` refers to, or None."""
    candidates = [
        m
        for m in index.before(token.i, PRONOUN_WINDOW)
        if m.person is not None
        and not index.in_quote(m.start)
        and m.person.gender in (None, gender)
    ]
    bonus = {id(m.person): KNOWN_GENDER_BONUS for m in candidates if m.person and m.person.gender}
    return _best(candidates, index.sent_of[token.i], DECAY, bonus)


def antecedent_group(index: SpeakerIndex, token: Any, plural: bool) -> Mention | None:
    """The organisation or country an ``it``/``they`` at ``token`` refers to, or None.

    Only sources and subjects count: "it" said is whoever last spoke or acted, not a country
    named in passing. ``they`` may also be an anonymous group of sources ("officials").
    """
    candidates = [
        m
        for m in index.before(token.i, PRONOUN_WINDOW - 1)
        if (m.group is not None or (plural and m.anonymous))
        and m.role >= SUBJECT
        and not index.in_quote(m.start)
    ]
    return _best(candidates, index.sent_of[token.i], DECAY)


def antecedent_by_word(
    index: SpeakerIndex, token: Any, word: str, country: str | None = None
) -> Mention | None:
    """The person a description headed by ``word`` refers to ("the prosecutor"), or None.

    A person qualifies when one of their titles or appositions holds the word and, when the
    description names a country ("the Greek foreign minister"), when they are of it.
    """
    candidates = [
        m
        for m in index.before(token.i, DESCRIPTOR_WINDOW)
        if m.person is not None
        and word in m.person.descriptors
        and (country is None or m.person.country in (None, country))
    ]
    return _best(candidates, index.sent_of[token.i], DESCRIPTOR_DECAY)


def antecedent_org(index: SpeakerIndex, token: Any, word: str | None) -> Mention | None:
    """The organisation "the ministry" (``word``) or "the agency" (None) refers to, or None.

    With a word, the most salient organisation whose name holds it; without one, the most
    salient organisation that was a source or subject within the last sentences.
    """
    if word is not None:
        candidates = [
            m
            for m in index.before(token.i, DESCRIPTOR_WINDOW)
            if m.group is not None and m.group.kind == "organization" and word in m.group.words
        ]
        return _best(candidates, index.sent_of[token.i], DESCRIPTOR_DECAY)
    candidates = [
        m
        for m in index.before(token.i, PRONOUN_WINDOW - 1)
        if m.group is not None and m.group.kind == "organization" and m.role >= SUBJECT
    ]
    return _best(candidates, index.sent_of[token.i], DECAY)


def antecedent_country(index: SpeakerIndex, token: Any) -> Mention | None:
    """The country most salient as a source or subject in the last sentences, or None."""
    candidates = [
        m
        for m in index.before(token.i, PRONOUN_WINDOW + 1)
        if m.group is not None and m.group.kind in ("country", "seat") and m.role >= SUBJECT
    ]
    return _best(candidates, index.sent_of[token.i], DECAY)


def resolve_pronouns(index: SpeakerIndex) -> None:
    """Resolve every ``he``/``she`` subject outside quotations in text order.

    Each resolved pronoun becomes a mention of its person (so that the next one can build on
    it); a person of unknown gender takes the pronoun's gender when no other person of the
    window could have been meant.
    """
    pronouns = quote_words().pronouns
    for token in index.doc:
        if token.lower_ not in _PERSONAL or token.pos_ != "PRON" or index.in_quote(token.i):
            continue
        if token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        gender = pronouns[token.lower_]
        found = antecedent_person(index, token, gender)
        if found is None or found.person is None:
            continue
        person = found.person
        if person.gender is None and _alone(index, token, person):
            person.gender = gender
        from .speaker_index import mention_role

        mention = Mention(
            token.i, token.i + 1, person, role=mention_role(token), sent=index.sent_of[token.i]
        )
        index.add(mention)
        index.pronouns[token.i] = mention


def _alone(index: SpeakerIndex, token: Any, person: Person) -> bool:
    """Whether ``person`` is the only person mentioned in the pronoun's window."""
    others = {
        id(m.person)
        for m in index.before(token.i, PRONOUN_WINDOW)
        if m.person is not None and m.person is not person
    }
    return not others


def group_of(mention: Mention | None) -> Group | None:
    """The group a mention refers to, if any."""
    return mention.group if mention is not None else None
