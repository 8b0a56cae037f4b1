"""Word gates: skip a time pattern on a text that lacks a word every match would contain.

A time pattern is a regex run over the whole text; most texts hold no season, no quarter and
no weekend, so most scans find nothing. From a pattern's template this module works out
which literal words and which word-list placeholders every match must contain (those outside
any group, in each top-level alternative). A text whose case-folded form contains none of a
required item's words cannot match, and the scan is skipped. The test only ever skips scans
that would find nothing, so the hits are the same.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Optional

#: placeholder name -> the lexicon lists whose words it matches
_PLACEHOLDER_LISTS = {
    "MONTH": ("months", "month_abbreviations"),
    "MONTHFULL": ("months",),
    "WEEKDAY": ("weekdays", "weekday_abbreviations"),
    "WEEKDAYFULL": ("weekdays",),
    "SEASON": ("seasons",),
    "PERIOD": ("periods",),
    "UNIT": ("units",),
    "OFFSET": ("offset_words",),
    "VAGUE": ("vague_quantifiers",),
    "QUARTER": ("quarters",),
    "DAYPART": ("dayparts",),
}

# one lexical item of a template: an escape, a class, a group opener or closer (with its
# quantifier), a placeholder, a bar, a run of letters, or any other character
_ITEM = re.compile(
    r"\\.|\[(?:\\.|[^\]\\])*\]|\((?:\?(?:P<\w+>|[:=!]|<[=!]|[-a-zA-Z]*:))?"
    r"|\)(?:[?*+]|\{\d*,?\d*\})?\??|\{[A-Z]+?2?(?:FULL)?\}|\||[^\W\d_]+|.",
    re.S,
)
_QUANTIFIER = re.compile(r"[?*]|\{0")

#: a gate: alternatives (any may hold), each a list of word sets (all must be present)
Gate = tuple[tuple[frozenset[str], ...], ...]


def _words_of(entries: Iterable[str]) -> frozenset[str]:
    """For each list entry, its longest space-free piece, case-folded."""
    out = set()
    for entry in entries:
        pieces = [p for p in str(entry).casefold().split() if p]
        if pieces:
            out.add(max(pieces, key=len))
    return frozenset(out)


def _split_top(items: list[str]) -> list[list[str]]:
    """The template's top-level alternatives."""
    branches: list[list[str]] = [[]]
    depth = 0
    for item in items:
        if item.startswith("("):
            depth += 1
        elif item.startswith(")"):
            depth -= 1
        elif item == "|" and depth == 0:
            branches.append([])
            continue
        branches[-1].append(item)
    return branches


def _required(branch: list[str], lex: dict) -> Optional[tuple[frozenset[str], ...]]:
    """Word sets that every match of one alternative contains (outside any group)."""
    needs: list[frozenset[str]] = []
    depth = 0
    for k, item in enumerate(branch):
        if item.startswith("("):
            depth += 1
            continue
        if item.startswith(")"):
            depth -= 1
            continue
        if depth:
            continue
        nxt = branch[k + 1] if k + 1 < len(branch) else ""
        if item.startswith("{") and item.endswith("}"):
            key = item.strip("{}").replace("2", "")
            if _QUANTIFIER.match(nxt):
                continue
            lists = _PLACEHOLDER_LISTS.get(key)
            if lists:
                words = _words_of(w for name in lists for w in lex.get(name, ()))
                if words:
                    needs.append(words)
        elif item.isalpha():
            word = item[:-1] if _QUANTIFIER.match(nxt) else item
            if len(word) >= 2:
                needs.append(frozenset({word.casefold()}))
    return tuple(needs) if needs else None


def template_gate(template: str, lex: dict) -> Optional[Gate]:
    """The gate of a template, or None when some alternative requires no word."""
    items = _ITEM.findall(template)
    branches = []
    for branch in _split_top(items):
        needs = _required(branch, lex)
        if needs is None:
            return None
        branches.append(needs)
    return tuple(branches)


def gate_words(gates: Iterable[Optional[Gate]]) -> frozenset[str]:
    """Every word some gate tests."""
    return frozenset(w for gate in gates if gate for branch in gate for need in branch
                     for w in need)


def present_words(folded_text: str, words: Iterable[str]) -> frozenset[str]:
    """The words that occur (as substrings) in the case-folded text."""
    return frozenset(w for w in words if w in folded_text)


def gate_open(gate: Optional[Gate], present: frozenset[str]) -> bool:
    """True when a text with these ``present`` words may hold a match."""
    if gate is None:
        return True
    return any(all(need & present for need in branch) for branch in gate)
