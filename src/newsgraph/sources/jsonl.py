"""JSON Lines input: one article per line, with its metadata given as fields.

Each line is a JSON object with the body in ``text`` (clean text) or ``html`` (a whole page,
read with the HTML reader; ``text`` wins when a record has both), plus any of ``url``,
``title``, ``published``, ``authors``, ``site``, ``tags``, ``language``, ``id``, ``dateline``,
``standfirst``, ``editors`` and ``headings``. Given fields win over what the reader found and
are recorded as ``"given"`` in ``Article.metadata_sources``; a given ``id`` is kept as
``Article.given_id`` (the article's ``id`` stays its content hash). Other fields are ignored.

A bad line (not JSON, not an object, no ``text``/``html``, an empty body, too long) yields an
:class:`~newsgraph.errors.InputError` whose source is ``PATH:LINE`` and the reading goes on.
Blank lines are skipped. Files are streamed line by line (gzipped ones too), so a JSONL
file of any size is read in constant memory.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import logging
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from ..errors import BinaryInputError, EmptyInputError, InputError, InputTooLargeError
from ..model import Article
from .decode import check_bytes
from .options import ReadOptions

__all__ = ["iter_jsonl_path", "iter_jsonl_stream", "iter_jsonl_text", "read_record"]

log = logging.getLogger(__name__)

_SURROGATE = re.compile("[\ud800-\udfff]")
_STRING_FIELDS = ("title", "site", "dateline", "standfirst", "language")
_LIST_FIELDS = ("authors", "tags", "editors", "headings")
_SNIFF_BYTES = 8192

_Lines = gzip.GzipFile | io.BufferedReader | io.BufferedRandom


def iter_jsonl_path(path: str, options: ReadOptions) -> Iterator[Article | InputError]:
    """Read a JSONL file (optionally gzipped), yielding an article or an error per line.

    Args:
        path: the file to read.
        options: reading options; ``max_bytes`` bounds each line.

    Yields:
        An ``Article`` for each good line, an ``InputError`` (source ``PATH:LINE``) for each
        bad one, and a single ``InputError`` (source ``PATH``) if the file as a whole is
        empty, binary or a broken gzip stream.
    """
    with open(path, "rb") as raw:
        yield from iter_jsonl_stream(raw, path, options)


def iter_jsonl_stream(
    raw: io.BufferedReader | io.BufferedRandom, source: str, options: ReadOptions
) -> Iterator[Article | InputError]:
    """Read JSONL (optionally gzipped) from an open, seekable binary stream, line by line.

    Args:
        raw: the stream, at its start.
        source: what to call the input in sources and messages (a path, ``<stdin>``).
        options: reading options; ``max_bytes`` bounds each line.

    Yields:
        As :func:`iter_jsonl_path`.
    """
    with contextlib.ExitStack() as stack:
        start = raw.tell()
        gzipped = raw.read(2) == b"\x1f\x8b"
        raw.seek(start)
        handle: _Lines = raw
        if gzipped:
            handle = stack.enter_context(gzip.GzipFile(fileobj=raw, mode="rb"))
        try:
            head = handle.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
        except (OSError, EOFError, zlib.error) as exc:
            yield BinaryInputError(f"broken gzip data ({exc})", source)
            return
        try:
            check_bytes(head, source, options.max_bytes)
        except InputError as exc:
            if isinstance(exc, EmptyInputError):
                exc = EmptyInputError("empty JSONL file (no records)", source)
            yield exc
            return
        yield from _iter_lines(_read_lines(handle, options.max_bytes), source, options)


def iter_jsonl_text(text: str, source: str, options: ReadOptions) -> Iterator[Article | InputError]:
    """Read JSONL already decoded to text (from stdin, say), one article or error per line.

    Args:
        text: the whole JSONL text.
        source: what to call the input in sources and messages (``<stdin>``, a path).
        options: reading options.

    Yields:
        An ``Article`` for each good line and an ``InputError`` (source ``SOURCE:LINE``)
        for each bad one.
    """
    # split on "\n" only: JSON strings may hold raw U+2028 and other line separators.
    lines = ((line.encode("utf-8"), False) for line in text.split("\n"))
    yield from _iter_lines(lines, source, options)


def read_record(record: Any, source: str, options: ReadOptions) -> Article:
    """Build an ``Article`` from one decoded JSONL record.

    Args:
        record: the parsed JSON value of one line.
        source: the record's source, ``PATH:LINE``.
        options: reading options; the record's ``url`` and ``published`` replace theirs.

    Returns:
        The article, with the given fields applied and marked ``"given"``.

    Raises:
        InputError: the record is not an object or has no usable ``text``/``html``.
    """
    from .pages import article_from_text

    if not isinstance(record, dict):
        raise InputError(f"not a JSON object but {_json_type(record)}", source)
    body, kind = _body(record, source)
    record_options = replace(
        options,
        url=_string(record, "url", source) or options.url,
        published=_date(record, source) or options.published,
    )
    article = article_from_text(body, kind, source, record_options)
    _apply_given(article, record, source)
    return article


def _iter_lines(
    lines: Iterable[tuple[bytes, bool]], source: str, options: ReadOptions
) -> Iterator[Article | InputError]:
    number = 0
    try:
        for number, (line, too_long) in enumerate(lines, start=1):
            where = f"{source}:{number}"
            if too_long:
                yield InputTooLargeError(
                    f"line longer than {options.max_bytes:,} bytes (raise --max-bytes)", where
                )
                continue
            if not line.strip():
                log.debug("%s: blank line skipped", where)
                continue
            try:
                yield read_record(_parse(line, where), where, options)
            except InputError as exc:
                yield exc
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(
            f"file ends abruptly or is corrupt ({exc}); read up to here", f"{source}:{number + 1}"
        )


def _read_lines(handle: _Lines, max_bytes: int) -> Iterator[tuple[bytes, bool]]:
    """Yield ``(line, too_long)``; a line over ``max_bytes`` is skipped without being kept."""
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
            yield b"", True
            continue
        yield line, False


def _parse(line: bytes, where: str) -> Any:
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start}); JSONL must be UTF-8", where) from exc
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg} at column {exc.colno})", where) from exc
    return no_surrogates(value) if "\\ud" in text.lower() else value


def no_surrogates(value: Any) -> Any:
    """Replace lone surrogates (JSON may spell one; nothing can write one) by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [no_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {no_surrogates(k): no_surrogates(v) for k, v in value.items()}
    return value


def _body(record: dict[str, Any], source: str) -> tuple[str, str]:
    for field, kind in (("text", "text"), ("html", "html")):
        value = record.get(field)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f"field {field!r} must be a string, not {_json_type(value)}", source)
        if value.strip():
            return value, kind
    if "text" in record or "html" in record:
        raise EmptyInputError("empty 'text'/'html' field (no text to read)", source)
    raise InputError("no 'text' or 'html' field (one is required)", source)


