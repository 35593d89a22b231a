"""Cutting a parsed ``Doc`` into small docs for one pipe, and writing their results back.

Selective parsing (:mod:`newsgraph.nlp.selective`) runs ``ner`` and the parser only on some
sentences. :func:`piece_docs` makes one small ``Doc`` per stretch it is given: its words,
built from the whole text's lexemes, and its sentence starts. For ``ner`` a stretch is a
maximal run of consecutive chosen sentences (per-doc costs are then paid per run); for the
parser it is one sentence (measured faster, and the parser may still split it).
:func:`copy_entities` and :func:`copy_parse` then write the pipe's output into the whole
doc, at the piece's offsets. (``Span.as_doc`` would copy every attribute of the whole text
once per piece.)
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import numpy

Run = tuple[int, int]
"""The token offsets ``[start, end)`` of consecutive sentences in the whole doc."""

_OUTSIDE = 2
"""``ENT_IOB`` of a token outside every entity ("O")."""


def sentence_bounds(doc: Any) -> list[Run]:
    """Return the ``[start, end)`` token offsets of each sentence, as ``doc.sents`` has them."""
    from spacy.attrs import SENT_START

    if not len(doc):
        return []
    starts = doc.to_array(SENT_START).astype("int64") == 1
    starts[0] = True
    edges = [*numpy.flatnonzero(starts).tolist(), len(doc)]
    return list(pairwise(edges))


def runs(sents: Sequence[Run], chosen: Sequence[bool]) -> list[Run]:
    """Return the maximal runs of consecutive chosen sentences."""
    found: list[Run] = []
    for (start, end), keep in zip(sents, chosen, strict=True):
        if not keep:
            continue
        if found and found[-1][1] == start:
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    return found


def piece_docs(doc: Any, pieces: Sequence[Run], starts: Sequence[int] | None) -> list[Any]:
    """Return a small ``Doc`` per run: its words, sentence starts and ``tok2vec`` rows.

    Args:
        doc: the whole text, after ``tok2vec`` and the sentence splitters.
        pieces: the runs to cut.
        starts: the only tokens to mark as sentence starts, leaving the others open (for the
            parser, which may then split a sentence further but never joins two); ``None``
            keeps the whole doc's sentence boundaries (for ``ner``).
    """
    from spacy.attrs import ORTH, SENT_START, SPACY
    from spacy.tokens import Doc

    if not pieces:
        return []
    columns = doc.to_array([ORTH, SPACY, SENT_START])
    orths: list[int] = columns[:, 0].tolist()
    spaces: list[bool] = columns[:, 1].astype(bool).tolist()
    if starts is None:
        bounds = columns[:, 2:]
    else:
        bounds = numpy.zeros((len(doc), 1), dtype="uint64")
        bounds[list(starts)] = 1
    tensor = doc.tensor
    made = []
    for start, end in pieces:
        # ``Doc`` takes ``ORTH`` hashes as words too (its stub says ``str``): no re-hashing.
        words: list[Any] = orths[start:end]
        piece = Doc(doc.vocab, words=words, spaces=spaces[start:end])
        piece.from_array([SENT_START], bounds[start:end])
        if tensor is not None and len(tensor):
            piece.tensor = tensor[start:end]
        made.append(piece)
    return made


def copy_entities(doc: Any, named: Sequence[tuple[Run, Any]]) -> None:
    """Write the entities found in the pieces into ``doc``; every other token is outside."""
    from spacy.attrs import ENT_IOB, ENT_TYPE

    if not len(doc):
        return
    values = numpy.zeros((len(doc), 2), dtype="uint64")
    values[:, 0] = _OUTSIDE
    for (start, end), piece in named:
        values[start:end] = piece.to_array([ENT_IOB, ENT_TYPE])
    doc.from_array([ENT_IOB, ENT_TYPE], values)


def copy_parse(doc: Any, parsed: Sequence[tuple[Run, Any]]) -> None:
    """Write heads and labels of the parsed pieces into ``doc``; keep other boundaries."""
    from spacy.attrs import DEP, HEAD, SENT_START

    if not parsed:
        return
    before = doc.to_array([SENT_START])
    heads = numpy.zeros((len(doc), 2), dtype="uint64")
    inside = numpy.zeros(len(doc), dtype=bool)
    for (start, end), piece in parsed:
        heads[start:end] = piece.to_array([HEAD, DEP])
        inside[start:end] = True
    doc.from_array([HEAD, DEP], heads)
    after = doc.to_array([SENT_START])
    doc.from_array([SENT_START], numpy.where(inside, after, before))
