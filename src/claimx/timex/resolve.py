"""Resolving one time expression to a closed interval of dates against a reference date R.

Rules (see GUIDELINES.md, "Time"): dates give that day, months the whole month (the latest
not after R), years the whole year, weekdays the latest such day not after R, "the past N
units" [R - N units, R], "N units ago" that single day, "last week/month/year" the previous
calendar period. Relative expressions need R; without it they resolve to nothing. dateparser
is a last resort for what the rules cannot read, imported lazily.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Optional

from claimx.timex import dates as D
from claimx.timex.rules import Pattern, Rules, _alt, load_rules

MAX_EXPRESSION_CHARS = 160
_WS = re.compile(r"\s+")

#: the named groups of a pattern's match, as ``re.Match.groupdict`` gives them
Groups = Mapping[str, Optional[str]]
#: a pattern's own parameters (``time_patterns.json`` keys other than the template's)
Params = Mapping[str, Any]
#: the reference date R (None when unknown)
Ref = Optional[dt.date]
#: what a handler finds: an interval, or None
Found = Optional[D.Interval]


@dataclass(frozen=True)
class Resolution:
    """How an expression was read: its kind and interval (dates may be None)."""

    kind: str
    start: Optional[dt.date]
    end: Optional[dt.date]
    pattern: str = ""
    delta: int = 0
    amount: Optional[tuple[float, float]] = None
    unit: str = ""

    @property
    def resolved(self) -> bool:
        return self.start is not None and self.end is not None

    def iso(self) -> Optional[tuple[str, str]]:
        if self.start is None or self.end is None:
            return None
        return self.start.isoformat(), self.end.isoformat()


def normalize(expression: str, rules: Optional[Rules] = None) -> str:
    """Collapse whitespace and curly quotes; strip trailing punctuation and a possessive."""
    trail = (rules or load_rules(None)).trail
    text = _WS.sub(" ", expression.replace("’", "'").replace("\u2011", "-")).strip()
    for _ in range(3):
        new = trail.sub("", text).strip()
        if new == text:
            break
        text = new
    return text


def _num(rules: Rules, text: Optional[str]) -> Optional[float]:
    if text is None:
        return None
    t = _WS.sub(" ", text.strip().lower())
    if t and t[0].isdigit():
        try:
            return float(t)
        except ValueError:
            return None
    return rules.numbers.get(t)


def _name(table: Mapping[str, int], text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    return table.get(text.strip().lower().rstrip("."))


def _int(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    digits = re.match(r"\d+", text)
    return int(digits.group(0)) if digits else None


def _lower(g: Groups, name: str) -> str:
    """A group's text in lower case ("" when it did not take part)."""
    return (g.get(name) or "").lower()


Handler = Callable[[Groups, Ref, Rules, Params], Found]


