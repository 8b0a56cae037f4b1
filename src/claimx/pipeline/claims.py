"""Stage 6: Claim objects assembled, once, from what the other stages stored."""
from __future__ import annotations

from spacy.tokens import Doc

from ..assembly import build_claims
from .store import register_extensions, store


class ClaimsStage:
    """Sets ``doc._.claims``."""

    def __init__(self, nlp=None, name: str = "claimx_claims") -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        data = store(doc)
        data["claims"] = build_claims(doc, data)
        return doc
