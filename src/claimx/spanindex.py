"""A static index of character spans: which spans cover, overlap or lie within a range.

Claim assembly asks these questions for every quantity, time and hedge of a document; a
linear scan each time makes long documents quadratic, the index keeps them near linear.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

#: characters trimmed from the edges of a claim or its content
_EDGE = ",;:-\u2014"


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without white space and clause punctuation at either edge."""
    while start < end and (text[start].isspace() or text[start] in _EDGE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE):
        end -= 1
    return start, end


class SpanIndex:
    """Spans sorted by start, with the running maximum of their ends."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._order = sorted(range(len(spans)), key=lambda i: spans[i])
        self._starts = [spans[i][0] for i in self._order]
        self._ends = [spans[i][1] for i in self._order]
        self._max_end = []
        best = -1
        for end in self._ends:
            best = max(best, end)
            self._max_end.append(best)

    def covering(self, start: int, end: int) -> list[int]:
        """Indices (into the spans given) of the spans that hold [start, end)."""
        out = []
        j = bisect_right(self._starts, start) - 1
        while j >= 0 and self._max_end[j] >= end:
            if self._ends[j] >= end:
                out.append(self._order[j])
            j -= 1
        return out

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indices of the spans that share at least one character with [start, end)."""
        out = []
        j = bisect_left(self._starts, end) - 1
        while j >= 0 and self._max_end[j] > start:
            if self._ends[j] > start:
                out.append(self._order[j])
            j -= 1
        return out

    def within(self, start: int, end: int) -> list[int]:
        """Indices of the spans that lie inside [start, end), in text order."""
        lo = bisect_left(self._starts, start)
        hi = bisect_right(self._starts, end)
        return [self._order[j] for j in range(lo, hi) if self._ends[j] <= end]
