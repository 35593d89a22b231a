"""Joining the pieces of one quote: interrupted quotations and paragraph continuations.

Helpers of :mod:`.quotes`: ("…," she said. "…") is one quote, and every paragraph of a quote
continued over several paragraphs gets the speaker found in any of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Quote
from .quote_spans import MarkSpan

if TYPE_CHECKING:
    from .quotes import QuoteContext

MIN_FLOATING_WORDS = 3
"""A quotation with fewer words is not taken as a floating quote ("Related:")."""

MAX_INTERRUPTION = 25
"""An attribution longer than this (in tokens) between two quotations splits them in two."""


def merge_interrupted(ctx: QuoteContext, quotes: list[Quote]) -> list[Quote]:
    """Join quotes interrupted only by their attribution (see :func:`_interrupted`)."""
    result: list[Quote] = []
    for quote in quotes:
        if result and _interrupted(ctx, result[-1], quote):
            quote = _join(ctx, result.pop(), quote)
        result.append(quote)
    return result


def _interrupted(ctx: QuoteContext, first: Quote, second: Quote) -> bool:
    """Whether ``second`` goes on with ``first``, interrupted only by its attribution.

    ("…," she said. "…") Both are direct (or floating), in one paragraph or the next, by the
    same speaker, and at most :data:`MAX_INTERRUPTION` tokens stand between them. This is the
    convention of attribution corpora such as PolNeAR: one utterance, one quote.
    """
    if {first.kind, second.kind} - {"direct", "floating"} or second.start <= first.end:
        return False
    if not 0 <= ctx.paragraph(second.start) - ctx.paragraph(first.end) <= 1:
        return False
    if first.speaker is None or second.speaker is None:
        return False
    if first.speaker is not second.speaker and (first.cue is None or first.cue != second.cue):
        return False
    between = ctx.doc.char_span(first.end, second.start, alignment_mode="contract")
    return between is None or len(between) <= MAX_INTERRUPTION


def _join(ctx: QuoteContext, first: Quote, second: Quote) -> Quote:
    """One quote running from ``first`` to ``second`` (the attribution between them inside)."""
    kind = "direct" if "direct" in (first.kind, second.kind) else first.kind
    confidence = max(first.confidence, second.confidence)
    speaker = first.speaker if first.kind != "floating" else second.speaker
    return Quote(
        kind,
        ctx.text[first.start : second.end],
        first.start,
        second.end,
        speaker,
        first.cue or second.cue,
        confidence,
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
