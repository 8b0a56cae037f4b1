"""One pass over a text for all time patterns, instead of one pass per pattern.

Running thirty-odd regexes over every text means thirty-odd attempts at every word start.
`CombinedScan` reads, from each pattern's parse tree, the first two characters its matches
can begin with (`claimx.timex.leads`), and joins them into one lookahead: a single cheap
regex pass finds the positions where some pattern can begin, and each of those positions
is tried only with the patterns whose first two characters fit. Each pattern runs with
``match`` at its candidate positions that lie past its previous match, which is exactly
what ``pattern.finditer(text)`` reports. A pattern whose first characters cannot be told
(one that may begin with any character, or match the empty string) is left out and
scanned on its own by the caller.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Optional

from .leads import Lead, lookahead, parse, read_leads

#: characters of a candidate position read to pick the patterns to try there
LEAD_ROOM = 6
#: characters the one pass over the text tests to find the candidate positions
PASS_ROOM = 2
#: distinct leads remembered per scan (the rest are worked out each time)
MAX_CACHED_LEADS = 1 << 16


def first_char_guard(source: str, flags: int) -> str:
    """A lookahead admitting only the characters a match of ``source`` can begin with
    (under the same flags), or "" when that cannot be told."""
    parsed = parse(source, flags)
    return "" if parsed is None else lookahead(read_leads(parsed, 1))


class CombinedScan:
    """All patterns of a list whose first characters are known, found in one pass (see the
    module docstring)."""

    def __init__(self, patterns: Sequence[Optional[re.Pattern[str]]], prefix: str = "") -> None:
        """``patterns`` are compiled regexes (None for one to leave out); ``prefix`` is a
        zero-width assertion that, when every member starts with it, the pass tests first."""
        self.patterns = list(patterns)
        self.members: list[int] = []
        self._guards: dict[int, re.Pattern[str]] = {}
        union: set[Lead] = set()
        caseless = 0
        for index, pattern in enumerate(self.patterns):
            parsed = None if pattern is None else parse(pattern.pattern, pattern.flags)
            if pattern is None or parsed is None:
                continue
            for room in range(LEAD_ROOM, 0, -1):  # fewer characters when too many leads
                found = read_leads(parsed, room)
                test = lookahead(found)
                if test or found:
                    break
            if not test:
                continue  # a match may begin anywhere: the caller scans it on its own
            self.members.append(index)
            self._guards[index] = re.compile(test, pattern.flags)
            union |= found
            caseless |= pattern.flags & re.IGNORECASE
        shared = prefix if all(self.patterns[i].pattern.startswith(prefix)  # type: ignore[union-attr]
                               for i in self.members) else ""
        self._starts = re.compile(shared + lookahead({lead[:PASS_ROOM] for lead in union}),
                                  caseless) if self.members else None
        # the text at a candidate position -> the members whose guard admits it
        self._by_lead: dict[str, tuple[int, ...]] = {}

    def _admitting(self, lead: str) -> tuple[int, ...]:
        members = self._by_lead.get(lead)
        if members is None:
            members = tuple(i for i in self.members if self._guards[i].match(lead))
            if len(self._by_lead) < MAX_CACHED_LEADS:
                self._by_lead[lead] = members
        return members

    def finditer(self, text: str) -> dict[int, list[re.Match[str]]]:
        """For each member pattern's index, its matches in ``text`` (as ``finditer``)."""
        found: dict[int, list[re.Match[str]]] = {index: [] for index in self.members}
        if self._starts is None:
            return found
        free_from = dict.fromkeys(self.members, 0)
        for start in self._starts.finditer(text):
            pos = start.start()
            for index in self._admitting(text[pos:pos + LEAD_ROOM]):
                if pos >= free_from[index]:
                    match = self.patterns[index].match(text, pos)  # type: ignore[union-attr]
                    if match is not None:
                        found[index].append(match)
                        free_from[index] = match.end()
        return found
