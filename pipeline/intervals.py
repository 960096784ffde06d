"""Containment and overlap queries over many (start, end) intervals in O(log n) each: what
rules ask of every match ("inside a name already found?", "crossing a mention of another
type?") without comparing it with every mention of a long document."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate


class Intervals:
    def __init__(self, pairs: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(pairs)
        self.pairs = ordered
        self.starts = [start for start, _ in ordered]
        # The furthest end among the intervals that start at or before each position.
        self.reach = list(accumulate((end for _, end in ordered), max))

    def contain(self, start: int, end: int) -> bool:
        """Some interval holds [start, end): it starts at or before it and ends at or after."""
        i = bisect_right(self.starts, start)
        return i > 0 and self.reach[i - 1] >= end

    def overlap(self, start: int, end: int) -> bool:
        """Some interval shares a position with [start, end)."""
        i = bisect_left(self.starts, end)
        return i > 0 and self.reach[i - 1] > start

    def straddle(self, start: int, end: int) -> bool:
        """Some interval overlaps [start, end) and reaches outside it: it holds the positions
        on both sides of its start or of its end."""
        return self.contain(start - 1, start + 1) or self.contain(end - 1, end + 1)

    def starting_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The intervals that start in [start, end), in order."""
        return self.pairs[bisect_left(self.starts, start) : bisect_left(self.starts, end)]
