"""Stage 2: every time expression, resolved to a closed interval of dates."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional, Union

from spacy.tokens import Doc

from .rulefiles import load_rule_files, save_rule_files
from .store import register_extensions, set_group, store


class TimesStage:
    """Fills ``doc.spans["claimx_times"]``; each span's ``._.claimx`` is a TimeRef."""

    def __init__(self, nlp=None, name: str = "claimx_times", *,
                 rules_path: Optional[Union[str, Path]] = None) -> None:
        from ..timex.finder import TimeFinder

        register_extensions()
        self.name = name
        self.rules_path = rules_path
        self.finder = TimeFinder(rules_path)

    def __call__(self, doc: Doc) -> Doc:
        iso = store(doc).get("reference_date")
        ref = dt.date.fromisoformat(iso) if iso else None
        text = doc.text
        records = [{"text": text[h.start_char:h.end_char], "span": [h.start_char, h.end_char],
                    "start": h.start, "end": h.end}
                   for h in self.finder.find(doc, ref)]
        set_group(doc, "claimx_times", records)
        return doc

    def to_disk(self, path: Union[str, Path], *, exclude=()) -> None:
        """Save a copy of the user rules file (``rules_path``) with the pipeline."""
        save_rule_files(self.name, path, {"rules_path": self.rules_path})

    def from_disk(self, path: Union[str, Path], *, exclude=()) -> TimesStage:
        """Use the rules file saved by :meth:`to_disk`, if any."""
        from ..timex.finder import TimeFinder

        files = load_rule_files(path)
        if "rules_path" in files:
            self.rules_path = files["rules_path"]
            self.finder = TimeFinder(self.rules_path)
        return self
