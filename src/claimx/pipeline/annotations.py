"""The public annotations the claimx stages write and read: span groups and ``._`` extensions.

These are the only way the stages talk to each other (see ``docs/pipeline.md``, "What each
stage writes and reads"):

- span groups ``claimx_times``, ``claimx_quantities``, ``claimx_sources``,
  ``claimx_attributions`` and ``claimx_hedges``; each span's records live in a span
  extension of their own kind (``span._.claimx_time`` ...), as the ``to_dict()`` of a model
  object, and ``span._.claimx`` gives the object, chosen by the span's label;
- ``doc._.claimx_context``: the per-text facts (`TextContext`);
- ``doc._.claimx_claims``: the claims, as ``Claim.to_dict()`` records.

``doc._.claims`` and ``doc._.reference_date`` are getters over them. Everything stored is
plain data, so it survives ``nlp.pipe(n_process=...)``, ``DocBin(store_user_data=True)``
and pickling.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple, Optional, Protocol

from spacy.tokens import Doc, Span

from ..records import Attribution, HedgeCue, TextContext
from ..types import Claim, Quantity, Record, Speaker, TimeRef


class Spanned(Protocol):
    """A model object a stage stores: it has a character span and a ``to_dict()``."""

    @property
    def span(self) -> tuple[int, int]: ...

    def to_dict(self) -> dict[str, Any]: ...


class Group(NamedTuple):
    """A span group: its spans' label, the span extension holding their records, and the
    model class of those records."""

    label: str
    extension: str
    kind: type[Record]


#: span group name -> its label, record extension and record class
GROUPS: dict[str, Group] = {
    "claimx_quantities": Group("QUANTITY", "claimx_quantity", Quantity),
    "claimx_times": Group("TIME", "claimx_time", TimeRef),
    "claimx_sources": Group("SOURCE", "claimx_speaker", Speaker),
    "claimx_hedges": Group("HEDGE", "claimx_hedge_cue", HedgeCue),
    "claimx_attributions": Group("ATTRIBUTION", "claimx_attribution", Attribution),
}
#: the groups whose spans give the public objects of the contract (API.md)
PUBLIC_GROUPS = ("claimx_quantities", "claimx_times", "claimx_sources", "claimx_hedges")
#: every span label claimx writes
LABELS = tuple(group.label for group in GROUPS.values())
_BY_LABEL = {group.label: group for group in GROUPS.values()}

#: Doc extension: the per-text context, as ``TextContext.to_dict()``
CONTEXT = "claimx_context"
#: Doc extension: the claims, as ``Claim.to_dict()`` records
CLAIMS = "claimx_claims"


def _claims(doc: Doc) -> list[Claim]:
    return [Claim.from_dict(d) for d in doc._.get(CLAIMS) or ()]


def _reference_date(doc: Doc) -> Optional[dt.date]:
    context = get_context(doc)
    return None if context is None else context.reference_date


def _span_object(span: Span) -> Any:
    group = _BY_LABEL.get(span.label_)
    if group is None:
        return None
    records = span._.get(group.extension) or ()
    chosen = next((r for r in records if tuple(r["span"]) == (span.start_char, span.end_char)),
                  records[0] if records else None)
    if chosen is None:
        return None
    obj = group.kind.from_dict(chosen)
    return obj.hedge if isinstance(obj, HedgeCue) else obj


def register_extensions() -> None:
    """Register claimx's ``._`` attributes once; never overwrite another library's."""
    for name in (CONTEXT, CLAIMS):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("claims"):
        Doc.set_extension("claims", getter=_claims)
    if not Doc.has_extension("reference_date"):
        Doc.set_extension("reference_date", getter=_reference_date)
    for group in GROUPS.values():
        if not Span.has_extension(group.extension):
            Span.set_extension(group.extension, default=None)
    if not Span.has_extension("claimx"):
        Span.set_extension("claimx", getter=_span_object)


def write_group(doc: Doc, group: str, items: Iterable[Spanned]) -> None:
    """Put ``items`` in ``doc.spans[group]``, each on the tokens its span falls in.

    Items whose span falls in the same tokens share one span, which keeps them all, in
    order; items outside every token are dropped.
    """
    spec = GROUPS[group]
    spans: dict[tuple[int, int], tuple[Span, list[dict[str, Any]]]] = {}
    for item in items:
        start, end = item.span
        span = doc.char_span(start, end, label=spec.label, alignment_mode="expand")
        if span is None:
            continue
        key = (span.start, span.end)
        if key not in spans:
            spans[key] = (span, [])
        spans[key][1].append(item.to_dict())
    for span, records in spans.values():
        span._.set(spec.extension, records)
    doc.spans[group] = [span for span, _ in spans.values()]


def read_records(doc: Doc, group: str) -> list[dict[str, Any]]:
    """The records of ``doc.spans[group]`` (each a model object's ``to_dict()``), in order.

    Spans that carry no claimx record (added by someone else) are skipped.
    """
    if group not in doc.spans:
        return []
    extension = GROUPS[group].extension
    out: list[dict[str, Any]] = []
    for span in doc.spans[group]:
        out.extend(span._.get(extension) or ())
    return out


def read_group(doc: Doc, group: str) -> list[Any]:
    """The model objects of ``doc.spans[group]``, in order."""
    kind = GROUPS[group].kind
    return [kind.from_dict(record) for record in read_records(doc, group)]


def get_context(doc: Doc) -> Optional[TextContext]:
    """The per-text context stored on ``doc``, or None when no one has set it."""
    data = doc._.get(CONTEXT)
    return None if data is None else TextContext.from_dict(data)


def set_context(doc: Doc, context: TextContext) -> None:
    """Store the per-text context on ``doc``."""
    doc._.set(CONTEXT, context.to_dict())


def set_claims(doc: Doc, claims: Iterable[dict[str, Any]]) -> None:
    """Store the claims (``Claim.to_dict()`` records) on ``doc``."""
    doc._.set(CLAIMS, list(claims))


def claim_records(doc: Doc) -> list[dict[str, Any]]:
    """The claims stored on ``doc``, as ``Claim.to_dict()`` records."""
    return list(doc._.get(CLAIMS) or ())
