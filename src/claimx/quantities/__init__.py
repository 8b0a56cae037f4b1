"""claimx.quantities: find numbers stated as quantities in a parsed spaCy Doc.

Import `QuantityFinder` from ``claimx.quantities.finder``;
this package module stays light (nothing heavy is imported here).
"""
from __future__ import annotations

from typing import Any

__all__ = ["QuantityFinder", "QuantityHit"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from claimx.quantities import finder

        return getattr(finder, name)
    raise AttributeError(name)
