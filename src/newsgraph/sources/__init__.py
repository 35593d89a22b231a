"""Readers: every kind of input (file, directory, URL, HTML, text dump, JSONL, WARC) to ``Article``.

One reader per input kind, all returning the same :class:`~newsgraph.model.Article`:

- ``html.py``      HTML pages (trafilatura body, JSON-LD / meta / htmldate metadata)
- ``textdump.py``  pages saved as plain text (browser "save as text", ``lynx -dump``) and clean text
- ``url.py``       fetching a page over HTTP(S)
- ``jsonl.py``     one article per line
- ``warc.py``      WARC / WARC.gz web archives (HTML response records)

:func:`iter_articles` is the single entry point: it expands directories, picks the reader,
and yields either an ``Article`` or the ``InputError`` that stopped one input, so that a
batch can go on with the rest.
"""

from __future__ import annotations

import logging
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .decode import check_bytes, read_text_bytes
from .options import ReadOptions

__all__ = ["ReadOptions", "ReadStats", "expand_inputs", "iter_articles", "read_article"]

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx")
TEXT_SUFFIXES = (".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".arc")
INPUT_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
_SNIFF_BYTES = 65536


@dataclass
class ReadStats:
    """Counts of what a read skipped and why (WARC records that are not HTML responses, …)."""

    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def is_url(source: str) -> bool:
    """Return whether ``source`` is an http(s) URL rather than a path."""
    return source.startswith(("http://", "https://"))


def expand_inputs(inputs: Iterable[str]) -> Iterator[str]:
    """Yield each input, with directories replaced by their readable files (recursive, sorted).

    ``-`` (stdin) and URLs pass through unchanged. A missing path is yielded too; reading it
    raises a clear error in its turn, so the rest of the batch still runs.
    """
    for item in inputs:
        if item != "-" and not is_url(item) and os.path.isdir(item):
            for path in sorted(Path(item).rglob("*")):
                if path.is_file() and _has_input_suffix(path.name):
                    yield str(path)
        else:
            yield item


def _has_input_suffix(name: str) -> bool:
    lowered = name.lower()
    if lowered.startswith("."):
        return False
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
    return lowered.endswith(INPUT_SUFFIXES)


def _kind_from_name(name: str) -> str | None:
    lowered = name.lower()
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
    for kind, suffixes in (
        ("html", HTML_SUFFIXES),
        ("text", TEXT_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("warc", WARC_SUFFIXES),
    ):
        if lowered.endswith(suffixes):
            return kind
    return None


def sniff_kind(data: bytes) -> str:
    """Guess an input's kind from its first bytes: ``warc``, ``jsonl``, ``html`` or ``text``."""
    head = data[:2048].lstrip()
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"{") and b"\n" in data.strip():
        return "jsonl"
    lowered = head[:1024].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<!--")) or (
        b"<body" in data[:65536].lower() or b"<div" in lowered or b"<p>" in lowered
    ):
        return "html"
    return "text"


