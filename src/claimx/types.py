"""The public result objects: plain, frozen attrs classes that round-trip through JSON.

Every object carries character offsets into the text exactly as it was passed in:
``text[obj.span[0]:obj.span[1]] == obj.text``.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Optional, TypeVar

import attrs

BOUNDS = ("exact", "more_than", "at_least", "less_than", "at_most", "about", "range")
CUE_KINDS = ("said", "according_to", "quote")
HEDGE_KINDS = ("unverified", "disputed", "uncertain", "estimate")

#: presentations of the model that the edge modules register when they are imported
#: (``claimx.export`` gives "schema_org", ``claimx.render`` gives "claim_html"), so that the
#: model itself imports nothing from claimx
_VIEWS: dict[str, Callable[..., Any]] = {}


def register_view(name: str, function: Callable[..., Any]) -> None:
    """Make ``function`` the presentation called ``name`` (used by the edge modules)."""
    _VIEWS[name] = function


def _view(name: str) -> Callable[..., Any]:
    view = _VIEWS.get(name)
    if view is None:
        raise RuntimeError(f"no {name!r} view is registered; import claimx to register it")
    return view


def span_pair(value: Any) -> tuple[int, int]:
    """A ``(start, end)`` pair of ints from any two-item sequence."""
    start, end = value
    return (int(start), int(end))


def _opt_float(value: Any) -> Optional[float]:
    """A float, or None."""
    return None if value is None else float(value)


def optional_date(value: Any) -> Optional[dt.date]:
    """A date from a date, a datetime or an ISO string; None stays None."""
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value))


def iso_text(value: Any, what: str = "date") -> Optional[str]:
    """A date given as a date, a datetime, an ISO ``YYYY-MM-DD`` string or None, as an ISO
    string (or None); ``what`` names the value in the error a bad one raises."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            raise ValueError(f"{what} {value!r} is not an ISO date 'YYYY-MM-DD'") from None
    raise TypeError(f"{what} must be a date, a datetime, an ISO string or None, "
                    f"not {type(value).__name__}")


def iso_date(value: Optional[dt.date]) -> Optional[str]:
    """The ISO form of a date, or None."""
    return None if value is None else value.isoformat()


def one_of(choices: tuple[str, ...]) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the value is one of ``choices`` (kept as ``.choices``)."""
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value not in choices:
            raise ValueError(f"{attribute.name} must be one of {choices}, not {value!r}")

    check.choices = choices  # type: ignore[attr-defined]
    return check


def plain(value: Any) -> Any:
    """``value`` as JSON-ready data: records as dicts, tuples as lists, dates as ISO strings."""
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


R = TypeVar("R", bound="Record")


def _fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The attrs fields of a record class."""
    return tuple(attrs.fields(cls))


class Record:
    """What every claimx result object shares: ``to_dict()`` and ``from_dict()``, both
    derived from the attrs fields, so that a new field needs no other edit."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The object as JSON-ready data, one key per field, in field order."""
        return {f.name: plain(getattr(self, f.name)) for f in _fields(type(self))}

    @classmethod
    def from_dict(cls: type[R], d: Mapping[str, Any]) -> R:
        """Rebuild an object from `to_dict` output (a missing optional key takes the
        field's default; a missing required key raises KeyError)."""
        kwargs = {}
        for f in _fields(cls):
            if f.name in d:
                kwargs[f.name] = d[f.name]
            elif f.default is attrs.NOTHING:
                raise KeyError(f.name)
        return cls(**kwargs)


@attrs.frozen(slots=True)
class Speaker(Record):
    """Who makes a claim: the mention in this claim and the document's canonical name.

    Attributes:
        name: The canonical name of the speaker in this document ("Ana Kowalski" for
            a later "Kowalski" or "she").
        text: The mention as written in or next to the claim.
        span: ``(start, end)`` character offsets of ``text``.
        label: The kind of speaker: a spaCy entity label such as ``PERSON``, ``ORG``,
            ``NORP`` or ``GPE``, or ``GROUP`` for unnamed sources ("analysts").
        title: A role or title found with the speaker ("President"), or None.
    """

    name: str
    text: str
    span: tuple[int, int] = attrs.field(converter=span_pair)
    label: str = "PERSON"
    title: Optional[str] = None


@attrs.frozen(slots=True)
class Cue(Record):
    """The words that attribute a claim: a reporting verb, "according to", or a quotation.

    Attributes:
        text: The cue as written ("said", "According to").
        span: ``(start, end)`` character offsets of ``text``.
        kind: ``said`` (a reporting verb), ``according_to`` (a phrase) or ``quote``.
    """

    text: str
    span: tuple[int, int] = attrs.field(converter=span_pair)
    kind: str = attrs.field(default="said", validator=one_of(CUE_KINDS))


@attrs.frozen(slots=True)
class Quantity(Record):
    """A number stated as fact, with its bound, unit and what it counts.

    Attributes:
        text: The quantity as written ("more than 1,100", "$4.5 billion").
        span: ``(start, end)`` character offsets of ``text``.
        value: The number, or None for a range or a vague amount ("dozens").
        low: The lower end of a range, or the lower bound of a vague amount, else None.
        high: The upper end of a range, else None.
        bound: How the number bounds the amount: ``exact``, ``more_than``, ``at_least``,
            ``less_than``, ``at_most``, ``about`` or ``range``.
        unit: The unit: "percentage", a currency (its name, "United States dollar", or
            ISO 4217 code, "USD"), another unit name ("kilometre"), or None for a count.
        entity: What is counted ("deaths", "troops"), or None.
    """

    text: str
    span: tuple[int, int] = attrs.field(converter=span_pair)
    value: Optional[float] = attrs.field(default=None, converter=_opt_float)
    low: Optional[float] = attrs.field(default=None, converter=_opt_float)
    high: Optional[float] = attrs.field(default=None, converter=_opt_float)
    bound: str = attrs.field(default="exact", validator=one_of(BOUNDS))
    unit: Optional[str] = None
    entity: Optional[str] = None


