"""Options for reading articles (one frozen object passed to every reader) and read statistics."""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass
class ReadStats:
    """Counts of what a read skipped and why (WARC records that are not HTML responses, …)."""

    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        """Count one more input or record skipped for ``reason``."""
        self.skipped[reason] = self.skipped.get(reason, 0) + 1
