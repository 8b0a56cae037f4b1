"""Finding the article's reference date in a header or dateline at the top of the text.

Recognised, in this order of preference, within the first ~400 characters:
a ``date YYYY-MM-DD`` header; a dateline at the start of one of the first lines
("Monday, July 15, 2019", "May 2, 2024 —", "LAGOS, May 2, 2024 (Reuters) -").
A dateline without a year ("LAGOS, May 2 (Reuters) -") has a span but no date:
the year is never guessed from today.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple, Optional

from claimx.timex.rules import Rules, expand, load_rules


class _Header(NamedTuple):
    start: int
    end: int
    date: Optional[dt.date]


class _Compiled(NamedTuple):
    header: re.Pattern[str]
    datelines: tuple[re.Pattern[str], ...]
    prefix: int
    max_lines: int
    months: dict[str, int]


def _compile(rules: Rules) -> _Compiled:
    ref = rules.reference
    frags = ref["_frags"]
    after = ref.get("after", "")
    end = ref.get("end", "")
    city = ref.get("city", "")
    header = re.compile(r"[^\S\n]*" + expand(ref["header"], frags), re.IGNORECASE)
    datelines = tuple(
        re.compile(
            rf"[^\S\n]*(?:(?-i:{city}),[^\S\n]+)?(?:{expand(t, frags)}){end}{after}", re.IGNORECASE
        )
        for t in ref.get("datelines", [])
    )
    return _Compiled(
        header, datelines, int(ref.get("max_prefix_chars", 400)), int(ref.get("max_lines", 4)),
        dict(rules.month_names),
    )


def _leading_digits(text: Optional[str]) -> Optional[str]:
    digits = re.match(r"\d+", text or "")
    return digits.group(0) if digits else None


def _to_date(m: re.Match[str], months: Mapping[str, int]) -> Optional[dt.date]:
    g = m.groupdict()
    year = g.get("year")
    if not year:
        return None
    month = g.get("mm") or months.get((g.get("month") or "").lower().rstrip("."))
    day = g.get("dd") or _leading_digits(g.get("day"))
    if not month or not day:
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except (ValueError, TypeError):
        return None


def _line_starts(prefix: str, max_lines: int) -> list[int]:
    starts: list[int] = []
    pos = 0
    while pos < len(prefix) and len(starts) < max_lines:
        nl = prefix.find("\n", pos)
        if prefix[pos:nl if nl >= 0 else None].strip():
            starts.append(pos)
        if nl < 0:
            break
        pos = nl + 1
    return starts


class ReferenceFinder:
    """Finds the header or dateline at the top of a text, and its date, by one rule set."""

    def __init__(self, rules: Rules) -> None:
        self._compiled = _compile(rules)

    def _find(self, text: str) -> Optional[_Header]:
        if not isinstance(text, str) or not text:
            return None
        c = self._compiled
        prefix = text[: c.prefix]
        starts = _line_starts(prefix, c.max_lines)
        for pos in starts:
            m = c.header.match(prefix, pos)
            if m:
                day = _to_date(m, c.months)
                if day is not None:
                    lead = len(m.group(0)) - len(m.group(0).lstrip())
                    return _Header(m.start() + lead, m.end(), day)
        for pos in starts:
            for pattern in c.datelines:
                m = pattern.match(prefix, pos)
                if m:
                    body = m.group(0)
                    lead = len(body) - len(body.lstrip())
                    stop = m.start() + len(body.rstrip())
                    return _Header(m.start() + lead, stop, _to_date(m, c.months))
        return None

    def header(self, text: str) -> Optional[tuple[Optional[dt.date], tuple[int, int]]]:
        """The date (or None) and character span of the header or dateline, or None."""
        try:
            found = self._find(text)
        except Exception:  # noqa: BLE001 - never raise on any input
            return None
        return None if found is None else (found.date, (found.start, found.end))


@lru_cache(maxsize=1)
def _bundled() -> ReferenceFinder:
    return ReferenceFinder(load_rules(None))


def find_reference_date(text: str) -> Optional[dt.date]:
    """The article's date from a ``date YYYY-MM-DD`` header or a dated dateline, else None
    (bundled rules)."""
    found = _bundled().header(text)
    return found[0] if found else None


def reference_header_span(text: str) -> Optional[tuple[int, int]]:
    """Character span of the header or dateline at the top of ``text`` (dated or not;
    bundled rules)."""
    found = _bundled().header(text)
    return found[1] if found else None
