"""The public result objects: plain, frozen attrs classes that round-trip through JSON.

Every object carries character offsets into the text exactly as it was passed in:
``text[obj.span[0]:obj.span[1]] == obj.text``.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Optional

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


def iso_date(value: Optional[dt.date]) -> Optional[str]:
    """The ISO form of a date, or None."""
    return None if value is None else value.isoformat()


def one_of(choices: tuple[str, ...]) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the value is one of ``choices``."""
    def check(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
        if value not in choices:
            raise ValueError(f"{attribute.name} must be one of {choices}, not {value!r}")

    return check


@attrs.frozen(slots=True)
class Speaker:
    """Who makes a claim: the mention in this claim and the document's canonical name."""

    name: str
    text: str
    span: tuple[int, int] = attrs.field(converter=span_pair)
    label: str = "PERSON"
    title: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "text": self.text, "span": list(self.span),
                "label": self.label, "title": self.title}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Speaker:
        return cls(name=d["name"], text=d["text"], span=d["span"], label=d["label"],
                   title=d.get("title"))


@attrs.frozen(slots=True)
class Cue:
    """The words that attribute a claim: a reporting verb, "according to", or a quotation."""

    text: str
    span: tuple[int, int] = attrs.field(converter=span_pair)
    kind: str = attrs.field(default="said", validator=one_of(CUE_KINDS))

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "kind": self.kind}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Cue:
        return cls(text=d["text"], span=d["span"], kind=d["kind"])


@attrs.frozen(slots=True)
class Quantity:
    """A number stated as fact, with its bound, unit and what it counts."""

    text: str
    span: tuple[int, int] = attrs.field(converter=span_pair)
    value: Optional[float] = attrs.field(default=None, converter=_opt_float)
    low: Optional[float] = attrs.field(default=None, converter=_opt_float)
    high: Optional[float] = attrs.field(default=None, converter=_opt_float)
    bound: str = attrs.field(default="exact", validator=one_of(BOUNDS))
    unit: Optional[str] = None
    entity: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "value": self.value,
                "low": self.low, "high": self.high, "bound": self.bound,
                "unit": self.unit, "entity": self.entity}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quantity:
        return cls(text=d["text"], span=d["span"], value=d.get("value"), low=d.get("low"),
                   high=d.get("high"), bound=d["bound"], unit=d.get("unit"),
                   entity=d.get("entity"))


@attrs.frozen(slots=True)
class TimeRef:
    """A time expression and the closed interval of dates it resolves to (or None, None)."""

    text: str
    span: tuple[int, int] = attrs.field(converter=span_pair)
    start: Optional[dt.date] = attrs.field(default=None, converter=optional_date)
    end: Optional[dt.date] = attrs.field(default=None, converter=optional_date)

    @property
    def resolved(self) -> bool:
        """True when the expression resolved to dates."""
        return self.start is not None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "start": iso_date(self.start),
                "end": iso_date(self.end)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TimeRef:
        return cls(text=d["text"], span=d["span"], start=d.get("start"), end=d.get("end"))


@attrs.frozen(slots=True)
class Hedge:
    """A cue that qualifies claims as unverified, disputed, uncertain or estimated."""

    text: str
    span: tuple[int, int] = attrs.field(converter=span_pair)
    kind: str = attrs.field(default="uncertain", validator=one_of(HEDGE_KINDS))
    source: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "kind": self.kind,
                "source": self.source}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Hedge:
        return cls(text=d["text"], span=d["span"], kind=d["kind"], source=d.get("source"))


def _tuple_of(kind: type):
    def convert(items: Any) -> tuple:
        return tuple(item if isinstance(item, kind) else kind.from_dict(item) for item in items)

    return convert


def _optional(kind: type):
    def convert(item: Any) -> Any:
        if item is None or isinstance(item, kind):
            return item
        return kind.from_dict(item)

    return convert


@attrs.frozen(slots=True)
class Claim:
    """One checkable statement: its text, who makes it, its numbers, its time and its hedges."""

    text: str
    span: tuple[int, int] = attrs.field(converter=span_pair)
    sentence: tuple[int, int] = attrs.field(converter=span_pair)
    speaker: Optional[Speaker] = attrs.field(default=None, converter=_optional(Speaker))
    cue: Optional[Cue] = attrs.field(default=None, converter=_optional(Cue))
    quantities: tuple[Quantity, ...] = attrs.field(default=(), converter=_tuple_of(Quantity))
    time: Optional[TimeRef] = attrs.field(default=None, converter=_optional(TimeRef))
    hedges: tuple[Hedge, ...] = attrs.field(default=(), converter=_tuple_of(Hedge))

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

    def to_dict(self) -> dict[str, Any]:
        """The claim as the JSON object of the public contract."""
        return {
            "text": self.text,
            "span": list(self.span),
            "sentence": list(self.sentence),
            "speaker": None if self.speaker is None else self.speaker.to_dict(),
            "cue": None if self.cue is None else self.cue.to_dict(),
            "quantities": [q.to_dict() for q in self.quantities],
            "time": None if self.time is None else self.time.to_dict(),
            "hedges": [h.to_dict() for h in self.hedges],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        """Rebuild a claim from :meth:`to_dict` output."""
        return cls(text=d["text"], span=d["span"], sentence=d["sentence"],
                   speaker=d.get("speaker"), cue=d.get("cue"),
                   quantities=d.get("quantities") or (), time=d.get("time"),
                   hedges=d.get("hedges") or ())

    def to_schema_org(self, *, url: Optional[str] = None,
                      date_published: Any = None) -> dict[str, Any]:
        """The claim as a schema.org ``Claim`` in JSON-LD.

        ``author`` is a Person (PERSON speakers, with ``jobTitle``) or an Organization;
        ``dateCreated`` is ``date_published`` (the article's date) when given, else the end of
        the claim's resolved time; ``temporalCoverage`` is the claim's time interval;
        ``appearance`` is a CreativeWork with ``url``/``datePublished`` when given.
        """
        return _view("schema_org")(self, url=url, date_published=date_published)

    def _repr_html_(self) -> str:
        return str(_view("claim_html")(self))

    def __str__(self) -> str:
        who = self.speaker.name if self.speaker else "(unattributed)"
        return f"{who}: {self.text}"

