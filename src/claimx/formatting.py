"""How quantities and times read for people: the one formatter of the CLI table and the HTML.

- ``format_quantity``: ``4.2%``, ``~$4.5 billion``, ``≥24 people``, ``20,000–30,000 troops``;
- ``format_time``: ``2023-03-06``, ``2023-03-06 → 03-13``, ``2023-03``, ``2023``;
- ``format_number``: ``1,100``, ``4.5 billion``.

Units come from the unit vocabulary the quantity stage stores (quantulum3's names such as
"United States dollar" or "percentage") or ISO 4217 codes such as "USD"; the symbols, unit
abbreviations, plurals, scale words and signs are data, in ``data/display/units.json``.
Nothing here imports spaCy.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

__all__ = ["format_interval", "format_number", "format_quantity", "format_time", "unit_affixes"]

DISPLAY_FILE = Path(__file__).resolve().parent / "data" / "display" / "units.json"

#: bounds whose single number is a lower bound (``low`` stands in for a missing ``value``)
_LOWER = ("exact", "about", "more_than", "at_least")


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    """The display vocabulary (read once)."""
    data: dict[str, Any] = json.loads(DISPLAY_FILE.read_text(encoding="utf-8"))
    return data


def _plain(value: float) -> str:
    """A number with thousands separators, at most three decimals and no trailing zeros:
    ``1,100``, ``4.25``, ``42.195``."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return text if text not in ("0", "-0") else f"{value:,.3g}"


def _scale(value: float) -> Optional[tuple[str, float]]:
    """The scale word and size that write ``value`` with at most two decimals, if any."""
    for word, size in _table()["scales"]:
        scaled = abs(value) / size
        if scaled >= 1 and abs(scaled * 100 - round(scaled * 100)) < 1e-6:
            return word, size
    return None


def format_number(value: Optional[float]) -> str:
    """A number for people: ``1,100``, ``4.2``, ``4.5 billion``; ``?`` for None."""
    if value is None:
        return "?"
    scale = _scale(value)
    if scale is None:
        return _plain(value)
    word, size = scale
    return f"{_plain(value / size)} {word}"


def _range(low: Optional[float], high: Optional[float]) -> str:
    """``20,000–30,000``, or ``20–30 million`` when both ends share a scale word."""
    dash = _table()["range_dash"]
    scale = _scale(high) if high is not None else None
    if scale is not None and low is not None and _scale(low) is not None:
        word, size = scale
        if abs(low) >= size:
            return f"{_plain(low / size)}{dash}{_plain(high / size)} {word}"  # type: ignore[operator]
    return f"{format_number(low)}{dash}{format_number(high)}"


def _plural(name: str, count: Optional[float]) -> str:
    """``name`` in the plural unless ``count`` is one."""
    if count is not None and abs(count) == 1:
        return name
    plurals: dict[str, str] = _table()["plurals"]
    if name in plurals:
        return plurals[name]
    if name.endswith(("s", "x", "ch", "sh")):
        return name + "es"
    return name + "s"


def unit_affixes(unit: Optional[str], count: Optional[float] = None) -> tuple[str, str]:
    """What goes before and after the number for ``unit``: ``("$", "")``, ``("", "%")``,
    ``("", " km")``, ``("", " barrels")``; ``("", "")`` without a unit."""
    if not unit:
        return "", ""
    table = _table()
    if unit in table["percent"]:
        return "", "%"
    symbol = table["currencies"].get(unit) or table["currencies"].get(unit.upper() if
                                                                       len(unit) == 3 else "")
    if symbol:
        return symbol, ""
    if unit in table["units"]:
        return "", " " + table["units"][unit]
    return "", " " + _plural(unit, count)


def _point(q: Any) -> Optional[float]:
    """The one number of a bounded quantity: its value, else the bound it states."""
    if q.value is not None:
        return float(q.value)
    first, second = (q.low, q.high) if q.bound in _LOWER else (q.high, q.low)
    chosen = first if first is not None else second
    return None if chosen is None else float(chosen)


def format_quantity(q: Any) -> str:
    """A quantity for people: ``4.2%``, ``~$4.5 billion``, ``≥24 people``,
    ``20,000–30,000 troops``, ``<5 km``, ``~48% of vote``.

    ``q`` is a `claimx.Quantity` (or anything with its fields). A vague amount
    ("dozens of people") with ``low`` but no ``value`` shows its lower bound.
    """
    table = _table()
    if q.bound == "range" and (q.low is not None or q.high is not None):
        count = q.high
        number = _range(q.low, q.high)
    else:
        count = _point(q)
        number = table["bound_signs"].get(q.bound, "") + format_number(count)
        if count is None and q.bound != "exact":
            number = table["bound_signs"].get(q.bound, "") + "?"
    before, after = unit_affixes(q.unit, count)
    sign = ""
    if before and number[:1] in "~<>≤≥":  # the bound sign goes before the currency: ~$4.5
        sign, number = number[:1], number[1:]
    words = [f"{sign}{before}{number}{after}"]
    if q.entity:
        if after == "%":  # "48% of the vote" -> "~48% of vote"
            words.append(table["percent_joiner"])
        words.append(str(q.entity))
    return " ".join(words)


def _whole_month(start: dt.date, end: dt.date) -> bool:
    last = calendar.monthrange(start.year, start.month)[1]
    return (start.day == 1 and start.year == end.year and start.month == end.month
            and end.day == last)


def format_interval(start: dt.date, end: dt.date) -> str:
    """``2023-03-06``; ``2023-03-06 → 03-13`` (the year once); ``2023-03``; ``2023``."""
    if start == end:
        return start.isoformat()
    if _whole_month(start, end):
        return f"{start:%Y-%m}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) \
            and start.year == end.year:
        return str(start.year)
    arrow = _table()["interval_arrow"]
    tail = f"{end:%m-%d}" if end.year == start.year else end.isoformat()
    return f"{start.isoformat()}{arrow}{tail}"


def format_time(t: Any) -> str:
    """A time for people: its interval (see ``format_interval``), or its text in quotes
    when it did not resolve."""
    if t.start is None:
        return f"\u201c{' '.join(str(t.text).split())}\u201d"
    return format_interval(t.start, t.end if t.end is not None else t.start)
