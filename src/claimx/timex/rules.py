"""Loading the time word lists and compiling the pattern templates (once per rule set)."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
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
def _compile_loose(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)


@dataclass(frozen=True)
class Pattern:
    """One compiled pattern: a finding regex (case-aware) and a resolving regex (any case)."""

    name: str
    kind: str
    find: re.Pattern[str]
    full_source: str
    check: Optional[str] = None
    params: tuple[tuple[str, Any], ...] = ()
    anchor: Optional[re.Pattern[str]] = None
    anchor_needs: tuple[str, ...] = ()

    @property
    def full(self) -> re.Pattern[str]:
        """The resolving regex, compiled on first use (keeps loading the rules fast)."""
        return _compile_loose(self.full_source)

    def param(self, key: str, default: Any = None) -> Any:
        return dict(self.params).get(key, default)


def _lower_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


@dataclass(frozen=True)
class Words:
    """The lexicon's words that the resolver and the finder test, read once per rule set."""

    relative_steps: Mapping[str, int]
    forward: frozenset[str]
    span_to_reference: frozenset[str]
    earlier: frozenset[str]
    attached_modifiers: tuple[str, ...]
    articles: tuple[str, ...]
    paired_openers: frozenset[str]
    paired_connectors: frozenset[str]

    @classmethod
    def from_lexicon(cls, lex: Mapping[str, Any]) -> Words:
        paired = lex.get("paired_ranges", {})
        steps = lex.get("relative_steps", {})
        return cls(
            relative_steps={k.lower(): int(v) for k, v in steps.items() if not k.startswith("_")},
            forward=_lower_set(lex.get("forward_words", [])),
            span_to_reference=_lower_set(lex.get("span_to_reference_words", [])),
            earlier=_lower_set(lex.get("earlier_words", [])),
            attached_modifiers=tuple(w.lower() for w in lex.get("attached_modifiers", [])),
            articles=tuple(w.lower() for w in lex.get("leading_articles", [])),
            paired_openers=_lower_set(paired.get("openers", [])),
            paired_connectors=_lower_set(paired.get("connectors", [])),
        )


@dataclass
class Rules:
    """Word lists and compiled patterns of one rule set."""

    lex: dict[str, Any]
    patterns: list[Pattern] = field(default_factory=list)
    clock: Optional[re.Pattern[str]] = None
    clock_lead: Optional[re.Pattern[str]] = None
    clock_tail: Optional[re.Pattern[str]] = None
    reference: dict[str, Any] = field(default_factory=dict)
    month_names: dict[str, int] = field(default_factory=dict)
    weekday_names: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)
    words: Words = field(default_factory=lambda: Words.from_lexicon({}))
    #: resolver: a range's connector ("to", "-"), its opener ("from"), a trailing possessive
    range_connector: re.Pattern[str] = re.compile("(?!)")
    range_opener: re.Pattern[str] = re.compile("(?!)")
    trail: re.Pattern[str] = re.compile("(?!)")


def _alt(words: Iterable[str], escape: bool = True) -> str:
    """A regex alternation, longest words first; a space in a word matches any whitespace."""
    items = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    parts = []
    for w in items:
        body = re.escape(w) if escape else w
        body = body.replace(r"\ ", SP).replace(" ", SP)
        parts.append(body)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _cased(names: Iterable[str], abbreviations: Iterable[str], strict: bool) -> str:
    """Month or weekday names; Title or UPPER case only when ``strict``; abbreviations take '.'."""
    alts: list[str] = []
    for name in names:
        forms = [name.title(), name.upper()] if strict else [name]
        alts.extend(re.escape(f) for f in forms)
    for name in abbreviations:
        forms = [name.title(), name.upper()] if strict else [name]
        alts.extend(re.escape(f) + r"\.?" for f in forms)
    alts.sort(key=len, reverse=True)
    body = "|".join(alts)
    return f"(?-i:{body})" if strict else f"(?:{body})"


def _number_words(lex: Mapping[str, Any]) -> dict[str, float]:
    nums = {k.lower(): float(v) for k, v in lex.get("numbers", {}).items()}
    for tw, tv in lex.get("number_tens", {}).items():
        for ow, ov in lex.get("number_ones", {}).items():
            nums[f"{tw}-{ow}"] = float(tv + ov)
            nums[f"{tw} {ow}"] = float(tv + ov)
    return nums


def _holidays(holidays: Mapping[str, Any], strict: bool) -> str:
    """Holiday names; each word capitalised when ``strict`` ("New Year's Day")."""
    names = [k for k in holidays if not k.startswith("_")]
    if strict:
        names = [" ".join(w[:1].upper() + w[1:] for w in n.split(" ")) for n in names]
    forms = [re.escape(n).replace("'", "['’]") for n in names]
    return _alt(forms, escape=False) if forms else "(?!)"


def _fragments(lex: Mapping[str, Any], strict: bool,
               numbers: Mapping[str, float]) -> dict[str, str]:
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