def _apply_given(article: Article, record: dict[str, Any], source: str) -> None:
    for field in _STRING_FIELDS:
        value = _string(record, field, source)
        if value:
            setattr(article, field, value)
            article.metadata_sources[field] = "given"
    for field in _LIST_FIELDS:
        values = _strings(record, field, source)
        if values:
            setattr(article, field, values)
            article.metadata_sources[field] = "given"
    given_id = record.get("id")
    if isinstance(given_id, str | int) and not isinstance(given_id, bool) and str(given_id).strip():
        # Kept as metadata: the stored article is known by its content hash, so two records
        # giving one id to different texts are two articles, and no id is ever unreachable.
        article.given_id = str(given_id).strip()
        article.metadata_sources["given_id"] = "given"


def _string(record: dict[str, Any], field: str, source: str) -> str | None:
    value = record.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        log.warning("%s: field %r is %s, not a string; ignored", source, field, _json_type(value))
        return None
    return value.strip() or None


def _strings(record: dict[str, Any], field: str, source: str) -> list[str]:
    value = record.get(field)
    if value is None:
        return []
    if isinstance(value, str):
        # One string is one name (or tag) unless it is a ';'- or ','-separated list of tags.
        separator = ";" if ";" in value else ("," if field == "tags" else None)
        parts = value.split(separator) if separator else [value]
        return [p.strip() for p in parts if p.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    log.warning("%s: field %r is not a string or a list of strings; ignored", source, field)
    return []


def _date(record: dict[str, Any], source: str) -> str | None:
    value = _string(record, "published", source)
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        log.warning("%s: 'published' %r is not an ISO 8601 date; ignored", source, value)
        return None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)
