"""Cues in the slots around a quotation, whatever their verb: ""…!" beamed a delegate".

Helpers of :mod:`.quotes` for quotations the parse does not link to a lexicon cue. A quotation
that opens its sentence and is closed by a comma, "!" or "?" inside its marks, followed by a
short clause "someone VERB" or "VERB someone" whose verb has no object of its own, is that
verb's quote, whatever the verb ("…," the host started; "…!" beamed a delegate; "…," the
nominee riffed on the answer): the quotation is the verb's object. And a speech cue right
before a quotation, past no more than a comma or colon ("sent an email saying, "done.""),
introduces it however short it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .cues import SENTENCE_END, SPEECH_KINDS, cue_kind
from .quote_frame import frame
from .quote_words import quote_words

if TYPE_CHECKING:
    from .quote_spans import MarkSpan
    from .quote_state import QuoteContext

SUBJECT_WORDS = 8
"""At most this many words name the speaker between a quotation and its verb."""

_OPEN_ENDS = frozenset(",?!")
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_OBJECT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "dative", "attr", "oprd", "acomp"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NOMINAL = frozenset({"PROPN", "PRON", "NOUN"})
_RELATIVE = frozenset({"WDT", "WP", "WP$"})
_MODIFIER_DEPS = frozenset({"amod", "compound"})
"""A verb form that only describes the speaker ("Lopez, a retired nurse, said")."""
_GAP_MARKS = frozenset({",", "-", "–", "—"})


def trailing_verb(ctx: QuoteContext, mark: MarkSpan, lo: int, hi: int) -> Any | None:
    """The verb of "“…,” SUBJECT VERB." or "“…!” VERB SUBJECT …" after a quotation.

    The quotation opens its sentence and ends with a comma, "!" or "?"; the verb is finite,
    takes no object outside the quotation, and its subject stands between the quotation and
    it (a noun phrase of at most :data:`SUBJECT_WORDS` words) or right after it.
    """
    said = ctx.text[mark.start : mark.end].rstrip("'’\"” ")
    if not mark.closed or said[-1:] not in _OPEN_ENDS:
        return None
    if any(not t.is_punct and not t.is_space for t in frame(ctx, lo, hi, -1)):
        return None
    words = [t for t in frame(ctx, hi, hi, 1) if not t.is_space]
    if words and words[0].text == ",":
        words = words[1:]
    gap: list[Any] = []
    for token in words:
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in _MODIFIER_DEPS:
            return token if _takes_the_quote(ctx, token, gap) else None
        if token.is_punct and token.text not in _GAP_MARKS:
            return None
        gap.append(token)
        if sum(not t.is_punct for t in gap) > SUBJECT_WORDS:
            return None
    return None


def _takes_the_quote(ctx: QuoteContext, verb: Any, gap: list[Any]) -> bool:
    """Whether ``verb``, after the words ``gap``, is a clause whose object is the quotation."""
    if verb.pos_ != "VERB" or verb.tag_ not in _FINITE | {"VBN"}:
        return False
    if verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False  # "… was written": no one speaks
    outside = [c for c in verb.children if not ctx.in_quote(c.i)]
    subjects = [c for c in outside if c.dep_ in _SUBJECT_DEPS]
    if not gap and not subjects:
        # ""…!" beamed a delegate": the parser takes the speaker after the verb for its object
        subjects = [c for c in outside if c.dep_ == "dobj" and c.i > verb.i][:1]
    if any(c.dep_ in _OBJECT_DEPS and c not in subjects for c in outside):
        return False
    if gap:
        if any(t.tag_ in _RELATIVE for t in gap) or not any(t.pos_ in _NOMINAL for t in gap):
            return False  # ""Hawaii Five-0," the show that CBS revived, is …": no speaker
        if verb.dep_ == "relcl" and gap[0].i <= verb.head.i <= gap[-1].i:
            return False  # ""Hawaii Five-0," the show CBS revived, …": the writer's aside
        return not subjects or any(gap[0].i <= s.i <= gap[-1].i for s in subjects)
    return any(s.i > verb.i and s.pos_ in _NOMINAL for s in subjects)


def preceding_cue(ctx: QuoteContext, lo: int) -> Any | None:
    """The speech cue right before a quotation, past at most a comma or colon.

    ("she sent an email saying, "done.""; "Adding, "Now …""; "a man yelled "Stay there!"".)
    A naming verb ("the so-called "experts"") or a participle used as an adjective
    ("self-described "Berners"") introduces no utterance.
    """
    doc = ctx.doc
    i = lo - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in (",", ":")):
        i -= 1
    if i < 0 or ctx.in_quote(i) or doc[i].text in SENTENCE_END:
        return None
    cue = doc[i]
    if cue_kind(cue) not in SPEECH_KINDS or cue.lemma_.lower() in quote_words().naming_verbs:
        return None
    if cue.dep_ == "amod" or (i > 0 and doc[i - 1].text in _GAP_MARKS - {","}):
        return None  # "self-described "geeky kid"": a word of the writer's
    return cue
