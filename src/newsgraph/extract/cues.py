"""Cue words in the parse: is this token a cue, who is its subject, where does its clause end.

Small pure functions over spaCy tokens, shared by :mod:`.quotes`. The cue lexicon itself is
data (``knowledge/cue_verbs.csv``, read by :mod:`.quote_words`).
"""

from __future__ import annotations

from typing import Any

from ..model import Span
from .quote_words import quote_words

CLIMB_DEPS = frozenset({"advcl", "conj", "xcomp", "pcomp"})
"""Links climbed from a participle or conjunct cue to the verb that has its subject."""

SPEECH_KINDS = frozenset({"speech", "manner"})
"""Cue kinds that say something was said (not only thought)."""

SENTENCE_END = frozenset({".", "!", "?"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def cue_kind(token: Any) -> str | None:
    """Return the cue kind of ``token`` (``speech``, ``belief`` ...) or ``None``.

    A cue is a verb of the lexicon (or a particle verb such as "point out"), or the
    preposition "according" followed by "to".
    """
    words = quote_words()
    if token.lower_ == "according":
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return "speech" if nxt is not None and nxt.lower_ == "to" else None
    if token.pos_ != "VERB":
        return None
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ == "prt":
            kind = words.particle_verbs.get((lemma, child.lower_))
            if kind is not None:
                return kind
    return words.verbs.get(lemma)


def subject_of(cue: Any) -> Any | None:
    """Return the head token of the speaker of ``cue``, climbing to a governing verb if needed."""
    if cue.lower_ == "according":
        for child in cue.children:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
        return None
    token = cue
    for _ in range(3):
        for child in token.children:
            if child.dep_ == "nsubj":
                return child
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        if token.dep_ == "relcl" and token.head.pos_ in ("PROPN", "NOUN"):
            return token.head
        if token.dep_ not in CLIMB_DEPS or token.head.i == token.i:
            return None
        token = token.head
    return None


def cue_span(cue: Any) -> Span:
    """Return the cue as a span of the text ("said", or "according to")."""
    end = cue.i + 1
    if cue.lower_ == "according" and end < len(cue.doc):
        end += 1
    span = cue.doc[cue.i : end]
    return Span(span.start_char, span.end_char, span.text)


def trim_clause(doc: Any, lo: int, hi: int) -> tuple[int, int]:
    """Drop a leading complementizer and punctuation, and trailing punctuation."""
    words = quote_words()
    while lo < hi and (
        doc[lo].is_punct or doc[lo].is_space or doc[lo].lower_ in words.complementizers
    ):
        if doc[lo].lower_ in words.complementizers and lo + 1 < hi and doc[lo + 1].is_punct:
            break
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        if doc[hi - 1].text in ('"', "”", "'", "’") or doc[hi - 1].text in SENTENCE_END:
            break
        hi -= 1
    while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in (",", ";", ":", "—", "–")):
        hi -= 1
    return lo, hi


def has_own_attribution(token: Any) -> bool:
    """Whether ``token`` starts a second attribution.

    That is a cue verb with its own subject ("…, and she added that …"), or a participle cue
    hanging from the first ("…, noting that …", "…, adding: …").
    """
    if cue_kind(token) is None:
        return False
    if token.tag_ == "VBG" and token.dep_ in ("advcl", "conj", "xcomp"):
        return True
    if token.tag_ not in _FINITE:
        return False
    return any(c.dep_ == "nsubj" for c in token.children)


def depth(token: Any) -> int:
    """Return how many heads stand between ``token`` and the root of its sentence."""
    steps = 0
    while token.head.i != token.i and steps < 50:
        token = token.head
        steps += 1
    return steps
