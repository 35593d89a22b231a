"""Atom 1.0 feeds of saved searches: one feed per watch, one entry per article it matched.

:func:`watch_feed` writes the feed of a :class:`~newsgraph.store.watches.WatchReport`, for
``newsgraph watch --run --format atom`` and the server's ``/watch/{name}.atom``. Each entry
links to the article (its own URL, and its page on a newsgraph server when ``base_url`` is
given) and shows the evidence: each matching event's sentence, each matching quote, or else
the search snippet. Every text goes through the XML writer (escaped), the HTML of the
content is escaped once more inside it, and characters XML 1.0 forbids are dropped.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from urllib.parse import quote, urlencode, urlsplit
from xml.etree import ElementTree as ET

from .store.watches import Watch, WatchEntry, WatchReport

__all__ = ["ATOM_NS", "MEDIA_TYPE", "rfc3339", "watch_feed"]

ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"

_EPOCH = "1970-01-01T00:00:00Z"
"""The ``updated`` of what has no time (Atom requires one)."""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def rfc3339(value: str | None) -> str | None:
    """Return an ISO day or time as an Atom date (UTC, ``Z``), or ``None`` if it is not one.

    A time without a zone is taken as UTC; a day as its midnight.

    Example:
        >>> rfc3339("2023-05-09"), rfc3339("2024-01-02T03:04:05.6+02:00")
        ('2023-05-09T00:00:00Z', '2024-01-02T01:04:05Z')
    """
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _urn(*parts: str) -> str:
    return "urn:newsgraph:" + ":".join(quote(part, safe="") for part in parts)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        child.text = _clean(text)
    return child


def _web_url(url: str | None) -> str | None:
    return url if url and urlsplit(url).scheme.lower() in ("http", "https") else None


def _search_url(base: str, watch: Watch) -> str:
    """The server's search page for the watch's query and the filters it takes (one type)."""
    params = {"q": watch.query}
    if watch.actor:
        params["actor"] = watch.actor
    if len(watch.types) == 1:
        params["type"] = watch.types[0]
    return f"{base}search?{urlencode(params, quote_via=quote)}"


def _evidence(entry: WatchEntry) -> list[str]:
    """Return the evidence lines of an entry as HTML paragraphs (every text escaped)."""
    lines = []
    for e in entry.events:
        source = ", ".join(e.source or e.source_ids) or "?"
        target = ", ".join(e.target or e.target_ids) or "-"
        head = f"{e.date or 'undated'} {e.type} {source} → {target} ({e.status})"
        lines.append(f"<p><b>{html.escape(head)}</b><br>{html.escape(e.evidence_text)}</p>")
    for q in entry.quotes:
        who = q.speaker_name or q.speaker_text or "unattributed"
        lines.append(f"<p><b>{html.escape(who)}</b> ({q.kind}): “{html.escape(q.text)}”</p>")
    if not lines:
        lines.append(f"<p>{html.escape(' '.join(entry.snippet.split()))}</p>")
    return lines


def _summary(entry: WatchEntry) -> str:
    if entry.events:
        return entry.events[0].evidence_text
    if entry.quotes:
        return entry.quotes[0].text
    return " ".join(entry.snippet.split())


def _entry(feed: ET.Element, report: WatchReport, entry: WatchEntry, base: str | None) -> None:
    item = _add(feed, "entry")
    _add(item, "id", _urn("watch", report.watch.name, "article", entry.article_id))
    _add(item, "title", entry.title or entry.source or "(no title)")
    _add(item, "updated", rfc3339(entry.ingested_at) or _EPOCH)
    published = rfc3339(entry.published)
    if published:
        _add(item, "published", published)
    page = f"{base}articles/{quote(entry.article_id, safe='')}" if base else None
    original = _web_url(entry.url)
    if original:
        _add(item, "link", rel="alternate", type="text/html", href=original)
    if page:
        _add(item, "link", rel="related" if original else "alternate", type="text/html", href=page)
    for kind in dict.fromkeys(e.type for e in entry.events):
        _add(item, "category", term=kind)
    _add(item, "summary", " ".join(_summary(entry).split()), type="text")
    site = f"<p>{html.escape(entry.site)}</p>" if entry.site else ""
    _add(item, "content", site + "".join(_evidence(entry)), type="html")


def watch_feed(
    report: WatchReport, base_url: str | None = None, self_url: str | None = None
) -> str:
    """Return the Atom 1.0 feed (XML text) of a watch's report.

    Args:
        report: the watch and its entries, newest first.
        base_url: a newsgraph server's root (``http://host:8000/``): entries link to the
            article's page there too, and the feed to the server's search.
        self_url: the feed's own address (``rel="self"``), when it is served.
    """
    watch = report.watch
    base = (base_url.rstrip("/") + "/") if base_url else None
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _add(feed, "id", _urn("watch", watch.name))
    _add(feed, "title", f"newsgraph watch: {watch.name}")
    _add(feed, "subtitle", watch.describe())
    stamps = [rfc3339(e.ingested_at) for e in report.entries]
    fallback = rfc3339(report.window.end or watch.mark or watch.created_at)
    _add(feed, "updated", max((s for s in stamps if s), default=fallback or _EPOCH))
    author = _add(feed, "author")
    _add(author, "name", "newsgraph")
    _add(feed, "generator", "newsgraph")
    if self_url:
        _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    if base:
        _add(feed, "link", rel="alternate", type="text/html", href=_search_url(base, watch))
    for entry in report.entries:
        _entry(feed, report, entry, base)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
