"""The per-text context: the reference date, the header and where the body starts.

The facade computes it once for a whole text and hands it to every chunk; a stage used on
its own computes it from the Doc's text when no one has.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from typing import Optional

from . import rules
from .preamble import Preamble
from .records import TextContext
from .timex.reference import ReferenceFinder
from .timex.rules import LEXICON_FILE, PATTERNS_FILE, load_rules, rules_key

#: the rule files the context is found by
RULE_FILES = ("preamble.json", LEXICON_FILE, PATTERNS_FILE)


class ContextFinder:
    """Computes a text's `TextContext` by one rule set."""

    def __init__(self, overlays: Optional[Mapping[str, rules.Overlay]] = None) -> None:
        overlays = overlays or {}
        times = {k: v for k, v in overlays.items() if k in (LEXICON_FILE, PATTERNS_FILE)}
        self.reference = ReferenceFinder(load_rules(rules_key(None, times)))
        self.preamble = Preamble(rules.load_table("preamble.json", overlays.get("preamble.json")))

    def __call__(self, text: str, reference_date: Optional[dt.date] = None, *,
                 detect: bool = True) -> TextContext:
        """The context of ``text``: ``reference_date`` when given, else the date of its header
        or dateline (with ``detect``); the header's span; where claims may start."""
        found = self.reference.header(text) if detect else None
        header = found[1] if found else None
        if reference_date is None and found is not None:
            date: Optional[dt.date] = found[0]
        else:
            date = reference_date
        return TextContext(reference_date=date, header=header,
                           body_start=self.preamble.end(text, header),
                           given=reference_date is not None)


def text_context(text: str, reference_date: Optional[dt.date] = None, *,
                 detect: bool = True) -> TextContext:
    """The context of ``text`` by the bundled rules (see `ContextFinder`)."""
    return _bundled()(text, reference_date, detect=detect)


@lru_cache(maxsize=1)
def _bundled() -> ContextFinder:
    return ContextFinder()
