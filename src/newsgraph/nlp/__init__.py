"""The spaCy pipeline, loaded once per process, and what makes it fast and safe on any text.

The flow's second step (read → **nlp** → extract → store): every article is parsed once, in
batches, and every extractor reads that one ``Doc``.

- :mod:`~newsgraph.nlp.parse`: :func:`load_nlp` (the model, with the pipes below swapped in)
  and :func:`parse_many` (batches; hostile runs bounded, long texts in pieces);
- :mod:`~newsgraph.nlp.paragraphs`: a sentence starts at every paragraph break;
- :mod:`~newsgraph.nlp.bounds`: any text parsed in time near linear in its length;
- :mod:`~newsgraph.nlp.attributes` and :mod:`~newsgraph.nlp.lemmas`: the stock
  ``attribute_ruler`` and ``lemmatizer`` again, with identical output, faster;
- :mod:`~newsgraph.nlp.selective` (with :mod:`~newsgraph.nlp.pieces`): the parser and NER
  only on the sentences that need them.

Running many processes (pool, Dask, shards) is :mod:`newsgraph.scale`.
"""

from __future__ import annotations

from .paragraphs import MAX_SENTENCE_TOKENS, PARAGRAPH_PIPE, register_paragraph_pipe
from .parse import (
    BATCH_SIZE,
    MODEL_PACKAGE,
    bounded,
    doc_text,
    load_nlp,
    parse_many,
)

__all__ = [
    "BATCH_SIZE",
    "MAX_SENTENCE_TOKENS",
    "MODEL_PACKAGE",
    "PARAGRAPH_PIPE",
    "bounded",
    "doc_text",
    "load_nlp",
    "parse_many",
    "register_paragraph_pipe",
]
