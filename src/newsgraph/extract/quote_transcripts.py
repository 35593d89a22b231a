"""Transcript turns: a paragraph opening with a speaker's name in capitals and a colon.

Interview transcripts printed in news text give each turn so ("HOST: Will the bill pass?",
"MARIA LOPEZ: We have the votes …"). The paragraph after the label is the speaker's,
word for word: a direct quote with the label as speaker mention and the colon as cue.

A label counts only in an article with at least :data:`MIN_TURNS` labelled paragraphs, only
when it names a person of the article or labels that many paragraphs itself, and never when
it is a headline kicker ("UPDATE:", "RELATED:"; ``transcript_kickers`` in
``knowledge/quote_words.json``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ..model import Quote, Span, Speaker
from .quote_spans import paragraphs
from .quote_words import quote_words
from .speakers import name_words, person_by_words

if TYPE_CHECKING:
    from .quote_state import QuoteContext

MIN_TURNS = 2
"""How many labelled paragraphs make an article a transcript, and how many paragraphs a label
must open to be a speaker without naming a person of the article."""

_OPENING, _CLOSING = '"“', '"”'

_LABEL = re.compile(r"[\"“]?([A-Z][A-Z.'’\- ]{0,40}[A-Z.]):[ \t]+(?=\S)")
"""A label in capitals and a colon at a paragraph start (the paragraph may open a quote)."""


def transcript_turns(ctx: QuoteContext) -> list[Quote]:
    """Return the transcript turns of the article, as direct quotes, in text order."""
    found = []
    for start, end in paragraphs(ctx.text):
        match = _LABEL.match(ctx.text, start, end)
        if match is not None:
            found.append((match, end))
    if len(found) < MIN_TURNS:
        return []
    counts = Counter(match.group(1) for match, _ in found)
    turns: list[Quote] = []
    kickers = quote_words().transcript_kickers
    for match, end in found:
        label = match.group(1)
        if label.lower() in kickers:
            continue
        words = name_words(label.title())
        person = person_by_words(words, ctx.index) if words else None
        if person is None and counts[label] < MIN_TURNS:
            continue
        content = ctx.text[match.end() : end].rstrip()
        if match.group(0)[0] in _OPENING and content[-1:] in _CLOSING:
            content = content[:-1].rstrip()  # the paragraph is itself a quotation
        if not content:
            continue
        speaker = Speaker(
            name=person.name if person is not None else " ".join(words) or None,
            actor=person.actor if person is not None else None,
            text=label,
            start=match.start(1),
            end=match.end(1),
        )
        colon = match.end(1)
        cue = Span(colon, colon + 1, ":")
        turns.append(
            Quote("direct", content, match.end(), match.end() + len(content), speaker, cue, 0.7)
        )
    return turns
