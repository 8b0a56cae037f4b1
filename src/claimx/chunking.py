"""Long texts: split on paragraph or sentence boundaries, and shift results back exactly."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .types import Claim

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: chunks stay well under spaCy's max_length: the parser's memory grows with doc length
CHUNK_CHARS = 50_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"\u201d']?\s+"),
           re.compile(r"\s+"))


def chunk_text(text: str, max_length: int = 1_000_000,
               size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """``(offset, chunk)`` pairs that concatenate back to ``text`` exactly.

    A chunk ends at the last paragraph break before ``size`` characters, else the last line
    break, sentence end or space; only text with none of those is cut hard. Time is linear
    in the length of the text.
    """
    size = max(1, min(size, max_length))
    if len(text) <= size:
        return [(0, text)]
    chunks = []
    start = 0
    n = len(text)
    while start < n:
        stop = min(start + size, n)
        if stop < n:
            stop = _break_before(text, start, stop)
        chunks.append((start, text[start:stop]))
        start = stop
    return chunks


def _break_before(text: str, start: int, stop: int) -> int:
    floor = start + (stop - start) // 2
    for pattern in _BREAKS:
        last = None
        for m in pattern.finditer(text, floor, stop):
            last = m
        if last is not None and last.end() > start:
            return last.end()
    return stop


def shift(record: Any, offset: int) -> Any:
    """A copy of a claim record (or part of one) with every ``span`` moved by ``offset``."""
    if isinstance(record, dict):
        out = {}
        for key, value in record.items():
            if key in ("span", "sentence") and isinstance(value, (list, tuple)) \
                    and len(value) == 2:
                out[key] = [value[0] + offset, value[1] + offset]
            else:
                out[key] = shift(value, offset)
        return out
    if isinstance(record, list):
        return [shift(item, offset) for item in record]
    return record


def merge_claims(per_chunk: list[list[dict]], offsets: list[int]) -> list[Claim]:
    """Claims of each chunk, shifted into the whole text's offsets, as Claim objects."""
    claims = []
    for records, offset in zip(per_chunk, offsets):
        for record in records:
            claims.append(Claim.from_dict(shift(record, offset) if offset else record))
    return claims


def merge_docs(nlp: Language, docs: list[Doc]) -> Doc:
    """One Doc from the chunk Docs, with the claimx results shifted into place."""
    import warnings

    from spacy.tokens import Doc as SpacyDoc

    from .pipeline.store import STORE

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        merged = SpacyDoc.from_docs(docs, ensure_whitespace=False)
    data: dict[str, Any] = {}
    offset = 0
    for i, doc in enumerate(docs):
        part = doc._.get(STORE) or {}
        if i == 0:
            data["reference_date"] = part.get("reference_date")
            data["header"] = part.get("header")
        for key in ("claims", "quantities", "times", "sources", "hedges"):
            data.setdefault(key, []).extend(shift(list(part.get(key, ())), offset))
        offset += len(doc.text)
    merged._.set(STORE, data)
    return merged
