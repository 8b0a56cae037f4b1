"""Stage 3: numbers stated as fact, with bound, range, unit and counted entity."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from spacy.tokens import Doc

from ..docinfo import info
from .rulefiles import RuleFileStage
from .store import register_extensions, set_group, store


class QuantitiesStage(RuleFileStage):
    """Fills ``doc.spans["claimx_quantities"]``; each span's ``._.claimx`` is a Quantity.

    Numbers inside time expressions found by the times stage ("the past 24 hours") are
    left to the time.
    """

    rule_files = ("lexicon_path",)

    def __init__(self, nlp=None, name: str = "claimx_quantities", *,
                 lexicon_path: Optional[Union[str, Path]] = None) -> None:
        register_extensions()
        self.name = name
        self.lexicon_path = lexicon_path
        self.build_finder()

    def __call__(self, doc: Doc) -> Doc:
        exclude = [tuple(t["span"]) for t in store(doc).get("times", ())]
        text = info(doc).text
        records = [{"text": text[h.start_char:h.end_char], "span": [h.start_char, h.end_char],
                    "value": h.value, "low": h.low, "high": h.high, "bound": h.bound,
                    "unit": h.unit, "entity": h.entity}
                   for h in self.finder.find(doc, exclude)]
        set_group(doc, "claimx_quantities", records)
        return doc

    def build_finder(self) -> None:
        from ..quantities.finder import QuantityFinder

        self.finder = QuantityFinder(self.lexicon_path)
