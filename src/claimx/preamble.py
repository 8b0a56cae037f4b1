"""The header, headline and dateline block at the top of an article: no claims come from it."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from .lexicon import load_table

if TYPE_CHECKING:
    from spacy.tokens import Doc


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern, re.Pattern, int]:
    table = load_table("preamble.json")
    return (re.compile(table["headline_end"]), re.compile(table["place_dateline"]),
            int(table["headline_max_chars"]))


def preamble_end(text: str, header: Optional[tuple[int, int]]) -> int:
    """End of the header, headline and dateline block at the top, where no claims are taken."""
    headline_end, place_dateline, max_chars = _rules()
    end = header[1] if header else 0
    para = text.find("\n\n", end)
    first = text[end:para if para >= 0 else len(text)]
    if para >= 0 and first.strip() and not headline_end.search(first) and len(first) < max_chars:
        return para
    place = place_dateline.match(text, end)
    # "Kyiv: ..." right after a date header, or "KYIV, March 6 (Reuters) -" anywhere at the top;
    # a bare "Zelensky: ..." opening a text is an attribution, not a dateline
    if place and (header or place.group().split()[0].strip(",:").isupper()):
        return place.end()
    return end


def claims_start(doc: Doc) -> int:
    """Where claims may start in ``doc``: set once by the dateline stage, else computed."""
    from .docinfo import info
    from .pipeline.store import store

    data = store(doc)
    if data.get("claims_start") is None:
        header = data.get("header")
        data["claims_start"] = preamble_end(info(doc).text, tuple(header) if header else None)
    return data["claims_start"]
