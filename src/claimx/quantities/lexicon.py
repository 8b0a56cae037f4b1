"""Loading the quantity rule files (bundled, optionally extended by the user's files)."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional, Union

from .. import rules

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


def load_lexicon(path: Union[str, Path, None] = None,
                 overlays: Optional[Mapping[str, rules.Overlay]] = None,
                 ) -> dict[str, dict[str, Any]]:
    """Every quantity rule file, by section name.

    ``overlays`` maps bundled file names to the user's files (or contents), merged by the
    rule of `claimx.rules`. ``path`` is the older form: one JSON object keyed by
    section name (``{"bounds": {"before": [...]}}``), merged the same way, after them.
    """
    overlays = overlays or {}
    legacy: Mapping[str, Any] = {}
    if path is not None:
        legacy = rules.read_user_file(path)
        if not isinstance(legacy, Mapping):
            raise rules.RuleFileError(
                f"{path}: a quantity lexicon must be a JSON object of sections")
        unknown = [k for k in legacy if k not in FILES]
        if unknown:
            raise rules.RuleFileError(f"{path}: unknown quantity lexicon section {unknown[0]!r}"
                                      f" (known: {', '.join(FILES)})")
    lex: dict[str, dict[str, Any]] = {}
    for section, name in FILES.items():
        table = rules.load_table(name, overlays.get(name))
        if section in legacy:
            table = rules.extend(table, legacy[section], f"{path} [{section}]")
        lex[section] = table
    return lex
