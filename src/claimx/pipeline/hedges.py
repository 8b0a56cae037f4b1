"""Stage 5: hedge cues, their kind, who hedges, and the claims they cover."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from spacy.tokens import Doc

from ..hedging import HedgeFinder
from .rulefiles import RuleFileStage
from .store import register_extensions, set_group, store


class HedgesStage(RuleFileStage):
    """Fills ``doc.spans["claimx_hedges"]`` (each span's ``._.claimx`` is a Hedge)."""

    rule_files = ("cues_path",)

    def __init__(self, nlp, name: str = "claimx_hedges", *,
                 cues_path: Optional[Union[str, Path]] = None) -> None:
        register_extensions()
        self.name = name
        self.cues_path = cues_path
        self.vocab = nlp.vocab
        self.build_finder()

    def __call__(self, doc: Doc) -> Doc:
        cues = []
        for cue in self.finder.find(doc):
            span = doc[cue.start:cue.end]
            cues.append({
                "text": span.text, "span": [span.start_char, span.end_char], "kind": cue.kind,
                "source": cue.source, "rule": cue.rule, "head": cue.head,
                "makes_claim": cue.makes_claim, "anaphoric": cue.anaphoric,
                "both_sides": cue.both_sides, "casualty": cue.casualty,
                "scope": list(cue.scope), "window": self.finder.window,
            })
        store(doc)["hedge_cues"] = cues
        set_group(doc, "claimx_hedges", [
            {k: c[k] for k in ("text", "span", "kind", "source")} for c in cues])
        return doc

    def build_finder(self) -> None:
        self.finder = HedgeFinder(self.vocab, self.cues_path)
