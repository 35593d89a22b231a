"""Extractors: functions ``(analysis, doc) -> None``, registered by name, each filling in fields.

The contract (:data:`ExtractorFunc`): an extractor takes the
:class:`~newsgraph.model.Analysis` being built (its ``article``, and the fields filled in by the
extractors it ``requires``) and the article's one spaCy :class:`~spacy.tokens.Doc` (``None``
only when no extractor of the pipeline ``needs_doc``), and sets the fields of the analysis it
declares in ``assigns`` and no others; it returns nothing. Knowledge (lexicons, country
tables) comes from :mod:`newsgraph.knowledge`, loaded once. ``tests/extract/test_extractors.py``
checks that each built-in extractor changes exactly the fields it declares.

An extractor registers with :func:`register`, naming what it needs (``requires``) and what it
fills in on the :class:`~newsgraph.model.Analysis` (``assigns``). :data:`DEFAULT_PIPELINE` is the
one list of names run by default; :func:`check_pipeline` checks its order against ``requires``
when a pipeline is built.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..model import Analysis

if TYPE_CHECKING:
    from spacy.tokens import Doc

ExtractorFunc = Callable[[Analysis, "Doc | None"], None]
"""An extractor: ``(analysis, doc) -> None``, setting the analysis fields it ``assigns``."""


@dataclass(frozen=True)
class Extractor:
    """A registered extractor: its function and what it requires and assigns."""

    name: str
    func: ExtractorFunc
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    needs_doc: bool = True


REGISTRY: dict[str, Extractor] = {}

DEFAULT_PIPELINE: list[str] = ["actors", "dates", "quotes", "events"]
"""Extractors run by ``analyze`` by default, in order."""


def register(
    name: str,
    *,
    requires: Sequence[str] = (),
    assigns: Sequence[str] = (),
    needs_doc: bool = True,
) -> Callable[[ExtractorFunc], ExtractorFunc]:
    """Register an extractor function under ``name`` (a decorator)."""

    def decorate(func: ExtractorFunc) -> ExtractorFunc:
        REGISTRY[name] = Extractor(name, func, tuple(requires), tuple(assigns), needs_doc)
        return func

    return decorate


def check_pipeline(names: Sequence[str]) -> list[Extractor]:
    """Return the extractors for ``names``, checking each one's requirements run before it.

    Raises:
        ConfigError: an unknown name, or an extractor listed before one it requires.
    """
    seen: set[str] = set()
    pipeline: list[Extractor] = []
    for name in names:
        if name not in REGISTRY:
            raise ConfigError(f"unknown extractor {name!r} (known: {', '.join(sorted(REGISTRY))})")
        extractor = REGISTRY[name]
        missing = [r for r in extractor.requires if r not in seen]
        if missing:
            raise ConfigError(f"extractor {name!r} requires {', '.join(missing)} to run before it")
        seen.add(name)
        pipeline.append(extractor)
    return pipeline
