"""Claims out of Python: JSON records, a pandas DataFrame, a JSON Schema and schema.org JSON-LD.

Nothing here imports spaCy; pandas is imported only by `to_frame`.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Optional, Union, get_args, get_origin

import attrs

from .types import Claim, Record, iso_text, plain, register_view, span_pair

if TYPE_CHECKING:
    import pandas

__all__ = ["FLAT_COLUMNS", "flat_record", "json_schema", "schema_org", "to_frame",
           "to_records"]

#: derived columns of the flat record, each placed before the field it is derived from
_DERIVED = {"hedges": ("hedged", "hedge_kinds")}


def _fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The attrs fields of ``cls`` with their types resolved."""
    return tuple(attrs.fields(attrs.resolve_types(cls)))


def _part(field: attrs.Attribute[Any]) -> Optional[type]:
    """The record class a field holds (one, optional, or a tuple of them), else None."""
    for tp in (field.type, *get_args(field.type)):
        if isinstance(tp, type) and issubclass(tp, Record):
            return tp
    return None


def _is_span(field: attrs.Attribute[Any]) -> bool:
    return field.converter is span_pair  # type: ignore[comparison-overlap]


def _is_list(field: attrs.Attribute[Any]) -> bool:
    return get_origin(field.type) is tuple and _part(field) is not None


def _columns() -> tuple[str, ...]:
    """The flat columns, from the fields of `Claim` and its parts: a span
    gives ``X_start``/``X_end`` (``start``/``end`` for the claim's own); a part gives its first
    field under the part's name and the others as ``part_field``; parts in a tuple stay a
    list of dicts."""
    out: list[str] = []
    for field in _fields(Claim):
        out.extend(_DERIVED.get(field.name, ()))
        part = _part(field)
        if _is_span(field):
            prefix = "" if field.name == "span" else f"{field.name}_"
            out.extend((f"{prefix}start", f"{prefix}end"))
        elif part is not None and not _is_list(field):
            names = [f.name for f in _fields(part) if not _is_span(f)]
            out.extend([field.name] + [f"{field.name}_{name}" for name in names[1:]])
        else:
            out.append(field.name)
    return tuple(out)


#: the columns of `to_frame` and of ``claimx --format csv``, in order
FLAT_COLUMNS = _columns()
#: flat columns holding lists (JSON-encoded in CSV)
LIST_COLUMNS = tuple(f.name for f in _fields(Claim) if _is_list(f)) + ("hedge_kinds",)


def _claims(claims: Iterable[Claim]) -> list[Claim]:
    if isinstance(claims, Claim):
        return [claims]
    out = []
    for item in claims:
        if not isinstance(item, Claim):
            raise TypeError(
                f"expected claimx.Claim objects, got {type(item).__name__}; "
                "for extract_many() results, flatten the lists first (to_frame takes "
                "them as they are)"
            )
        out.append(item)
    return out


