"""Long texts: split on paragraph or sentence boundaries, and shift results back exactly."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .records import TextContext
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


#: record keys holding character spans, and token indices, that move with a chunk
_CHAR_SPANS = ("span", "sentence", "content", "scope")
_TOKEN_INDICES = ("head", "cue_head")


def shift(record: Any, offset: int, tokens: int = 0) -> Any:
    """A copy of a record (or part of one) with every character span moved by ``offset``
    and every token index by ``tokens``."""
    if isinstance(record, dict):
        out: dict[str, Any] = {}
        for key, value in record.items():
            if key in _CHAR_SPANS and isinstance(value, (list, tuple)) and len(value) == 2:
                out[key] = [value[0] + offset, value[1] + offset]
            elif key in _TOKEN_INDICES and isinstance(value, int):
                out[key] = value + tokens
            else:
                out[key] = shift(value, offset, tokens)
        return out
    if isinstance(record, list):
        return [shift(item, offset, tokens) for item in record]
    return record


def merge_claims(per_chunk: list[list[dict[str, Any]]], offsets: list[int]) -> list[Claim]:
    """Claims of each chunk, shifted into the whole text's offsets, as Claim objects."""
    claims = []
    for records, offset in zip(per_chunk, offsets):
        for record in records:
            claims.append(Claim.from_dict(shift(record, offset) if offset else record))
    return claims


def merge_docs(nlp: Language, docs: list[Doc], context: TextContext) -> Doc:
    """One Doc from the chunk Docs of a text, with the claimx annotations shifted into place
    and the whole text's ``context``."""
    import warnings

    from spacy.tokens import Doc as SpacyDoc

    from .pipeline.annotations import (
        GROUPS,
        claim_records,
        read_group,
        set_claims,
        set_context,
        write_group,
    )

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        merged = SpacyDoc.from_docs(docs, ensure_whitespace=False)
    offset = tokens = 0
    groups: dict[str, list[Any]] = {name: [] for name in GROUPS}
    claims: list[dict[str, Any]] = []
    for doc in docs:
        for name in GROUPS:
            groups[name].extend(type(item).from_dict(shift(item.to_dict(), offset, tokens))
                                for item in read_group(doc, name))
        claims.extend(shift(claim_records(doc), offset))
        offset += len(doc.text)
        tokens += len(doc)
    for name, items in groups.items():
        write_group(merged, name, items)
    set_context(merged, context)
    set_claims(merged, claims)
    return merged
