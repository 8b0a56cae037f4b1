"""Where the components keep their results on a Doc, and the ``._`` extensions that read them.

Everything stored is plain data (dicts, lists, strings, numbers) under one Doc extension, so
it survives ``nlp.pipe(n_process=...)``, ``DocBin(store_user_data=True)`` and pickling. The
public attrs objects are built on access, by getters.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from spacy.tokens import Doc, Span

from ..types import Claim, Hedge, Quantity, Speaker, TimeRef

STORE = "claimx_store"

#: span group name -> (span label, store key, result class)
GROUPS = {
    "claimx_quantities": ("QUANTITY", "quantities", Quantity),
    "claimx_times": ("TIME", "times", TimeRef),
    "claimx_sources": ("SOURCE", "sources", Speaker),
    "claimx_hedges": ("HEDGE", "hedges", Hedge),
}
_BY_LABEL = {label: (key, cls) for label, key, cls in GROUPS.values()}


def store(doc: Doc) -> dict[str, Any]:
    """The doc's claimx record, created empty on first use."""
    data = doc._.get(STORE)
    if data is None:
        data = {}
        doc._.set(STORE, data)
    return data


def _claims(doc: Doc) -> list[Claim]:
    data = doc._.get(STORE) or {}
    return [Claim.from_dict(d) for d in data.get("claims", ())]


def _reference_date(doc: Doc) -> Optional[dt.date]:
    iso = (doc._.get(STORE) or {}).get("reference_date")
    return dt.date.fromisoformat(iso) if iso else None


def _span_object(span: Span) -> Any:
    entry = _BY_LABEL.get(span.label_)
    if entry is None:
        return None
    key, cls = entry
    records = (span.doc._.get(STORE) or {}).get(key, ())
    inside = None
    for record in records:
        s, e = record["span"]
        if (s, e) == (span.start_char, span.end_char):
            return cls.from_dict(record)
        if inside is None and span.start_char <= s and e <= span.end_char:
            inside = record  # a record narrower than the tokens it sits in
    return None if inside is None else cls.from_dict(inside)


def register_extensions() -> None:
    """Register claimx's ``._`` attributes once; never overwrite another library's."""
    if not Doc.has_extension(STORE):
        Doc.set_extension(STORE, default=None)
    if not Doc.has_extension("claims"):
        Doc.set_extension("claims", getter=_claims)
    if not Doc.has_extension("reference_date"):
        Doc.set_extension("reference_date", getter=_reference_date)
    if not Span.has_extension("claimx"):
        Span.set_extension("claimx", getter=_span_object)


def set_group(doc: Doc, group: str, records: list[dict[str, Any]]) -> None:
    """Write ``records`` (dicts with "span" char offsets) to the store and ``doc.spans``."""
    label, key, _ = GROUPS[group]
    spans = []
    kept = []
    for record in records:
        s, e = record["span"]
        span = doc.char_span(s, e, label=label, alignment_mode="expand")
        if span is None:
            continue
        spans.append(span)
        kept.append(record)
    store(doc)[key] = kept
    doc.spans[group] = spans
