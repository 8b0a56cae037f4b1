"""Stage 4: sources, cues and reported content; canonical speaker names within the doc."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from ..rules import Overlay
from ..sources.finder import AttributionFinder
from ..types import Speaker
from .annotations import register_extensions, write_group
from .base import context_of
from .rulefiles import RuleFileStage


class SourcesStage(RuleFileStage):
    """Fills ``doc.spans["claimx_attributions"]`` (each span a claim's extent, its
    ``._.claimx`` an Attribution) and ``doc.spans["claimx_sources"]`` (each span a speaker
    mention, its ``._.claimx`` a Speaker). Reads ``doc._.claimx_context`` (where the body
    starts: names in the header are not canonical names)."""

    rule_files = ("reporting_verbs.jsonl", "attribution_phrases.jsonl", "sources.json",
                  "preamble.json")
    legacy_keys = ("verbs_path", "phrases_path")
    verbs_path: Optional[Union[str, Path]]
    phrases_path: Optional[Union[str, Path]]

    def __init__(self, nlp: Language, name: str = "claimx_sources", *,
                 rules: Optional[Mapping[str, Overlay]] = None,
                 verbs_path: Optional[Union[str, Path]] = None,
                 phrases_path: Optional[Union[str, Path]] = None) -> None:
        register_extensions()
        self.name = name
        self.vocab = nlp.vocab
        self.init_rules(rules, verbs_path=verbs_path, phrases_path=phrases_path)

    def __call__(self, doc: Doc) -> Doc:
        found = self.finder.attributions(doc, context_of(doc).body_start)
        speakers: dict[tuple[int, int], Speaker] = {}
        for att in found:
            if att.speaker is not None:
                speakers[att.speaker.span] = att.speaker
        write_group(doc, "claimx_attributions", found)
        write_group(doc, "claimx_sources", [speakers[k] for k in sorted(speakers)])
        return doc

    def build_finder(self) -> None:
        self.finder = AttributionFinder(self.vocab, self.verbs_path, self.phrases_path,
                                        self.rules)
