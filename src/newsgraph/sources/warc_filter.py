"""Choosing WARC records before any parsing: by language, host and capture date (CC-NEWS).

A :class:`RecordFilter` travels in :class:`~newsgraph.sources.ReadOptions` (``record_filter``)
down to the WARC reader, which asks it about every HTML response record twice:

1. :meth:`RecordFilter.check_headers` with the record's target URL and ``WARC-Date``, before
   the body is read (host and date are decided from the headers alone);
2. :meth:`RecordFilter.check_body` with the HTTP headers and the raw body, before the page is
   decoded or handed to trafilatura. The language comes from, in order, the crawler's
   ``WARC-Identified-Content-Language`` header, the HTTP ``Content-Language`` header, the
   ``<html lang>`` attribute or a ``content-language`` meta tag in the first kilobytes, and
   else a cheap langid of the first thousand characters of paragraph text.

Each refusal is a short reason (``language de``, ``host excluded``, ``date before 2024-01-01``)
that the reader counts in :class:`~newsgraph.sources.ReadStats`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

__all__ = ["RecordFilter", "host_of", "sniff_language"]

_HEAD_BYTES = 8192
_LANG_ATTR = re.compile(rb"<html[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_LANG_META = re.compile(
    rb"<meta[^>]+(?:http-equiv\s*=\s*[\"']?content-language|property\s*=\s*[\"']?og:locale)"
    rb"[^>]*content\s*=\s*[\"']?([A-Za-z]{2,3})",
    re.IGNORECASE,
)
_TEXT_BYTES = 65536
_PARAGRAPH = re.compile(rb"<p[\s>](.*?)</p>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(rb"<(script|style)[^>]*>.*?</\1>|<[^>]+>", re.IGNORECASE | re.DOTALL)
_ISO3_TO_ISO1 = {"eng": "en", "deu": "de", "fra": "fr", "spa": "es", "rus": "ru", "zho": "zh"}


@dataclass(frozen=True)
class RecordFilter:
    """Which WARC records to read; everything else is skipped unparsed and counted.

    Attributes:
        languages: ISO 639-1 codes to keep (``("en",)``); empty keeps every language.
        include_hosts: keep only these hosts and their subdomains (``bbc.co.uk`` keeps
            ``www.bbc.co.uk``); empty keeps every host.
        exclude_hosts: skip these hosts and their subdomains.
        since: skip records captured (``WARC-Date``) before this day.
        until: skip records captured after this day.
        langid: when no header or markup names the language, guess it from the first
            kilobytes of text (py3langid); ``False`` keeps such records.
    """

    languages: tuple[str, ...] = ()
    include_hosts: tuple[str, ...] = ()
    exclude_hosts: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    langid: bool = True

    @property
    def active(self) -> bool:
        """Return whether the filter refuses anything at all."""
        return bool(
            self.languages or self.include_hosts or self.exclude_hosts or self.since or self.until
        )

    def check_headers(self, url: str | None, warc_date: str | None) -> str | None:
        """Return why a record is skipped by its target URL and capture date, or ``None``.

        Args:
            url: the record's ``WARC-Target-URI``.
            warc_date: the record's ``WARC-Date`` (ISO 8601).
        """
        include = tuple(_norm_host(h) for h in self.include_hosts)
        exclude = tuple(_norm_host(h) for h in self.exclude_hosts)
        if include or exclude:
            host = host_of(url)
            if include and not _matches(host, include):
                return "host not included"
            if exclude and _matches(host, exclude):
                return "host excluded"
        if self.since or self.until:
            day = _day(warc_date)
            if day is None:
                return "no WARC-Date"
            if self.since and day < self.since:
                return f"date before {self.since.isoformat()}"
            if self.until and day > self.until:
                return f"date after {self.until.isoformat()}"
        return None

    def check_body(self, headers: Mapping[str, str], body: bytes) -> str | None:
        """Return why a record is skipped by its language, or ``None`` to read it.

        A page whose language cannot be told is kept (the reader detects it again on the
        extracted text, and the extractors skip pages that are not English).

        Args:
            headers: WARC and HTTP headers by lower-case name (only the language ones are
                read: ``warc-identified-content-language``, ``content-language``).
            body: the raw HTTP body (only its first kilobytes are looked at).
        """
        wanted = {lang.lower() for lang in self.languages}
        if not wanted:
            return None
        language = sniff_language(headers, body, self.langid)
        if language is not None and language not in wanted:
            return f"language {language}"
        return None


def sniff_language(headers: Mapping[str, str], body: bytes, langid: bool = True) -> str | None:
    """Return the page's language (ISO 639-1) from headers, markup or a langid of the text.

    Args:
        headers: headers by lower-case name.
        body: the raw page; markup is looked for in the first 8 KB, text in the first 64 KB.
        langid: guess from the visible text when headers and markup say nothing.
    """
    for name in ("warc-identified-content-language", "content-language"):
        value = headers.get(name)
        if value:
            code = _code(value.split(",")[0])
            if code:
                return code
    head = body[:_HEAD_BYTES]
    for pattern in (_LANG_ATTR, _LANG_META):
        match = pattern.search(head)
        if match:
            code = _code(match.group(1).decode("ascii", "replace"))
            if code:
                return code
    if not langid:
        return None
    from ..language import detect_language

    return detect_language(visible_text(body))


def visible_text(body: bytes, limit: int = 1000) -> str:
    """Return up to ``limit`` characters of a page's paragraph text (else its tag-free text).

    Only the first 64 KB are looked at: enough for the opening paragraphs of an article,
    cheap next to reading the page.
    """
    window = body[:_TEXT_BYTES]
    parts: list[str] = []
    size = 0
    for match in _PARAGRAPH.finditer(window):
        part = " ".join(_TAGS.sub(b" ", match.group(1)).decode("utf-8", "replace").split())
        if len(part) >= 40:
            parts.append(part)
            size += len(part)
            if size >= limit:
                break
    if not parts:
        parts = [" ".join(_TAGS.sub(b" ", window).decode("utf-8", "replace").split())]
    return " ".join(parts)[:limit]


def host_of(url: str | None) -> str:
    """Return the lower-case host of ``url`` without ``www.`` (``""`` if there is none)."""
    if not url:
        return ""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return _norm_host(host)


def _norm_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    return host.removeprefix("www.")


def _matches(host: str, patterns: Sequence[str]) -> bool:
    return any(host == p or host.endswith("." + p) for p in patterns)


def _code(value: str) -> str | None:
    value = value.strip().lower().replace("_", "-").split("-")[0]
    if len(value) == 3:
        return _ISO3_TO_ISO1.get(value, value)
    return value if len(value) == 2 and value.isalpha() else None


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
