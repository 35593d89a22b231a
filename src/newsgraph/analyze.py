"""From an ``Article`` to its ``Analysis``: one spaCy parse, shared by every registered extractor.

This is the library's main entry point (:func:`analyze`, :func:`analyze_many`); the CLI, the
store and the API all go through it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from . import extract
from .errors import AnalysisError, ArgumentError, InputError
from .model import Analysis, Article
from .nlp import bounded, doc_text, parse_many
from .nlp.bounds import resync_spans
from .sources import ReadOptions, ReadStats, Source, iter_articles

log = logging.getLogger(__name__)

ENGLISH = "en"

BOUNDED_WARNING = (
    "long runs of punctuation, or of characters without a space, were shortened for the "
    "parse (offsets and text unchanged)"
)


def load_builtin_extractors() -> None:
    """Register the built-in extractors (importing their modules registers them).

    Plugins would register the same way, with :func:`newsgraph.extract.register`.
    """
    from .extract import builtins  # noqa: F401


def analyze_many(
    articles: Iterable[Article], pipeline: Sequence[str] | None = None, selective: bool = False
) -> Iterator[Analysis]:
    """Analyse articles in order, parsing them in batches with one shared spaCy pipeline.

    Articles not in English are returned with their metadata and no extracted facts: the
    extractors are English-only. With ``selective``, the dependency parser and NER run only
    on the sentences that can hold a quote, an event, a person's role or an entity (faster;
    see :mod:`newsgraph.nlp.selective`).

    Raises:
        AnalysisError: an article's analysis failed (the iteration stops there; see
            :func:`analyze_sources` for a batch that goes on).
        ArgumentError: an item is not an :class:`~newsgraph.model.Article`.
    """
    for item in analyze_each(articles, pipeline, selective):
        if isinstance(item, AnalysisError):
            raise item
        yield item


def analyze_each(
    articles: Iterable[Article], pipeline: Sequence[str] | None = None, selective: bool = False
) -> Iterator[Analysis | AnalysisError]:
    """Like :func:`analyze_many`, but an article whose analysis fails yields its error instead.

    The other articles, before and after it, are analysed as usual.
    """
    load_builtin_extractors()
    names = list(extract.DEFAULT_PIPELINE if pipeline is None else pipeline)
    extractors = extract.check_pipeline(names)
    needs_doc = any(e.needs_doc for e in extractors)
    if isinstance(articles, Article):
        raise ArgumentError("analyze_many takes a list of articles; use analyze for one")
    batch: list[Article] = []
    for article in articles:
        if not isinstance(article, Article):
            raise ArgumentError(
                f"can only analyse an Article, not {type(article).__name__} "
                "(read one with newsgraph.read_article)"
            )
        batch.append(article)
        if len(batch) >= 32:
            yield from _analyze_batch(batch, extractors, needs_doc, selective)
            batch = []
    if batch:
        yield from _analyze_batch(batch, extractors, needs_doc, selective)


def _analyze_batch(
    batch: list[Article], extractors: list[extract.Extractor], needs_doc: bool, selective: bool
) -> Iterator[Analysis | AnalysisError]:
    english = [a.text for a in batch if a.language in (ENGLISH, None)]
    docs = _parse_safely(english, selective) if needs_doc and extractors else None
    for article in batch:
        analysis = Analysis(article=article)
        if article.language in (ENGLISH, None) and extractors:
            try:
                _extract(analysis, next(docs) if docs is not None else None, extractors)
            except Exception as exc:  # one article's failure must not lose the batch
                log.debug("%s: analysis failed", article.source or article.id, exc_info=True)
                yield AnalysisError(_failure(exc), article.source or article.id)
                continue
        yield analysis


def _extract(analysis: Analysis, doc: Any, extractors: list[extract.Extractor]) -> None:
    """Run the extractors on one parsed article (``doc`` is the exception if parsing failed)."""
    if isinstance(doc, Exception):
        raise doc
    for extractor in extractors:
        extractor.func(analysis, doc)
    if doc is not None and bounded(doc):
        facts = [analysis.actors, analysis.dates, analysis.quotes, analysis.events]
        resync_spans(facts, analysis.article.text, doc_text(doc))
        analysis.article.warnings.append(BOUNDED_WARNING)


def _parse_safely(texts: list[str], selective: bool) -> Iterator[Any]:
    """Yield the ``Doc`` of each text in a batch, or the exception that stopped its parse.

    The batch is parsed together; if that raises, the texts not yet parsed are parsed one
    by one, so one bad text fails alone.
    """
    done = 0
    try:
        for doc in parse_many(texts, selective=selective):
            done += 1
            yield doc
        return
    except Exception:
        log.debug("batch parse failed; parsing one text at a time", exc_info=True)
    for text in texts[done:]:
        try:
            yield next(parse_many([text], selective=selective))
        except Exception as exc:
            yield exc


def _failure(exc: BaseException) -> str:
    """One line saying why an analysis failed."""
    first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return f"analysis failed ({type(exc).__name__}{': ' + first if first else ''})"


def analyze(article: Article, pipeline: Sequence[str] | None = None) -> Analysis:
    """Analyse one article: actors, dates, quotes and events, each with its evidence offsets.

    Raises:
        ArgumentError: ``article`` is not an :class:`~newsgraph.model.Article`.
    """
    return next(analyze_many([article], pipeline))


def analyze_sources(
    inputs: Iterable[Source],
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
    analyses = iter(analyze_each(articles, pipeline, selective))
    for item in chunk:
        yield item if isinstance(item, InputError) else next(analyses)
