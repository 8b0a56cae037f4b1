"""Figure groups, conflicts, corroboration and series, from claim records.

A figure group holds every figure with the same key (`claimx.ledger.keys.figure_key`).
A group holds figures of any time, resolved or not (grouping by overlapping times would
not be transitive, would split a daily toll into one group a day, and could not be a plain
``groupby``). Within a group, two figures are *compared* only when both times are resolved
and overlap (figures about different periods, or about an unknown one, neither conflict
nor agree):

- a **conflict**: different speakers, and the intervals their values and bounds allow are
  disjoint ("more than 1,100" and "about 300");
- a **corroboration**: different speakers whose intervals meet, at least one of them
  bounded on both sides ("1,500" and "more than 1,100"; two open bounds prove nothing);
- a **series**: one speaker's figures for two or more different resolved times, in order.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Optional

import attrs

from .keys import describe_key, figure_key
from .records import figure_id

#: relative width given to "about N" (N +/- 10%)
ABOUT = 0.10


def interval(bound: str, value: Optional[float], low: Optional[float],
             high: Optional[float]) -> tuple[float, float, bool, bool]:
    """(lo, hi, lo_open, hi_open): the values a figure allows, from its value and bound."""
    v = value if value is not None else low
    if bound == "range":
        return (low if low is not None else -math.inf, high if high is not None else math.inf,
                False, False)
    if v is None:
        return (-math.inf, math.inf, True, True)
    table = {
        "exact": (v, v, False, False), "about": (v * (1 - ABOUT), v * (1 + ABOUT), False, False),
        "more_than": (v, math.inf, True, True), "at_least": (v, math.inf, False, True),
        "less_than": (0.0, v, False, True), "at_most": (0.0, v, False, False),
    }
    lo, hi, lo_open, hi_open = table.get(bound, (v, v, False, False))
    return (min(lo, hi), max(lo, hi), lo_open, hi_open)


def intervals_meet(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """True when two value intervals share a value."""
    lo, lo_open = (a[0], a[2]) if a[0] > b[0] else (b[0], b[2]) if b[0] > a[0] else \
        (a[0], a[2] or b[2])
    hi, hi_open = (a[1], a[3]) if a[1] < b[1] else (b[1], b[3]) if b[1] < a[1] else \
        (a[1], a[3] or b[3])
    return lo < hi or (lo == hi and not lo_open and not hi_open)


def _date(value: Any) -> Optional[dt.date]:
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


@attrs.frozen
class Figure:
    """One number of one claim, with who gave it, when, where and how hedged."""

    id: str
    key: str
    speaker: str
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    bound: str
    unit: Optional[str]
    entity: Optional[str]
    text: str
    claim: str
    time_text: Optional[str]
    start: Optional[dt.date]
    end: Optional[dt.date]
    hedges: tuple[str, ...]
    hedge_texts: tuple[str, ...]
    doc_id: str
    outlet: Optional[str]
    doc_date: Optional[dt.date]
    url: Optional[str]
    #: whose the figure is ("Ana Kowalski" for "Kowalski won 54 delegates"), when the text says
    holder: Optional[str] = None
    #: the place the parse ties the figure to ("Nevada" for "25 of Nevada's delegates")
    place: Optional[str] = None

    @property
    def hedged(self) -> bool:
        """True when a hedge qualifies the figure's claim."""
        return bool(self.hedges)

    @property
    def interval(self) -> tuple[float, float, bool, bool]:
        """The values the figure allows (see `interval`)."""
        return interval(self.bound, self.value, self.low, self.high)

    @property
    def when(self) -> Optional[dt.date]:
        """The date to plot the figure at: the end of its time, else its document's date."""
        return self.end or self.doc_date

    def overlaps(self, other: Figure) -> bool:
        """True when both times are resolved and overlap."""
        if None in (self.start, self.end, other.start, other.end):
            return False
        return self.start <= other.end and other.start <= self.end  # type: ignore[operator]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready fields."""
        d = attrs.asdict(self)
        for k in ("start", "end", "doc_date"):
            d[k] = None if d[k] is None else d[k].isoformat()
        d["hedges"], d["hedge_texts"] = list(self.hedges), list(self.hedge_texts)
        return d


def _split(value: Any) -> tuple[str, ...]:
    return tuple(x for x in str(value or "").split("|") if x)


