"""Quotation-mark spans in plain text: where each quote opens and closes, paragraph by paragraph.

Curly marks say which way they face, unless what stands on each side of one says otherwise
(a paragraph opening with ``”``); straight marks (``"`` and the doubled apostrophe ``''``)
are read from what stands on each side of them, and failing that by alternation. A paragraph
that opens a quote and does not close it ends the quote at the paragraph's end; when the next
paragraph opens again with a quotation mark, the quote *continues* there (the newspaper
convention for quotes running over several paragraphs). Unbalanced, nested or missing marks
never raise: a stray closing mark is ignored, and a second opening mark inside an open quote
ends the first quote before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .quote_words import quote_words

_OPEN_CONTEXT = frozenset("([{—–-/ \t")
_CLOSE_CONTEXT = frozenset(".,;:!?)]}—–-/… \t")
_GUILLEMETS = frozenset("«»‹›")
_INNER_SPACES = frozenset(" \u00a0\u202f")


@dataclass(frozen=True)
class MarkSpan:
    """One quoted stretch: ``text[start:end]`` is the content without its quotation marks.

    Attributes:
        start: first character of the content.
        end: end of the content (exclusive), spaces trimmed.
        mark_start: position of the opening mark.
        mark_end: end of the closing mark, or ``end`` when the quote is not closed.
        paragraph: index of the paragraph (line) the span lies in.
        closed: the quote has a closing mark.
        continues: the quote is not closed and the next paragraph opens a quote that
            continues it.
        continued: the quote continues one left open in the previous paragraph.
    """

    start: int
    end: int
    mark_start: int
    mark_end: int
    paragraph: int
    closed: bool = True
    continues: bool = False
    continued: bool = False


@cache
def _mark_pattern() -> re.Pattern[str]:
    words = quote_words()
    marks = sorted(
        {*words.opening_marks, *words.closing_marks, *words.ambiguous_marks},
        key=len,
        reverse=True,
    )
    return re.compile("|".join(re.escape(m) for m in marks))


WRAPPED_LINE = 50
"""A line at least this long, in a text whose paragraphs are parted by blank lines, that does
not end a sentence, was wrapped: the next line goes on with its paragraph."""

_LINE_ENDS = tuple('.!?:;"”’)]')


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of every paragraph of ``text``, in order.

    A paragraph is a non-blank line, or several when the text was hard-wrapped: where blank
    lines part the paragraphs, a line that does not end a sentence and runs on into a line
    starting in lower case, or is long (:data:`WRAPPED_LINE`), goes on in the next line.
    """
    spans: list[tuple[int, int]] = []
    wrapped = "\n\n" in text
    start = 0
    joined = False
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            if joined and spans:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
            joined = wrapped and _runs_on(line)
        else:
            joined = False
        start = end + 1
    return spans


def _runs_on(line: str) -> bool:
    stripped = line.rstrip()
    return len(stripped) >= WRAPPED_LINE and not stripped.endswith(_LINE_ENDS)


def paragraph_bounds(text: str, at: int) -> tuple[int, int]:
    """Return the ``(start, end)`` of the line of ``text`` holding the character ``at``."""
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    return lo, len(text) if hi < 0 else hi


def _role(text: str, pos: int, mark: str, lo: int, hi: int) -> str:
    """Return ``open``, ``close`` or ``either`` for the mark at ``pos`` in ``text[lo:hi]``."""
    words = quote_words()
    before = text[pos - 1] if pos > lo else " "
    after = text[pos + len(mark)] if pos + len(mark) < hi else " "
    # French spacing, « a space inside the guillemets » (plain or no-break): a guillemet
    # touching no word is read by the word past the space ("»Wir" is read as it stands).
    if mark in _GUILLEMETS and not before.isalnum() and not after.isalnum():
        if after in _INNER_SPACES and pos + len(mark) + 1 < hi:
            after = text[pos + len(mark) + 1]
        if before in _INNER_SPACES and pos - 1 > lo:
            before = text[pos - 2]
    can_open = not after.isspace() and (before in _OPEN_CONTEXT or before.isspace())
    can_close = not before.isspace() and (after in _CLOSE_CONTEXT or after.isspace())
    # A curly mark facing the wrong way (”Well, no.” or “tired“) is read by its context,
    # when that context allows one reading only.
    if mark in words.opening_marks:
        return "close" if can_close and not can_open else "open"
    if mark in words.closing_marks:
        return "open" if can_open and not can_close else "close"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either"