def _container_kind(head: bytes) -> str | None:
    """Return ``warc`` or ``jsonl`` when the first bytes (gzipped or not) start a container."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _SNIFF_BYTES)
        except zlib.error:
            return None
    kind = sniff_kind(head)
    return kind if kind in ("warc", "jsonl") else None


def iter_articles(
    inputs: Iterable[str], options: ReadOptions | None = None, stats: ReadStats | None = None
) -> Iterator[Article | InputError]:
    """Read every input, yielding an ``Article`` per article or the ``InputError`` that stopped one.

    Inputs are paths, directories (read recursively), URLs or ``-`` for stdin. Containers
    (JSONL, WARC) yield one item per record. Errors never stop the iteration.
    """
    options = options or ReadOptions()
    stats = stats or ReadStats()
    for source in expand_inputs(inputs):
        try:
            yield from _read_source(source, options, stats)
        except InputError as exc:
            yield exc
        except OSError as exc:
            yield InputError(f"cannot read ({exc.strerror or exc})", source)


def read_article(source: str, options: ReadOptions | None = None) -> Article:
    """Read one single-article input (a path, a URL or ``-``) and return its ``Article``.

    Raises:
        InputError: the input cannot be read as an article; for a container with several
            records, the first record's error.
    """
    for item in iter_articles([source], options):
        if isinstance(item, InputError):
            raise item
        return item
    raise InputError("no article in this input", source)


def _read_source(
    source: str, options: ReadOptions, stats: ReadStats
) -> Iterator[Article | InputError]:
    if is_url(source):
        from .url import fetch_url

        fetched = fetch_url(source, options)
        data = check_bytes(fetched.data, source, options.max_bytes)
        kind = options.kind or ("html" if fetched.is_html else sniff_kind(data))
        text = read_text_bytes(
            data,
            source,
            encoding=options.encoding,
            content_type=fetched.content_type,
            max_bytes=options.max_bytes,
        )
        url_options = options if options.url else replace(options, url=fetched.url)
        yield article_from_text(text, kind, source, url_options)
        return
    if source == "-":
        data = sys.stdin.buffer.read()
        label = "<stdin>"
        container = options.kind or _container_kind(data[:_SNIFF_BYTES])
        if container in ("warc", "jsonl"):
            # Before check_bytes: a WARC holds binary payloads and may exceed one page's limit.
            yield from _read_container_bytes(data, label, container, options, stats)
            return
    else:
        if not os.path.exists(source):
            raise InputError("no such file or directory", source)
        label = source
        container = options.kind or _kind_from_name(source)
        if container is None:
            with open(source, "rb") as handle:
                container = _container_kind(handle.read(_SNIFF_BYTES))
        if container in ("warc", "jsonl"):
            yield from _read_container(source, container, options, stats)
            return
        with open(source, "rb") as handle:
            data = handle.read(options.max_bytes * 20 + 1)
    data = check_bytes(data, label, options.max_bytes)
    kind = options.kind or (None if source == "-" else _kind_from_name(source)) or sniff_kind(data)
    if kind in ("warc", "jsonl"):
        yield from _read_container_bytes(data, label, kind, options, stats)
        return
    text = read_text_bytes(data, label, encoding=options.encoding, max_bytes=options.max_bytes)
    yield article_from_text(text, kind, label, options)


def _read_container(
    path: str, kind: str | None, options: ReadOptions, stats: ReadStats
) -> Iterator[Article | InputError]:
    if kind == "warc":
        from .warc import iter_warc

        yield from iter_warc(path, options, stats)
    else:
        from .jsonl import iter_jsonl_path

        yield from iter_jsonl_path(path, options)


def _read_container_bytes(
    data: bytes, source: str, kind: str, options: ReadOptions, stats: ReadStats
) -> Iterator[Article | InputError]:
    if kind == "warc":
        from .warc import iter_warc_bytes

        yield from iter_warc_bytes(data, source, options, stats)
    else:
        from .jsonl import iter_jsonl_text

        yield from iter_jsonl_text(read_text_bytes(data, source), source, options)


def article_from_text(text: str, kind: str, source: str, options: ReadOptions) -> Article:
    """Build an ``Article`` from decoded page text with the reader for ``kind``, then finish it.

    Raises:
        InputError: the reader found no article in the text.
    """
    if kind == "html":
        from .html import read_html

        article = read_html(text, source, options)
    else:
        from .textdump import read_textdump

        article = read_textdump(text, source, options)
    return finish_article(article, source, options)


def finish_article(article: Article, source: str, options: ReadOptions) -> Article:
    """Apply given URL/date overrides, record the source and detect the language."""
    from ..language import detect_language

    article.source = source
    if options.url:
        article.url = options.url
        article.metadata_sources["url"] = "given"
    if options.published:
        article.published = options.published
        article.metadata_sources["published"] = "given"
    if not article.language:
        article.language = detect_language(article.text)
    if article.language and article.language != "en":
        log.warning(
            "%s: language is %r, not English; English-only extractors skip it",
            source,
            article.language,
        )
    return article
