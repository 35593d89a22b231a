"""Sentences and entities of a ``Doc`` by token, looked up in constant or logarithmic time.

spaCy rebuilds ``Doc.ents`` (every entity ``Span``) on each access, ``Span.ents`` walks all of
them, and ``Token.sent`` walks to the sentence's edges: an extractor that asks once per
mention spends time growing with the square of the text (a long text of many short mentions,
or one very long sentence). These look-ups are built once per ``Doc`` and kept in its
``user_data``; extractors never change a ``Doc``'s sentences or entities, so they stay true.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

_KEY = "newsgraph.index"


@dataclass(frozen=True)
class DocIndex:
    """Per token: its sentence's bounds and the entity covering it; the entities in order."""

    sent_start: list[int]
    sent_end: list[int]
    ents: tuple[Any, ...]
    ent_starts: list[int]
    ent_of: list[int]
    """Per token, the position in ``ents`` of the entity covering it, or -1."""


def doc_index(doc: Any) -> DocIndex:
    """Return the index of ``doc``, built on first use."""
    index = doc.user_data.get(_KEY)
    if index is None:
        index = doc.user_data[_KEY] = _build(doc)
    return index  # type: ignore[no-any-return]


def _build(doc: Any) -> DocIndex:
    n = len(doc)
    sent_start = [0] * n
    sent_end = [n] * n
    if n and doc.has_annotation("SENT_START"):
        from spacy.attrs import SENT_START

        flags = doc.to_array(SENT_START).tolist()
        starts = [i for i in range(n) if i == 0 or flags[i] == 1]
        for start, end in zip(starts, [*starts[1:], n], strict=True):
            sent_start[start:end] = [start] * (end - start)
            sent_end[start:end] = [end] * (end - start)
    ents = tuple(doc.ents)
    ent_of = [-1] * n
    for k, ent in enumerate(ents):
        ent_of[ent.start : ent.end] = [k] * (ent.end - ent.start)
    return DocIndex(sent_start, sent_end, ents, [e.start for e in ents], ent_of)


def sentence_bounds(doc: Any, i: int) -> tuple[int, int]:
    """Return the ``[start, end)`` token offsets of the sentence holding token ``i``.

    Without sentence boundaries, the whole doc is one sentence.
    """
    index = doc_index(doc)
    return index.sent_start[i], index.sent_end[i]


def sentence_of(doc: Any, i: int) -> Any:
    """Return the sentence ``Span`` holding token ``i`` (what ``doc[i].sent`` gives)."""
    start, end = sentence_bounds(doc, i)
    return doc[start:end]


def entities(doc: Any) -> tuple[Any, ...]:
    """Return ``doc.ents``, built once."""
    return doc_index(doc).ents


def entity_at(doc: Any, i: int) -> Any | None:
    """Return the entity covering token ``i``, or ``None``."""
    index = doc_index(doc)
    k = index.ent_of[i] if 0 <= i < len(index.ent_of) else -1
    return index.ents[k] if k >= 0 else None


def entity_starting_at(doc: Any, i: int) -> Any | None:
    """Return the entity whose first token is ``i``, or ``None``."""
    ent = entity_at(doc, i)
    return ent if ent is not None and ent.start == i else None


def entities_within(doc: Any, start: int, end: int) -> list[Any]:
    """Return the entities lying wholly within tokens ``[start, end)``, in order."""
    index = doc_index(doc)
    found = []
    for k in range(bisect_left(index.ent_starts, start), len(index.ents)):
        ent = index.ents[k]
        if ent.start >= end:
            break
        if ent.end <= end:
            found.append(ent)
    return found
