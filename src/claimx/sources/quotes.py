"""Direct quotations: pairing quote marks into spans, robust to unbalanced marks."""
from __future__ import annotations

import re

OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d", '"': '"', "''": "''"}
_MARKS = re.compile('[\u201c\u201d\u00ab\u00bb\u201e"]')
#: the marks with doubled apostrophes, ''newspaper style'', as a double mark of their own
_MARKS_TWO = re.compile('\'\'|[\u201c\u201d\u00ab\u00bb\u201e"]')
_PARAGRAPH = re.compile(r"\n\s*\n")
MIN_WORDS = 4


#: single-mark styles: ``wire'' backticks, curly singles, straight singles. An opener
#: starts a word; a closer ends one (so apostrophes inside words never pair)
_SINGLE = re.compile(r"``(?=\S)(?:(?!''|\n\s*\n).)+?(?<=\S)''"
                     r"|(?<![\w\u2019])\u2018(?=\w)(?:(?!\n\s*\n).)+?[\w.,!?;:\u2014-]\u2019(?!\w)"
                     r"|(?<![\w'])'(?=[A-Z])(?:(?!\n\s*\n)[^'])+?[.,!?;:]'(?!\w)", re.S)


def find_quotations(text: str) -> list[tuple[int, int]]:
    """Char spans of direct quotations, marks included.

    Quote marks pair within a paragraph; an opening mark left unclosed at the end of its
    paragraph closes there (news style for quotes that run on). Short quoted phrases
    (scare quotes, titles) of fewer than MIN_WORDS words are not quotations. Besides double
    marks and guillemets, ''doubled apostrophes'', ``wire'' backticks and single marks
    (curly or straight) count.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    # doubled apostrophes are marks of their own, unless ``wire'' style closes with them
    marks = _MARKS_TWO if "''" in text and "``" not in text else _MARKS
    for para_end in [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]:
        spans.extend(_pair(text, start, para_end, marks))
        start = para_end
    spans = [s for s in spans if len(text[s[0]:s[1]].split()) >= MIN_WORDS]
    if "`" in text or "'" in text or "\u2018" in text:
        spans = _merge(spans, [m.span() for m in _SINGLE.finditer(text)
                               if len(m.group().split()) >= MIN_WORDS])
    return spans


def _merge(spans: list[tuple[int, int]], extra: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Add the spans of ``extra`` that overlap none of ``spans`` (double marks win)."""
    out = list(spans)
    for s, e in extra:
        if not any(s < b and a < e for a, b in spans):
            out.append((s, e))
    return sorted(out)


def _pair(text: str, start: int, end: int, marks: re.Pattern[str]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    open_at = -1
    closer = ""
    for m in marks.finditer(text, start, end):
        ch = m.group()
        if open_at < 0:
            if ch in OPENERS:
                open_at, closer = m.start(), OPENERS[ch]
        elif ch == closer or (closer == '"' and ch == "\u201d") or (
                closer == "\u201d" and ch == '"' and _mixed_close(text, open_at, m.start())):
            out.append((open_at, m.end()))
            open_at = -1
        elif ch in OPENERS and ch not in ('"', "''"):
            open_at, closer = m.start(), OPENERS[ch]
    if open_at >= 0:
        stop = end
        while stop > open_at + 1 and text[stop - 1].isspace():
            stop -= 1
        out.append((open_at, stop))
    return out


def _mixed_close(text: str, open_at: int, at: int) -> bool:
    """Does the straight mark at ``at`` end the curly quotation opened at ``open_at``
    ('\u201cWe won," she said')? It must end a word, with no straight mark open inside the
    quotation ('\u201cIt was "a joke" today\u201d' nests one)."""
    return not text[at - 1].isspace() and not text[at + 1:at + 2].isalnum() and \
        text.count('"', open_at, at) % 2 == 0
