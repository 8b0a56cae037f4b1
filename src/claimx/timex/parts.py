"""A leading part of a named time: "the first week of May", "the first six months of
2017", "the last two quarters of 1990" -> that stretch at the start or end of the interval
the time names. The words are the lexicon's ``part_of`` entry."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Optional

from claimx.timex import dates as D
from claimx.timex.resolve import Resolution
from claimx.timex.rules import _alt

_WINDOW = 60
_SP = "[^\\S\\n]+"
Interval = tuple[dt.date, dt.date]


class PartOf:
    """Finds "the first/last [N] UNIT of" just before a time and narrows its interval."""

    def __init__(self, lex: Mapping[str, Any]) -> None:
        part = lex.get("part_of", {})
        self.edges: dict[str, str] = {k.lower(): v for k, v in part.get("edges", {}).items()}
        self.units: dict[str, list[int]] = {
            k.lower(): v for k, v in part.get("units", {}).items()}
        self.holding = {w.lower() for w in part.get("holding_units", [])}
        self.plurals = {w.lower() for w in part.get("plurals_need_a_number", [])}
        self.numbers: dict[str, float] = {k.lower(): v for k, v in lex.get("numbers", {}).items()}
        self.links = {w.lower() for w in part.get("links", [])}
        self._longest_link = max((len(w) for w in self.links), default=0) + 2
        self.regex: Optional[re.Pattern[str]] = None
        if self.edges and self.units:
            articles = _alt(part.get("articles", []))
            self.regex = re.compile(
                rf"(?<!\w)(?:{articles}{_SP})?(?:(?P<edge>{_alt(list(self.edges))}){_SP})?"
                rf"(?:(?P<num>\d{{1,2}}|{_alt(list(self.numbers))}){_SP})?"
                rf"(?P<unit>{_alt(list(self.units))}){_SP}{_alt(part.get('links', []))}{_SP}$",
                re.IGNORECASE)

    def before(self, text: str, start: int) -> Optional[re.Match[str]]:
        """The part phrase ending right at ``start``, if any."""
        if self.regex is None:
            return None
        tail = text[max(0, start - self._longest_link): start].split()
        if not tail or tail[-1].lower() not in self.links:
            return None  # cheap test first: the word before the time is not "of"
        return self.regex.search(text, max(0, start - _WINDOW), start)

    def narrow(self, m: re.Match[str], res: Resolution) -> Optional[Resolution]:
        """``res`` cut to the part ``m`` names; None when the part does not fit in it."""
        if res.start is None or res.end is None:
            return None
        if not m.group("edge"):
            return self._holding(m, res)
        num = m.group("num")
        if not num and m.group("unit").lower() in self.plurals:
            return None  # "the last days of May" names no definite stretch
        n = int(num) if num and num.isdigit() else int(self.numbers.get((num or "").lower(), 1))
        months, days = self.units[m.group("unit").lower()]
        edge = self.edges[m.group("edge").lower()]
        span = _cut(res.start, res.end, n * months, n * days, edge == "last")
        return replace(res, start=span[0], end=span[1]) if span else None

    def _holding(self, m: re.Match[str], res: Resolution) -> Optional[Resolution]:
        """"the week of March 6": the calendar week holding the day."""
        if m.group("num") or m.group("unit").lower() not in self.holding:
            return None
        return _holding_week(res)


def _holding_week(res: Resolution) -> Optional[Resolution]:
    """The Monday-to-Sunday week that holds a single day."""
    if res.start is None or res.start != res.end:
        return None
    start, end = D.week_interval(res.start)
    return replace(res, start=start, end=end)


def _cut(start: dt.date, end: dt.date, months: int, days: int,
         last: bool) -> Optional[Interval]:
    """The first (or last) ``months`` months, or else ``days`` days, of [start, end];
    None when that is not shorter than the whole."""
    if not months:
        if (end - start).days + 1 <= days:
            return None
        step = dt.timedelta(days=days - 1)
        return (end - step, end) if last else (start, start + step)
    if start.day != 1 or end != D.month_end(end.year, end.month):
        return None
    if last:
        first = D.add_months(dt.date(end.year, end.month, 1), 1 - months)
        return (first, end) if first > start else None
    stop = D.add_months(start, months - 1)
    stop = D.month_end(stop.year, stop.month)
    return (start, stop) if stop < end else None