def _num(value: Any) -> Optional[float]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def _str(value: Any) -> Optional[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def make_figure(record: dict[str, Any], speaker: str, key: Optional[str] = None) -> Figure:
    """A `Figure` from a claim record and its speaker's identity."""
    return Figure(
        id=figure_id(record), key=key or figure_key(record) or "", speaker=speaker,
        value=_num(record["q_value"]), low=_num(record["q_low"]), high=_num(record["q_high"]),
        bound=str(record["q_bound"]), unit=_str(record["q_unit"]),
        entity=_str(record["q_entity"]), text=str(record["q_text"]),
        claim=str(record["claim_text"]), time_text=_str(record["time_text"]),
        start=_date(record["time_start"]), end=_date(record["time_end"]),
        hedges=_split(record["hedge_kinds"]), hedge_texts=_split(record["hedge_texts"]),
        doc_id=str(record["doc_id"]), outlet=_str(record["outlet"]),
        doc_date=_date(record["doc_date"]), url=_str(record["url"]),
        holder=_str(record.get("q_holder")), place=_str(record.get("q_place")))


@attrs.frozen
class Pair:
    """Two figures of a group from different speakers: a conflict or a corroboration."""

    kind: str
    key: str
    a: Figure
    b: Figure


@attrs.frozen
class Series:
    """One speaker's figures of one group at successive times, oldest first."""

    key: str
    speaker: str
    figures: tuple[Figure, ...]

    @property
    def label(self) -> str:
        """What the series measures, readable."""
        return describe_key(self.key)

    def plot(self, ax: Any = None) -> Any:
        """A matplotlib plot of the series over time (needs ``claimx[plot]``)."""
        from .view import plot

        return plot(self, ax=ax)


@attrs.frozen
class FigureGroup:
    """Figures that measure the same thing, from any speaker, document and time."""

    key: str
    figures: tuple[Figure, ...]

    @property
    def label(self) -> str:
        """What the group measures, readable ("deaths (russia)")."""
        return describe_key(self.key)

    @property
    def speakers(self) -> list[str]:
        """The speakers of the group, in order of first figure."""
        return list(dict.fromkeys(f.speaker for f in self.figures))

    def pairs(self) -> list[Pair]:
        """Conflicts and corroborations between figures of different speakers."""
        out = []
        figs = self.figures
        for i, a in enumerate(figs):
            for b in figs[i + 1:]:
                kind = compare(a, b)
                if kind:
                    out.append(Pair(kind, self.key, a, b))
        return out

    def conflicts(self) -> list[Pair]:
        """Pairs whose figures cannot both be true."""
        return [p for p in self.pairs() if p.kind == "conflict"]

    def corroborations(self) -> list[Pair]:
        """Pairs of independent speakers that agree."""
        return [p for p in self.pairs() if p.kind == "corroboration"]

    def series(self) -> list[Series]:
        """Each speaker's figures at two or more different resolved times."""
        by_speaker: dict[str, list[Figure]] = defaultdict(list)
        for f in self.figures:
            if f.start is not None:
                by_speaker[f.speaker].append(f)
        out = []
        for speaker, figs in by_speaker.items():
            if len({(f.start, f.end) for f in figs}) >= 2:
                figs.sort(key=lambda f: (f.end, f.start, f.id))
                out.append(Series(self.key, speaker, tuple(figs)))
        return out

    def _repr_html_(self) -> str:
        from .view import group_html

        return group_html(self)

    def plot(self, ax: Any = None) -> Any:
        """A matplotlib plot of the group over time (needs ``claimx[plot]``)."""
        from .view import plot

        return plot(self, ax=ax)


def compare(a: Figure, b: Figure) -> Optional[str]:
    """``"conflict"``, ``"corroboration"`` or None for two figures of one group."""
    if a.speaker == b.speaker or not a.overlaps(b):
        return None
    ia, ib = a.interval, b.interval
    if not intervals_meet(ia, ib):
        return "conflict"
    bounded = any(math.isfinite(i[0]) and math.isfinite(i[1]) for i in (ia, ib))
    return "corroboration" if bounded else None


def build_groups(figures: Iterable[Figure]) -> list[FigureGroup]:
    """Figures grouped by key (figures without a key are left out), largest group first."""
    by_key: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.key:
            by_key[f.key].append(f)
    groups = [FigureGroup(k, tuple(sorted(v, key=_order))) for k, v in by_key.items()]
    return sorted(groups, key=lambda g: (-len(g.figures), g.key))


def _order(f: Figure) -> tuple[Any, ...]:
    return (f.when or dt.date.max, f.doc_id, f.id)