@attrs.frozen(slots=True)
class TimeRef(Record):
    """A time expression and the closed interval of dates it resolves to (or None, None).

    Attributes:
        text: The time expression as written ("the past week").
        span: ``(start, end)`` character offsets of ``text``.
        start: The first day of the interval, or None when it did not resolve.
        end: The last day of the interval (inclusive), or None when it did not resolve.
    """

    text: str
    span: tuple[int, int] = attrs.field(converter=span_pair)
    start: Optional[dt.date] = attrs.field(default=None, converter=optional_date)
    end: Optional[dt.date] = attrs.field(default=None, converter=optional_date)

    @property
    def resolved(self) -> bool:
        """True when the expression resolved to dates."""
        return self.start is not None


@attrs.frozen(slots=True)
class Hedge(Record):
    """A cue that qualifies claims as unverified, disputed, uncertain or estimated.

    Attributes:
        text: The hedge cue as written ("could not be independently verified").
        span: ``(start, end)`` character offsets of ``text``.
        kind: ``unverified``, ``disputed``, ``uncertain`` or ``estimate``.
        source: Who hedges ("analysts"), or None.
    """

    text: str
    span: tuple[int, int] = attrs.field(converter=span_pair)
    kind: str = attrs.field(default="uncertain", validator=one_of(HEDGE_KINDS))
    source: Optional[str] = None


def tuple_of(kind: type[R]) -> Callable[[Any], tuple[R, ...]]:
    """An attrs converter: a tuple of ``kind`` from objects or their dicts (None: empty)."""
    def convert(items: Any) -> tuple[R, ...]:
        return tuple(item if isinstance(item, kind) else kind.from_dict(item)
                     for item in items or ())

    return convert


def optional(kind: type[R]) -> Callable[[Any], Optional[R]]:
    """An attrs converter: a ``kind`` from an object or its dict; None stays None."""
    def convert(item: Any) -> Optional[R]:
        if item is None or isinstance(item, kind):
            return item
        return kind.from_dict(item)

    return convert


def _speaker(value: Any) -> Optional[Speaker]:
    return optional(Speaker)(value)


def _cue(value: Any) -> Optional[Cue]:
    return optional(Cue)(value)


def _time(value: Any) -> Optional[TimeRef]:
    return optional(TimeRef)(value)


def _quantities(value: Any) -> tuple[Quantity, ...]:
    return tuple_of(Quantity)(value)


def _hedges(value: Any) -> tuple[Hedge, ...]:
    return tuple_of(Hedge)(value)


@attrs.frozen(slots=True)
class Claim(Record):
    """One checkable statement: its text, who makes it, its numbers, its time and its hedges.

    Attributes:
        text: The claim as written: the reported clause, with its cue and an adjacent
            speaker.
        span: ``(start, end)`` character offsets of ``text``.
        sentence: ``(start, end)`` character offsets of the sentence(s) holding the claim.
        speaker: Who makes the claim, or None for an unattributed claim.
        cue: The words that attribute it, or None.
        quantities: The quantities inside the claim, in text order.
        time: The time the claim is about, or None.
        hedges: The hedges that qualify the claim.
    """

    text: str
    span: tuple[int, int] = attrs.field(converter=span_pair)
    sentence: tuple[int, int] = attrs.field(converter=span_pair)
    speaker: Optional[Speaker] = attrs.field(default=None, converter=_speaker)
    cue: Optional[Cue] = attrs.field(default=None, converter=_cue)
    quantities: tuple[Quantity, ...] = attrs.field(default=(), converter=_quantities)
    time: Optional[TimeRef] = attrs.field(default=None, converter=_time)
    hedges: tuple[Hedge, ...] = attrs.field(default=(), converter=_hedges)

    @property
    def start(self) -> int:
        """Character offset where the claim starts."""
        return self.span[0]

    @property
    def end(self) -> int:
        """Character offset where the claim ends."""
        return self.span[1]

    @property
    def hedged(self) -> bool:
        """True when any hedge qualifies the claim."""
        return bool(self.hedges)

    def to_schema_org(self, *, url: Optional[str] = None,
                      date_published: Any = None) -> dict[str, Any]:
        """The claim as a schema.org ``Claim`` in JSON-LD.

        ``author`` is a Person (PERSON speakers, with ``jobTitle``) or an Organization;
        ``dateCreated`` is ``date_published`` (the article's date) when given, else the end of
        the claim's resolved time; ``temporalCoverage`` is the claim's time interval;
        ``appearance`` is a CreativeWork with ``url``/``datePublished`` when given.
        """
        out: dict[str, Any] = _view("schema_org")(self, url=url, date_published=date_published)
        return out

    def _repr_html_(self) -> str:
        return str(_view("claim_html")(self))

    def __str__(self) -> str:
        who = self.speaker.name if self.speaker else "(unattributed)"
        return f"{who}: {self.text}"