def to_records(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """The claims as JSON-ready dicts (each exactly ``claim.to_dict()``)."""
    return [c.to_dict() for c in _claims(claims)]


def flat_record(claim: Claim) -> dict[str, Any]:
    """One claim as a flat dict with the keys of `FLAT_COLUMNS`.

    ``quantities`` and ``hedges`` are lists of dicts (as in ``to_dict()``), ``hedge_kinds``
    a list of strings; dates are ISO strings or None.
    """
    row: dict[str, Any] = {"hedged": claim.hedged,
                           "hedge_kinds": [h.kind for h in claim.hedges]}
    for field in _fields(Claim):
        value = getattr(claim, field.name)
        part = _part(field)
        if _is_span(field):
            prefix = "" if field.name == "span" else f"{field.name}_"
            row[f"{prefix}start"], row[f"{prefix}end"] = value
        elif part is None or _is_list(field):
            row[field.name] = plain(value)
        else:
            names = [f.name for f in _fields(part) if not _is_span(f)]
            for i, name in enumerate(names):
                key = field.name if i == 0 else f"{field.name}_{name}"
                row[key] = None if value is None else plain(getattr(value, name))
    return {key: row[key] for key in FLAT_COLUMNS}


def csv_row(claim: Claim) -> dict[str, Any]:
    """`flat_record` with list columns JSON-encoded, for CSV writers."""
    row = flat_record(claim)
    for key in LIST_COLUMNS:
        row[key] = json.dumps(row[key], ensure_ascii=False)
    return row


def _per_document(claims: Iterable[Any], ids: Optional[Sequence[Any]]
                  ) -> tuple[list[Claim], Optional[list[Any]]]:
    """The claims, and for ``extract_many`` output (a list of lists) each claim's document:
    its position, or its entry in ``ids``."""
    items = [claims] if isinstance(claims, Claim) else list(claims)
    nested = bool(items) and all(not isinstance(item, Claim) and isinstance(item, Iterable)
                                 for item in items)
    if not nested:
        if ids is not None:
            raise ValueError("ids= goes with a list of lists of claims (extract_many output)")
        return _claims(items), None
    if ids is not None and len(ids) != len(items):
        raise ValueError(f"ids has {len(ids)} entries for {len(items)} documents")
    names = list(ids) if ids is not None else list(range(len(items)))
    flat: list[Claim] = []
    docs: list[Any] = []
    for name, group in zip(names, items):
        group = _claims(group)
        flat.extend(group)
        docs.extend([name] * len(group))
    return flat, docs


def to_frame(claims: Iterable[Any], ids: Optional[Sequence[Any]] = None) -> pandas.DataFrame:
    """A pandas DataFrame, one row per claim, with the flat columns of `FLAT_COLUMNS`.

    ``claims`` is a list of claims, or a list of lists of claims (``extract_many`` output):
    then a first column ``doc`` tells the documents apart, holding each claim's document
    number (0, 1, ...) or, with ``ids``, its document's id (one id per list).
    ``time_start``/``time_end`` are ``datetime64`` columns (``NaT`` when unresolved);
    ``quantities``, ``hedge_kinds`` and ``hedges`` hold lists.
    """
    try:
        import pandas as pd
    except ImportError:
        raise ImportError(
            "claimx.to_frame needs pandas: pip install 'claimx[pandas]'") from None
    flat, docs = _per_document(claims, ids)
    rows = [flat_record(c) for c in flat]
    frame = pd.DataFrame(rows, columns=list(FLAT_COLUMNS))
    for key in ("time_start", "time_end"):
        frame[key] = pd.to_datetime(frame[key])
    frame["hedged"] = frame["hedged"].astype(bool)
    for key in ("start", "end", "sentence_start", "sentence_end"):
        frame[key] = frame[key].astype("int64")
    if docs is not None:
        frame.insert(0, "doc", pd.Series(docs, dtype="int64" if ids is None else object))
    return frame


# -- JSON Schema ------------------------------------------------------------------------------
_SPAN_SCHEMA = {"type": "array", "description": "[start, end) character offsets",
                "prefixItems": [{"type": "integer", "minimum": 0},
                                {"type": "integer", "minimum": 0}],
                "items": False, "minItems": 2, "maxItems": 2}
_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"}, float: {"type": "number"}, int: {"type": "integer"},
    bool: {"type": "boolean"}, dt.date: {"type": "string", "format": "date"},
}


def _def_name(field: attrs.Attribute[Any]) -> str:
    """The ``$defs`` name of a part: its field's name, singular for a list."""
    name = field.name
    if not _is_list(field):
        return name
    return name[:-3] + "y" if name.endswith("ies") else name.rstrip("s")


def _property(field: attrs.Attribute[Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of one field's value in ``to_dict()``, adding parts to ``defs``."""
    choices = getattr(field.validator, "choices", None)
    if choices is not None:
        return {"enum": list(choices)}
    if _is_span(field):
        return {"$ref": "#/$defs/span"}
    part = _part(field)
    if part is not None:
        name = _def_name(field)
        defs.setdefault(name, _object_schema(part, defs))
        ref = {"$ref": f"#/$defs/{name}"}
        return {"type": "array", "items": ref} if _is_list(field) else \
            {"anyOf": [ref, {"type": "null"}]}
    args = [a for a in get_args(field.type) if a is not type(None)]
    base = _SCALARS[args[0] if args else field.type]
    return {"anyOf": [base, {"type": "null"}]} if args else dict(base)


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of one record class: every field required, no other key."""
    properties = {f.name: _property(f, defs) for f in _fields(cls)}
    description = (cls.__doc__ or "").strip().split("\n")[0]
    return {"type": "object", "description": description, "properties": properties,
            "required": list(properties), "additionalProperties": False}


def _claim_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {"span": _SPAN_SCHEMA}
    claim = _object_schema(Claim, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "claimx claim",
            **claim,
            "description": "One claim as given by claimx.Claim.to_dict(): its text, who "
                           "makes it, its numbers, its time and its hedges. Spans are "
                           "[start, end) character offsets.",
            "$defs": defs}


_SCHEMA = _claim_schema()


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one claim, matching ``Claim.to_dict()`` exactly.

    Every key is required and no other key is allowed; ``null`` is allowed where the
    contract allows it. A fresh copy is returned on each call.
    """
    return copy.deepcopy(_SCHEMA)


# -- schema.org ---------------------------------------------------------------------------------
_PERSON_LABELS = ("PERSON",)


def schema_org(claim: Claim, *, url: Optional[str] = None,
               date_published: Union[dt.date, dt.datetime, str, None] = None) -> dict[str, Any]:
    """The claim as a schema.org ``Claim`` in JSON-LD (see `claimx.Claim.to_schema_org`)."""
    published = iso_text(date_published, "date_published")
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
