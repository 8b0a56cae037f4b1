"""Claims out of Python: JSON records, a pandas DataFrame, a JSON Schema and schema.org JSON-LD.

Nothing here imports spaCy; pandas is imported only by :func:`to_frame`.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Optional, Union

from .types import BOUNDS, CUE_KINDS, HEDGE_KINDS, Claim, register_view

if TYPE_CHECKING:
    import pandas

__all__ = ["FLAT_COLUMNS", "flat_record", "json_schema", "schema_org", "to_frame",
           "to_records"]

#: the columns of :func:`to_frame` and of ``claimx --format csv``, in order
FLAT_COLUMNS = (
    "text", "start", "end", "sentence_start", "sentence_end",
    "speaker", "speaker_text", "speaker_label", "speaker_title",
    "cue", "cue_kind",
    "quantities", "time", "time_start", "time_end",
    "hedged", "hedge_kinds", "hedges",
)

#: flat columns holding lists (JSON-encoded in CSV)
LIST_COLUMNS = ("quantities", "hedge_kinds", "hedges")


def _claims(claims: Iterable[Claim]) -> list[Claim]:
    if isinstance(claims, Claim):
        return [claims]
    out = []
    for item in claims:
        if not isinstance(item, Claim):
            raise TypeError(
                f"expected claimx.Claim objects, got {type(item).__name__}; "
                "for extract_many() results, flatten the lists first"
            )
        out.append(item)
    return out


def to_records(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """The claims as JSON-ready dicts (each exactly ``claim.to_dict()``)."""
    return [c.to_dict() for c in _claims(claims)]


def flat_record(claim: Claim) -> dict[str, Any]:
    """One claim as a flat dict with the keys of :data:`FLAT_COLUMNS`.

    ``quantities`` and ``hedges`` are lists of dicts (as in ``to_dict()``), ``hedge_kinds``
    a list of strings; dates are ISO strings or None.
    """
    sp, cue, tm = claim.speaker, claim.cue, claim.time
    return {
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "sentence_start": claim.sentence[0],
        "sentence_end": claim.sentence[1],
        "speaker": sp.name if sp else None,
        "speaker_text": sp.text if sp else None,
        "speaker_label": sp.label if sp else None,
        "speaker_title": sp.title if sp else None,
        "cue": cue.text if cue else None,
        "cue_kind": cue.kind if cue else None,
        "quantities": [q.to_dict() for q in claim.quantities],
        "time": tm.text if tm else None,
        "time_start": tm.start.isoformat() if tm and tm.start else None,
        "time_end": tm.end.isoformat() if tm and tm.end else None,
        "hedged": claim.hedged,
        "hedge_kinds": [h.kind for h in claim.hedges],
        "hedges": [h.to_dict() for h in claim.hedges],
    }


def csv_row(claim: Claim) -> dict[str, Any]:
    """:func:`flat_record` with list columns JSON-encoded, for CSV writers."""
    row = flat_record(claim)
    for key in LIST_COLUMNS:
        row[key] = json.dumps(row[key], ensure_ascii=False)
    return row


def to_frame(claims: Iterable[Claim]) -> pandas.DataFrame:
    """A pandas DataFrame, one row per claim, with the flat columns of :data:`FLAT_COLUMNS`.

    ``time_start``/``time_end`` are ``datetime64`` columns (``NaT`` when unresolved);
    ``quantities``, ``hedge_kinds`` and ``hedges`` hold lists.
    """
    try:
        import pandas as pd
    except ImportError:
        raise ImportError(
            "claimx.to_frame needs pandas: pip install 'claimx[pandas]'") from None
    rows = [flat_record(c) for c in _claims(claims)]
    frame = pd.DataFrame(rows, columns=list(FLAT_COLUMNS))
    for key in ("time_start", "time_end"):
        frame[key] = pd.to_datetime(frame[key])
    frame["hedged"] = frame["hedged"].astype(bool)
    for key in ("start", "end", "sentence_start", "sentence_end"):
        frame[key] = frame[key].astype("int64")
    return frame


# -- JSON Schema ------------------------------------------------------------------------------
def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(description: str, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "description": description, "properties": properties,
            "required": list(properties), "additionalProperties": False}


_STR = {"type": "string"}
_SPAN = {"$ref": "#/$defs/span"}
_DATE = {"type": "string", "format": "date"}

_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "claimx claim",
    "description": "One claim as given by claimx.Claim.to_dict(): its text, who makes it, its "
                   "numbers, its time and its hedges. Spans are [start, end) character offsets.",
    **_object("A claim.", {
        "text": _STR,
        "span": _SPAN,
        "sentence": _SPAN,
        "speaker": _nullable({"$ref": "#/$defs/speaker"}),
        "cue": _nullable({"$ref": "#/$defs/cue"}),
        "quantities": {"type": "array", "items": {"$ref": "#/$defs/quantity"}},
        "time": _nullable({"$ref": "#/$defs/time"}),
        "hedges": {"type": "array", "items": {"$ref": "#/$defs/hedge"}},
    }),
    "$defs": {
        "span": {"type": "array", "description": "[start, end) character offsets",
                 "prefixItems": [{"type": "integer", "minimum": 0},
                                 {"type": "integer", "minimum": 0}],
                 "items": False, "minItems": 2, "maxItems": 2},
        "speaker": _object("Who makes the claim.", {
            "name": _STR, "text": _STR, "span": _SPAN, "label": _STR,
            "title": _nullable(_STR)}),
        "cue": _object("The words that attribute the claim.", {
            "text": _STR, "span": _SPAN, "kind": {"enum": list(CUE_KINDS)}}),
        "quantity": _object("A number stated as fact.", {
            "text": _STR, "span": _SPAN,
            "value": _nullable({"type": "number"}),
            "low": _nullable({"type": "number"}),
            "high": _nullable({"type": "number"}),
            "bound": {"enum": list(BOUNDS)},
            "unit": _nullable(_STR), "entity": _nullable(_STR)}),
        "time": _object("A time expression and the closed date interval it resolves to.", {
            "text": _STR, "span": _SPAN, "start": _nullable(_DATE), "end": _nullable(_DATE)}),
        "hedge": _object("A cue qualifying the claim.", {
            "text": _STR, "span": _SPAN, "kind": {"enum": list(HEDGE_KINDS)},
            "source": _nullable(_STR)}),
    },
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one claim, matching ``Claim.to_dict()`` exactly.

    Every key is required and no other key is allowed; ``null`` is allowed where the
    contract allows it. A fresh copy is returned on each call.
    """
    return copy.deepcopy(_SCHEMA)


