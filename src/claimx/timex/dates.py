"""Small date arithmetic helpers (pure functions on datetime.date)."""
from __future__ import annotations

import calendar as _cal
import datetime as dt
import math

Interval = tuple[dt.date, dt.date]


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, _cal.monthrange(year, month)[1])


def month_interval(year: int, month: int) -> Interval:
    return dt.date(year, month, 1), month_end(year, month)


def year_interval(year: int) -> Interval:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def week_interval(day: dt.date) -> Interval:
    """Monday..Sunday of the week holding ``day``."""
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months, clamped to the month's end."""
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def shift(day: dt.date, months: float, days: float, sign: int) -> dt.date:
    """``day`` moved by ``months`` and ``days`` (fractions of months become days)."""
    whole = int(months)
    extra_days = (months - whole) * 30 + days
    out = add_months(day, sign * whole)
    return out + dt.timedelta(days=sign * math.ceil(extra_days - 1e-9))


def latest_weekday(ref: dt.date, weekday: int, strictly_before: bool = False) -> dt.date:
    """The latest ``weekday`` (0=Monday) not after ``ref`` (or strictly before it)."""
    back = (ref.weekday() - weekday) % 7
    if strictly_before and back == 0:
        back = 7
    return ref - dt.timedelta(days=back)


def next_weekday(ref: dt.date, weekday: int) -> dt.date:
    """The earliest ``weekday`` strictly after ``ref``."""
    ahead = (weekday - ref.weekday()) % 7
    return ref + dt.timedelta(days=ahead or 7)


def latest_month(ref: dt.date, month: int) -> int:
    """The year of the latest ``month`` starting not after ``ref``."""
    return ref.year if month <= ref.month else ref.year - 1


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` (0=Monday) of a month; ``n=-1`` is the last one."""
    if n < 0:
        last = month_end(year, month)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)
