"""Turning raw bytes into text: gzip, size limits, binary sniffing and charset detection.

Every reader goes through here, so that an empty file, a PDF, a 40 MB page or a page in
Windows-1252 gets the same clear error (or the same right answer) whatever its kind.
"""

from __future__ import annotations

import codecs
import gzip
import logging
import re
import zlib

from ..errors import BinaryInputError, EmptyInputError, EncodingError, InputTooLargeError

log = logging.getLogger(__name__)

MAX_BYTES = 5_000_000
"""Default size limit of one page (after gunzip), in bytes."""

_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x7fELF": "an executable",
    b"RIFF": "a RIFF media file",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
    b"SQLite format 3": "an SQLite database",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def gunzip_limited(data: bytes, source: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Decompress gzip data, refusing to inflate past ``max_bytes``.

    Every member of a multi-member file is read (``cat a.gz b.gz`` is valid gzip). A stream
    that ends early (a cut-off download) gives what it holds, with a warning.

    Raises:
        InputTooLargeError: the decompressed data is larger than ``max_bytes``.
        BinaryInputError: the data is not valid gzip.
    """
    out = bytearray()
    rest = data
    while rest:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(rest, max_bytes + 1 - len(out))
        except zlib.error as exc:
            raise BinaryInputError(f"broken gzip data ({exc})", source) from exc
        if len(out) > max_bytes:
            raise InputTooLargeError(
                f"larger than {max_bytes:,} bytes once decompressed (raise --max-bytes)", source
            )
        if not inflater.eof:
            log.warning("%s: gzip data ends early (truncated?); reading what there is", source)
            break
        rest = inflater.unused_data
        if not rest.startswith(b"\x1f\x8b"):
            break  # trailing padding after the last member
    return bytes(out)


def check_bytes(data: bytes, source: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Return ``data`` decompressed if gzipped, after checking it is non-empty text of a sane size.

    Raises:
        EmptyInputError: no bytes or only white space.
        InputTooLargeError: over ``max_bytes``.
        BinaryInputError: a known binary format, or bytes that are mostly control characters.
    """
    if data[:2] == b"\x1f\x8b":
        data = gunzip_limited(data, source, max_bytes)
    if len(data) > max_bytes:
        raise InputTooLargeError(f"larger than {max_bytes:,} bytes (raise --max-bytes)", source)
    if not data.strip():
        raise EmptyInputError("empty input (no text to read)", source)
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise BinaryInputError(f"binary data ({what}), not text or HTML", source)
    if _looks_binary(data):
        raise BinaryInputError("binary data, not text or HTML", source)
    return data


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """Return the charset a page declares: HTTP header first, then ``<meta>``, then ``<?xml?>``."""
    if content_type:
        match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
        if match:
            return match.group(1)
    head = data[:4096]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        found = pattern.search(head)
        if found:
            return found.group(1).decode("ascii", "replace")
    return None


def decode_text(
    data: bytes, source: str, encoding: str | None = None, content_type: str | None = None
) -> str:
    """Decode bytes to text.

    Order: an explicit ``encoding``; a byte-order mark; strict UTF-8; the declared charset
    (HTTP header, meta tag); charset-normalizer's best guess. A forced ``encoding`` that fails is
    an error rather than a silent guess.

    Raises:
        EncodingError: nothing decodes the bytes plausibly.
    """
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise EncodingError(f"does not decode as {encoding} ({exc})", source) from exc
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _has_utf8_lines(data):
        return _decode_mixed(data, source)
    declared = declared_charset(data, content_type)
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(_normalise_codec(declared))
        except (UnicodeDecodeError, LookupError):
            pass
    return _guess_decode(data, source)


class Decoded(str):
    """Decoded text that carries the warnings met while decoding it (``warnings``)."""

    warnings: tuple[str, ...] = ()


_ESCAPED_RUN = re.compile("[\udc80-\udcff]+")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def _has_utf8_lines(data: bytes) -> bool:
    """Whether some line holds non-ASCII text that is valid UTF-8 (so the file is UTF-8 in part).

    A file wholly in a legacy encoding almost never has a whole line of non-ASCII text that
    also happens to be valid UTF-8.
    """
    for line in data.splitlines():
        if _UTF8_MULTIBYTE.search(line):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            return True
    return False


def _decode_mixed(data: bytes, source: str) -> Decoded:
    """Decode text that is UTF-8 but for some stretches in a legacy encoding.

    The valid UTF-8 stays as it is; each run of bytes that is not UTF-8 is decoded in the
    legacy encoding that charset-normalizer finds for the lines holding such runs (falling
    back to Windows-1252). The result carries a warning saying how many bytes were affected.
    """
    escaped = data.decode("utf-8", errors="surrogateescape")
    foreign = b"\n".join(line for line in data.splitlines() if not _is_utf8(line))
    codec = _single_byte_guess(foreign)
    bad = 0

    def decode_run(match: re.Match[str]) -> str:
        nonlocal bad
        raw = bytes(ord(char) - 0xDC00 for char in match.group())
        bad += len(raw)
        return raw.decode(codec, errors="replace")

    text = Decoded(_ESCAPED_RUN.sub(decode_run, escaped))
    text.warnings = (f"mixed encodings: {bad:,} byte(s) that are not UTF-8 were read as {codec}",)
    log.warning("%s: %s", source, text.warnings[0])
    return text


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _single_byte_guess(data: bytes) -> str:
    """Return the single-byte encoding of ``data`` charset-normalizer finds, else cp1252."""
    from charset_normalizer import from_bytes

    for match in from_bytes(data):
        name = codecs.lookup(match.encoding).name
        if name.startswith(("cp125", "iso8859", "koi8", "mac-", "latin")):
            return _normalise_codec(name)
    return "cp1252"


def _normalise_codec(name: str) -> str:
    # Browsers treat latin-1 and ascii labels as windows-1252 (WHATWG Encoding Standard).
    lowered = name.lower()
    if lowered in ("iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        return "cp1252"
    return name


def _guess_decode(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise EncodingError("not text in any known encoding (pass --encoding)", source)
    text = str(best)
    bad = text.count("\ufffd")
    if bad > max(10, len(text) // 100):
        raise EncodingError(
            f"does not decode cleanly (best guess {best.encoding}; pass --encoding)", source
        )
    return text


def read_text_bytes(
    data: bytes,
    source: str,
    *,
    encoding: str | None = None,
    content_type: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> str:
    """Check and decode the bytes of one page; the one entry point readers use."""
    data = check_bytes(data, source, max_bytes)
    text = decode_text(data, source, encoding, content_type)
    if not text.strip():
        raise EmptyInputError("empty input (no text to read)", source)
    return text


def gzip_bytes(data: bytes) -> bytes:
    """Gzip ``data`` deterministically (for tests and fixtures)."""
    return gzip.compress(data, mtime=0)
