"""Readers: every kind of input (file, directory, URL, HTML, text dump, JSONL, WARC) to ``Article``.

One reader per input kind, all returning the same :class:`~newsgraph.model.Article`:

- ``html.py``      HTML pages (trafilatura body, JSON-LD / meta / htmldate metadata)
- ``textdump.py``  pages saved as plain text (browser "save as text", ``lynx -dump``) and clean text
- ``url.py``       fetching a page over HTTP(S)
- ``jsonl.py``     one article per line
- ``warc.py``      WARC / WARC.gz web archives (HTML response records)

:func:`iter_articles` is the single entry point: it expands directories, picks the reader,
and yields either an ``Article`` or the ``InputError`` that stopped one input, so that a
batch can go on with the rest. An input passes through this module once: its kind is told
by :mod:`~newsgraph.sources.kinds` (name or first bytes), a container goes to its reader
through one dispatch (``_read_container``: bytes or a stream, WARC or JSONL), and a page
(from a file, a URL, stdin or a container record) through :mod:`~newsgraph.sources.pages`.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO

from ..errors import ArgumentError, InputError, InputTooLargeError
from ..model import Article
from .decode import check_bytes, read_text_bytes
from .kinds import (
    CONTAINER_KINDS,
    SNIFF_BYTES,
    container_kind,
    has_input_suffix,
    is_container,
    kind_from_name,
    sniff_container,
    sniff_kind,
)
from .options import ReadOptions, ReadStats
from .pages import article_from_text, finish_article

__all__ = [
    "ReadOptions",
    "ReadStats",
    "article_from_text",
    "container_kind",
    "expand_inputs",
    "finish_article",
    "is_container",
    "is_url",
    "iter_articles",
    "read_article",
    "sniff_kind",
]

log = logging.getLogger(__name__)


def is_url(source: str) -> bool:
    """Return whether ``source`` is an http(s) URL rather than a path."""
    return source.startswith(("http://", "https://"))


Source = str | os.PathLike[str] | os.PathLike[bytes] | bytes
"""An input: a path (``str`` or ``os.PathLike``), a URL, ``-`` for stdin, or the ``bytes`` of a
page itself."""


def source_name(source: object) -> str | bytes:
    """Return an input as a path string (``os.PathLike`` resolved), or its bytes unchanged.

    Raises:
        ArgumentError: the input is not a path, a URL, ``-`` or bytes.
    """
    if isinstance(source, str | bytes):
        return source
    if isinstance(source, os.PathLike):
        return os.fsdecode(source)
    raise ArgumentError(
        f"an input is a path, a URL, '-' or the bytes of a page, not {type(source).__name__}"
    )


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Yield each input, with directories replaced by their readable files (recursive, sorted).

    ``-`` (stdin) and URLs pass through unchanged; ``os.PathLike`` paths become strings. A
    missing path is yielded too; reading it raises a clear error in its turn, so the rest of
    the batch still runs. A folder that cannot be listed is yielded as it is, and reading it
    says so.

    Raises:
        ArgumentError: an input is not a path, a URL or ``-`` (or ``inputs`` is a single
            string, which would be read one character at a time).
    """
    for item in _expand(inputs):
        if isinstance(item, bytes):
            raise ArgumentError("bytes are a page, not a path: use iter_articles or read_article")
        yield item


def _expand(inputs: Iterable[Source]) -> Iterator[str | bytes]:
    """:func:`expand_inputs`, with the bytes of pages passed through."""
    if isinstance(inputs, str | bytes | os.PathLike):
        raise ArgumentError("inputs must be a list of paths or URLs, not a single one")
    for raw in inputs:
        item = source_name(raw)
        if isinstance(item, str) and item != "-" and not is_url(item) and os.path.isdir(item):
            yield from _walk(item)
        else:
            yield item


def _walk(folder: str) -> Iterator[str]:
    """Yield the input files under ``folder`` (sorted), and each folder it cannot list."""
    unreadable: list[str] = []
    found: list[str] = []
    for root, dirs, files in os.walk(folder, onerror=lambda exc: unreadable.append(exc.filename)):
        dirs.sort()
        found.extend(os.path.join(root, name) for name in files if has_input_suffix(name))
    paths = [p for p in found if os.path.isfile(p)] + unreadable
    yield from sorted(paths, key=lambda p: Path(p).parts)


def iter_articles(
    inputs: Iterable[Source], options: ReadOptions | None = None, stats: ReadStats | None = None
) -> Iterator[Article | InputError]:
    """Read every input, yielding an ``Article`` per article or the ``InputError`` that stopped one.

    Inputs are paths (``str`` or ``os.PathLike``), directories (read recursively), URLs, ``-``
    for stdin, or the ``bytes`` of a page. Containers (JSONL, WARC) yield one item per record.
    Errors never stop the iteration.

    Raises:
        ArgumentError: an input is none of these (``None``, a number…).
    """
    options = options or ReadOptions()
    stats = stats or ReadStats()
    for source in _expand(inputs):
        label = BYTES_LABEL if isinstance(source, bytes) else source
        try:
            yield from _read_source(source, options, stats)
        except InputError as exc:
            yield exc
        except OSError as exc:
            yield InputError(f"cannot read ({exc.strerror or exc})", label)


