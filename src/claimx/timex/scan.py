"""A few passes over a text for all time patterns, instead of one pass per pattern.

Running thirty-odd regexes over every text means thirty-odd attempts at every word start.
`CombinedScan` joins the patterns into one regex in which each pattern sits in its own
optional lookahead, guarded by a class of the characters its matches can begin with, so a
word start that no pattern can begin at is dismissed with a few character tests. At each
position the regex reports every pattern that matches there; `CombinedScan.finditer`
then keeps, per pattern, the positions that ``pattern.finditer`` itself would report (none
inside that pattern's previous match) and re-runs the pattern there for its match object.
The matches are therefore exactly those of ``pattern.finditer(text)``. The patterns are
joined in groups of at most :data:`MAX_MEMBERS`, one pass per group: Python's regex engine
saves every group's marks at each branch, so one regex of fifty members is slower than four
regexes of a dozen.

Patterns the combination cannot hold (back-references, conditionals) are left out and are
scanned on their own by the caller. The first-character analysis reads Python's regex parse
tree; if it cannot tell, the pattern simply gets no guard.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Optional

try:  # Python >= 3.11
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.9 and 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_C = sre_constants
_ZERO_WIDTH = (_C.AT, _C.ASSERT, _C.ASSERT_NOT)
_REPEATS = tuple(getattr(_C, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(_C, name))
_CATEGORIES = {
    _C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_WORD: r"\w", _C.CATEGORY_SPACE: r"\s",
    _C.CATEGORY_UNI_DIGIT: r"\d", _C.CATEGORY_UNI_WORD: r"\w", _C.CATEGORY_UNI_SPACE: r"\s",
}
_NAMED_GROUP = re.compile(r"(?<!\\)((?:\\\\)*)\(\?P<\w+>")


class _Unknown(Exception):
    """The first characters of a pattern cannot be worked out."""


def _first(items) -> tuple[list[str], bool]:
    """Character-class pieces that can begin a match of ``items``, and whether ``items``
    can match the empty string."""
    pieces: list[str] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _C.LITERAL:
            pieces.append(re.escape(chr(av)))
            return pieces, False
        if op is _C.IN:
            for item_op, item in av:
                if item_op is _C.LITERAL:
                    pieces.append(re.escape(chr(item)))
                elif item_op is _C.RANGE:
                    pieces.append(f"{re.escape(chr(item[0]))}-{re.escape(chr(item[1]))}")
                elif item_op is _C.CATEGORY and item in _CATEGORIES:
                    pieces.append(_CATEGORIES[item])
                else:
                    raise _Unknown
            return pieces, False
        if op is _C.SUBPATTERN:
            sub, nullable = _first(av[-1])
            pieces += sub
            if not nullable:
                return pieces, False
            continue
        if op is _C.BRANCH:
            any_nullable = False
            for alternative in av[1]:
                sub, nullable = _first(alternative)
                pieces += sub
                any_nullable |= nullable
            if not any_nullable:
                return pieces, False
            continue
        if op in _REPEATS:
            low, _high, sub_items = av
            sub, nullable = _first(sub_items)
            pieces += sub
            if low > 0 and not nullable:
                return pieces, False
            continue
        raise _Unknown
    return pieces, True


def _parsed(source: str, flags: int):
    """Python's parse tree of a regex, or None when it cannot be read."""
    try:
        return sre_parse.parse(source, flags)
    except (re.error, RecursionError, ValueError, TypeError):
        return None


def _guard(parsed) -> str:
    """The first-character lookahead of a parse tree (see `first_char_guard`)."""
    try:
        pieces, nullable = _first(parsed)
    except (_Unknown, RecursionError, ValueError, TypeError):
        return ""
    if nullable or not pieces:
        return ""
    return "(?=[" + "".join(sorted(set(pieces))) + "])"


def first_char_guard(source: str, flags: int) -> str:
    """A lookahead admitting only the characters a match of ``source`` can begin with
    (under the same flags), or "" when that cannot be told."""
    parsed = _parsed(source, flags)
    return "" if parsed is None else _guard(parsed)


def _ops(items):
    """Every operation of a parse tree, nested ones included."""
    for op, av in items:
        yield op
        for part in av if isinstance(av, (tuple, list)) else ():
            for sub in part if isinstance(part, list) else (part,):
                if isinstance(sub, sre_parse.SubPattern):
                    yield from _ops(sub)


def _combinable(parsed) -> bool:
    """No back-references or conditionals: the pattern reads the same inside another."""
    try:
        return not any(op in (_C.GROUPREF, _C.GROUPREF_EXISTS) for op in _ops(parsed))
    except RecursionError:
        return False


#: members per joined regex: the regex engine saves every group's marks at each branch, so
#: one regex of many members costs more per position than a few regexes of a dozen each
MAX_MEMBERS = 17


def _joined(parts: list[tuple[int, str]], prefix: str, flags: int) -> Optional[re.Pattern]:
    """One regex trying every member at each position; None when it cannot be compiled."""
    any_matched = "(?!)"
    for index, _part in reversed(parts):
        any_matched = f"(?(_p{index})|{any_matched})"
    try:
        return re.compile(prefix + "".join(part for _i, part in parts) + any_matched, flags)
    except (re.error, RecursionError, OverflowError):
        return None


class CombinedScan:
    """All combinable patterns of a list, scanned in a few passes (see the module docstring)."""

    def __init__(self, patterns: Sequence[Optional[re.Pattern]], prefix: str = "") -> None:
        """``patterns`` are compiled regexes (None for one to leave out); ``prefix`` is a
        zero-width assertion they all start with, tested once per position."""
        self.patterns = list(patterns)
        self.members: list[int] = []
        self.passes: list[tuple[re.Pattern, list[int]]] = []
        flags = None
        parts: list[tuple[int, str]] = []
        for index, pattern in enumerate(self.patterns):
            if pattern is None:
                continue
            source = pattern.pattern
            if not source.startswith(prefix) or (flags is not None and pattern.flags != flags):
                continue
            parsed = _parsed(source, pattern.flags)
            if parsed is None or not _combinable(parsed):
                continue
            flags = pattern.flags
            # the prefix is zero-width, so the guard of the whole pattern is the body's
            guard = _guard(parsed)
            body = _NAMED_GROUP.sub(r"\1(?:", source[len(prefix):])
            parts.append((index, f"(?=(?P<_p{index}>{guard}{body}))?"))
        for first in range(0, len(parts), MAX_MEMBERS):
            chunk = parts[first:first + MAX_MEMBERS]
            regex = _joined(chunk, prefix, flags or 0)
            if regex is not None:
                members = [index for index, _part in chunk]
                self.passes.append((regex, members))
                self.members.extend(members)

    def finditer(self, text: str) -> dict[int, list[re.Match]]:
        """For each member pattern's index, its matches in ``text`` (as ``finditer``)."""
        found: dict[int, list[re.Match]] = {index: [] for index in self.members}
        for regex, members in self.passes:
            self._scan(regex, members, text, found)
        return found

    def _scan(self, regex: re.Pattern, members: list[int], text: str,
              found: dict[int, list[re.Match]]) -> None:
        """One pass of a joined regex, adding each member's matches to ``found``."""
        free_from = dict.fromkeys(members, 0)
        groups = [(index, f"_p{index}") for index in members]
        for m in regex.finditer(text):
            pos = m.start()
            for index, group in groups:
                end = m.end(group)
                if end > pos >= free_from[index]:
                    match = self.patterns[index].match(text, pos)  # type: ignore[union-attr]
                    if match is not None:
                        found[index].append(match)
                        free_from[index] = match.end()
