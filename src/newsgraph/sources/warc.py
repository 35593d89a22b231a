"""WARC and WARC.gz web archives (CC-NEWS, wget/browsertrix crawls): one article per HTML page.

Only ``response`` records with HTTP status 200 and an HTML media type (``text/html``,
``application/xhtml+xml``) are read, with the record's ``WARC-Target-URI`` as the article URL
and the HTTP ``Content-Type`` charset used to decode the page. Every other record is skipped
and counted in :class:`~newsgraph.sources.ReadStats` by reason (``not a response``,
``not HTML``, ``HTTP 404``, …).

A record whose page cannot be read yields an :class:`~newsgraph.errors.InputError` with source
``PATH#RECORD-ID`` (or ``PATH#OFFSET`` when the record has no id) and the reading goes on. A
truncated or corrupt archive yields one error for the rest and keeps what came before. Files
are streamed record by record; a record body is read only up to ``max_bytes``.

With a :class:`~newsgraph.sources.warc_filter.RecordFilter` in ``ReadOptions.record_filter``,
records are also chosen by host and capture date (from the headers, before the body is read)
and by language (before the page is decoded), and the refusals are counted the same way.
:func:`iter_warc_pages` stops before the HTML is read (a :class:`WarcPage` of raw bytes, cheap
to send to another process) and :func:`read_warc_page` finishes the job.
"""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import IO, TYPE_CHECKING, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import EmptyInputError, InputError, InputTooLargeError
from ..model import Article
from .decode import read_text_bytes
from .options import ReadOptions
from .url import HTML_TYPES, media_type

if TYPE_CHECKING:
    from .options import ReadStats

__all__ = [
    "WarcPage",
    "iter_warc",
    "iter_warc_bytes",
    "iter_warc_pages",
    "iter_warc_stream",
    "read_warc_page",
]

log = logging.getLogger(__name__)

_BLOCK = 1 << 16
_REQUIRED_HEADERS = ("WARC-Type", "WARC-Record-ID", "WARC-Date", "Content-Length")


def iter_warc(path: str, options: ReadOptions, stats: ReadStats) -> Iterator[Article | InputError]:
    """Read the HTML pages of a WARC or WARC.gz file, streaming it record by record.

    Args:
        path: the archive to read.
        options: reading options; ``url`` is replaced by each record's target URI.
        stats: where skipped records are counted, by reason.

    Yields:
        An ``Article`` per HTML page and an ``InputError`` per record that cannot be read
        (source ``PATH#RECORD-ID``), plus one for a truncated or corrupt rest of the file.
    """
    with open(path, "rb") as handle:
        yield from iter_warc_stream(handle, path, options, stats)


def iter_warc_bytes(
    data: bytes, source: str, options: ReadOptions, stats: ReadStats
) -> Iterator[Article | InputError]:
    """Read the HTML pages of a WARC already in memory (from stdin, say).

    Args:
        data: the archive, gzipped or not.
        source: what to call the input in sources and messages.
        options: reading options.
        stats: where skipped records are counted, by reason.

    Yields:
        As :func:`iter_warc`.
    """
    yield from iter_warc_stream(io.BytesIO(data), source, options, stats)


@dataclass(frozen=True)
class WarcPage:
    """An HTML response record chosen for reading, before its page is decoded and read.

    Attributes:
        data: the HTTP body (at most ``max_bytes + 1`` bytes).
        where: the record's source name, ``PATH#RECORD-ID``.
        content_type: the HTTP ``Content-Type`` header.
        url: the record's ``WARC-Target-URI``.
        warc_date: the record's ``WARC-Date``.
    """

    data: bytes
    where: str
    content_type: str | None = None
    url: str | None = None
    warc_date: str | None = None


def iter_warc_stream(
    stream: IO[bytes], source: str, options: ReadOptions, stats: ReadStats
) -> Iterator[Article | InputError]:
    """Read the HTML pages of a WARC from an open binary stream (see :func:`iter_warc`)."""
    for item in iter_warc_pages(stream, source, options, stats):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield read_warc_page(item, options)
        except InputError as exc:
            yield exc


