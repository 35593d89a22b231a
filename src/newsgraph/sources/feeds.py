"""RSS and Atom feeds: the list of articles a site has just published.

:func:`read_feed` fetches a feed with :func:`~newsgraph.sources.url.fetch_url` (so the same
timeout, size limit and one-line errors apply) and parses it with feedparser;
:func:`parse_feed` does the parsing alone, from bytes. Each entry becomes a :class:`FeedItem`
with its absolute link, title, publication date and plain-text summary. Only ``http(s)``
links are kept: a feed is someone else's data, and a ``file:`` or relative path in it must
never be read from the local disk.

Ingesting a feed is then: read it, keep the items whose URL is not stored yet, and read each
with :func:`~newsgraph.sources.read_article` and :func:`item_options` (which passes the feed's
URL and date on, so that an article page without a date still gets one).
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import logging
import time
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree
from lxml import html as lxml_html

from ..errors import InputError
from .options import ReadOptions
from .url import fetch_url

__all__ = ["FeedItem", "item_options", "parse_feed", "read_feed"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed.

    Attributes:
        url: the absolute ``http(s)`` link to the article page.
        title: the entry's title, or None.
        published: its publication (or, failing that, update) date, ``YYYY-MM-DD`` in UTC.
        summary: its summary or description as plain text, or None.
        guid: the entry's own id (RSS ``guid``, Atom ``id``), or None.
    """

    url: str
    title: str | None = None
    published: str | None = None
    summary: str | None = None
    guid: str | None = None


def read_feed(url: str, options: ReadOptions | None = None) -> list[FeedItem]:
    """Fetch an RSS or Atom feed and return its items, in feed order, one per link.

    Args:
        url: the feed's ``http(s)`` URL.
        options: reading options; ``timeout`` and ``max_bytes`` bound the download.

    Returns:
        The items (possibly none: an empty feed is not an error).

    Raises:
        FetchError: the feed cannot be fetched (see :func:`~newsgraph.sources.url.fetch_url`).
        InputTooLargeError: the feed is larger than ``options.max_bytes``.
        InputError: the document is not an RSS or Atom feed.
    """
    fetched = fetch_url(url, options or ReadOptions())
    return parse_feed(fetched.data, fetched.url, fetched.content_type, source=url)


def parse_feed(
    data: bytes, base_url: str, content_type: str | None = None, source: str | None = None
) -> list[FeedItem]:
    """Parse feed bytes into items; relative links are resolved against ``base_url``.

    Raises:
        InputError: the document is not an RSS or Atom feed (named by ``source`` or
            ``base_url``).
    """
    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({_one_line(reason)})" if reason else ""
        raise InputError(f"not an RSS or Atom feed{detail}", source or base_url)
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        item = _item(entry, base_url)
        if item is None or item.url in seen:
            continue
        seen.add(item.url)
        items.append(item)
    log.debug("%s: %d feed items", source or base_url, len(items))
    return items


def item_options(item: FeedItem, options: ReadOptions | None = None) -> ReadOptions:
    """Return the options to read an item's page with: its URL, and the feed's date if any.

    A date already given in ``options`` wins over the feed's.
    """
    options = options or ReadOptions()
    return replace(options, url=item.url, published=options.published or item.published)


def _item(entry: Any, base_url: str) -> FeedItem | None:
    link = _link(entry)
    if not link:
        return None
    url = urljoin(base_url, link.strip())
    if urlsplit(url).scheme not in ("http", "https"):
        log.debug("%s: skipping feed link %r (not http or https)", base_url, link)
        return None
    return FeedItem(
        url=url,
        title=_clean(entry.get("title")),
        published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        summary=_plain(entry.get("summary")),
        guid=_clean(entry.get("id")),
    )


def _link(entry: Any) -> str | None:
    link = entry.get("link")
    if link:
        return str(link)
    for candidate in entry.get("links") or []:
        if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
            return str(candidate["href"])
    return None


def _date(parsed: time.struct_time | None) -> str | None:
    if parsed is None:
        return None
    stamp = calendar.timegm(parsed)
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date().isoformat()


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _plain(value: object) -> str | None:
    """Return the text of an HTML (or plain) summary, white space collapsed."""
    if not value:
        return None
    try:
        fragment = lxml_html.fragment_fromstring(str(value), create_parent="div")
        text: object = fragment.text_content()
    except (etree.ParserError, ValueError):
        text = value
    return _clean(text)


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
