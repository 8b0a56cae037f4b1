"""Stage 2: every time expression, resolved to a closed interval of dates."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional, Union

from spacy.tokens import Doc

from ..docinfo import info
from .rulefiles import RuleFileStage
from .store import register_extensions, set_group, store


class TimesStage(RuleFileStage):
    """Fills ``doc.spans["claimx_times"]``; each span's ``._.claimx`` is a TimeRef."""

    rule_files = ("rules_path",)

    def __init__(self, nlp=None, name: str = "claimx_times", *,
                 rules_path: Optional[Union[str, Path]] = None) -> None:
        register_extensions()
        self.name = name
        self.rules_path = rules_path
        self.build_finder()

    def __call__(self, doc: Doc) -> Doc:
        iso = store(doc).get("reference_date")
        ref = dt.date.fromisoformat(iso) if iso else None
        text = info(doc).text
        records = [{"text": text[h.start_char:h.end_char], "span": [h.start_char, h.end_char],
                    "start": h.start, "end": h.end}
                   for h in self.finder.find(doc, ref)]
        set_group(doc, "claimx_times", records)
        return doc

    def build_finder(self) -> None:
        from ..timex.finder import TimeFinder

        self.finder = TimeFinder(self.rules_path)
