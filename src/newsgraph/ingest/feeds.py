"""Ingesting RSS and Atom feeds: read the feed, fetch only the items not stored yet, store them.

An item is *stored* when an article was read from its link (``articles.source``) or carries it
as its URL (``articles.url``), see :func:`~newsgraph.store.queries.stored_urls`. So a second
run over the same feed fetches nothing but the feed itself. Each new page is read with
:func:`~newsgraph.sources.read_article` and goes through the ordinary ingest path
(:func:`~newsgraph.ingest.ingest_articles`): analysed in batches, one transaction per
article, near-duplicates grouped, an article already stored under another URL skipped by its
content hash. A feed or a page that cannot be read is a failure with its reason; the rest go on.

The page's own publication date wins; the feed's date is used when the page has none.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from ..errors import InputError
from ..model import Article
from ..sources import ReadOptions, ReadStats, iter_articles, read_article
from ..sources.feeds import FeedItem, item_options, read_feed
from ..store.base import Store
from ..store.queries import stored_urls
from .run import BATCH_SIZE, IngestReport, Progress, ingest_articles

__all__ = ["FeedStats", "ingest_feeds", "new_feed_items"]

log = logging.getLogger(__name__)


@dataclass
class FeedStats:
    """What the feeds listed: items in all, and items not fetched because they are stored."""

    items: int = 0
    stored: int = 0


def new_feed_items(
    store: Store,
    feeds: Iterable[str],
    options: ReadOptions | None = None,
    stats: FeedStats | None = None,
) -> Iterator[FeedItem | InputError]:
    """Yield the items of each feed not stored yet (in feed order), or the error of a feed.

    An item listed by two feeds is yielded once. ``stats``, when given, is updated as the
    feeds are read.

    Raises:
        StoreError: the database cannot be read.
    """
    stats = stats if stats is not None else FeedStats()
    seen: set[str] = set()
    for feed in feeds:
        try:
            items = read_feed(feed, options)
        except InputError as exc:
            yield exc
            continue
        fresh = [item for item in items if item.url not in seen]
        seen.update(item.url for item in fresh)
        stored = stored_urls(store, [item.url for item in fresh])
        stats.items += len(fresh)
        stats.stored += len(stored)
        log.info("%s: %d new items, %d already stored", feed, len(fresh) - len(stored), len(stored))
        yield from (item for item in fresh if item.url not in stored)


def _read_item(item: FeedItem, options: ReadOptions) -> Article:
    """Read an item's page; the page's own date wins, the feed's fills in when it has none."""
    page_options = replace(item_options(item, options), published=options.published)
    article = read_article(item.url, page_options)
    if not article.published and item.published:
        article.published = item.published
        article.metadata_sources["published"] = "feed"
    return article


def ingest_feeds(
    store: Store,
    feeds: Iterable[str],
    options: ReadOptions | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    inputs: Iterable[str] = (),
) -> IngestReport:
    """Read RSS/Atom feeds and store every item whose page is not stored yet.

    Args:
        store: an open store.
        feeds: feed URLs (``http(s)``).
        options: how to fetch and read the pages (``published`` overrides every date).
        batch_size: articles parsed together before they are written.
        progress: called with the running report after each article is handled.
        inputs: paths or URLs to ingest first, in the same run (as
            :func:`~newsgraph.ingest.ingest` does).

    Returns:
        The report: ``stored``; ``skipped`` counts the items already stored (not fetched) and
        the pages whose text was stored from another URL; failures name the feed or page.

    Raises:
        StoreError: the database cannot be read or written.
    """
    options = options or ReadOptions()
    stats = FeedStats()

    def articles() -> Iterator[Article | InputError]:
        yield from iter_articles(inputs, options, ReadStats())
        for item in new_feed_items(store, feeds, options, stats):
            if isinstance(item, InputError):
                yield item
                continue
            try:
                yield _read_item(item, options)
            except InputError as exc:
                yield exc

    report = ingest_articles(store, articles(), batch_size=batch_size, progress=progress)
    report.skipped += stats.stored
    return report