BYTES_LABEL = "<bytes>"
"""The source name of a page given as bytes."""


def read_article(source: Source, options: ReadOptions | None = None) -> Article:
    """Read one single-article input and return its ``Article``.

    Args:
        source: a path (``str`` or ``os.PathLike``), a URL, ``-`` for stdin, or the ``bytes``
            of the page itself (HTML or text, in any encoding).
        options: how to read it.

    Raises:
        InputError: the input cannot be read as an article; for a container with several
            records, the first record's error.
        ArgumentError: ``source`` is none of the above.
    """
    if not isinstance(options, ReadOptions | None):
        raise ArgumentError(f"options must be ReadOptions, not {type(options).__name__}")
    for item in iter_articles([source], options):
        if isinstance(item, InputError):
            raise item
        return item
    raise InputError("no article in this input", str(source_name(source))[:200])


def _read_source(
    source: str | bytes, options: ReadOptions, stats: ReadStats
) -> Iterator[Article | InputError]:
    """Read one input (the bytes of a page, a URL, ``-``, or a file) by its kind."""
    if isinstance(source, bytes):
        yield from _read_data(source, BYTES_LABEL, options, stats)
        return
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
        yield from _read_stdin(options, stats)
        return
    if not os.path.exists(source):
        raise InputError("no such file or directory", source)
    if os.path.isdir(source):
        try:
            os.listdir(source)
        except OSError as exc:
            raise InputError(f"cannot list this folder ({exc.strerror or exc})", source) from exc
        raise InputError("a folder, not a file", source)
    container = container_kind(source, options.kind)
    if container is not None:
        with open(source, "rb") as handle:
            yield from _read_container(container, handle, source, options, stats)
        return
    with open(source, "rb") as handle:
        data = handle.read(_page_read_limit(options))
    yield from _read_page(data, source, kind_from_name(source), options, stats)


STDIN_LABEL = "<stdin>"


def _page_read_limit(options: ReadOptions) -> int:
    """Bytes read of one page: enough for a gzipped page that inflates to ``max_bytes``."""
    return options.max_bytes * 20 + 1


def _read_stdin(options: ReadOptions, stats: ReadStats) -> Iterator[Article | InputError]:
    """Read stdin: a container is spooled to a temporary file and streamed; a page is bounded.

    A page larger than the limit is refused after reading the limit, without reading on.
    """
    stream = sys.stdin.buffer
    head = stream.read(SNIFF_BYTES)
    container = options.kind or sniff_container(head)
    if container in CONTAINER_KINDS:
        with tempfile.TemporaryFile(prefix="newsgraph-stdin-") as spool:
            spool.write(head)
            shutil.copyfileobj(stream, spool)
            spool.seek(0)
            yield from _read_container(container, spool, STDIN_LABEL, options, stats)
        return
    limit = _page_read_limit(options)
    data = head + stream.read(max(0, limit - len(head)))
    if len(data) >= limit:
        raise InputTooLargeError(
            f"more than {limit - 1:,} bytes on stdin for one page (raise --max-bytes)",
            STDIN_LABEL,
        )
    yield from _read_page(data, STDIN_LABEL, None, options, stats)


def _read_data(
    data: bytes, label: str, options: ReadOptions, stats: ReadStats
) -> Iterator[Article | InputError]:
    """Read an input held in memory: a container's records, or one page."""
    container = options.kind or sniff_container(data[:SNIFF_BYTES])
    if container in CONTAINER_KINDS:
        # Before check_bytes: a WARC holds binary payloads and may exceed one page's limit.
        yield from _read_container(container, data, label, options, stats)
        return
    yield from _read_page(data, label, None, options, stats)


def _read_page(
    data: bytes, label: str, named: str | None, options: ReadOptions, stats: ReadStats
) -> Iterator[Article | InputError]:
    """Read the bytes of one page (or a container its content reveals) as ``named`` says."""
    data = check_bytes(data, label, options.max_bytes)
    kind = options.kind or named or sniff_kind(data)
    if kind in CONTAINER_KINDS:
        yield from _read_container(kind, data, label, options, stats)
        return
    text = read_text_bytes(data, label, encoding=options.encoding, max_bytes=options.max_bytes)
    yield article_from_text(text, kind, label, options)


def _read_container(
    kind: str,
    source: bytes | IO[bytes],
    label: str,
    options: ReadOptions,
    stats: ReadStats,
) -> Iterator[Article | InputError]:
    """The one dispatch from a container's kind to its reader, for bytes or an open stream."""
    if kind == "warc":
        from .warc import iter_warc_bytes, iter_warc_stream

        if isinstance(source, bytes):
            yield from iter_warc_bytes(source, label, options, stats)
        else:
            yield from iter_warc_stream(source, label, options, stats)
    else:
        from .jsonl import iter_jsonl_stream, iter_jsonl_text

        if isinstance(source, bytes):
            yield from iter_jsonl_text(read_text_bytes(source, label), label, options)
        else:
            yield from iter_jsonl_stream(source, label, options)  # type: ignore[arg-type]