def _date(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    month = _name(rules.month_names, g.get("month")) or _int(g.get("mm"))
    day = _int(g.get("day") or g.get("dd"))
    year = _int(g.get("year")) or _two_digit_year(g.get("yy"), ref)
    if month is None or day is None:
        return None
    if year is None:
        if ref is None:
            return None
        year = ref.year
        window = int(rules.lex.get("future_day_window_days", 90))
        latest_day = min(day, D.month_end(year, month).day)
        if dt.date(year, month, latest_day) > ref + dt.timedelta(window):
            year -= 1
    day_ = dt.date(year, month, day)
    return day_, day_


def _two_digit_year(text: Optional[str], ref: Optional[dt.date]) -> Optional[int]:
    """'94' -> 1994, '07' -> 2007: the latest such year not more than a year after R."""
    year = _int(text)
    if year is None or year >= 100:
        return year
    limit = (ref.year if ref else dt.date.today().year) + 1
    return 2000 + year if 2000 + year <= limit else 1900 + year


def _day_of_month(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    """'on the 3rd': that day of R's month, or of the month before when it is after R."""
    day = _int(g.get("dd"))
    if ref is None or day is None:
        return None
    month_start = dt.date(ref.year, ref.month, 1)
    for _ in range(3):
        if day <= D.month_end(month_start.year, month_start.month).day:
            found = month_start.replace(day=day)
            if found <= ref:
                return found, found
        month_start = D.add_months(month_start, -1)
    return None


def _day_range(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    first = _date(g, ref, rules, p)
    if first is None:
        return None
    last = dt.date(first[0].year, first[0].month, int(_int(g.get("day2")) or 0))
    return (first[0], last) if last >= first[0] else None


def _month(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    month = _name(rules.month_names, g.get("month"))
    if month is None:
        return None
    year = _int(g.get("year"))
    if year is None:
        if ref is None:
            return None
        step = rules.words.relative_steps.get(_lower(g, "rel"))
        year = _month_year(month, ref, step, of_year=bool(p.get("rel_year")))
    return D.month_interval(year, month)


def _month_year(month: int, ref: dt.date, step: Optional[int], of_year: bool) -> int:
    """The year of a month with no year written: stepped from R's year ("June of last
    year", ``of_year``), the next or last such month strictly after or before R's month
    ("next June", "last June"), R's year ("this June"), else the latest not after R."""
    if step is None:
        return D.latest_month(ref, month)
    if of_year:
        return ref.year + step
    if step > 0:
        return ref.year if month > ref.month else ref.year + 1
    if step < 0:
        return ref.year if month < ref.month else ref.year - 1
    return ref.year


def _month_range(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    m1 = _name(rules.month_names, g.get("month"))
    m2 = _name(rules.month_names, g.get("month2"))
    if m1 is None or m2 is None:
        return None
    year = _int(g.get("year"))
    if year is None:
        if ref is None:
            return None
        year = D.latest_month(ref, m2)
    y1 = year if m1 <= m2 else year - 1
    return dt.date(y1, m1, 1), D.month_end(year, m2)


def _year(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    year = _int(g.get("year"))
    return D.year_interval(year) if year else None


def _year_range(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    y1, y2 = _int(g.get("year")), _int(g.get("year2"))
    if not y1 or not y2 or y2 < y1:
        return None
    return dt.date(y1, 1, 1), dt.date(y2, 12, 31)


def _decade(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    short = _int(g.get("dec2"))
    y = _int(g.get("decade")) or (1900 + short if short is not None else None)
    return (dt.date(y, 1, 1), dt.date(y + 9, 12, 31)) if y else None


def _year_of_part(g: Groups, ref: Optional[dt.date], rules: Rules,
                  first_month: int) -> Optional[int]:
    """The year of a quarter or half: written, 'last/this/next year's', or else the latest
    one that has begun by R (the one before it when 'year-ago')."""
    year = _int(g.get("year"))
    if year:
        return year
    if ref is None:
        return None
    step = rules.words.relative_steps.get(_lower(g, "yrel"))
    if step is not None:
        return ref.year + step
    latest = ref.year if first_month <= ref.month else ref.year - 1
    return latest - 1 if g.get("yago") else latest


def _quarter(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    word = (g.get("quarter") or g.get("quarter2") or "").lower()
    q = _int(g.get("qn")) or rules.lex["quarters"].get(word)
    if not q:
        return None
    year = _year_of_part(g, ref, rules, 3 * q - 2)
    if not year:
        return None
    return dt.date(year, 3 * q - 2, 1), D.month_end(year, 3 * q)


def _without_article(text: str, rules: Rules) -> str:
    """``text`` without a leading article ("the latest" -> "latest")."""
    for article in rules.words.articles:
        if text.startswith(article + " "):
            return text[len(article) + 1:]
    return text


def _quarter_rel(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    """'the latest quarter', 'the year-ago quarter': counted from the quarter holding R."""
    rel = _without_article(_WS.sub(" ", _lower(g, "qrel")), rules)
    steps = rules.lex.get("quarter_relatives", {}).get(rel)
    if ref is None or not isinstance(steps, int):
        return None
    first = D.add_months(dt.date(ref.year, 3 * ((ref.month - 1) // 3) + 1, 1), 3 * steps)
    last = D.add_months(first, 2)
    return first, D.month_end(last.year, last.month)


def _half(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    h = rules.lex.get("half_names", {}).get((g.get("hn") or "").lower())
    if not h:
        return None
    year = _year_of_part(g, ref, rules, 6 * h - 5)
    if not year:
        return None
    return dt.date(year, 6 * h - 5, 1), D.month_end(year, 6 * h)


def _spelled_year(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    """'nineteen ninety-six'."""
    word = _WS.sub(" ", (g.get("century") or "").lower())
    century = rules.lex.get("spelled_centuries", {}).get(word)
    num = g.get("num")
    if century is None or (num and not num.strip()[:1].isalpha()):
        return None
    n = _num(rules, num) if num else 0.0
    if n is None or not 0 <= n < 100 or (century % 1000 == 900 and n < 10):
        return None
    return D.year_interval(century + int(n))


def _holiday_day(spec: Any, year: int) -> Optional[dt.date]:
    if spec == "easter":
        return D.easter(year)
    if isinstance(spec, list) and len(spec) == 2:
        return dt.date(year, spec[0], spec[1])
    if isinstance(spec, list) and len(spec) == 3:
        return D.nth_weekday(year, spec[0], spec[1], spec[2])
    return None


def _holiday(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    """A named holiday: that year's, else the latest not after R (the next one with 'next')."""
    name = _WS.sub(" ", (g.get("holiday") or "").lower().replace("’", "'"))
    spec = rules.lex.get("holidays", {}).get(name)
    year = _int(g.get("year"))
    if spec is None:
        return None
    if year is None:
        if ref is None:
            return None
        year = _holiday_year(spec, ref, _lower(g, "rel"), rules)
        if year is None:
            return None
    day = _holiday_day(spec, year)
    return (day, day) if day else None


def _holiday_year(spec: Any, ref: dt.date, rel: str, rules: Rules) -> Optional[int]:
    """The year of a holiday with no year written: the latest not after R; the next one
    after a forward word ("next Christmas"); strictly before R after "last"."""
    day = _holiday_day(spec, ref.year)
    if day is None:
        return None
    if rel in rules.words.forward:
        return ref.year + (day <= ref)
    before = rules.words.relative_steps.get(rel, 0) < 0
    return ref.year - ((day > ref) + (before and day == ref))


def _year_end(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    """'year-end', 'the end of the year': December 31 of R's year."""
    if ref is None:
        return None
    day = dt.date(ref.year, 12, 31)
    return day, day


def _present(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    return (ref, ref) if ref else None


def _season(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    months = rules.lex["seasons"].get((g.get("season") or "").lower())
    if not months:
        return None
    first, last = months
    year = _int(g.get("year"))
    if year is None:
        if ref is None:
            return None
        step = rules.words.relative_steps.get(_lower(g, "rel"), 0)
        year = _season_year(first, last, ref, step)
    return dt.date(year, first, 1), D.month_end(year, last)


def _season_year(first: int, last: int, ref: dt.date, step: int) -> int:
    """The latest season begun by R; the one before it ("last summer" in the summer) or
    after it ("next summer")."""
    latest = ref.year if first <= ref.month else ref.year - 1
    if step < 0:
        return latest - 1 if last >= ref.month >= first else latest
    return latest + 1 if step > 0 else latest


def _offset(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    if ref is None:
        return None
    key = _WS.sub(" ", (g.get("offset") or "").lower())
    delta = rules.lex["offset_words"].get(key)
    if delta is None:
        return None
    day = ref + dt.timedelta(days=int(delta))
    return day, day


def _weekday(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    wd = _name(rules.weekday_names, g.get("weekday"))
    if ref is None or wd is None:
        return None
    step = rules.lex.get("weekday_relatives", {}).get(_WS.sub(" ", (g.get("rel") or "").lower()), 0)
    if step > 0:
        day = D.next_weekday(ref, wd)
    else:
        day = D.latest_weekday(ref, wd, strictly_before=step < 0)
    return day, day


def _relday(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    # unanchored: "the previous day" is R-1; "the next day" cannot be placed
    if ref is None or int(p.get("delta", 0)) >= 0:
        return None
    day = ref - dt.timedelta(days=1)
    return day, day


def period_bounds(period: str, day: dt.date) -> D.Interval:
    if period == "week":
        return D.week_interval(day)
    if period == "month":
        return D.month_interval(day.year, day.month)
    return D.year_interval(day.year)


def period_shift(period: str, ref: dt.date, steps: int) -> dt.date:
    if period == "week":
        return ref + dt.timedelta(days=7 * steps)
    if period == "month":
        return D.add_months(ref, steps)
    return dt.date(ref.year + steps, 1, 1)


def _period(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    period = rules.lex["periods"].get((g.get("period") or "").lower())
    if ref is None or period is None:
        return None
    rel = _lower(g, "rel")
    if rel in rules.words.span_to_reference:  # "the past week": up to R
        return _span({"unit": period}, ref, rules, forward=False)
    steps = rules.words.relative_steps.get(rel, 0)  # current, present, full, fiscal: 0
    return period_bounds(period, period_shift(period, ref, steps))


def _period_part(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    whole = _period(g, ref, rules, p)
    if whole is None or ref is None:
        return None
    if rules.words.relative_steps.get(_lower(g, "rel")) != 0:
        return whole
    if _lower(g, "part") in rules.words.earlier:
        # "earlier this week": its Monday to the day before R (guidelines, "Time")
        period = rules.lex["periods"].get(_lower(g, "period"))
        if period == "week" and ref > whole[0]:
            return whole[0], ref - dt.timedelta(days=1)
        return whole[0], ref
    return ref, whole[1]


def _weekend(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    if ref is None:
        return None
    saturday = D.latest_weekday(ref, 5)
    if rules.words.relative_steps.get(_lower(g, "rel"), 0) < 0 and ref.weekday() >= 5:
        saturday -= dt.timedelta(days=7)
    return saturday, saturday + dt.timedelta(days=1)


def _amount(g: Groups, rules: Rules) -> Optional[tuple[float, float]]:
    """(months, days) of '<num> <unit> [and a half]'; None when vague (plural, no number)."""
    unit_word = (g.get("unit") or "").lower()
    unit = rules.lex["units"].get(unit_word)
    if unit is None:
        return None
    n = _num(rules, g.get("num"))
    if n is None:
        if g.get("vague") or unit_word != unit:  # "years ago", "a few days", "the past weeks"
            return None
        n = 1.0
    if g.get("half") or g.get("half2"):
        n += 0.5
    if n <= 0 or n > 5000:
        return None
    months, days = rules.lex["unit_lengths"][unit]
    return months * n, days * n


def _span(g: Groups, ref: Optional[dt.date], rules: Rules, forward: bool
          ) -> Optional[D.Interval]:
    """From R forward or back by the amount of ``g`` ("the next two weeks")."""
    amount = _amount(g, rules)
    if ref is None or amount is None:
        return None
    months, days = amount
    if forward:
        return ref, D.shift(ref, months, days, +1)
    return D.shift(ref, months, days, -1), ref


def _span_n(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    return _span(g, ref, rules, forward=_lower(g, "dir") in rules.words.forward)


def _ago(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    amount = _amount(g, rules)
    if ref is None or amount is None:
        return None
    if rules.lex["units"].get((g.get("unit") or "").lower()) == "hour" and amount[1] < 1:
        return ref, ref  # "12 hours ago": the reference day
    day = D.shift(ref, amount[0], amount[1], -1)
    return day, day


def _rel_n(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    return None  # "two days later": only the finder can anchor it on an earlier day


def _rel_period(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    return None  # "that year", "the following month": only the finder can anchor it


def _vague(g: Groups, ref: Ref, rules: Rules, p: Params) -> Found:
    return None


HANDLERS: dict[str, Handler] = {
    "date": _date, "day_range": _day_range, "month": _month, "month_range": _month_range,
    "year": _year, "year_range": _year_range, "decade": _decade, "quarter": _quarter,
    "season": _season, "offset": _offset, "weekday": _weekday, "relday": _relday,
    "period": _period, "period_part": _period_part, "weekend": _weekend, "span_n": _span_n,
    "ago": _ago, "vague": _vague, "rel_n": _rel_n, "day_of_month": _day_of_month,
    "quarter_rel": _quarter_rel, "half": _half, "spelled_year": _spelled_year,
    "holiday": _holiday, "present": _present, "rel_period": _rel_period, "year_end": _year_end,
}

#: kinds that are time expressions even when they resolve to nothing
UNRESOLVED_OK = {"vague", "relday", "offset", "weekday", "period", "period_part", "weekend",
                 "span_n", "ago", "month", "date", "day_range", "month_range", "season",
                 "quarter", "quarter_rel", "half", "holiday", "present", "rel_period",
                 "day_of_month"}


def _apply(pattern: Pattern, m: re.Match[str], text: str, ref: Optional[dt.date],
           rules: Rules) -> Resolution:
    groups: dict[str, Optional[str]] = m.groupdict()
    groups["_text"] = text.lower()
    try:
        interval = HANDLERS[pattern.kind](groups, ref, rules, dict(pattern.params))
    except (ValueError, OverflowError, KeyError, TypeError):
        interval = None
    start, end = interval if interval else (None, None)
    delta = int(pattern.param("delta", 0))
    amount: Optional[tuple[float, float]] = (0.0, float(abs(delta)))
    if pattern.kind == "rel_n":
        amount = _amount(groups, rules)
        delta = -1 if _lower(groups, "dir") in rules.words.earlier else 1
    unit = ""
    if pattern.kind == "rel_period":
        unit = rules.lex["periods"].get(_lower(groups, "period"), "")
        arel = _WS.sub(" ", _lower(groups, "arel"))
        delta = int(rules.lex.get("anaphoric_periods", {}).get(arel, 0))
    return Resolution(pattern.kind, start, end, pattern.name, delta, amount, unit)


def match_rules(text: str, ref: Optional[dt.date], rules: Rules) -> Optional[Resolution]:
    """Read ``text`` (already normalised) with the rule patterns alone."""
    for pattern in rules.patterns:
        m = pattern.full.fullmatch(text)
        if m is not None:
            return _apply(pattern, m, text, ref, rules)
    return None


#: kinds counted from R itself, never from the other end of a range
_DEICTIC_KINDS = frozenset({"offset", "weekday", "relday", "period", "period_part", "present",
                            "span_n", "ago", "weekend"})


def _range(text: str, ref: Optional[dt.date], rules: Rules, depth: int) -> Optional[Resolution]:
    """'X to Y', 'from X to Y', 'between X and Y': both ends read, in order."""
    opener = rules.range_opener.match(text)
    body = text[opener.end():] if opener else text
    for c in rules.range_connector.finditer(body):
        if c.group(0).strip().lower() in rules.words.paired_connectors and not opener:
            continue
        right = _interpret(body[c.end():], ref, rules, depth + 1)
        if right is None or right.end is None:
            continue
        left = _interpret(body[: c.start()], right.end, rules, depth + 1)
        if left is not None and left.kind in _DEICTIC_KINDS:  # "from today through Nov. 17"
            left = _interpret(body[: c.start()], ref, rules, depth + 1)
        if left is None or left.start is None:
            continue
        if left.start <= right.end:
            return Resolution("range", left.start, right.end, "range")
    return None


def _strip_modifier(text: str, rules: Rules) -> Optional[str]:
    """``text`` without a leading modifier ("late", "just over", "mid-"), or None."""
    low = text.lower()
    for mod in sorted(rules.lex.get("modifiers", []), key=len, reverse=True):
        if low.startswith(mod):
            rest = text[len(mod):]
            if mod in rules.words.attached_modifiers or rest[:1] in (" ", "-"):
                rest = rest.lstrip(" -")
                if rest:
                    return rest
    return None


def _since_word(text: str, rules: Rules) -> Optional[str]:
    """The word "since" (or the like) that opens ``text``, or None."""
    low = text.lower()
    for word in rules.lex.get("since_words", []):
        if low.startswith(word + " "):
            return str(word)
    return None


def _since(inner_text: str, ref: Optional[dt.date], rules: Rules,
           depth: int) -> Optional[Resolution]:
    """'since X': from the start of X to R (no interval when X is not before R)."""
    inner = _interpret(inner_text, ref, rules, depth + 1)
    if inner is None:
        return None
    if inner.start is None or ref is None or inner.start > ref:
        return Resolution("since", None, None, "since")
    return Resolution("since", inner.start, ref, "since")


def _trim_clock(text: str, rules: Rules) -> Optional[str]:
    """Drop a clock time (and zone) before or after a day: '4:42 local time on Saturday'."""
    lead = rules.clock_lead.match(text) if rules.clock_lead else None
    if lead and lead.end() < len(text):
        return text[lead.end():]
    tail = rules.clock_tail.search(text) if rules.clock_tail else None
    if tail and tail.start() > 0:
        return text[: tail.start()]
    return None


def _shorter(text: str, rules: Rules) -> Optional[str]:
    """``text`` without a leading modifier or else without a clock time, or None."""
    rest = _strip_modifier(text, rules)
    if rest is not None:
        return rest
    if rules.clock_lead is None:
        return None
    trimmed = _trim_clock(text, rules)
    return trimmed if trimmed and trimmed != text else None


def _interpret(text: str, ref: Optional[dt.date], rules: Rules, depth: int) -> Optional[Resolution]:
    """Read ``text`` by the patterns, else as 'since X', a range, or shortened."""
    if not text or depth > 8:
        return None
    res = match_rules(text, ref, rules)
    if res is not None:
        return res
    since = _since_word(text, rules)
    if since is not None:
        return _since(text[len(since) + 1:], ref, rules, depth)
    res = _range(text, ref, rules, depth)
    if res is not None:
        return res
    rest = _shorter(text, rules)
    return None if rest is None else _interpret(rest, ref, rules, depth + 1)


_DP_GATE_MAX = 40


def _dateparser(text: str, ref: Optional[dt.date], rules: Rules) -> Optional[Resolution]:
    """Last resort: dateparser on expressions naming a month or weekday; needs R."""
    if ref is None or len(text) > _DP_GATE_MAX or "/" in text or re.search(r"\d{5}", text):
        return None
    words = set(re.findall(r"[a-z]+", text.lower()))
    if not words & (set(rules.lex["months"]) | set(rules.lex["weekdays"])):
        return None
    try:
        from dateparser.date import DateDataParser

        base = dt.datetime(ref.year, ref.month, ref.day)
        parser = DateDataParser(
            languages=["en"],
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
                      "RETURN_TIME_AS_PERIOD": False},
        )
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises many kinds on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        start, end = D.year_interval(day.year)
    elif period == "month":
        start, end = D.month_interval(day.year, day.month)
    elif period == "week":
        start, end = D.week_interval(day)
    else:
        start, end = day, day
    return Resolution("dateparser", start, end, "dateparser")


def _is_text(value: object) -> bool:
    """Whether ``value`` is a string (callers need not be type-checked)."""
    return isinstance(value, str)


def as_day(value: object) -> Optional[dt.date]:
    """``value`` as a date (a datetime's day), or None when it is neither."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def interpret(
    expression: str, reference_date: Optional[dt.date], rules: Optional[Rules] = None,
    fallback: bool = True,
) -> Optional[Resolution]:
    """Read an expression: its kind and interval, or None when it is no time expression."""
    if not _is_text(expression):
        return None
    rules = rules or load_rules(None)
    text = normalize(expression, rules)
    if not text or len(text) > MAX_EXPRESSION_CHARS:
        return None
    res = _interpret(text, reference_date, rules, 0)
    if (res is None or not res.resolved) and fallback:
        dp = _dateparser(text, reference_date, rules)
        if dp is not None:
            return dp
    return res


@lru_cache(maxsize=8192)
def _resolve_cached(
    expression: str, reference_date: Optional[dt.date]
) -> Optional[tuple[str, str]]:
    res = interpret(expression, reference_date)
    return None if res is None else res.iso()


def resolve(expression: str, reference_date: Optional[dt.date]) -> Optional[tuple[str, str]]:
    """Normalise one time expression to (start, end) ISO dates, or None. Never raises."""
    day = as_day(reference_date)
    if not _is_text(expression) or (day is None and reference_date is not None):
        return None
    return _resolve_cached(expression, day)


@lru_cache(maxsize=1)
def _signal_before() -> re.Pattern[str]:
    """A signal word (the lexicon's ``signal_modifiers``) ending right before a time."""
    signals = _alt(load_rules(None).lex.get("signal_modifiers", []))
    return re.compile(rf"(?<![\w-]){signals}[^\S\n]+$", re.IGNORECASE)


_SIGNAL_CHARS = 24


def signalled(text: str, span: tuple[int, int],
              reference_date: Optional[dt.date]) -> Optional[tuple[str, str]]:
    """The interval of the time at ``span`` read with the signal word written right before
    it, which its span leaves out ("since 1993": 1993 to R; "earlier this week": its
    Monday to R-1); None when no signal precedes it or the pair does not resolve."""
    start, end = span
    m = _signal_before().search(text, max(0, start - _SIGNAL_CHARS), start)
    if m is None:
        return None
    return resolve(m.group(0) + text[start:end], reference_date)


@lru_cache(maxsize=4096)
def is_claim_time(expression: str) -> bool:
    """False for expressions that are never a claim's time: the present ("now",
    "currently") and vague references ("recently", "the near future"), whose patterns the
    lexicon lists under ``not_claim_times``."""
    rules = load_rules(None)
    skip = set(rules.lex.get("not_claim_times", {}).get("patterns", []))
    res = interpret(expression, None, rules, fallback=False)
    return res is None or res.pattern not in skip


__all__ = ["Resolution", "interpret", "is_claim_time", "normalize", "resolve", "signalled"]
