"""newsgraph: news articles to an account an analyst can query and check.

Read an article, analyse it, and get its metadata, actors, dates, quotes and PLOVER events,
each pointing at the sentence it came from::

    import newsgraph

    article = newsgraph.read_article("examples/dw-japan-south-korea.txt")
    analysis = newsgraph.analyze(article)
    print(analysis.to_dict()["article"]["title"])

Keep many analyses in a store (SQLite file or PostgreSQL) and query them::

    from newsgraph.store import queries
    from newsgraph.ingest import ingest

    with newsgraph.open_store("corpus.db") as store:
        ingest(store, ["pages/"])
        top = queries.top_actors(store, 10)

Read a store as pandas DataFrames (Arrow dtypes), with the CLI's filters::

    with newsgraph.open_corpus("corpus.db") as corpus:
        events = corpus.events(source="JPN", target="KOR")    # evidence sentences included
        series = corpus.dyad("JPN", "KOR", by="month")
"""

from __future__ import annotations

import logging
import typing

from .analyze import analyze, analyze_many, analyze_sources
from .errors import (
    AnalysisError,
    ArgumentError,
    BinaryInputError,
    ConfigError,
    EmptyInputError,
    EncodingError,
    FetchError,
    InputError,
    InputTooLargeError,
    NewsgraphError,
    NotAnArticleError,
    StoreError,
)
from .model import (
    SCHEMA,
    Actor,
    Analysis,
    Article,
    DateMention,
    Event,
    Image,
    Quote,
    Role,
    Span,
    Speaker,
)
from .sources import ReadOptions, iter_articles, read_article
from .store import open_store

if typing.TYPE_CHECKING:
    from .frames import Corpus, open_corpus

__all__ = [
    "SCHEMA",
    "Actor",
    "Analysis",
    "AnalysisError",
    "ArgumentError",
    "Article",
    "BinaryInputError",
    "ConfigError",
    "Corpus",
    "DateMention",
    "EmptyInputError",
    "EncodingError",
    "Event",
    "FetchError",
    "Image",
    "InputError",
    "InputTooLargeError",
    "NewsgraphError",
    "NotAnArticleError",
    "Quote",
    "ReadOptions",
    "Role",
    "Span",
    "Speaker",
    "StoreError",
    "analyze",
    "analyze_many",
    "analyze_sources",
    "iter_articles",
    "open_corpus",
    "open_store",
    "read_article",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> typing.Any:
    """Import the DataFrame side (``Corpus``, ``open_corpus``) on first use, not with newsgraph."""
    if name in ("Corpus", "open_corpus"):
        from . import frames

        return getattr(frames, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
