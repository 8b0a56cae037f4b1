"""Stage 5: hedge cues, their kind, who hedges, and the clause each governs."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from ..hedging import HedgeFinder, find_hedge_cues
from ..rules import Overlay
from .annotations import register_extensions, write_group
from .rulefiles import RuleFileStage


class HedgesStage(RuleFileStage):
    """Fills ``doc.spans["claimx_hedges"]``: each span's ``._.claimx`` is a Hedge, and its
    ``._.claimx_hedge_cue`` records what the claims stage needs to attach it."""

    rule_files = ("hedge_cues.jsonl", "hedge_anaphora.json", "hedge_classes.json")
    legacy_keys = ("cues_path",)
    cues_path: Optional[Union[str, Path]]

    def __init__(self, nlp: Language, name: str = "claimx_hedges", *,
                 rules: Optional[Mapping[str, Overlay]] = None,
                 cues_path: Optional[Union[str, Path]] = None) -> None:
        register_extensions()
        self.name = name
        self.vocab = nlp.vocab
        self.init_rules(rules, cues_path=cues_path)

    def __call__(self, doc: Doc) -> Doc:
        write_group(doc, "claimx_hedges", find_hedge_cues(self.finder, doc))
        return doc

    def build_finder(self) -> None:
        self.finder = HedgeFinder(self.vocab, self.cues_path, self.rules)
