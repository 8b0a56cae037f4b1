"""One hedge cue as the hedge engine finds it (token offsets), before it becomes a record."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass
class HedgeCue:
    """One hedge cue found in the text."""

    start: int  # token indices
    end: int
    kind: str
    rule: str
    source: Optional[str] = None
    makes_claim: bool = False
    anaphoric: bool = False
    both_sides: bool = False
    casualty: bool = False
    referents: Optional[int] = None  # earlier claims an anaphoric cue names (None: a run)
    head: int = 0
    scope: tuple[int, int] = (0, 0)  # char span the cue governs
    extra: dict[str, Any] = field(default_factory=dict)
