"""What the matches of a regex can begin with, read from Python's regex parse tree.

`leads` gives the sequences of at most ``room`` character classes that a match can start
with: for ``(?:Jan|Feb)\\.? \\d`` and two characters, ``J a`` and ``F e``. The answer is a
superset: whatever the reading cannot follow (a back-reference, a negated class, ``.``)
counts as any character, and a lookaround is taken as true. `lookahead` turns the
sequences into a zero-width test that a position must pass before the regex itself is
tried there; a regex that may match the empty string, or begin with any character, gets
none.
"""
from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any

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
_GROUPS = tuple(getattr(_C, name) for name in ("SUBPATTERN", "ATOMIC_GROUP") if hasattr(_C, name))
_CATEGORIES = {
    _C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_WORD: r"\w", _C.CATEGORY_SPACE: r"\s",
    _C.CATEGORY_UNI_DIGIT: r"\d", _C.CATEGORY_UNI_WORD: r"\w", _C.CATEGORY_UNI_SPACE: r"\s",
}
#: ``[^\\S...]`` lies within ``\\s``, and so on: the category a negated set excludes all of
_NEGATED_CATEGORIES = {
    _C.CATEGORY_NOT_DIGIT: r"\d", _C.CATEGORY_NOT_WORD: r"\w", _C.CATEGORY_NOT_SPACE: r"\s",
    _C.CATEGORY_UNI_NOT_DIGIT: r"\d", _C.CATEGORY_UNI_NOT_WORD: r"\w",
    _C.CATEGORY_UNI_NOT_SPACE: r"\s",
}

#: the inside of a character class that admits any character
ANY = r"\s\S"
#: more sequences than this and the reading gives up (the regex then gets no guard)
MAX_LEADS = 256

#: one sequence: the inside of a character class per character
Lead = tuple[str, ...]


class TooMany(Exception):
    """The leads of a regex are too many to be worth a guard."""


def parse(source: str, flags: int) -> sre_parse.SubPattern | None:
    """Python's parse tree of a regex, or None when it cannot be read."""
    try:
        return sre_parse.parse(source, flags)
    except (re.error, RecursionError, ValueError, TypeError):
        return None


def _class_inside(av: list[tuple[Any, Any]]) -> str:
    """The inside of a character class for an ``IN`` set; ANY when it cannot be told."""
    pieces: list[str] = []
    for item_op, item in av:
        if item_op is _C.LITERAL:
            pieces.append(re.escape(chr(item)))
        elif item_op is _C.RANGE:
            pieces.append(f"{re.escape(chr(item[0]))}-{re.escape(chr(item[1]))}")
        elif item_op is _C.CATEGORY and item in _CATEGORIES:
            pieces.append(_CATEGORIES[item])
        elif item_op is _C.NEGATE:
            return _negated_inside(av[1:])
        else:  # a rare category, a charset table
            return ANY
    return "".join(pieces)


def _negated_inside(av: list[tuple[Any, Any]]) -> str:
    """A class holding every character of the negated set ``[^...]``: ``[^\\S\\n]`` lies
    within ``\\s`` (it excludes every non-space); anything else is ANY."""
    for item_op, item in av:
        if item_op is _C.CATEGORY and item in _NEGATED_CATEGORIES:
            return _NEGATED_CATEGORIES[item]
    return ANY


def _repeat_leads(av: Any, room: int) -> set[Lead]:
    """The leads of a repeated item, over as many turns as ``room`` characters allow."""
    low, high, sub = av
    out: set[Lead] = {()} if low == 0 else set()
    going: set[Lead] = {()}
    for _turn in range(min(high, room)):
        nxt: set[Lead] = set()
        for lead in going:
            for more in leads(sub, room - len(lead)):
                (out if len(lead) + len(more) >= room else nxt).add(lead + more)
        out |= nxt  # a repeat may stop after any turn (a superset when it must go on)
        going = nxt
        if not going or len(out) > MAX_LEADS:
            break
    return out


def _op_leads(op: Any, av: Any, room: int) -> set[Lead]:
    """The leads of one operation; a sequence shorter than ``room`` means the operation
    may end after it."""
    if op in _ZERO_WIDTH:
        return {()}
    if op is _C.LITERAL:
        return {(re.escape(chr(av)),)}
    if op is _C.IN:
        return {(_class_inside(av),)}
    if op in _GROUPS:
        return leads(av[-1] if op is _C.SUBPATTERN else av, room)
    if op is _C.BRANCH:
        return set().union(*(leads(alternative, room) for alternative in av[1]))
    if op in _REPEATS:
        return _repeat_leads(av, room)
    return {(ANY,) * room}  # ".", a negated literal, a back-reference: anything


def leads(items: sre_parse.SubPattern, room: int) -> set[Lead]:
    """The sequences of at most ``room`` classes that a match of ``items`` begins with; a
    shorter sequence means a match may end there. Raises `TooMany` past `MAX_LEADS`."""
    done: set[Lead] = set()
    going: set[Lead] = {()}
    for op, av in items.data:
        nxt: set[Lead] = set()
        for lead in going:
            for more in _op_leads(op, av, room - len(lead)):
                (done if len(lead) + len(more) >= room else nxt).add(lead + more)
        going = nxt
        if len(done) + len(going) > MAX_LEADS:
            raise TooMany
        if not going:
            break
    return done | going


def read_leads(parsed: sre_parse.SubPattern, room: int) -> set[Lead]:
    """`leads`, or no sequences at all when the reading gives up."""
    try:
        return leads(parsed, room)
    except (TooMany, RecursionError, ValueError, TypeError):
        return set()


def _alternatives(found: set[Lead]) -> str:
    """A regex matching the start of a text that begins with one of the sequences ("" when
    an empty sequence admits anything)."""
    if any(not lead or lead[0] == ANY for lead in found):
        return ""
    tails: dict[str, set[Lead]] = {}
    for lead in sorted(found):
        tails.setdefault(lead[0], set()).add(lead[1:])
    branches = [f"[{first}]{_alternatives(rest)}" for first, rest in tails.items()]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def lookahead(found: set[Lead]) -> str:
    """A zero-width test admitting a position where one of the sequences begins, or ""
    when every position must be tried (no sequences, an empty one, or one that begins
    with any character). The first characters come first, as one class: most positions
    fail that single test."""
    if not found or any(not lead or lead[0] == ANY for lead in found):
        return ""
    firsts = "[" + "".join(sorted({lead[0] for lead in found})) + "]"
    if all(len(lead) == 1 for lead in found):
        return f"(?={firsts})"
    return f"(?={firsts})(?={_alternatives(found)})"
