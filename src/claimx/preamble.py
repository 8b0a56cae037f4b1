"""The header, headline and dateline block at the top of an article: no claims come from it."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Optional


class Preamble:
    """Finds where the body of an article starts, by the rules of ``preamble.json``."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        self.headline_end = re.compile(table["headline_end"])
        self.place_dateline = re.compile(table["place_dateline"])
        self.max_chars = int(table["headline_max_chars"])

    def end(self, text: str, header: Optional[tuple[int, int]]) -> int:
        """End of the header, headline and dateline block at the top, where no claims are
        taken; ``header`` is the span of a date header or dateline found there."""
        end = header[1] if header else 0
        para = text.find("\n\n", end)
        first = text[end:para if para >= 0 else len(text)]
        if para >= 0 and first.strip() and not self.headline_end.search(first) \
                and len(first) < self.max_chars:
            return para
        place = self.place_dateline.match(text, end)
        # "Lagos: ..." right after a date header, or "LAGOS, May 6 (Reuters) -" anywhere at
        # the top; a bare "Name: ..." opening a text is an attribution, not a dateline
        if place and (header or place.group().split()[0].strip(",:").isupper()):
            return place.end()
        return end
