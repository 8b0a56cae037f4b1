"""Direct quotations: pairing quote marks into spans, robust to unbalanced marks."""
from __future__ import annotations

import re

OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d", '"': '"'}
_MARKS = re.compile('[\u201c\u201d\u00ab\u00bb\u201e"]')
_PARAGRAPH = re.compile(r"\n\s*\n")
MIN_WORDS = 4


def find_quotations(text: str) -> list[tuple[int, int]]:
    """Char spans of direct quotations, marks included.

    Quote marks pair within a paragraph; an opening mark left unclosed at the end of its
    paragraph closes there (news style for quotes that run on). Short quoted phrases
    (scare quotes, titles) of fewer than MIN_WORDS words are not quotations.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for para_end in [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]:
        spans.extend(_pair(text, start, para_end))
        start = para_end
    return [s for s in spans if len(text[s[0]:s[1]].split()) >= MIN_WORDS]


def _pair(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    open_at = -1
    closer = ""
    for m in _MARKS.finditer(text, start, end):
        ch = m.group()
        if open_at < 0:
            if ch in OPENERS:
                open_at, closer = m.start(), OPENERS[ch]
        elif ch == closer or (closer == '"' and ch == "\u201d"):
            out.append((open_at, m.end()))
            open_at = -1
        elif ch in OPENERS and ch != '"':
            open_at, closer = m.start(), OPENERS[ch]
    if open_at >= 0:
        stop = end
        while stop > open_at + 1 and text[stop - 1].isspace():
            stop -= 1
        out.append((open_at, stop))
    return out
