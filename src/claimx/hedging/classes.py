"""The word classes and frame vocabularies of ``data/hedge_classes.json``."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..lexicon import load_table


@lru_cache(maxsize=1)
def hedge_classes() -> dict[str, Any]:
    """The parsed table (loaded once)."""
    return load_table("hedge_classes.json")


def word_class(name: str) -> frozenset[str]:
    """The words of the lemma class ``name`` (``"@name"`` in a pattern)."""
    return frozenset(hedge_classes()["lemma_classes"][name.lstrip("@")])


def frame_words(name: str) -> frozenset[str]:
    """A word list of the ``frames`` table."""
    return frozenset(hedge_classes()["frames"][name])


def scope_table() -> dict[str, Any]:
    """Clause boundaries and terminators of a cue's scope."""
    return hedge_classes()["scope"]


def expand(value: Any) -> Any:
    """A pattern (or part of one) with every ``"@class"`` replaced by its word list."""
    if isinstance(value, str) and value.startswith("@"):
        return sorted(word_class(value))
    if isinstance(value, list):
        return [expand(v) for v in value]
    if isinstance(value, dict):
        return {k: expand(v) for k, v in value.items()}
    return value
