"""Loading the quantity data files (bundled, optionally extended by a user file)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Union

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: section name -> bundled file
FILES = {
    "numbers": "quantity_numbers.json",
    "bounds": "quantity_bounds.json",
    "vague": "quantity_vague.json",
    "currencies": "quantity_currencies.json",
    "units": "quantity_units.json",
    "exclusions": "quantity_exclusions.json",
    "entities": "quantity_entities.json",
}


def _merge(base: Any, extra: Any) -> Any:
    """Merge ``extra`` into ``base``: dicts recursively, lists extended, scalars replaced."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [x for x in extra if x not in base]
    return extra


def load_lexicon(path: Union[str, Path, None] = None) -> dict[str, dict[str, Any]]:
    """Load every bundled quantity data file; ``path`` (a JSON file) extends or overrides them.

    The user file holds the same sections as the bundled files, keyed by section name
    (``{"bounds": {"before": [...]}, "currencies": {"words": {...}}}``). Lists are
    extended, dicts merged key by key, other values replaced.
    """
    lex: dict[str, dict[str, Any]] = {}
    for section, name in FILES.items():
        with open(DATA_DIR / name, encoding="utf-8") as fh:
            lex[section] = json.load(fh)
    if path is not None:
        with open(path, encoding="utf-8") as fh:
            user = json.load(fh)
        if not isinstance(user, dict):
            raise ValueError(f"{path}: a quantity lexicon must be a JSON object of sections")
        for section, value in user.items():
            if section not in lex:
                raise ValueError(f"{path}: unknown quantity lexicon section {section!r}")
            lex[section] = _merge(lex[section], value)
    return lex
