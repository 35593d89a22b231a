"""Keeping the parse of any text near linear in its length, with every offset intact.

spaCy's tokenizer strips prefixes and suffixes from a run of non-space characters one at a
time, re-searching the rest of the run each time: a run of 32,000 ``"`` takes minutes, and so
do long runs such as ``'s's's…`` or ``:):)…``. Its ``Language`` also refuses texts over
``nlp.max_length`` (1,000,000 characters), and its parser and NER hold memory in proportion to
the text. So before parsing:

- :func:`bound_runs` returns a copy of the text of *the same length* in which a run of more
  than :data:`MAX_PUNCT_RUN` punctuation or symbol characters keeps its first and last
  ``MAX_PUNCT_RUN // 2`` (a closing quotation mark stays) and has the middle blanked, and
  a run of more than :data:`MAX_CHUNK` non-space characters (no word is that long; a long
  URL is) gets a space every :data:`MAX_CHUNK` characters. Offsets into the copy are
  offsets into the original; only the blanked characters differ, and :func:`resync_spans`
  puts the original characters back into every extracted span's text.
- :func:`split_pieces` cuts a long text into pieces of at most :data:`PIECE_CHARS`
  characters at paragraph breaks (else line breaks, else spaces); :func:`join_docs` joins
  their parses back into one ``Doc`` whose text is the whole text, offsets unchanged.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

MAX_PUNCT_RUN = 16
"""The longest run of punctuation and symbols parsed as it is (``!!!``, ``…"”``, a rule line)."""

MAX_CHUNK = 100
"""The longest run of non-space characters parsed as it is; longer runs get a space every
``MAX_CHUNK`` characters (the tokenizer's cost for one run grows with the square of its
length)."""

PIECE_CHARS = 100_000
"""Texts longer than this are parsed in pieces of at most this many characters."""

_PUNCT_RUN = re.compile(rf"(?:[^\w\s]|_){{{MAX_PUNCT_RUN + 1},}}")
_LONG_CHUNK = re.compile(rf"\S{{{MAX_CHUNK + 1},}}")
_BREAKS = ("\n\n", "\n", " ")


def bound_runs(text: str) -> str:
    """Return ``text`` with pathological runs bounded, as a copy of the same length.

    Returns ``text`` itself when nothing needs bounding (the usual case).

    Example:
        >>> bound_runs("Wow" + "!" * 20 + " he said.")
        'Wow!!!!!!!!    !!!!!!!! he said.'
    """
    if _PUNCT_RUN.search(text):
        text = _PUNCT_RUN.sub(_blank_middle, text)
    if _LONG_CHUNK.search(text):
        text = _LONG_CHUNK.sub(_space_out, text)
    return text


def _blank_middle(match: re.Match[str]) -> str:
    run = match.group()
    keep = MAX_PUNCT_RUN // 2
    return run[:keep] + " " * (len(run) - 2 * keep) + run[-keep:]


def _space_out(match: re.Match[str]) -> str:
    chars = list(match.group())
    for i in range(MAX_CHUNK, len(chars), MAX_CHUNK + 1):
        chars[i] = " "
    return "".join(chars)


def split_pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """Return ``text`` cut into consecutive pieces of at most ``size`` characters.

    Each cut falls after a paragraph break if there is one in the second half of the piece,
    else after a line break, else after a space, else at ``size`` (a text bounded by
    :func:`bound_runs` has a space at least every :data:`MAX_CHUNK` characters).
    ``"".join(split_pieces(text)) == text``.
    """
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = -1
        for brk in _BREAKS:
            found = text.rfind(brk, start + size // 2, end)
            if found != -1:
                cut = found + len(brk)
                break
        if cut <= start:
            cut = end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def join_docs(docs: list[Any]) -> Any:
    """Return the parses of consecutive pieces as one ``Doc`` of the whole text.

    Token offsets (``token.idx``) point into the joined text, sentences, entities and
    dependencies are kept; no white space is added between pieces.
    """
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc

    return Doc.from_docs(docs, ensure_whitespace=False)


def resync_spans(value: Any, original: str, bounded: str) -> None:
    """Put the original characters back into the text of every span of ``value``.

    A span (any dataclass with integer ``start`` and ``end`` and a string ``text``, at any
    depth of ``value``) whose text is the bounded copy's ``bounded[start:end]`` gets
    ``original[start:end]``. Spans into another field (a ``DateMention`` with ``field``)
    are left alone.
    """
    if isinstance(value, list | tuple):
        for item in value:
            resync_spans(item, original, bounded)
        return
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return
    start, end = getattr(value, "start", None), getattr(value, "end", None)
    text = getattr(value, "text", None)
    if (
        isinstance(start, int)
        and isinstance(end, int)
        and isinstance(text, str)
        and getattr(value, "field", None) is None
        and text == bounded[start:end]
        and text != original[start:end]
    ):
        value.text = original[start:end]  # type: ignore[attr-defined]
    for item in dataclasses.fields(value):
        child = getattr(value, item.name)
        if isinstance(child, list | tuple) or (
            dataclasses.is_dataclass(child) and not isinstance(child, type)
        ):
            resync_spans(child, original, bounded)