def iter_warc_pages(
    stream: IO[bytes], source: str, options: ReadOptions, stats: ReadStats
) -> Iterator[WarcPage | InputError]:
    """Yield the HTML pages of a WARC stream unread, skipping and counting the other records.

    As :func:`iter_warc`, but each page comes as a :class:`WarcPage` for
    :func:`read_warc_page`; ``options.record_filter`` is applied here.
    """
    record_filter = options.record_filter
    head = _peek(stream)
    if not head.strip():
        yield EmptyInputError("empty WARC file (no records)", source)
        return
    # warcio invents a random record id for ARC records; their offset is the stable name.
    is_arc = _inflate_head(head).startswith(b"filedesc://")
    records = ArchiveIterator(stream, arc2warc=True)  # ARC records get WARC headers
    iterator = iter(records)
    count = 0
    while True:
        try:
            record = next(iterator, None)
        except ArchiveLoadFailed as exc:
            if count == 0:
                yield InputError(f"not a WARC file ({_one_line(exc)})", source)
            else:
                yield _broken(count, exc, f"{source}#{records.offset}")
            return
        except Exception as exc:  # warcio fails on cut-off headers in many ways (AttributeError…)
            yield _broken(count, exc, f"{source}#{records.offset}")
            return
        if record is None:
            break
        count += 1
        where = f"{source}#{(not is_arc and _record_id(record)) or records.offset}"
        missing = _missing_headers(record)
        if missing:
            yield InputError(
                f"record header cut off or corrupt (no {missing}); the rest is not read", where
            )
            return
        skip = _skip_reason(record)
        target = record.rec_headers.get_header("WARC-Target-URI")
        warc_date = record.rec_headers.get_header("WARC-Date")
        if not skip and record_filter is not None:
            skip = record_filter.check_headers(target, warc_date)
        data = b"" if skip else record.content_stream().read(options.max_bytes + 1)
        if _truncated(record):
            yield InputError("the file ends inside this record (truncated WARC)", where)
            return
        if not skip and record_filter is not None:
            skip = record_filter.check_body(_language_headers(record), data)
        if skip:
            stats.skip(skip)
            continue
        content_type = record.http_headers.get_header("Content-Type")
        yield WarcPage(data, where, content_type, target, warc_date)
    end = _size(stream)
    if end is not None and records.offset < end:
        # warcio stops quietly at a record whose headers are cut off; say so.
        yield InputError(
            f"the file ends inside a record after {count} records (truncated WARC)",
            f"{source}#{records.offset}",
        )


def _broken(count: int, exc: BaseException, where: str) -> InputError:
    return InputError(
        f"truncated or corrupt WARC after {count} records ({_one_line(exc)}); the rest is not read",
        where,
    )


def _skip_reason(record: Any) -> str | None:
    """Return why a record is not read as a page, or ``None`` for an HTML 200 response."""
    if record.rec_type != "response":
        return "not a response"
    headers = record.http_headers
    if headers is None:
        return "no HTTP headers"
    status = headers.get_statuscode()
    if status != "200":
        return f"HTTP {status}"
    if media_type(headers.get_header("Content-Type")) not in HTML_TYPES:
        return "not HTML"
    return None


def _missing_headers(record: Any) -> str | None:
    """Return the first required WARC header the record lacks (a cut-off header block)."""
    if not str(record.format).startswith("warc"):
        return None
    for name in _REQUIRED_HEADERS:
        value = record.rec_headers.get_header(name)
        if not value or (name == "Content-Length" and not value.strip().isdigit()):
            return name
    return None


def _truncated(record: Any) -> bool:
    """Read the rest of the record and return whether the file ended before its length."""
    raw = record.raw_stream
    while raw.read(_BLOCK):
        pass
    return int(getattr(raw, "limit", 0) or 0) > 0


def read_warc_page(page: WarcPage, options: ReadOptions) -> Article:
    """Decode and read one page of a WARC (see :func:`iter_warc_pages`).

    Raises:
        InputError: the page is too large, does not decode, or holds no article.
    """
    from .pages import article_from_text

    where = page.where
    if len(page.data) > options.max_bytes:
        raise InputTooLargeError(
            f"page larger than {options.max_bytes:,} bytes (raise --max-bytes)", where
        )
    text = read_text_bytes(
        page.data,
        where,
        encoding=options.encoding,
        content_type=page.content_type,
        max_bytes=options.max_bytes,
    )
    record_options = replace(options, url=page.url) if page.url else options
    return article_from_text(text, "html", where, record_options)


def _language_headers(record: Any) -> dict[str, str]:
    """Return the headers that may name a record's language, by lower-case name."""
    found: dict[str, str] = {}
    value = record.rec_headers.get_header("WARC-Identified-Content-Language")
    if value:
        found["warc-identified-content-language"] = value
    value = record.http_headers.get_header("Content-Language")
    if value:
        found["content-language"] = value
    return found


def _record_id(record: Any) -> str | None:
    value = record.rec_headers.get_header("WARC-Record-ID")
    if not value:
        return None
    return str(value).strip().strip("<>") or None


def _size(stream: IO[bytes]) -> int | None:
    if not stream.seekable():
        return None
    return stream.seek(0, io.SEEK_END)


def _peek(stream: IO[bytes]) -> bytes:
    position = stream.tell()
    head = stream.read(512)
    stream.seek(position)
    return head


def _inflate_head(head: bytes) -> bytes:
    if head[:2] != b"\x1f\x8b":
        return head
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return b""


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
