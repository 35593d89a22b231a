"""The state one quote extraction shares: the parse, the quotation marks, the speaker index.

On its own so that every quote module can take a :class:`QuoteContext` without importing the
helpers of :mod:`newsgraph.extract.quote_context`, which build it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from .intervals import Coverage
from .quote_spans import MarkSpan
from .speakers import SpeakerIndex

__all__ = ["QuoteContext"]


@dataclass
class QuoteContext:
    """Everything one extraction reads: the doc, the marks and per-token look-ups."""

    doc: Any
    text: str
    marks: list[MarkSpan]
    index: SpeakerIndex
    quote_of: list[int]
    para_starts: list[int]
    used_cues: set[int] = field(default_factory=set)
    covered: Coverage = field(default_factory=lambda: Coverage(0))

    def in_quote(self, i: int) -> bool:
        return self.quote_of[i] >= 0

    def paragraph(self, char: int) -> int:
        return bisect_right(self.para_starts, char) - 1
