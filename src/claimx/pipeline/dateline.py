"""Stage 1: the per-text context: the reference date (from the caller, a ``date YYYY-MM-DD``
header or a dateline), the header's span, and where the body starts."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..context import RULE_FILES, ContextFinder
from ..docinfo import info
from ..records import TextContext
from ..rules import Overlay
from .annotations import get_context, register_extensions, set_context
from .rulefiles import RuleFileStage


class DatelineStage(RuleFileStage):
    """Sets ``doc._.claimx_context`` (and so ``doc._.reference_date``) unless it is set.

    The facade (`claimx.Extractor`) sets the context for the whole text before the
    pipeline runs, using `context`, so every chunk of a long text shares it; on a Doc
    made any other way this stage computes it from the Doc's text. With ``detect=False`` no
    header or dateline is looked for.
    """

    rule_files = RULE_FILES

    def __init__(self, nlp: Optional[Language] = None, name: str = "claimx_dateline", *,
                 detect: bool = True, rules: Optional[Mapping[str, Overlay]] = None) -> None:
        register_extensions()
        self.name = name
        self.detect = detect
        self.init_rules(rules)

    def context(self, text: str, reference_date: Optional[dt.date] = None) -> TextContext:
        """The per-text context of ``text`` by this stage's rules and ``detect``."""
        return self.finder(text, reference_date, detect=self.detect)

    def __call__(self, doc: Doc) -> Doc:
        if get_context(doc) is None:
            set_context(doc, self.context(info(doc).text))
        return doc

    def build_finder(self) -> None:
        self.finder = ContextFinder(self.rules)
