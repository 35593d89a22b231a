"""What kind an input is: by its name (suffix) or its first bytes; containers and pages.

Every reader is chosen from a kind: ``html`` and ``text`` are pages
(:mod:`newsgraph.sources.pages`), ``jsonl`` and ``warc`` are containers of many articles.
"""

from __future__ import annotations

import os
import zlib

__all__ = [
    "CONTAINER_KINDS",
    "INPUT_SUFFIXES",
    "container_kind",
    "has_input_suffix",
    "is_container",
    "kind_from_name",
    "sniff_container",
    "sniff_kind",
]

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx")
TEXT_SUFFIXES = (".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".arc")
INPUT_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
CONTAINER_KINDS = ("warc", "jsonl")
"""The kinds that hold many articles (one per record)."""
SNIFF_BYTES = 65536
"""The first bytes of an input read to tell its kind."""


def has_input_suffix(name: str) -> bool:
    """Return whether a file name is one newsgraph reads (a directory walk keeps these)."""
    lowered = name.lower()
    if lowered.startswith("."):
        return False
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
    return lowered.endswith(INPUT_SUFFIXES)


def kind_from_name(name: str) -> str | None:
    """Return the kind a file name says (``html``, ``text``, ``jsonl``, ``warc``), if any."""
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


def sniff_container(head: bytes) -> str | None:
    """Return ``warc`` or ``jsonl`` when the first bytes (gzipped or not) start a container."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
        except zlib.error:
            return None
    kind = sniff_kind(head)
    return kind if kind in CONTAINER_KINDS else None


def container_kind(path: str, kind: str | None = None) -> str | None:
    """Return ``warc`` or ``jsonl`` when the file at ``path`` is a container, else ``None``.

    The kind is ``kind`` when given (``--kind``), else the file name's, else its first bytes'.
    A path that is not a readable file is no container.
    """
    kind = kind or kind_from_name(path)
    if kind is None:
        try:
            with open(path, "rb") as handle:
                kind = sniff_container(handle.read(SNIFF_BYTES))
        except OSError:
            return None
    return kind if kind in CONTAINER_KINDS else None


def is_container(path: str, kind: str | None = None) -> bool:
    """Return whether the file at ``path`` holds many articles (JSONL, WARC); see above."""
    return os.path.isfile(path) and container_kind(path, kind) is not None
