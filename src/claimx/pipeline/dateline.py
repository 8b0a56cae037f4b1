"""Stage 1: the reference date, from the caller, a ``date YYYY-MM-DD`` header or a dateline."""
from __future__ import annotations

from spacy.tokens import Doc

from ..docinfo import info
from ..preamble import claims_start
from ..timex.reference import find_reference_date, reference_header_span
from .store import register_extensions, store


class DatelineStage:
    """Sets ``doc._.reference_date`` and remembers the header span (no claims are taken there)."""

    def __init__(self, nlp=None, name: str = "claimx_dateline", *, detect: bool = True) -> None:
        register_extensions()
        self.name = name
        self.detect = detect

    def __call__(self, doc: Doc) -> Doc:
        data = store(doc)
        given = data.get("given_reference_date")
        found = None
        if self.detect:
            text = info(doc).text
            try:
                span = reference_header_span(text)
            except Exception:  # noqa: BLE001 - a bad header never stops the pipeline
                span = None
            data["header"] = list(span) if span else None
            if not given:
                found = find_reference_date(text)
        data["reference_date"] = given or (found.isoformat() if found else None)
        data["claims_start"] = None
        claims_start(doc)
        return doc
