"""claimx: claims from news text — who said what, with which numbers, about when, how sure.

    >>> import claimx
    >>> claims = claimx.extract(text)                 # doctest: +SKIP

Importing claimx is cheap: spaCy and the model load on first use.
"""
from __future__ import annotations

from typing import Any

from .api import Extractor, extract, extract_many, load
from .export import json_schema, to_frame, to_records
from .render import claims_html, render, render_claims  # claimx.render: the function
from .types import Claim, Cue, Hedge, Quantity, Speaker, TimeRef

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``claimx.Ledger`` on first use: ``import claimx`` stays free of sqlite3 and pandas."""
    if name == "Ledger":
        from .ledger import Ledger

        return Ledger
    raise AttributeError(f"module 'claimx' has no attribute {name!r}")


__all__ = [
    "Claim",
    "Cue",
    "Extractor",
    "Hedge",
    "Ledger",
    "Quantity",
    "Speaker",
    "TimeRef",
    "__version__",
    "claims_html",
    "extract",
    "extract_many",
    "json_schema",
    "load",
    "render",
    "render_claims",
    "to_frame",
    "to_records",
]
