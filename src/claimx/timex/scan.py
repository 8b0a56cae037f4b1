"""A few passes over a text for all time patterns, instead of one pass per pattern.

Running thirty-odd regexes over every text means thirty-odd attempts at every word start.
`CombinedScan` joins the patterns into one regex in which each pattern sits in its own
optional lookahead, guarded by a class of the characters its matches can begin with, so a
word start that no pattern can begin at is dismissed with a few character tests. At each
position the regex reports every pattern that matches there; `CombinedScan.finditer`
then keeps, per pattern, the positions that ``pattern.finditer`` itself would report (none
inside that pattern's previous match) and re-runs the pattern there for its match object.
The matches are therefore exactly those of ``pattern.finditer(text)``. The patterns are
joined in groups of at most `MAX_MEMBERS`, one pass per group: Python's regex engine
saves every group's marks at each branch, so one regex of fifty members is slower than four
regexes of a dozen.

Patterns the combination cannot hold (back-references, conditionals) are left out and are
scanned on their own by the caller. The first-character analysis reads Python's regex parse
tree; if it cannot tell, the pattern simply gets no guard.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING or sys.version_info < (3, 11):
    # typeshed describes the parser under its old names, which Python 3.11+ deprecates
    import sre_constants
    import sre_parse
else:  # Python >= 3.11
    from re import _constants as sre_constants
    from re import _parser as sre_parse

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


#: one operation of a parse tree: its opcode and its argument (whose shape the opcode sets)
_Code = tuple[Any, Any]


def _codes(items: sre_parse.SubPattern) -> list[_Code]:
    """The operations of a parse tree, in order."""
    return list(items.data)


def _first_in(av: list[_Code]) -> list[str]:
    """The character-class pieces of an ``IN`` set (``[...]``)."""
    pieces: list[str] = []
    for item_op, item in av:
        if item_op is _C.LITERAL:
            pieces.append(re.escape(chr(item)))
        elif item_op is _C.RANGE:
            pieces.append(f"{re.escape(chr(item[0]))}-{re.escape(chr(item[1]))}")
        elif item_op is _C.CATEGORY and item in _CATEGORIES:
            pieces.append(_CATEGORIES[item])
        else:
            raise _Unknown
    return pieces


def _first_branch(av: Any) -> tuple[list[str], bool]:
    """The first pieces of every alternative of a ``BRANCH``, and whether one can be empty."""
    pieces: list[str] = []
    any_nullable = False
    for alternative in av[1]:
        sub, nullable = _first(alternative)
        pieces += sub
        any_nullable |= nullable
    return pieces, any_nullable


def _first_of(op: Any, av: Any) -> tuple[list[str], bool]:
    """The first pieces of one operation, and whether a match may go on past it empty."""
    if op is _C.LITERAL:
        return [re.escape(chr(av))], False
    if op is _C.IN:
        return _first_in(av), False
    if op is _C.SUBPATTERN:
        return _first(av[-1])
    if op is _C.BRANCH:
        return _first_branch(av)
    if op in _REPEATS:
        low, _high, sub_items = av
        sub, nullable = _first(sub_items)
        return sub, nullable or low == 0
    raise _Unknown


def _first(items: sre_parse.SubPattern) -> tuple[list[str], bool]:
    """Character-class pieces that can begin a match of ``items``, and whether ``items``
    can match the empty string."""
    pieces: list[str] = []
    for op, av in _codes(items):
        if op in _ZERO_WIDTH:
            continue
        sub, nullable = _first_of(op, av)
        pieces += sub
        if not nullable:
            return pieces, False
    return pieces, True


def _parsed(source: str, flags: int) -> Optional[sre_parse.SubPattern]:
    """Python's parse tree of a regex, or None when it cannot be read."""
    try:
        return sre_parse.parse(source, flags)
    except (re.error, RecursionError, ValueError, TypeError):
        return None


