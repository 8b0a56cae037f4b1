"""The time engine: reference dates, time expressions and their resolution to ISO dates.

Modules: `claimx.timex.reference` (the article's date), `claimx.timex.finder`
(``TimeFinder``, ``TimeHit``), `claimx.timex.resolve` (``resolve``). Nothing heavy is
imported here; the names below are loaded on first use.
"""
from __future__ import annotations

from typing import Any

__all__ = ["TimeFinder", "TimeHit", "find_reference_date", "reference_header_span", "resolve"]

_HOMES = {
    "TimeFinder": "finder", "TimeHit": "finder", "find_reference_date": "reference",
    "reference_header_span": "reference", "resolve": "resolve",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(f"claimx.timex.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'claimx.timex' has no attribute {name!r}")
