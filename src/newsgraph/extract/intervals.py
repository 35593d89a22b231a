"""Stretches of text already claimed, and spans looked up by position, in near-constant time.

Extractors often ask "does this stretch overlap one already taken?" or "which mentions fall
inside it?". Asked against a list, once per candidate, that costs time growing with the
square of the text's length; these answer in time proportional to the stretch asked about.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class Coverage:
    """The characters of a text claimed so far, one flag per character.

    ``overlaps(start, end)`` is true when a claimed stretch shares a character with
    ``[start, end)``; empty stretches claim nothing.
    """

    def __init__(self, size: int, spans: Sequence[tuple[int, int]] = ()) -> None:
        self.flags = bytearray(size)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Claim the characters ``[start, end)``."""
        start, end = max(0, start), min(len(self.flags), end)
        if end > start:
            self.flags[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Return whether any character of ``[start, end)`` is claimed."""
        return end > start and self.flags.find(1, max(0, start), end) != -1


class SpanIndex(Generic[T]):
    """Items with a character range, found by the range they overlap or lie within.

    Args:
        items: the items, in the order answers keep.
        bounds: an item's ``(start, end)``.
    """

    def __init__(self, items: Sequence[T], bounds: Callable[[T], tuple[int, int]]) -> None:
        self.items = list(items)
        ranges = [bounds(item) for item in self.items]
        self.order = sorted(range(len(ranges)), key=lambda k: ranges[k][0])
        self.starts = [ranges[k][0] for k in self.order]
        self.ends = [ranges[k][1] for k in self.order]
        self.longest = max((end - start for start, end in ranges), default=0)
        self.max_end: list[int] = []
        running = -1
        for end in self.ends:
            running = max(running, end)
            self.max_end.append(running)

    def overlapping(self, start: int, end: int) -> list[T]:
        """Return the items sharing a character with ``[start, end)``, in their given order."""
        lo = bisect_right(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        found = [self.order[k] for k in range(lo, hi) if self.ends[k] > start]
        return [self.items[k] for k in sorted(found)]

    def covers(self, start: int, end: int) -> bool:
        """Return whether some item's range holds all of ``[start, end)``."""
        k = bisect_right(self.starts, start) - 1
        return k >= 0 and self.max_end[k] >= end
