"""Hedge cues (unverified, disputed, uncertain, estimate), who hedges, and what each covers.

The cues are classes of phrasing kept in ``data/hedge_cues.jsonl`` (token patterns) and
``data/hedge_classes.json`` (word classes, dependency frames, scope boundaries):

- `.finder` matches the patterns and keeps the matches whose frame holds;
- `.frames` holds the dependency tests a cue row can ask for;
- `.scope` gives each cue the span it governs, ConText-style (forward, backward or
  both ways from the cue, stopped at clause boundaries);
- `.anaphora` finds who hedges and whether a cue refers back to earlier claims.
"""
from __future__ import annotations

from .anaphora import referent_count
from .cue import HedgeCue
from .finder import HedgeFinder, find_hedge_cues

__all__ = ["HedgeCue", "HedgeFinder", "find_hedge_cues", "referent_count"]