def _first_class(parsed: sre_parse.SubPattern) -> str:
    """The inside of a character class of the characters a match of a parse tree can
    begin with, or "" when that cannot be told."""
    try:
        pieces, nullable = _first(parsed)
    except (_Unknown, RecursionError, ValueError, TypeError):
        return ""
    if nullable or not pieces:
        return ""
    return "".join(sorted(set(pieces)))


def _lookahead(char_class: str) -> str:
    return f"(?=[{char_class}])" if char_class else ""


def _guard(parsed: sre_parse.SubPattern) -> str:
    """The first-character lookahead of a parse tree (see `first_char_guard`)."""
    return _lookahead(_first_class(parsed))


def first_char_guard(source: str, flags: int) -> str:
    """A lookahead admitting only the characters a match of ``source`` can begin with
    (under the same flags), or "" when that cannot be told."""
    parsed = _parsed(source, flags)
    return "" if parsed is None else _guard(parsed)


def _ops(items: sre_parse.SubPattern) -> Iterator[Any]:
    """Every operation of a parse tree, nested ones included."""
    for op, av in _codes(items):
        yield op
        for part in av if isinstance(av, (tuple, list)) else ():
            for sub in part if isinstance(part, list) else (part,):
                if isinstance(sub, sre_parse.SubPattern):
                    yield from _ops(sub)


def _combinable(parsed: sre_parse.SubPattern) -> bool:
    """No back-references or conditionals: the pattern reads the same inside another."""
    try:
        return not any(op in (_C.GROUPREF, _C.GROUPREF_EXISTS) for op in _ops(parsed))
    except RecursionError:
        return False


#: members per joined regex: the regex engine saves every group's marks at each branch, so
#: one regex of many members costs more per position than a few regexes of a dozen each
MAX_MEMBERS = 17


def _joined(parts: list[tuple[int, str, str]], prefix: str,
            flags: int) -> Optional[re.Pattern[str]]:
    """One regex trying every member (index, first-character class, lookahead) at each
    position; None when it cannot be compiled. When every member's first characters are
    known, their union is tested once before the members."""
    any_matched = "(?!)"
    for index, _first, _part in reversed(parts):
        any_matched = f"(?(_p{index})|{any_matched})"
    union = ""
    if all(first for _index, first, _part in parts):
        union = _lookahead("".join(first for _index, first, _part in parts))
    try:
        return re.compile(prefix + union + "".join(part for _i, _g, part in parts)
                          + any_matched, flags)
    except (re.error, RecursionError, OverflowError):
        return None


class CombinedScan:
    """All combinable patterns of a list, scanned in a few passes (see the module docstring)."""

    def __init__(self, patterns: Sequence[Optional[re.Pattern[str]]], prefix: str = "") -> None:
        """``patterns`` are compiled regexes (None for one to leave out); ``prefix`` is a
        zero-width assertion they all start with, tested once per position."""
        self.patterns = list(patterns)
        self.members: list[int] = []
        self.passes: list[tuple[re.Pattern[str], list[int]]] = []
        flags = None
        parts: list[tuple[int, str, str]] = []
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
            first = _first_class(parsed)
            body = _NAMED_GROUP.sub(r"\1(?:", source[len(prefix):])
            parts.append((index, first, f"(?=(?P<_p{index}>{_lookahead(first)}{body}))?"))
        for first in range(0, len(parts), MAX_MEMBERS):
            chunk = parts[first:first + MAX_MEMBERS]
            regex = _joined(chunk, prefix, flags or 0)
            if regex is not None:
                members = [index for index, _first, _part in chunk]
                self.passes.append((regex, members))
                self.members.extend(members)

    def finditer(self, text: str) -> dict[int, list[re.Match[str]]]:
        """For each member pattern's index, its matches in ``text`` (as ``finditer``)."""
        found: dict[int, list[re.Match[str]]] = {index: [] for index in self.members}
        for regex, members in self.passes:
            self._scan(regex, members, text, found)
        return found

    def _scan(self, regex: re.Pattern[str], members: list[int], text: str,
              found: dict[int, list[re.Match[str]]]) -> None:
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
