"""Stage 4: sources, cues and reported content; canonical speaker names within the doc."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from spacy.tokens import Doc

from ..sources.finder import AttributionFinder
from .rulefiles import load_rule_files, save_rule_files
from .store import register_extensions, set_group, store


class SourcesStage:
    """Fills ``doc.spans["claimx_sources"]`` (each span's ``._.claimx`` is a Speaker)."""

    def __init__(self, nlp, name: str = "claimx_sources", *,
                 verbs_path: Optional[Union[str, Path]] = None,
                 phrases_path: Optional[Union[str, Path]] = None) -> None:
        register_extensions()
        self.name = name
        self.verbs_path = verbs_path
        self.phrases_path = phrases_path
        self.finder = AttributionFinder(nlp.vocab, verbs_path, phrases_path)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
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

    def to_disk(self, path: Union[str, Path], *, exclude=()) -> None:
        """Save copies of the user rule files (``verbs_path``, ``phrases_path``)."""
        save_rule_files(self.name, path, {"verbs_path": self.verbs_path,
                                          "phrases_path": self.phrases_path})

    def from_disk(self, path: Union[str, Path], *, exclude=()) -> SourcesStage:
        """Use the rule files saved by :meth:`to_disk`, if any."""
        files = load_rule_files(path)
        if files:
            self.verbs_path = files.get("verbs_path", self.verbs_path)
            self.phrases_path = files.get("phrases_path", self.phrases_path)
            self.finder = AttributionFinder(self.finder.matcher.vocab, self.verbs_path,
                                            self.phrases_path)
        return self
