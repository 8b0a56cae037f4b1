"""Stage 3: numbers stated as fact, with bound, range, unit and counted entity."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from ..quantities.finder import QuantityFinder, find_quantities
from ..quantities.lexicon import FILES
from ..rules import Overlay
from .annotations import read_records, register_extensions, write_group
from .rulefiles import RuleFileStage


class QuantitiesStage(RuleFileStage):
    """Fills ``doc.spans["claimx_quantities"]``; each span's ``._.claimx`` is a Quantity.

    Numbers inside the time expressions of ``doc.spans["claimx_times"]`` ("the past 24
    hours") are left to the time; without the times stage every number is a candidate.
    """

    rule_files = tuple(FILES.values())
    legacy_keys = ("lexicon_path",)
    lexicon_path: Optional[Union[str, Path]]

    def __init__(self, nlp: Optional[Language] = None, name: str = "claimx_quantities", *,
                 rules: Optional[Mapping[str, Overlay]] = None,
                 lexicon_path: Optional[Union[str, Path]] = None) -> None:
        register_extensions()
        self.name = name
        self.init_rules(rules, lexicon_path=lexicon_path)

    def __call__(self, doc: Doc) -> Doc:
        exclude = [tuple(t["span"]) for t in read_records(doc, "claimx_times")]
        write_group(doc, "claimx_quantities", find_quantities(self.finder, doc, exclude))
        return doc

    def build_finder(self) -> None:
        self.finder = QuantityFinder(self.lexicon_path, self.rules)
