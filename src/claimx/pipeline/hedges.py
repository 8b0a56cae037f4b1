"""Stage 5: hedge cues, their kind, who hedges, and the claims they cover."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from spacy.tokens import Doc

from ..hedging import HedgeFinder
from .rulefiles import load_rule_files, save_rule_files
from .store import register_extensions, set_group, store


class HedgesStage:
    """Fills ``doc.spans["claimx_hedges"]`` (each span's ``._.claimx`` is a Hedge)."""

    def __init__(self, nlp, name: str = "claimx_hedges", *,
                 cues_path: Optional[Union[str, Path]] = None) -> None:
        register_extensions()
        self.name = name
        self.cues_path = cues_path
        self.finder = HedgeFinder(nlp.vocab, cues_path)

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

    def to_disk(self, path: Union[str, Path], *, exclude=()) -> None:
        """Save a copy of the user hedge cues file (``cues_path``) with the pipeline."""
        save_rule_files(self.name, path, {"cues_path": self.cues_path})

    def from_disk(self, path: Union[str, Path], *, exclude=()) -> HedgesStage:
        """Use the cues file saved by :meth:`to_disk`, if any."""
        files = load_rule_files(path)
        if "cues_path" in files:
            self.cues_path = files["cues_path"]
            self.finder = HedgeFinder(self.finder.matcher.vocab, self.cues_path)
        return self
