"""Stage 3: numbers stated as fact, with bound, range, unit and counted entity."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from spacy.tokens import Doc

from .rulefiles import load_rule_files, save_rule_files
from .store import register_extensions, set_group, store


class QuantitiesStage:
    """Fills ``doc.spans["claimx_quantities"]``; each span's ``._.claimx`` is a Quantity.

    Numbers inside time expressions found by the times stage ("the past 24 hours") are
    left to the time.
    """

    def __init__(self, nlp=None, name: str = "claimx_quantities", *,
                 lexicon_path: Optional[Union[str, Path]] = None) -> None:
        from ..quantities.finder import QuantityFinder

        register_extensions()
        self.name = name
        self.lexicon_path = lexicon_path
        self.finder = QuantityFinder(lexicon_path)

    def __call__(self, doc: Doc) -> Doc:
        exclude = [tuple(t["span"]) for t in store(doc).get("times", ())]
        text = doc.text
        records = [{"text": text[h.start_char:h.end_char], "span": [h.start_char, h.end_char],
                    "value": h.value, "low": h.low, "high": h.high, "bound": h.bound,
                    "unit": h.unit, "entity": h.entity}
                   for h in self.finder.find(doc, exclude)]
        set_group(doc, "claimx_quantities", records)
        return doc

    def to_disk(self, path: Union[str, Path], *, exclude=()) -> None:
        """Save a copy of the user lexicon (``lexicon_path``) with the pipeline."""
        save_rule_files(self.name, path, {"lexicon_path": self.lexicon_path})

    def from_disk(self, path: Union[str, Path], *, exclude=()) -> QuantitiesStage:
        """Use the lexicon saved by :meth:`to_disk`, if any."""
        from ..quantities.finder import QuantityFinder

        files = load_rule_files(path)
        if "lexicon_path" in files:
            self.lexicon_path = files["lexicon_path"]
            self.finder = QuantityFinder(self.lexicon_path)
        return self