# -- schema.org ---------------------------------------------------------------------------------
_PERSON_LABELS = ("PERSON",)


def _iso_date(value: Union[dt.date, dt.datetime, str, None]) -> Optional[str]:
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
            raise ValueError(f"date_published {value!r} is not an ISO date 'YYYY-MM-DD'") from None
    raise TypeError(f"date_published must be a date, a datetime, an ISO string or None, "
                    f"not {type(value).__name__}")


def schema_org(claim: Claim, *, url: Optional[str] = None,
               date_published: Union[dt.date, dt.datetime, str, None] = None) -> dict[str, Any]:
    """The claim as a schema.org ``Claim`` in JSON-LD (see :meth:`claimx.Claim.to_schema_org`)."""
    published = _iso_date(date_published)
    out: dict[str, Any] = {"@context": "https://schema.org", "@type": "Claim",
                           "text": claim.text}
    sp = claim.speaker
    if sp is not None:
        if sp.label in _PERSON_LABELS:
            author: dict[str, Any] = {"@type": "Person", "name": sp.name}
            if sp.title:
                author["jobTitle"] = sp.title
        else:
            author = {"@type": "Organization", "name": sp.name}
        out["author"] = author
    tm = claim.time
    created = published or (tm.end.isoformat() if tm is not None and tm.end else None)
    if created:
        out["dateCreated"] = created
    if tm is not None and tm.start is not None and tm.end is not None:
        out["temporalCoverage"] = (tm.start.isoformat() if tm.start == tm.end
                                   else f"{tm.start.isoformat()}/{tm.end.isoformat()}")
    if url or published:
        appearance: dict[str, Any] = {"@type": "CreativeWork"}
        if url:
            appearance["url"] = url
        if published:
            appearance["datePublished"] = published
        out["appearance"] = appearance
    return out


register_view("schema_org", schema_org)
