"""Linking the pieces of one quote: interrupted quotations and paragraph continuations.

Helpers of :mod:`.quotes`: ("…," she said. "…") is one utterance told as two quotes, the second
``continues`` the first (the narration between them is in neither); every paragraph of a quote
continued over several paragraphs gets the speaker found in any of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Quote, Speaker
from .cues import SENTENCE_END
from .quote_spans import MarkSpan

if TYPE_CHECKING:
    from .quote_state import QuoteContext

MIN_FLOATING_WORDS = 3
"""A quotation with fewer words is not taken as a floating quote ("Related:")."""

MAX_INTERRUPTION = 45
"""An attribution longer than this (in tokens) between two quotations splits them in two."""

_JOINED_FIRST = frozenset({"direct", "floating", "mixed"})
_JOINED_SECOND = frozenset({"direct", "floating"})

MAX_RUN_ON_WORDS = 8
"""An attribution within the sentence ("…," she said, "…") this long at most joins the quotes."""


def merge_interrupted(ctx: QuoteContext, quotes: list[Quote]) -> list[Quote]:
    """Link the pieces of quotes interrupted only by their attribution (:func:`_interrupted`).

    Each piece stays its own quote, without the narration between them; the later piece
    ``continues`` the earlier one and takes its speaker and cue when it has no cue of its own.
    """
    result: list[Quote] = []
    for quote in quotes:
        before = _last_piece(ctx, result)
        if before is not None and _interrupted(ctx, before, quote) is not False:
            quote = _piece(before, quote)
        result.append(quote)
    return result


def _last_piece(ctx: QuoteContext, result: list[Quote]) -> Quote | None:
    """The quote a new piece may go on from: the last quotation, past what its attribution adds.

    ("…," he told Reuters when asked if he had met her. "…"; "…," she said, adding that the
    campaign would work hard. "…"; "…," he said, hinting that "changes" could come. "…": what
    the attribution tells in passing, by the same speaker, is not where the utterance
    resumes.)
    """
    if not result:
        return None
    last = result[-1]
    for quote in reversed(result[:-1]):
        if quote.kind not in _JOINED_FIRST or not same_speaker(quote.speaker, last.speaker):
            break
        if not _same_sentence(ctx, quote, last):
            break
        last = quote
        if quote.kind != "indirect":
            break
    return last if last.kind in _JOINED_FIRST else result[-1]


def same_speaker(a: Speaker | None, b: Speaker | None) -> bool:
    """Whether two speakers are one: the same mention, or resolved to the same actor or name."""
    if a is None or b is None:
        return False
    if a is b:
        return True
    if a.actor is not None and a.actor == b.actor:
        return True
    return a.name is not None and a.name == b.name


def _same_sentence(ctx: QuoteContext, first: Quote, second: Quote) -> bool:
    """Whether ``second`` starts in the sentence where ``first`` ends (no sentence end between)."""
    between = ctx.doc.char_span(first.end, second.start, alignment_mode="contract")
    return between is None or not _ends_sentence(between)


def _ends_sentence(between: Any) -> bool:
    """Whether a stretch of narration holds a sentence end (a final mark or a sentence start)."""
    return any(t.text in SENTENCE_END for t in between) or any(t.is_sent_start for t in between[1:])


def _interrupted(ctx: QuoteContext, first: Quote, second: Quote) -> bool | None:
    """Whether ``second`` goes on with ``first``, interrupted only by its attribution.

    ("…," she said. "…") Both by the same speaker, in one paragraph (or the next, when the
    first quotation is left open and continues there, or when the second is a floating
    quotation standing alone there, after the paragraph that attributes the first), the second
    direct or floating. The attribution between them may be a sentence of at most
    :data:`MAX_INTERRUPTION` tokens or, within one sentence ("…," she said, "…"), at most
    :data:`MAX_RUN_ON_WORDS` words: the convention of attribution corpora such as PolNeAR, one
    utterance, one quote. ``None`` means one utterance whose attribution is longer than its two
    pieces together: the joined text would be mostly attribution, so only the longer piece is
    kept.
    """
    if first.kind not in _JOINED_FIRST or second.kind not in _JOINED_SECOND:
        return False
    if second.start <= first.end:
        return False
    gap = ctx.paragraph(second.start) - ctx.paragraph(first.end)
    if gap != 0 and not (gap == 1 and (_continues(ctx, first.end) or second.kind == "floating")):
        return False
    if first.speaker is None or second.speaker is None:
        return False
    if first.speaker is not second.speaker and (first.cue is None or first.cue != second.cue):
        return False
    between = ctx.doc.char_span(first.end, second.start, alignment_mode="contract")
    if between is None:
        return True
    words = sum(1 for t in between if not t.is_punct and not t.is_space)
    ok = len(between) <= MAX_INTERRUPTION if _ends_sentence(between) else words <= MAX_RUN_ON_WORDS
    if ok and second.start - first.end > (first.end - first.start) + (second.end - second.start):
        return None
    return ok


def _continues(ctx: QuoteContext, end: int) -> bool:
    """Whether the quotation ending at ``end`` is left open and continues in the next paragraph."""
    return any(m.end == end and m.continues for m in ctx.marks)


def _piece(first: Quote, second: Quote) -> Quote:
    """``second`` as the next piece of the utterance ``first`` began."""
    floating = second.kind == "floating"
    return Quote(
        "direct" if floating else second.kind,
        second.text,
        second.start,
        second.end,
        first.speaker if floating or second.speaker is None else second.speaker,
        first.cue if floating or second.cue is None else second.cue,
        max(first.confidence, second.confidence) if floating else second.confidence,
        continues=first.start,
    )


def long_enough(ctx: QuoteContext, mark: MarkSpan) -> bool:
    """Whether a quotation has enough words to be a floating quote (not a label)."""
    return len(ctx.text[mark.start : mark.end].split()) >= MIN_FLOATING_WORDS


def mark_text(text: str, mark: MarkSpan) -> str:
    """Return the text of a quotation without its marks."""
    return text[mark.start : mark.end]


def carry_continuations(ctx: QuoteContext, found: list[Quote | None]) -> None:
    """Give every paragraph of a continued quote the speaker found in any of them."""
    group: list[int] = []
    for n, mark in enumerate(ctx.marks):
        if not mark.continued:
            group = []
        group.append(n)
        if mark.continues:
            continue
        attributed = [found[g] for g in group if found[g] is not None]
        source = next((q for q in attributed if q is not None and q.speaker is not None), None)
        if source is None or len(group) < 2:
            continue
        for g in group:
            if found[g] is None:
                m = ctx.marks[g]
                found[g] = Quote(
                    "direct",
                    mark_text(ctx.text, m),
                    m.start,
                    m.end,
                    source.speaker,
                    source.cue,
                    0.7,
                )
