"""Loading the time word lists and compiling the pattern templates (once per rule set)."""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Optional, Union

from claimx import rules

LEXICON_FILE = "time_lexicon.json"
PATTERNS_FILE = "time_patterns.json"

#: whitespace inside an expression: spaces/tabs, at most one line break
SP = r"(?:[^\S\n]+(?:\n[^\S\n]*)?|\n[^\S\n]*)"
#: a match must not start or end inside a word or a number ("5,000", "2019/20", "COVID-19")
LEFT_EDGE = r"(?<![\w/.,:])(?<!\d-)"
RIGHT_EDGE = r"(?![\w/%]|[.,:\-]\d)"

_PLACEHOLDER = re.compile(r"\{([A-Z]+?)(2?)(FULL)?\}")


@cache
def _compile_loose(source: str) -> re.Pattern:
    return re.compile(source, re.IGNORECASE)


@dataclass(frozen=True)
class Pattern:
    """One compiled pattern: a finding regex (case-aware) and a resolving regex (any case)."""

    name: str
    kind: str
    find: re.Pattern
    full_source: str
    check: Optional[str] = None
    params: tuple = ()
    anchor: Optional[re.Pattern] = None
    anchor_needs: tuple = ()

    @property
    def full(self) -> re.Pattern:
        """The resolving regex, compiled on first use (keeps loading the rules fast)."""
        return _compile_loose(self.full_source)

    def param(self, key: str, default: Any = None) -> Any:
        return dict(self.params).get(key, default)


@dataclass
class Rules:
    """Word lists and compiled patterns of one rule set."""

    lex: dict
    patterns: list = field(default_factory=list)
    clock: Optional[re.Pattern] = None
    clock_lead: Optional[re.Pattern] = None
    clock_tail: Optional[re.Pattern] = None
    reference: dict = field(default_factory=dict)
    month_names: dict = field(default_factory=dict)
    weekday_names: dict = field(default_factory=dict)
    numbers: dict = field(default_factory=dict)


def _alt(words, escape: bool = True) -> str:
    """A regex alternation, longest words first; a space in a word matches any whitespace."""
    items = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    parts = []
    for w in items:
        body = re.escape(w) if escape else w
        body = body.replace(r"\ ", SP).replace(" ", SP)
        parts.append(body)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _cased(names: dict, abbreviations: dict, strict: bool) -> str:
    """Month or weekday names; Title or UPPER case only when ``strict``; abbreviations take '.'."""
    alts = []
    for name in names:
        forms = [name.title(), name.upper()] if strict else [name]
        alts.extend(re.escape(f) for f in forms)
    for name in abbreviations:
        forms = [name.title(), name.upper()] if strict else [name]
        alts.extend(re.escape(f) + r"\.?" for f in forms)
    alts.sort(key=len, reverse=True)
    body = "|".join(alts)
    return f"(?-i:{body})" if strict else f"(?:{body})"


def _number_words(lex: dict) -> dict:
    nums = {k.lower(): float(v) for k, v in lex.get("numbers", {}).items()}
    for tw, tv in lex.get("number_tens", {}).items():
        for ow, ov in lex.get("number_ones", {}).items():
            nums[f"{tw}-{ow}"] = float(tv + ov)
            nums[f"{tw} {ow}"] = float(tv + ov)
    return nums


def _holidays(holidays: dict, strict: bool) -> str:
    """Holiday names; each word capitalised when ``strict`` ("New Year's Day")."""
    names = [k for k in holidays if not k.startswith("_")]
    if strict:
        names = [" ".join(w[:1].upper() + w[1:] for w in n.split(" ")) for n in names]
    forms = [re.escape(n).replace("'", "['’]") for n in names]
    return _alt(forms, escape=False) if forms else "(?!)"


def _fragments(lex: dict, strict: bool, numbers: dict) -> dict:
    months = {k: v for k, v in lex["months"].items()}
    m_abbr = lex.get("month_abbreviations", {})
    wdays = lex["weekdays"]
    w_abbr = lex.get("weekday_abbreviations", {})
    return {
        "MONTH": _cased(months, m_abbr, strict),
        "MONTHFULL": _cased(months, {}, strict),
        "WEEKDAY": _cased(wdays, w_abbr, strict),
        "WEEKDAYFULL": _cased(wdays, {}, strict),
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
        "YEAR": r"(?:1[6-9]\d\d|20\d\d)(?!\d)",
        "NUM": r"(?:\d{1,4}(?:\.\d{1,2})?(?!\d)|" + _alt(numbers) + ")",
        "UNIT": _alt(lex["units"]),
        "PERIOD": _alt(lex["periods"]),
        "DAYPART": _alt(lex["dayparts"]),
        "SEASON": _alt(lex["seasons"]),
        "OFFSET": _alt(lex["offset_words"]),
        "VAGUE": _alt(lex["vague_quantifiers"]),
        "QUARTER": _alt(lex["quarters"]),
        "HOLIDAY": _holidays(lex.get("holidays", {}), strict),
    }


_GROUP = {
    "MONTH": "month", "WEEKDAY": "weekday", "DAY": "day", "YEAR": "year", "NUM": "num",
    "UNIT": "unit", "PERIOD": "period", "DAYPART": "daypart", "SEASON": "season",
    "OFFSET": "offset", "VAGUE": "vague_q", "QUARTER": "quarter", "HOLIDAY": "holiday",
}