def expand(template: str, frags: Mapping[str, str]) -> str:
    """Turn a template into a regex: spaces become whitespace, {X} become named groups."""

    def sub(m: re.Match[str]) -> str:
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


def _legacy(lex: dict[str, Any], pats: dict[str, Any], rules_path: str
            ) -> tuple[dict[str, Any], dict[str, Any]]:
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


def _load_raw(key: Optional[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    spec = json.loads(key) if key else {}
    overlays = spec.get("overlays", {})
    lex = rules.load_table(LEXICON_FILE, overlays.get(LEXICON_FILE))
    pats = rules.load_table(PATTERNS_FILE, overlays.get(PATTERNS_FILE))
    if spec.get("path"):
        lex, pats = _legacy(lex, pats, spec["path"])
    return lex, pats


_NOT_PARAMS = ("name", "kind", "template", "check", "anchor", "anchor_needs")


def _pattern(spec: Mapping[str, Any], strict: Mapping[str, str],
             loose: Mapping[str, str]) -> Pattern:
    """One pattern of ``time_patterns.json`` compiled: its finding and resolving regexes."""
    flags = re.IGNORECASE
    find = LEFT_EDGE + "(?:" + expand(spec["template"], strict) + ")" + RIGHT_EDGE
    return Pattern(
        name=spec["name"],
        kind=spec["kind"],
        find=re.compile(find, flags),
        full_source="(?:" + expand(spec["template"], loose) + ")",
        check=spec.get("check"),
        params=tuple((k, v) for k, v in spec.items() if k not in _NOT_PARAMS),
        anchor=re.compile(spec["anchor"], flags) if spec.get("anchor") else None,
        anchor_needs=tuple(w.lower() for w in spec.get("anchor_needs", ())),
    )


def _words_then(words: Iterable[str]) -> str:
    """An optional word from ``words`` and a space (a template fragment)."""
    return f"(?:{_alt(words)} )?"


def _set_clock(rules: Rules, clock_source: str) -> None:
    """The clock-time regex, and the clock time (with its zone) before or after a day that
    the resolver trims: '4:42 local time on Saturday', 'Saturday at 4:42'."""
    lex = rules.lex
    links = lex.get("clock_links", {})
    clock = clock_source.replace(" ", "[^\\S\\n]?")
    zones = _alt(lex.get("clock_zones", []))
    flags = re.IGNORECASE
    rules.clock = re.compile(clock, flags)
    ws = r"[^\S\n]+"
    lead = (_words_then(links.get("lead", [])) + "CLOCK(?: ZONES)?(?: \\([^()\\n]{0,40}\\))?,? "
            + _words_then(links.get("day", [])))
    tail = ",? " + _words_then(links.get("tail", [])) + "CLOCK(?: ZONES)?$"
    rules.clock_lead = re.compile(
        lead.replace(" ", ws).replace("CLOCK", clock).replace("ZONES", zones), flags
    )
    rules.clock_tail = re.compile(
        tail.replace(" ", ws).replace("CLOCK", clock).replace("ZONES", zones), flags
    )


def _set_resolver_words(rules: Rules) -> None:
    """The resolver's regexes of range connectors and openers and of a trailing possessive."""
    lex = rules.lex
    connectors = lex.get("range_connectors", [])
    words = [w for w in connectors if w[:1].isalnum()]
    marks = [w for w in connectors if w and not w[:1].isalnum()]
    rules.range_connector = re.compile(f" {_alt(words)} | ?{_alt(marks)} ?", re.IGNORECASE)
    rules.range_opener = re.compile(f"{_alt(lex.get('range_openers', []))} ", re.IGNORECASE)
    rules.trail = re.compile(f"(?:{_alt(lex.get('possessive_endings', []))}|[,.;:])$")


def _set_names(rules: Rules) -> None:
    """Month and weekday numbers by name and abbreviation."""
    lex = rules.lex
    rules.month_names.update(lex["months"])
    rules.month_names.update(lex.get("month_abbreviations", {}))
    rules.weekday_names.update(lex["weekdays"])
    rules.weekday_names.update(lex.get("weekday_abbreviations", {}))


@lru_cache(maxsize=8)
def load_rules(key: Optional[str] = None) -> Rules:
    """Load and compile a rule set named by `rules_key`; ``None`` is the bundled one.
    Cached per key."""
    lex, pats = _load_raw(key)
    numbers = _number_words(lex)
    strict = _fragments(lex, True, numbers)
    loose = _fragments(lex, False, numbers)
    rules = Rules(lex=lex, numbers=numbers, words=Words.from_lexicon(lex))
    rules.patterns = [_pattern(spec, strict, loose) for spec in pats.get("patterns", [])]
    if pats.get("clock"):
        _set_clock(rules, pats["clock"])
    _set_resolver_words(rules)
    rules.reference = dict(pats.get("reference", {}))
    rules.reference["_frags"] = strict
    _set_names(rules)
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
