"""Cue words in the parse: is this token a cue, who is its subject, where does its clause end.

Small pure functions over spaCy tokens, shared by :mod:`.quotes`. The cue lexicon itself is
data (``knowledge/cue_verbs.csv``, read by :mod:`.quote_words`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Span
from .quote_words import quote_words

CLIMB_DEPS = frozenset({"advcl", "conj", "xcomp", "pcomp"})
"""Links climbed from a participle or conjunct cue to the verb that has its subject."""

SPEECH_KINDS = frozenset({"speech", "manner"})
NOT_A_CUE = "none"
_NOT_SAID = frozenset({"without", "worth"})
"""Words before a gerund that make it no report: nothing was said, or the writer says it."""
"""The kind of a particle verb that reports nothing though its verb alone does ("call in")."""
"""Cue kinds that say something was said (not only thought)."""

SENTENCE_END = frozenset({".", "!", "?"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def cue_kind(token: Any) -> str | None:
    """Return the cue kind of ``token`` (``speech``, ``belief`` ...) or ``None``.

    A cue is a verb of the lexicon (or a particle verb such as "point out", or "put it"),
    or the preposition "according" followed by "to".
    """
    words = quote_words()
    if token.lower_ == "according":
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return "speech" if nxt is not None and nxt.lower_ == "to" else None
    if token.pos_ == "NOUN" and not _verb_mistagged(token):
        return _noun_cue_kind(token)
    if token.pos_ != "VERB" and not _verb_mistagged(token):
        return None
    if token.tag_ == "VBG" and token.head.lower_ in _NOT_SAID:
        return None  # "left without saying that …", "it is worth noting that …"
    lemma = token.lemma_.lower()
    for child in token.children:
        if (
            child.dep_ == "prt"
            or (child.dep_ == "advmod" and child.i == token.i + 1)  # "shot back", an adverb here
            or (child.dep_ == "dobj" and child.lower_ == "it")
        ):
            kind = words.particle_verbs.get((lemma, child.lower_))
            if kind is not None:
                return None if kind == NOT_A_CUE else kind
    if token.lower_ in words.idioms and _in_idiom(token, words.idioms[token.lower_]):
        return None  # "That said, …", "Only time will tell whether …"
    return words.verbs.get(lemma)


def _in_idiom(token: Any, forms: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]) -> bool:
    """Whether ``token`` stands in one of the set phrases ``forms`` (words before, after).

    A phrase starting with ``^`` starts a sentence ("That said, …", not "a sign that said, …").
    """
    doc = token.doc
    for before, after in forms:
        opens = before[:1] == ("^",)
        words = before[1:] if opens else before
        start, end = token.i - len(words), token.i + 1 + len(after)
        if (
            start >= 0
            and end <= len(doc)
            and tuple(t.lower_ for t in doc[start : token.i]) == words
            and tuple(t.lower_ for t in doc[token.i + 1 : end]) == after
            and (not opens or start == 0 or _ends_sentence(doc[start - 1]))
        ):
            return True
    return False


def _ends_sentence(token: Any) -> bool:
    """Whether ``token`` closes a sentence or a line."""
    return token.text in SENTENCE_END or "\n" in token.text


def _noun_cue_kind(token: Any) -> str | None:
    """The kind of a cue noun with its source and what it reports ("Lopez's claim that …").

    Only a noun with a possessor (the source) and a clause hanging from it counts; "the
    claim" alone reports nothing and names no one.
    """
    kind = quote_words().nouns.get(token.lemma_.lower())
    if kind is None:
        return None
    deps = {child.dep_ for child in token.children}
    return kind if "poss" in deps and deps & _NOUN_CONTENT_DEPS else None


_NOUN_CONTENT_DEPS = frozenset({"acl", "ccomp"})


def _verb_mistagged(token: Any) -> bool:
    """Whether ``token`` is a verb the tagger took for a noun ("…," the email *read*).

    That is the root of its sentence with a reported clause.
    """
    return token.dep_ == "ROOT" and any(c.dep_ == "ccomp" for c in token.children)


def subject_of(cue: Any, skip: Callable[[int], bool] | None = None) -> Any | None:
    """Return the head token of the speaker of ``cue``, climbing to a governing verb if needed.

    A subject for which ``skip(token.i)`` holds (one inside a quotation, which the parse may
    hang on the cue) is passed over.
    """
    if cue.lower_ == "according":
        for child in cue.children:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
        return None
    if cue.pos_ == "NOUN" and not _verb_mistagged(cue):
        return next((c for c in cue.children if c.dep_ == "poss"), None)
    token = cue
    for _ in range(3):
        for child in token.children:
            if (
                child.dep_ == "nsubj"
                and child.text not in _DATELINE_DASHES  # a dash the tagger took for a noun
                and (skip is None or not skip(child.i))
                and not _dateline(child)
            ):
                return child
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        if token.dep_ == "relcl" and token.head.pos_ in ("PROPN", "NOUN"):
            return token.head
        if token.dep_ not in CLIMB_DEPS or token.head.i == token.i:
            return None
        participle = token.tag_ == "VBG"
        token = token.head
        if participle and token.dep_ == "ccomp" and cue_kind(token.head) in SPEECH_KINDS:
            token = token.head  # "X said that A fell, adding …": the parse hangs "adding" on "fell"
        if token.dep_ == "prep" and token.head.i != token.i:
            token = token.head  # "After saying …, she was …": the main clause's subject
    return None


_DATELINE_DASHES = frozenset({"—", "–", "―", "-", "--"})


DATELINE_TOKENS = 10
"""The longest dateline before its dash ("HANOI, Vietnam (AP) —")."""


def _dateline(token: Any) -> bool:
    """Whether ``token`` is in a dateline opening a story ("PHILADELPHIA — The committee …").

    A paragraph that opens with a word in capitals and reaches a dash within
    :data:`DATELINE_TOKENS` tokens ("HANOI, Vietnam (AP) —"); the parser often takes a word of
    it for the subject of the first verb.
    """
    doc = token.doc
    start = token.i
    while (
        start > 0 and "\n" not in doc[start - 1].text_with_ws and token.i - start < DATELINE_TOKENS
    ):
        start -= 1
    if start > 0 and "\n" not in doc[start - 1].text_with_ws:
        return False
    first = doc[start]
    if not (first.text.isupper() and len(first.text) > 2):
        return False
    for i in range(token.i + 1, min(len(doc), start + DATELINE_TOKENS + 1)):
        if doc[i].text in _DATELINE_DASHES:
            return True
        if "\n" in doc[i].text_with_ws:
            return False
    return False


def cue_span(cue: Any) -> Span:
    """Return the cue as a span of the text ("said", or "according to")."""
    end = cue.i + 1
    if cue.lower_ == "according" and end < len(cue.doc):
        end += 1
    span = cue.doc[cue.i : end]
    return Span(span.start_char, span.end_char, span.text)


def trim_clause(doc: Any, lo: int, hi: int) -> tuple[int, int]:
    """Drop leading punctuation and trailing punctuation (a complementizer is content)."""
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
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
    kind = cue_kind(token)
    if kind is None:
        return False
    if token.tag_ == "VBG" and token.dep_ in ("advcl", "conj", "xcomp"):
        return kind in SPEECH_KINDS
    if token.tag_ not in _FINITE:
        return False
    if token.dep_ == "conj" and cue_kind(token) in SPEECH_KINDS:
        return True  # "… said A and called B "…"": two attributions
    return kind in SPEECH_KINDS and any(c.dep_ == "nsubj" for c in token.children)


def depth(token: Any) -> int:
    """Return how many heads stand between ``token`` and the root of its sentence."""
    steps = 0
    while token.head.i != token.i and steps < 50:
        token = token.head
        steps += 1
    return steps


_QUOTE_END_BREAKS = frozenset({",", ";"})
_TAIL_BREAKS = frozenset({",", ";", ":", "—", "–", "-", "--", "(", "["})


def tail_cut(
    doc: Any, cue: Any, lo: int, hi: int, in_quote: Callable[[int], bool]
) -> tuple[int, int]:
    """End the content ``doc[lo:hi]`` of a mixed quote soon after its last quotation.

    What follows the quotation after a comma, dash or colon ("…, which …", "…, a swipe at
    …", "… — and he …"), or after a quotation that ends with a comma ("said they are "about
    right," though …"), is the author's, not the speaker's. A content before its cue stops
    before the cue and its subject.
    """
    if lo < cue.i < hi:
        hi = cue.i
        subject = subject_of(cue, in_quote)
        if subject is not None and lo <= subject.left_edge.i < hi:
            hi = subject.left_edge.i
    last = max((i for i in range(lo, hi) if in_quote(i)), default=None)
    if last is None:
        return lo, hi
    if (
        cue.i < lo < last + 1 < hi
        and doc[last - 1].text in _QUOTE_END_BREAKS
        and in_quote(last - 1)
    ):
        return lo, last + 1  # "… "well qualified," which is …": the quote closed the clause
    for i in range(last + 1, hi):
        if in_quote(i):
            break
        if doc[i].text in _TAIL_BREAKS and not _inner_comma(doc, i, lo, hi):
            if _goes_on(doc, i, lo, hi):
                continue
            return trim_clause(doc, lo, i)
    return lo, hi


_ASIDE_ROOTS = frozenset({"relcl", "acl", "appos", "npadvmod", "parataxis"})
_ASIDE_MARKS = frozenset({"when", "as", "while", "before", "after", "although", "despite"})


def _goes_on(doc: Any, i: int, lo: int, hi: int) -> bool:
    """Whether what follows the break ``doc[i]`` still belongs to the content ``doc[lo:hi]``.

    So it joins a word before the break as a further item or predicate ("to "bomb the hell"
    out of them, bring back waterboarding and deport refugees"), an object, a preposition or a
    subordinate clause ("…, even though he is the lone Republican left"); a relative or
    participle clause, an apposition or a second attribution is the reporter's aside.
    """
    if doc[i].text != ",":
        return False
    end = i + 1
    while end < hi and doc[end].text not in _TAIL_BREAKS:
        end += 1
    roots = [t for t in doc[i + 1 : end] if not (i < t.head.i < end) or t.head.i == t.i]
    if not roots or any(cue_kind(t) in SPEECH_KINDS for t in doc[i + 1 : end]):
        return False
    for root in roots:
        if root.dep_ == "prep" and root.lower_ in _ASIDE_MARKS:
            return False
        if not (lo <= root.head.i < i) or root.dep_ in _ASIDE_ROOTS:
            return False
        if root.dep_ == "advcl" and (
            root.tag_ in _PARTICIPLES or root.left_edge.lower_ in _ASIDE_MARKS
        ):
            return False
        if has_own_attribution(root):
            return False
    return True


def _inner_comma(doc: Any, i: int, lo: int, hi: int) -> bool:
    """Whether the comma ``doc[i]`` belongs to the content, not ends it.

    So it is inside a name ("Washington, D.C.") or joins two parts of the content itself
    ("… the prison, but rather move …").
    """
    if doc[i].text != "," or i + 1 >= hi:
        return False
    after = doc[i + 1]
    if after.ent_type_ and after.ent_type_ == doc[i - 1].ent_type_ and after.ent_iob_ == "I":
        return True
    return bool(after.dep_ == "cc" and lo <= after.head.i < i)


_ASIDE_DEPS = frozenset({"appos", "npadvmod", "relcl"})
_PARTICIPLES = frozenset({"VBG", "VBN"})


def trailing_aside(doc: Any, lo: int, hi: int, in_quote: Callable[[int], bool]) -> int:
    """Where a reported clause ends before a trailing aside of the reporter's, else ``hi``.

    ("… it would give $75,000 to the convention, down sharply from four years ago"; "…
    than Clinton, the 68-year-old former secretary of state"; "…, who shot President
    Reagan".) The aside follows the last comma, hangs from a word before it as an apposition,
    a relative clause or a measure phrase, and holds no quotation. A participle clause
    ("…, bringing its total to $95 million") goes on with what was said, as attribution
    corpora such as PolNeAR read it.
    """
    for i in range(hi - 2, lo, -1):
        if doc[i].text != ",":
            continue
        rest = range(i + 1, hi)
        if any(in_quote(j) for j in rest):
            return hi
        roots = [doc[j] for j in rest if not (i < doc[j].head.i < hi) or doc[j].head.i == j]
        if len(roots) != 1 or roots[0].head.i >= i:
            return hi
        root = roots[0]
        if root.dep_ in _ASIDE_DEPS:
            return i
        return hi
    return hi