def expand(template: str, frags: dict) -> str:
    """Turn a template into a regex: spaces become whitespace, {X} become named groups."""

    def sub(m: re.Match) -> str:
        base, two, full = m.group(1), m.group(2), m.group(3)
        key = base + (full or "")
        if key not in frags:
            raise ValueError(f"unknown placeholder {{{m.group(0)}}} in time pattern")
        return f"(?P<{_GROUP[base]}{two}>{frags[key]})"

    out = []
    for piece in re.split(r"(\{[A-Z]+2?(?:FULL)?\})", template):
        if _PLACEHOLDER.fullmatch(piece):
            out.append(_PLACEHOLDER.sub(sub, piece))
        else:
            out.append(piece.replace(" ", SP))
    return "".join(out)


def _legacy(lex: dict, pats: dict, rules_path: str) -> tuple[dict, dict]:
    """The older ``rules_path`` form: a folder whose files replace the bundled ones, or one
    JSON file holding pattern sections and a ``"lexicon"`` section, merged over them."""
    p = Path(rules_path)
    if p.is_dir():
        if (p / LEXICON_FILE).exists():
            lex = rules.load_table(LEXICON_FILE, {**rules.read_user_file(p / LEXICON_FILE),
                                                  rules.REPLACE: True})
        if (p / PATTERNS_FILE).exists():
            pats = rules.load_table(PATTERNS_FILE, {**rules.read_user_file(p / PATTERNS_FILE),
                                                    rules.REPLACE: True})
        return lex, pats
    extra = rules.read_user_file(p)
    if not isinstance(extra, dict):
        raise rules.RuleFileError(f"{p}: a time rule file must hold a JSON object")
    lex = rules.extend(lex, extra.get("lexicon", {}), f"{p} [lexicon]")
    pats = rules.extend(pats, {k: v for k, v in extra.items() if k != "lexicon"}, str(p))
    return lex, pats


def _load_raw(key: Optional[str]) -> tuple[dict, dict]:
    spec = json.loads(key) if key else {}
    overlays = spec.get("overlays", {})
    lex = rules.load_table(LEXICON_FILE, overlays.get(LEXICON_FILE))
    pats = rules.load_table(PATTERNS_FILE, overlays.get(PATTERNS_FILE))
    if spec.get("path"):
        lex, pats = _legacy(lex, pats, spec["path"])
    return lex, pats


@lru_cache(maxsize=8)
def load_rules(key: Optional[str] = None) -> Rules:
    """Load and compile a rule set named by `rules_key`; ``None`` is the bundled one.
    Cached per key."""
    lex, pats = _load_raw(key)
    numbers = _number_words(lex)
    strict = _fragments(lex, True, numbers)
    loose = _fragments(lex, False, numbers)
    rules = Rules(lex=lex, numbers=numbers)
    flags = re.IGNORECASE
    for spec in pats.get("patterns", []):
        skip = ("name", "kind", "template", "check", "anchor", "anchor_needs")
        params = tuple((k, v) for k, v in spec.items() if k not in skip)
        find = LEFT_EDGE + "(?:" + expand(spec["template"], strict) + ")" + RIGHT_EDGE
        rules.patterns.append(
            Pattern(
                name=spec["name"],
                kind=spec["kind"],
                find=re.compile(find, flags),
                full_source="(?:" + expand(spec["template"], loose) + ")",
                check=spec.get("check"),
                params=params,
                anchor=re.compile(spec["anchor"], flags) if spec.get("anchor") else None,
                anchor_needs=tuple(w.lower() for w in spec.get("anchor_needs", ())),
            )
        )
    if pats.get("clock"):
        clock = pats["clock"].replace(" ", "[^\\S\\n]?")
        zones = _alt(lex.get("clock_zones", []))
        rules.clock = re.compile(clock, flags)
        ws = r"[^\S\n]+"
        lead = "(?:at |around |about )?CLOCK(?: ZONES)?(?: \\([^()\\n]{0,40}\\))?,? (?:on )?"
        tail = ",? (?:at |around |about |from )?CLOCK(?: ZONES)?$"
        rules.clock_lead = re.compile(
            lead.replace(" ", ws).replace("CLOCK", clock).replace("ZONES", zones), flags
        )
        rules.clock_tail = re.compile(
            tail.replace(" ", ws).replace("CLOCK", clock).replace("ZONES", zones), flags
        )
    rules.reference = dict(pats.get("reference", {}))
    rules.reference["_frags"] = strict
    for name, num in lex["months"].items():
        rules.month_names[name] = num
    for name, num in lex.get("month_abbreviations", {}).items():
        rules.month_names[name] = num
    for name, num in lex["weekdays"].items():
        rules.weekday_names[name] = num
    for name, num in lex.get("weekday_abbreviations", {}).items():
        rules.weekday_names[name] = num
    return rules


def rules_key(rules_path: Union[str, Path, None] = None,
              overlays: Optional[Mapping[str, rules.Overlay]] = None) -> Optional[str]:
    """A hashable key naming a rule set: the user's files (``overlays``, by bundled file
    name, and the older ``rules_path``) over the bundled ones; None for the bundled set."""
    if rules_path is None and not overlays:
        return None
    named = {name: str(Path(v).resolve()) if isinstance(v, (str, Path)) else v
             for name, v in sorted((overlays or {}).items())}
    return json.dumps({"path": None if rules_path is None else str(Path(rules_path).resolve()),
                       "overlays": named}, sort_keys=True)
