"""Stage 2: every time expression, resolved to a closed interval of dates."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from ..rules import Overlay
from ..timex.finder import TimeFinder, find_times
from ..timex.rules import LEXICON_FILE, PATTERNS_FILE
from .annotations import register_extensions, write_group
from .base import context_of
from .rulefiles import RuleFileStage


class TimesStage(RuleFileStage):
    """Fills ``doc.spans["claimx_times"]``; each span's ``._.claimx`` is a TimeRef.

    Reads ``doc._.claimx_context`` (the reference date and the header, never reported).
    """

    rule_files = (LEXICON_FILE, PATTERNS_FILE)
    legacy_keys = ("rules_path",)
    rules_path: Optional[Union[str, Path]]

    def __init__(self, nlp: Optional[Language] = None, name: str = "claimx_times", *,
                 rules: Optional[Mapping[str, Overlay]] = None,
                 rules_path: Optional[Union[str, Path]] = None) -> None:
        register_extensions()
        self.name = name
        self.init_rules(rules, rules_path=rules_path)

    def __call__(self, doc: Doc) -> Doc:
        context = context_of(doc)
        write_group(doc, "claimx_times",
                    find_times(self.finder, doc, context.reference_date, context.header))
        return doc

    def build_finder(self) -> None:
        self.finder = TimeFinder(self.rules_path, self.rules)
