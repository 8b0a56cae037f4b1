"""Vague amounts: "dozens of", "tens of thousands", "several hundred", "millions"."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, Optional


class VagueParse(NamedTuple):
    """A vague amount: tokens [start, end), its lower bound, and its last amount token."""

    start: int
    end: int
    low: float
    core: int


class VagueParser:
    """Recognise vague amounts listed in ``quantity_vague.json``."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.heads: dict[str, dict[str, Any]] = {
            k.lower(): v for k, v in data.get("heads", {}).items()
        }
        self.multipliers: dict[tuple[str, ...], float] = {
            tuple(k.lower().split()): float(v) for k, v in data.get("multipliers", {}).items()
        }
        self.mult_len = max((len(k) for k in self.multipliers), default=1)
        self.scales: dict[str, float] = {
            k.lower(): float(v) for k, v in data.get("multiplier_scales", {}).items()
        }
        self.links = frozenset(data.get("links", []))

    def start_words(self) -> frozenset[str]:
        """Every word `parse` can start at."""
        return frozenset(set(self.heads) | {key[0] for key in self.multipliers})

    def parse(self, low: Sequence[str], i: int) -> Optional[VagueParse]:
        """Parse a vague amount starting at ``low[i]`` (lower-cased token texts)."""
        n = len(low)
        # "several hundred", "a few thousand"
        for size in range(min(self.mult_len, n - i), 0, -1):
            key = tuple(low[i:i + size])
            if key in self.multipliers and i + size < n and low[i + size] in self.scales:
                value = self.multipliers[key]
                k = i + size
                while k < n and low[k] in self.scales:
                    value *= self.scales[low[k]]
                    k += 1
                return VagueParse(i, k, value, k - 1)
        head = self.heads.get(low[i]) if i < n else None
        if head is None:
            return None
        value = float(head["low"])
        k = i + 1
        # "tens of thousands", "hundreds of millions"
        while k + 1 < n and low[k] in self.links and low[k + 1] in self.heads:
            nxt = self.heads[low[k + 1]]
            if float(nxt["scale"]) <= float(head["scale"]):
                break
            value *= float(nxt["scale"])
            head = nxt
            k += 2
        if k == i + 1 and self.heads[low[i]].get("requires_of") \
                and (k >= n or low[k] not in self.links):
            return None
        return VagueParse(i, k, value, k - 1)
