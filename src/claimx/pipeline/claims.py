"""Stage 6: Claim objects assembled, once, from the span groups of the other stages."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..assembly import ClaimRules, build_claims
from ..rules import Overlay
from .annotations import read_records, register_extensions, set_claims
from .base import context_of
from .rulefiles import RuleFileStage


class ClaimsStage(RuleFileStage):
    """Sets ``doc._.claimx_claims`` (read as ``doc._.claims``) from the groups
    ``claimx_attributions``, ``claimx_quantities``, ``claimx_times`` and ``claimx_hedges``
    and ``doc._.claimx_context``; a group no stage wrote counts as empty."""

    rule_files = ClaimRules.files

    def __init__(self, nlp: Optional[Language] = None, name: str = "claimx_claims", *,
                 rules: Optional[Mapping[str, Overlay]] = None) -> None:
        register_extensions()
        self.name = name
        self.init_rules(rules)

    def __call__(self, doc: Doc) -> Doc:
        found = {
            "attributions": read_records(doc, "claimx_attributions"),
            "quantities": read_records(doc, "claimx_quantities"),
            "times": read_records(doc, "claimx_times"),
            "hedge_cues": read_records(doc, "claimx_hedges"),
        }
        context = context_of(doc)
        set_claims(doc, build_claims(doc, found, context.body_start, self.finder,
                                     context.reference_date))
        return doc

    def build_finder(self) -> None:
        self.finder = ClaimRules(self.rules)
