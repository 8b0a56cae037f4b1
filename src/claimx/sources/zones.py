"""Wire datelines ("LAGOS, Nigeria (AP) --"): stretches of text that never name a speaker."""
from __future__ import annotations

import re
from bisect import bisect_right

#: where a paragraph (or a line) starts
_LINE_START = re.compile(r"(?:^|\n)[ \t]*")


class Zones:
    """Sorted, disjoint character ranges with a fast membership test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def __contains__(self, char: int) -> bool:
        k = bisect_right(self.starts, char) - 1
        return k >= 0 and self.spans[k][0] <= char < self.spans[k][1]

    def end_of(self, char: int) -> int:
        """The end of the range holding ``char``, or ``char`` itself."""
        k = bisect_right(self.starts, char) - 1
        if k >= 0 and self.spans[k][0] <= char < self.spans[k][1]:
            return self.spans[k][1]
        return char


def dateline_zones(text: str, pattern: re.Pattern[str]) -> Zones:
    """The wire datelines that open a line: an upper-case place, optionally a region, a date
    and an agency tag in brackets, then a dash or a colon."""
    spans = []
    for line in _LINE_START.finditer(text):
        m = pattern.match(text, line.end())
        if m is None:
            continue
        first = m.group().split()[0].strip(",:")
        if first.isupper() and len(first) > 1:
            spans.append((line.end(), m.end()))
    return Zones(spans)
