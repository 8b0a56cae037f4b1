"""A static index of character spans: which spans cover, overlap or lie within a range.

Claim assembly asks these questions for every quantity, time and hedge of a document; a
linear scan each time makes long documents quadratic, the index keeps them near linear.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Optional

#: characters trimmed from the edges of a claim or its content
_EDGE = ",;:-\u2014"


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without white space and clause punctuation at either edge."""
    while start < end and (text[start].isspace() or text[start] in _EDGE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE):
        end -= 1
    return start, end


#: Unicode categories that never belong in a name: symbols (emoji, flags), format
#: characters (zero-width joiner, byte-order mark), private use, surrogates, unassigned
_SYMBOLS = frozenset({"So", "Sk", "Cf", "Co", "Cs", "Cn"})
#: the ASCII characters in those categories (both modifier symbols, Sk)
_ASCII_SYMBOLS = frozenset(chr(c) for c in range(128)
                           if unicodedata.category(chr(c)) in _SYMBOLS)


def word_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) narrowed to a name's words: the last run between symbols (emoji,
    joiners, flags, byte-order marks, U+FFFD) that holds a letter or digit, cut to start and
    end on a letter or digit; empty if there is none."""
    segment = text[start:end]
    if segment.isascii() and not _ASCII_SYMBOLS.intersection(segment):
        # no symbol to split at: the whole span is the one run
        best = (start, end) if any(c.isalnum() for c in segment) else (start, start)
        return _alnum_edges(text, *best)
    seg_start, best = start, (start, start)
    for i in range(start, end + 1):
        if i == end or _is_symbol(text[i]):
            if any(c.isalnum() for c in text[seg_start:i]):
                best = (seg_start, i)
            seg_start = i + 1
    return _alnum_edges(text, *best)


def _alnum_edges(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def word_text(text: Optional[str]) -> Optional[str]:
    """``text`` cut to start and end on a letter or digit; None when nothing is left."""
    if not text:
        return None
    s, e = word_edges(text, 0, len(text))
    return text[s:e] or None


def without_possessive(text: str) -> str:
    """``text`` without a possessive ending ("Jane Roe's" -> "Jane Roe")."""
    return text[:-2] if text.endswith(("'s", "\u2019s")) else text


def strip_symbols(text: Optional[str]) -> Optional[str]:
    """``text`` without symbols, joiners or white space at its edges (a title keeps its
    abbreviation's full stop: "Gov."); None when nothing is left."""
    if not text:
        return None
    s, e = 0, len(text)
    while s < e and (text[s].isspace() or _is_symbol(text[s])):
        s += 1
    while e > s and (text[e - 1].isspace() or _is_symbol(text[e - 1])):
        e -= 1
    return text[s:e] or None


def _is_symbol(char: str) -> bool:
    return char == "\ufffd" or unicodedata.category(char) in _SYMBOLS


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