_ATTRIBUTE = re.compile(r"""[\w-]+=("[^"\n]*"|'[^'\n]*')""")
"""A markup attribute left in the text (``author="…"``): its marks delimit a value, not words."""


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraph_spans(
    text: str, lo: int, hi: int, index: int, open_before: bool
) -> tuple[list[MarkSpan], bool]:
    """Return the quote spans of the paragraph ``text[lo:hi]`` and whether it ends inside one.

    ``open_before`` says that the previous paragraph ended inside a quote: a closing mark met
    before any opening one then closes a quote that began at the paragraph's start.
    """
    spans: list[MarkSpan] = []
    open_at: int | None = None
    open_mark_start = lo
    seen_mark = False
    nested = 0
    markup = {i for m in _ATTRIBUTE.finditer(text, lo, hi) for i in range(m.start(1), m.end(1))}
    matches = [m for m in _mark_pattern().finditer(text, lo, hi) if m.start() not in markup]
    roles = [_role(text, m.start(), m.group(), lo, hi) for m in matches]
    for n, match in enumerate(matches):
        pos, role = match.start(), roles[n]
        if nested and role in ("close", "either"):
            nested -= 1  # the end of a quotation inside the open one
            continue
        if open_at is not None and role == "open" and _nests(roles, n):
            nested += 1  # “outer “inner” outer”: the inner quote is part of the outer one
            continue
        if open_at is None and (
            role == "open"
            or (role == "either")
            or (role == "close" and open_before and not seen_mark)
        ):
            if role == "close":
                start, end = _trimmed(text, lo, pos)
                if end > start:
                    spans.append(MarkSpan(start, end, lo, match.end(), index, True, False, True))
            else:
                open_at, open_mark_start = match.end(), pos
        elif open_at is not None and role in ("close", "either"):
            start, end = _trimmed(text, open_at, pos)
            if end > start:
                spans.append(MarkSpan(start, end, open_mark_start, match.end(), index))
            open_at = None
        elif open_at is not None and role == "open":
            start, end = _trimmed(text, open_at, pos)
            if end > start:
                spans.append(MarkSpan(start, end, open_mark_start, end, index, closed=False))
            open_at, open_mark_start = match.end(), pos
        seen_mark = True
    if open_at is None:
        return spans, False
    start, end = _trimmed(text, open_at, hi)
    if end > start:
        spans.append(MarkSpan(start, end, open_mark_start, end, index, closed=False))
        return spans, True
    return spans, False


def _nests(roles: list[str], n: int) -> bool:
    """Whether the opening mark ``n``, inside an open quote, starts a nested one.

    So it does when two closing marks (the inner quote's and the outer one's) follow before
    any other opening mark.
    """
    following = roles[n + 1 : n + 3]
    return len(following) == 2 and "open" not in following


def _opens_with_mark(text: str, lo: int, hi: int) -> bool:
    start, _ = _trimmed(text, lo, hi)
    match = _mark_pattern().match(text, start, hi)
    return match is not None and _role(text, start, match.group(), lo, hi) != "close"


def find_mark_spans(text: str) -> list[MarkSpan]:
    """Return every quoted stretch of ``text``, in order, linking paragraph continuations.

    Args:
        text: the article body.

    Returns:
        The spans; a span left open at the end of its paragraph has ``continues=True`` when
        the next paragraph opens with a quotation mark, and that paragraph's first span has
        ``continued=True``.
    """
    result: list[MarkSpan] = []
    open_before = False
    for index, (lo, hi) in enumerate(paragraphs(text)):
        spans, open_after = _paragraph_spans(text, lo, hi, index, open_before)
        if open_before and spans and (spans[0].continued or _opens_with_mark(text, lo, hi)):
            spans[0] = _replace(spans[0], continued=True)
            result[-1] = _replace(result[-1], continues=True)
        result.extend(spans)
        open_before = open_after
    return result


def _replace(span: MarkSpan, **changes: bool) -> MarkSpan:
    values = {**span.__dict__, **changes}
    return MarkSpan(**values)
