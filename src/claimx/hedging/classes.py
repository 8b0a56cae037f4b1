"""The word classes and frame vocabularies of ``data/hedge_classes.json``."""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ..rules import Overlay, load_table


class HedgeClasses:
    """Lemma classes (``"@name"`` in a pattern), the word lists the frames test, and the
    scope boundaries, from one rule set."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        self.table = table

    def word_class(self, name: str) -> frozenset[str]:
        """The words of the lemma class ``name`` (``"@name"`` in a pattern)."""
        return frozenset(self.table["lemma_classes"][name.lstrip("@")])

    def frame_words(self, name: str) -> frozenset[str]:
        """A word list of the ``frames`` table."""
        return frozenset(self.table["frames"][name])

    def scope(self) -> Mapping[str, Any]:
        """Clause boundaries and terminators of a cue's scope."""
        scope: Mapping[str, Any] = self.table["scope"]
        return scope

    def expand(self, value: Any) -> Any:
        """A pattern (or part of one) with every ``"@class"`` replaced by its word list."""
        if isinstance(value, str) and value.startswith("@"):
            return sorted(self.word_class(value))
        if isinstance(value, list):
            return [self.expand(v) for v in value]
        if isinstance(value, dict):
            return {k: self.expand(v) for k, v in value.items()}
        return value


def load_classes(overlay: Overlay = None) -> HedgeClasses:
    """The classes of ``hedge_classes.json``, with a user's file merged over them."""
    return HedgeClasses(load_table("hedge_classes.json", overlay))


@lru_cache(maxsize=1)
def bundled_classes() -> HedgeClasses:
    """The classes shipped with claimx."""
    return load_classes()
