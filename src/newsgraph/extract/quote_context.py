"""The state one quote extraction shares, and the helpers every step of it uses.

:class:`QuoteContext` holds the parse, the quotation marks and the speaker index of one article;
the functions here find a cue's speaker, cut a clause to its paragraph and make quotes.
"""

from __future__ import annotations

from typing import Any

from ..model import Analysis, Quote, Speaker
from .cues import SENTENCE_END, cue_kind, cue_span, has_own_attribution, subject_of, trim_clause
from .quote_frame import subject_before, token_range
from .quote_spans import find_mark_spans, paragraphs
from .quote_state import QuoteContext as QuoteContext
from .quote_unclosed import cut_unclosed
from .quote_words import quote_words
from .speakers import build_index, resolve_speaker

MIN_CLAUSE_TOKENS = 3
"""A reported clause shorter than this (in tokens) is not an indirect quote."""

MIXED_MIN_WORDS = 1
"""A clause with at least this many words outside the quotation makes the quote mixed.

One is enough: "called her "weak"" says whom the word was for, and PolNeAR's content holds it."""


_NOMINAL = frozenset({"PROPN", "PRON", "NOUN"})
_WHEN = frozenset({"DATE", "TIME"})
"""Entity types of a time phrase next to a cue ("said Saturday"), never its speaker."""
SPLIT_DEPS = frozenset({"advcl", "conj", "parataxis"})


def build_context(doc: Any, text: str, analysis: Analysis | None) -> QuoteContext:
    """Find the quotation marks of ``text`` and index the article's people and groups."""
    marks = cut_unclosed(doc, find_mark_spans(text))
    quote_of = [-1] * len(doc)
    for n, mark in enumerate(marks):
        lo, hi = token_range(doc, mark.mark_start, mark.mark_end)
        for i in range(lo, hi):
            quote_of[i] = n
    actors = analysis.actors if analysis is not None else []
    para_starts = [start for start, _ in paragraphs(text)] or [0]
    index = build_index(doc, actors, lambda i: quote_of[i] >= 0)
    return QuoteContext(doc, text, marks, index, quote_of, para_starts)


def _nearby_subject(ctx: QuoteContext, cue: Any) -> Any | None:
    """When the parse gives a cue no subject, take the nearest name or noun beside it.

    Left of the cue first ("…," Ramos, 58, told AFP), up to the quotation or sentence
    start; then right of it ("…," said the man), up to punctuation.
    """
    doc, para = ctx.doc, ctx.paragraph(cue.idx)
    if cue.lemma_.lower() in quote_words().target_cues and any(
        c.dep_ in ("nsubjpass", "auxpass") for c in cue.children
    ):
        return None  # "Russia has been accused of …": who is accused did not speak
    i = cue.i - 1
    while i >= 0 and not ctx.in_quote(i) and doc[i].text not in SENTENCE_END:
        token = doc[i]
        if ctx.paragraph(token.idx) != para:
            break
        if (
            token.pos_ in _NOMINAL
            and token.dep_ not in ("poss", "pobj", "dobj")
            and token.ent_type_ not in _WHEN
        ):
            return token
        i -= 1
    inverted = after_quote(ctx, cue)
    for token in doc[cue.i + 1 : min(len(doc), cue.i + 6)]:
        if ctx.in_quote(token.i) or token.is_punct:
            break
        if token.ent_type_ in _WHEN:
            continue  # "…," she said Tuesday
        if token.pos_ in _NOMINAL and (
            token.dep_ not in ("dobj", "dative", "pobj", "poss")
            or (inverted and token.dep_ == "dobj")
        ):
            return token.head if token.dep_ == "compound" and token.head.i > token.i else token
        if (
            inverted
            and token.i == cue.i + 1
            and token.pos_ not in _NOMINAL
            and token.is_title
            and token.is_alpha
        ):
            return token  # "…," said Skelly: a name the tagger did not know
    return None


def after_quote(ctx: QuoteContext, cue: Any) -> bool:
    """Whether ``cue`` follows a quotation directly ("…," added Smith): an inverted cue."""
    i = cue.i - 1
    while i >= 0 and (ctx.doc[i].is_space or ctx.doc[i].text in (",", "—", "–")):
        i -= 1
    return i >= 0 and ctx.in_quote(i)


def _carried_message(cue: Any) -> bool:
    """Whether ``cue`` is a participle on the object of a verb: a message someone put out.

    ("The campaign sent out a press release saying …", "they held banners proclaiming …":
    what the release says is said by whoever sent it, the subject of that verb.)
    """
    return bool(cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.dep_ == "dobj")


def _trailing_participle(cue: Any) -> bool:
    """Whether ``cue`` is a participle after a comma that the parse hung on a noun.

    ("She ended the debate with a reference to the film, remarking, "…"": the remark is the
    subject's of the clause, not the film's.)
    """
    return bool(
        cue.tag_ == "VBG" and cue.dep_ == "acl" and cue.i > 0 and cue.doc[cue.i - 1].text == ","
    )


def _clause_verb(token: Any) -> Any:
    """The nearest verb above ``token`` (``token`` itself when there is none)."""
    head = token.head
    while head.i != head.head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") and head.i != token.i else token


