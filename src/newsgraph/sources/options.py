"""Options for reading articles, as one frozen object passed to every reader."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .decode import MAX_BYTES

if TYPE_CHECKING:
    from .warc_filter import RecordFilter


@dataclass(frozen=True)
class ReadOptions:
    """How to read an input.

    Attributes:
        url: the article's URL, given or overriding what the page says.
        published: the publication date (``YYYY-MM-DD``), given or overriding the page's.
        encoding: force this text encoding instead of detecting it.
        max_bytes: refuse pages larger than this (after gunzip).
        timeout: seconds to wait for a URL.
        kind: force a reader (``html``, ``text``, ``jsonl``, ``warc``) instead of sniffing.
        record_filter: which WARC records to read (language, host, capture date); see
            :class:`~newsgraph.sources.warc_filter.RecordFilter`.
    """

    url: str | None = None
    published: str | None = None
    encoding: str | None = None
    max_bytes: int = MAX_BYTES
    timeout: float = 20.0
    kind: str | None = None
    record_filter: RecordFilter | None = None
