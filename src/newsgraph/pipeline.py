"""From an ``Article`` to its ``Analysis``: one spaCy parse, shared by every registered extractor.

This is the library's main entry point (:func:`analyze`, :func:`analyze_many`); the CLI, the
store and the API all go through it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence

from . import extract
from .errors import InputError
from .model import Analysis, Article
from .nlp import parse_many
from .sources import ReadOptions, ReadStats, iter_articles

log = logging.getLogger(__name__)

ENGLISH = "en"


def _load_builtin_extractors() -> None:
    # Importing the modules registers them; plugins would register the same way.
    from .extract import builtins  # noqa: F401


def analyze_many(
    articles: Iterable[Article], pipeline: Sequence[str] | None = None, selective: bool = False
) -> Iterator[Analysis]:
    """Analyse articles in order, parsing them in batches with one shared spaCy pipeline.

    Articles not in English are returned with their metadata and no extracted facts: the
    extractors are English-only. With ``selective``, the dependency parser and NER run only
    on the sentences that can hold a quote, an event, a person's role or an entity (faster;
    see :mod:`newsgraph.scale.selective`).
    """
    _load_builtin_extractors()
    names = list(extract.DEFAULT_PIPELINE if pipeline is None else pipeline)
    extractors = extract.check_pipeline(names)
    needs_doc = any(e.needs_doc for e in extractors)
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= 32:
            yield from _analyze_batch(batch, extractors, needs_doc, selective)
            batch = []
    if batch:
        yield from _analyze_batch(batch, extractors, needs_doc, selective)


def _analyze_batch(
    batch: list[Article], extractors: list[extract.Extractor], needs_doc: bool, selective: bool
) -> Iterator[Analysis]:
    english = [a for a in batch if a.language in (ENGLISH, None)]
    texts = (a.text for a in english)
    docs = iter(parse_many(texts, selective=selective)) if needs_doc and extractors else None
    for article in batch:
        analysis = Analysis(article=article)
        if article.language in (ENGLISH, None) and extractors:
            doc = next(docs) if docs is not None else None
            for extractor in extractors:
                extractor.func(analysis, doc)
        yield analysis


def analyze(article: Article, pipeline: Sequence[str] | None = None) -> Analysis:
    """Analyse one article: actors, dates, quotes and events, each with its evidence offsets."""
    return next(analyze_many([article], pipeline))


def analyze_sources(
    inputs: Iterable[str],
    options: ReadOptions | None = None,
    pipeline: Sequence[str] | None = None,
    stats: ReadStats | None = None,
    selective: bool = False,
) -> Iterator[Analysis | InputError]:
    """Read and analyse every input, yielding analyses and input errors in input order.

    Inputs are paths, directories, URLs or ``-``; see :func:`newsgraph.sources.iter_articles`.
    An input that cannot be read yields its ``InputError`` and the rest go on. For several
    processes or a Dask cluster, see :func:`newsgraph.scale.analyze_parallel`.
    """
    chunk: list[Article | InputError] = []
    for item in iter_articles(inputs, options, stats):
        chunk.append(item)
        if len(chunk) >= 32:
            yield from _analyze_chunk(chunk, pipeline, selective)
            chunk = []
    if chunk:
        yield from _analyze_chunk(chunk, pipeline, selective)


def _analyze_chunk(
    chunk: list[Article | InputError], pipeline: Sequence[str] | None, selective: bool
) -> Iterator[Analysis | InputError]:
    articles = [item for item in chunk if isinstance(item, Article)]
    analyses = iter(analyze_many(articles, pipeline, selective))
    for item in chunk:
        yield item if isinstance(item, InputError) else next(analyses)
