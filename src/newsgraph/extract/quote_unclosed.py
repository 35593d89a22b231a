"""A quotation mark that is never closed must not swallow the attribution after it.

``“We are ready, the mayor said on Monday.`` opens a quote and never closes it: read to the
paragraph's end, the quote would hold its own attribution, and "said" (inside a quote) could
cue nothing. :func:`cut_unclosed` ends such a quote before an attribution clause inside it:
a comma followed, within a few words, by a speech verb whose subject stands between the
comma and the verb (``, the mayor said``) or right after it (``, said Maria Lopez``). The
quote then ends with that comma, as a closed one would, and the clause after it attributes
it as usual.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .cues import SPEECH_KINDS, cue_kind
from .quote_spans import MarkSpan

MAX_SUBJECT_WORDS = 6
"""The most tokens between the comma and the speech verb (``, the city's emergency chief
said``)."""

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def cut_unclosed(doc: Any, marks: list[MarkSpan]) -> list[MarkSpan]:
    """Return ``marks`` with each unclosed quote ended before an attribution clause inside it.

    A quote left open that continues in the next paragraph (the convention for quotes
    running over several paragraphs) is left as it is.
    """
    return [_cut(doc, m) if not m.closed and not m.continues else m for m in marks]


def _cut(doc: Any, mark: MarkSpan) -> MarkSpan:
    span = doc.char_span(mark.start, mark.end, alignment_mode="contract")
    if span is None:
        return mark
    for comma in span:
        if comma.text != "," or comma.i + 1 >= span.end:
            continue
        if _attribution_after(doc, comma.i, span.end):
            end = comma.idx + len(comma.text)
            return replace(mark, end=end, mark_end=end)
    return mark


def _attribution_after(doc: Any, comma: int, end: int) -> bool:
    """Whether a speech verb with its subject follows the comma at token ``comma``."""
    for verb in doc[comma + 1 : min(end, comma + 2 + MAX_SUBJECT_WORDS)]:
        if verb.is_punct or cue_kind(verb) not in SPEECH_KINDS:
            continue
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
        return any(comma < s.i < verb.i or s.i == verb.i + 1 for s in subjects) or (
            verb.i == comma + 1 and verb.i + 1 < end and doc[verb.i + 1].pos_ == "PROPN"
        )
    return False
