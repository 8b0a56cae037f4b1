"""Stage 4: sources, cues and reported content; canonical speaker names within the doc."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from spacy.tokens import Doc

from ..docinfo import info
from ..sources.finder import AttributionFinder
from .rulefiles import RuleFileStage
from .store import register_extensions, set_group, store


class SourcesStage(RuleFileStage):
    """Fills ``doc.spans["claimx_sources"]`` (each span's ``._.claimx`` is a Speaker)."""

    rule_files = ("verbs_path", "phrases_path")

    def __init__(self, nlp, name: str = "claimx_sources", *,
                 verbs_path: Optional[Union[str, Path]] = None,
                 phrases_path: Optional[Union[str, Path]] = None) -> None:
        register_extensions()
        self.name = name
        self.verbs_path = verbs_path
        self.phrases_path = phrases_path
        self.vocab = nlp.vocab
        self.build_finder()

    def __call__(self, doc: Doc) -> Doc:
        text = info(doc).text
        records = []
        speakers = {}
        for att in self.finder.find(doc):
            cue = {"text": text[att.cue_start:att.cue_end], "span": [att.cue_start, att.cue_end],
                   "kind": att.kind}
            cue_token = doc.char_span(att.cue_start, att.cue_end, alignment_mode="expand")
            records.append({
                "span": list(att.span), "content": list(att.content), "head": att.head,
                "cue": cue, "cue_head": cue_token.root.i if cue_token is not None else None,
                "speaker": att.speaker,
            })
            if att.speaker is not None:
                speakers[tuple(att.speaker["span"])] = att.speaker
        store(doc)["attributions"] = records
        set_group(doc, "claimx_sources", [speakers[k] for k in sorted(speakers)])
        return doc

    def build_finder(self) -> None:
        self.finder = AttributionFinder(self.vocab, self.verbs_path, self.phrases_path)
