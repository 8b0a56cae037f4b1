"""Units: quantulum3's unit table, read directly from its JSON files, plus claimx's overrides.

quantulum3's own ``parser.parse`` costs ~3 s on its first call and its ``load.units`` ~2 s
(it imports ``inflect``), so claimx reads quantulum3's ``units.json`` files once, lazily,
without importing quantulum3 at all (no classifier warning either). Only surfaces that
follow a number are ever looked up.
"""
from __future__ import annotations

import importlib.util
import json
import threading
from pathlib import Path
from typing import Any, Optional


def quantulum_dir() -> Optional[Path]:
    """The quantulum3 package directory, found without importing it; None if missing."""
    try:
        spec = importlib.util.find_spec("quantulum3")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _plural(surface: str, irregular: dict[str, str], per: frozenset[str] = frozenset()) -> str:
    """The plural of a unit surface; in "mile per hour" only the head before a ``per``
    word takes it."""
    if surface in irregular:
        return irregular[surface]
    words = surface.split(" ")
    k = next((j for j in range(1, len(words) - 1) if words[j] in per), None)
    if k is not None:
        return _plural(" ".join(words[:k]), irregular, per) + " " + " ".join(words[k:])
    if surface.endswith(("s", "x", "ch", "sh")):
        return surface + "es"
    if surface.endswith("y") and len(surface) > 1 and surface[-2] not in "aeiou":
        return surface[:-1] + "ies"
    return surface + "s"


class UnitTable:
    """Surface -> unit name for physical units (quantulum3 names, e.g. "kilometre")."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self._table: Optional[dict[str, str]] = None
        self._lower: Optional[dict[str, str]] = None
        self._lock = threading.Lock()
        self.max_tokens = int(config.get("max_unit_tokens", 4))

    def _load(self) -> None:
        cfg = self.config
        table = _surface_table(_quantulum_units(), cfg)
        for surface, name in cfg.get("extra_surfaces", {}).items():
            if name is None:
                table.pop(surface, None)
            else:
                table[surface] = name
        lower: dict[str, str] = {}
        for surface, name in table.items():
            if len(surface) > 2:
                lower.setdefault(surface.lower(), name)
        self._table, self._lower = table, lower

    def lookup(self, surface: str) -> Optional[str]:
        """The unit name for a surface ("km", "kilometers", "square miles"), or None."""
        if self._table is None:
            with self._lock:
                if self._table is None:
                    self._load()
        assert self._table is not None and self._lower is not None
        name = self._table.get(surface)
        if name is None and len(surface) > 2:
            name = self._lower.get(surface.lower())
        return name


class CurrencyTable:
    """Currency symbols, codes and words from ``quantity_currencies.json``."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.symbols: dict[str, str] = dict(config.get("symbols", {}))
        self.need_attach = frozenset(config.get("symbols_need_attachment", []))
        self.spaced = frozenset(config.get("symbols_spaced", []))
        self.words: dict[str, str] = {k.lower(): v for k, v in config.get("words", {}).items()}
        self.ambiguous: dict[str, str] = {
            k.lower(): v for k, v in config.get("ambiguous_words", {}).items()
        }
        self.fallback: dict[str, Optional[str]] = dict(config.get("ambiguous_fallback", {}))
        self.money_cues = frozenset(x.lower() for x in config.get("money_cues", []))
        self.names = frozenset(
            [*self.symbols.values(), *self.words.values(), *self.ambiguous.values()])
        self.max_word_tokens = max((len(k.split()) for k in self.words), default=1)
        with_digits = sorted(sym for sym in self.symbols if any(c.isdigit() for c in sym))
        if with_digits:
            raise ValueError(f"currency symbols may not hold digits: {with_digits}")

    def split_prefix(self, text: str) -> Optional[tuple[str, str]]:
        """("HK$", "10") for a token that starts with a currency symbol, else None.

        No symbol holds a digit, so the only candidate is the text before the first digit.
        """
        k = next((i for i, char in enumerate(text) if char.isdigit()), 0)
        sym = text[:k]
        if k and sym in self.symbols and (not sym.isalpha() or (k >= 3 and sym.isupper())):
            return sym, text[k:]
        return None


def _quantulum_units() -> dict[str, dict[str, Any]]:
    """quantulum3's unit table (its general and English files merged), read as data."""
    merged: dict[str, dict[str, Any]] = {}
    qdir = quantulum_dir()
    paths = [] if qdir is None else [qdir / "units.json", qdir / "_lang/en_US/units.json"]
    for path in paths:
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError):
            continue
        for name, unit in data.items():
            if isinstance(unit, dict):
                merged.setdefault(name, {}).update(unit)
    return merged


def _surface_table(units: dict[str, dict[str, Any]], cfg: dict[str, Any]) -> dict[str, str]:
    """Surface -> unit name for every unit, its plural and its metric-prefixed forms."""
    skip_entities = set(cfg.get("skip_entities", []))
    skip_surfaces = set(cfg.get("skip_surfaces", []))
    prefixes: dict[str, str] = cfg.get("metric_prefixes", {})
    irregular: dict[str, str] = cfg.get("irregular_plurals", {})
    per = frozenset(cfg.get("per_words", []))
    table: dict[str, str] = {}

    def add(name: str, surfaces: list[str], symbols: list[str]) -> None:
        for s in surfaces:
            for form in (s, _plural(s, irregular, per)):
                if form not in skip_surfaces:
                    table.setdefault(form, name)
        for s in symbols:
            if s not in skip_surfaces:
                table.setdefault(s, name)

    for name, unit in units.items():
        if unit.get("entity") in skip_entities or "entity" not in unit:
            continue
        surfaces = list(unit.get("surfaces", []))
        symbols = list(unit.get("symbols", []))
        add(name, surfaces, symbols)
        for p in unit.get("prefixes", []):
            word = prefixes.get(p)
            if word:
                add(word + name, [word + s for s in surfaces], [p + s for s in symbols])
    return table
