"""Numbers that are not quantities: years, dates, clock times, names, list numbering, phones."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from claimx.quantities.numbers import NumberParse

from ..docinfo import info

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: hyphens that glue a number to the letters of a designation ("F-16")
_HYPHENS = ("-", "\u2010", "\u2011")
_PLAIN_INT = re.compile(r"^\d{1,4}$")
_MAX_CHUNK_TOKENS = 8
_MAX_CHUNK_CHARS = 48


class Exclusions:
    """Decide, from token shapes, NER labels and the parse, that a number is no quantity."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.months = frozenset(data.get("months", []))
        self.weekdays = frozenset(data.get("weekdays", []))
        self.year_preps = frozenset(data.get("year_prepositions", []))
        lo, hi = data.get("year_range", [1000, 2199])
        self.year_lo, self.year_hi = int(lo), int(hi)
        self.clock_words = frozenset(data.get("clock_words", []))
        self.name_number_labels = frozenset(data.get("name_number_labels", []))
        self.meridiem = frozenset(data.get("meridiem", []))
        self.time_units = frozenset(data.get("time_units", []))
        self.name_prefixes = frozenset(data.get("name_prefixes", []))
        self.phone = re.compile(data.get("phone_regex", r"^$"))
        self.version = re.compile(data.get("version_regex", r"^$"))
        self.one_not_before = frozenset(data.get("one_not_before", []))
        self.one_not_after = frozenset(data.get("one_not_after", []))
        self.pronoun_numbers = frozenset(data.get("pronoun_numbers", []))
        self.pronoun_heads = frozenset(data.get("pronoun_heads", []))
        self.name_labels = frozenset(data.get("name_entity_labels", []))
        self.hour_words = frozenset(data.get("hour_words", []))
        self.duration_words = frozenset(data.get("clock_duration_words", []))
        self.day_of_words = frozenset(data.get("day_of_words", []))
        self.list_closers = frozenset(data.get("list_closers", []))
        self.list_brackets = [list(pair) for pair in data.get("list_brackets", [])]

    # -- helpers -------------------------------------------------------------------------
    @staticmethod
    def chunk(doc: Doc, i: int) -> str:
        """The whitespace-free run of tokens around token ``i`` (bounded)."""
        start = i
        while start > 0 and i - start < _MAX_CHUNK_TOKENS and not doc[start - 1].whitespace_:
            start -= 1
        end = i
        while end + 1 < len(doc) and end - i < _MAX_CHUNK_TOKENS and not doc[end].whitespace_:
            end += 1
        return doc[start:end + 1].text[:_MAX_CHUNK_CHARS].rstrip(".,;:!?)\"'")

    @staticmethod
    def _line_start(doc: Doc, i: int) -> bool:
        if i == 0:
            return True
        prev = doc[i - 1]
        return "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)

    def _low(self, doc: Doc, i: int) -> str:
        return doc[i].lower_ if 0 <= i < len(doc) else ""

    def is_hhmm(self, text: str) -> bool:
        """A four-digit clock reading such as 1500 or 2024."""
        return len(text) == 4 and text.isdigit() and int(text[:2]) < 24 and int(text[2:]) < 60

    # -- the decision --------------------------------------------------------------------
    def excluded(
        self, doc: Doc, p: NumberParse, *, has_bound: bool, has_unit: bool, core_text: str
    ) -> bool:
        """True when the number ``p`` is not a quantity."""
        core = doc[p.core]
        if core.ent_type_ == "ORDINAL" and not p.is_digit and p.scale == 1.0:
            return True
        nxt = self._low(doc, p.end)
        prev = self._low(doc, p.start - 1)
        if p.is_digit:
            if self._digit_excluded(doc, p, nxt, prev, has_bound, has_unit, core_text):
                return True
        elif self._word_excluded(doc, p, nxt, prev, has_unit):
            return True
        return self._name_excluded(doc, p, prev, has_unit)

    def _digit_excluded(
        self, doc: Doc, p: NumberParse, nxt: str, prev: str, has_bound: bool, has_unit: bool,
        core_text: str,
    ) -> bool:
        chunk = self.chunk(doc, p.core)
        if self.phone.match(chunk) or self.version.match(chunk):
            return True
        if nxt in self.meridiem and not has_unit:  # "2.13 am", "10:30 p.m."
            return True
        plain = bool(_PLAIN_INT.match(core_text)) and p.end == p.core + 1
        if plain and not has_unit and self._clock_or_date(doc, p, nxt, prev, has_bound,
                                                          core_text):
            return True
        if plain and self._list_number(doc, p, nxt, prev):
            return True
        return self._in_designation(doc, p, prev)

    def _clock_or_date(self, doc: Doc, p: NumberParse, nxt: str, prev: str, has_bound: bool,
                       core_text: str) -> bool:
        """A plain integer read as a clock time ("1500 hours"), a year or a day of a month."""
        val = int(core_text)
        if nxt in self.clock_words and nxt not in self.duration_words:
            return True
        if self.is_hhmm(core_text) and (nxt in self.hour_words or any(
                self._low(doc, k) in self.clock_words or self._low(doc, k) in self.weekdays
                for k in range(p.end, min(len(doc), p.end + 3)))):
            return True
        if len(core_text) == 4 and self.year_lo <= val <= self.year_hi and (
                (doc[p.core].ent_type_ == "DATE" and not _counts_noun(doc[p.core], self))
                or (not has_bound and prev in self.year_preps)
                or (not has_bound and (prev in self.months or nxt in self.months))
                or (prev == "," and self._low(doc, p.start - 2).isdigit())):
            return True
        return 1 <= val <= 31 and (
            prev in self.months or nxt in self.months
            or (nxt in self.day_of_words and self._low(doc, p.end + 1) in self.months))

    def _list_number(self, doc: Doc, p: NumberParse, nxt: str, prev: str) -> bool:
        """List numbering: "1." at a line start, "(2)" alone."""
        if self._line_start(doc, p.start) and nxt in self.list_closers:
            return True
        return [prev, nxt] in self.list_brackets

    def _in_designation(self, doc: Doc, p: NumberParse, prev: str) -> bool:
        """"F-16", "MH-17": a hyphen glued to letters before the number."""
        if p.start < 2 or prev not in _HYPHENS or doc[p.start - 1].whitespace_:
            return False
        before = doc[p.start - 2]
        return any(ch.isalpha() for ch in before.text) and not before.whitespace_ \
            and not before.like_num

    def _word_excluded(
        self, doc: Doc, p: NumberParse, nxt: str, prev: str, has_unit: bool
    ) -> bool:
        core = doc[p.core]
        if p.end - p.start == 1 and core.lower_ in self.pronoun_numbers:
            if nxt in self.one_not_before or prev in self.one_not_after:
                return True
            coordinated = core.dep_ == "conj" and core.head.like_num  # "two and one package"
            if core.dep_ not in ("nummod", "quantmod", "compound") and not has_unit \
                    and not coordinated:
                return True
            if core.head.i == core.i or core.head.lemma_ in self.pronoun_heads:
                return True
        return bool(
            core.pos_ == "PROPN"
            and core.is_title
            and core.ent_type_ in self.name_labels
            and not core.is_sent_start
        )

    def _name_excluded(self, doc: Doc, p: NumberParse, prev: str, has_unit: bool) -> bool:
        if p.start == 0 or has_unit:
            return False
        before = doc[p.start - 1]
        if prev in self.name_prefixes:
            return True
        core = doc[p.core]
        counts = p.end < len(doc) and doc[p.end].tag_ in ("NNS", "NNPS")
        if p.is_digit and not counts and (
                (core.ent_type_ in self.name_number_labels and _named(doc, p.core))
                or (core.ent_type_ == "ORG" and core.ent_iob_ == "I")):
            return True  # "Windows 10", "a Boeing 737", "the S&P 500" (not "Labour 203 seats")
        return bool(
            before.tag_ in ("NNP", "NNPS")
            and any(ch.isupper() for ch in before.text)
            and before.lower_ not in self.months
            and (core.head.i == before.i or before.head.i == core.i)
            and p.is_digit
        )


def _named(doc: Doc, i: int) -> bool:
    """Token ``i`` is part of an entity that holds a word, not a bare number the NER
    labelled ("880" tagged FAC in "880 homes")."""
    ent = info(doc).entity_at(i)
    return ent is not None and any(not t.like_num for t in ent)


def _counts_noun(tok: Token, excl: Exclusions) -> bool:
    """True when ``tok`` is the number of a following noun that is not a time word."""
    head = tok.head
    return (
        tok.dep_ == "nummod"
        and head.i > tok.i
        and head.pos_ == "NOUN"
        and head.lower_ not in excl.time_units
    )