def leading_participle(ctx: QuoteContext, cue: Any) -> bool:
    """Whether ``cue`` is a participle that opens its sentence ("Adding, "…"").

    It goes on with the sentence before it, whose subject is its speaker, when no subject
    follows in its own sentence ("Remarking on it, Lopez said …" is Lopez's).
    """
    sent = cue.sent
    if cue.tag_ != "VBG" or any(
        not (t.is_punct or t.is_space) for t in ctx.doc[sent.start : cue.i]
    ):
        return False
    return not any(
        t.dep_ in ("nsubj", "nsubjpass") and not ctx.in_quote(t.i)
        for t in ctx.doc[cue.i : sent.end]
    )


def speaker_of(ctx: QuoteContext, cue: Any) -> Speaker | None:
    """Return the speaker of ``cue``: its subject, or the source of an outer "according to".

    ("…," she said, according to the transcript: the quote is the transcript's account; "the
    campaign released an ad calling it …": the campaign's, :func:`_carried_message`.)
    """
    outer = next((c for c in cue.children if c.lower_ == "according" and cue_kind(c)), None)
    subject = subject_of(outer if outer is not None else cue, ctx.in_quote)
    if subject is None and _carried_message(cue):
        subject = subject_of(cue.head.head, ctx.in_quote)
    if subject is None and _trailing_participle(cue):
        subject = subject_of(_clause_verb(cue), ctx.in_quote)
    if subject is None and cue.lower_ != "according":
        subject = _nearby_subject(ctx, cue)
    if subject is None and leading_participle(ctx, cue):
        before = subject_before(ctx, cue.sent.start)
        return before[1] if before is not None else None
    if subject is None or ctx.in_quote(subject.i):
        return None
    if ctx.paragraph(subject.idx) != ctx.paragraph(cue.idx):
        return None
    return resolve_speaker(subject, ctx.index)


def clause(ctx: QuoteContext, child: Any, para: int) -> tuple[int, int]:
    """Return the token range of the clause headed by ``child``, kept inside paragraph ``para``."""
    lo, hi = child.left_edge.i, child.right_edge.i + 1
    for sub in ctx.doc[lo:hi]:
        if sub.i != child.i and sub.dep_ in SPLIT_DEPS and has_own_attribution(sub):
            if sub.i > child.i:
                hi = min(hi, sub.left_edge.i)
            else:
                lo = max(lo, sub.right_edge.i + 1)
    return clip(ctx, lo, hi, para)


def clip(ctx: QuoteContext, lo: int, hi: int, para: int) -> tuple[int, int]:
    """Keep ``doc[lo:hi]`` inside paragraph ``para`` and trim it (see :func:`_trim`)."""
    doc = ctx.doc
    while lo < hi and ctx.paragraph(doc[lo].idx) < para:
        lo += 1
    while hi > lo and ctx.paragraph(doc[hi - 1].idx) > para:
        hi -= 1
    lo, hi = trim_clause(doc, lo, hi)
    if hi > lo:
        lo, hi = whole_marks(ctx, lo, hi)
    return lo, hi


def whole_marks(ctx: QuoteContext, lo: int, hi: int) -> tuple[int, int]:
    """Widen ``doc[lo:hi]`` so that a quotation it cuts is wholly inside it."""
    first, last = ctx.quote_of[lo], ctx.quote_of[hi - 1]
    while lo > 0 and first >= 0 and ctx.quote_of[lo - 1] == first:
        lo -= 1
    while hi < len(ctx.doc) and last >= 0 and ctx.quote_of[hi] == last:
        hi += 1
    return lo, hi


def words_outside(ctx: QuoteContext, lo: int, hi: int, mark: int | None = None) -> int:
    """Count the words of ``doc[lo:hi]`` outside quotation ``mark`` (``None``: outside all)."""
    return sum(
        1
        for t in ctx.doc[lo:hi]
        if (ctx.quote_of[t.i] != mark if mark is not None else not ctx.in_quote(t.i))
        and not t.is_punct
        and not t.is_space
    )


def make_quote(
    ctx: QuoteContext,
    kind: str,
    start: int,
    end: int,
    speaker: Speaker | None,
    cue: Any | None,
    confidence: float,
) -> Quote:
    """A quote of ``text[start:end]`` with its speaker and cue."""
    text = ctx.text[start:end]
    return Quote(
        kind, text, start, end, speaker, cue_span(cue) if cue is not None else None, confidence
    )


def sentence_range(ctx: QuoteContext, token: Any) -> tuple[int, int]:
    """Return the token range of ``token``'s sentence, kept inside its paragraph."""
    sent, para, doc = token.sent, ctx.paragraph(token.idx), ctx.doc
    lo, hi = sent.start, sent.end
    while lo < token.i and (
        ctx.paragraph(doc[lo].idx) < para or doc[lo].is_punct or doc[lo].is_space
    ):
        lo += 1
    while hi > token.i + 1 and ctx.paragraph(doc[hi - 1].idx) > para:
        hi -= 1
    return lo, hi


def covered(ctx: QuoteContext, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` overlaps a quote already made."""
    return ctx.covered.overlaps(start, end)


def that_clause(child: Any) -> bool:
    """Whether ``child`` is a "that" clause the parser took for an adverbial one.

    ("Lopez tweeted in the early hours that the mayor was "a disgrace"": after a phrase
    between verb and clause the model often attaches the clause as ``advcl``.)
    """
    first = child.left_edge
    return bool(child.dep_ == "advcl" and first.lower_ == "that" and first.i < child.i)
