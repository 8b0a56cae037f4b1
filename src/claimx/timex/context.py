"""Reading a time expression against its sentence: tense (a time the verb puts in the
future) and the earlier time an anaphoric expression ("that year", "a year earlier") counts
from. Pure helpers for `claimx.timex.finder`."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Optional

from claimx.timex import dates as D
from claimx.timex.resolve import Resolution, period_bounds, period_shift
from claimx.timex.rules import _alt

if TYPE_CHECKING:
    from spacy.tokens import Token

#: kinds whose interval the tense can move to the next occurrence
FUTURE_KINDS = frozenset({"month", "weekday", "date", "day_range", "season", "month_range"})
_YEAR = re.compile(r"\d{4}|'\d\d")
_MAX_STEPS = 5


class Tense:
    """The future markers of the lexicon (``future_markers``), as sets of lower-case words."""

    def __init__(self, lex: Mapping[str, Any]) -> None:
        markers = lex.get("future_markers", {})
        self.aux = {w.lower() for w in markers.get("auxiliaries", [])}
        self.perfect = {w.lower() for w in markers.get("perfect", [])}
        self.words = {w.lower() for w in markers.get("words", [])}
        self.going = {w.lower() for w in markers.get("going", [])}
        self.past_perfect = {w.lower() for w in markers.get("past_perfect", [])}
        self.infinitive = {w.lower() for w in markers.get("infinitive", [])}
        self.be_to = {w.lower() for w in markers.get("be_to", [])}
        self.past_tags = set(markers.get("past_tags", []))
        self.fixed = {w.lower() for w in lex.get("weekday_relatives", {})}
        self.fixed |= {w.lower() for w in markers.get("fixed", [])}
        ahead = lex.get("forward_signals", {})
        self.ahead = re.compile(
            rf"(?<![\w-])(?:(?P<neg>{_alt(ahead.get('negations', []))})\s+)?"
            rf"(?:(?P<until>{_alt(ahead.get('until', []))})|{_alt(ahead.get('words', []))})\s+$",
            re.IGNORECASE)
        self.deferrals = {w.lower() for w in ahead.get("deferrals", [])}

    def _verb(self, token: Token) -> Optional[Token]:
        """The verb (or predicate adjective) the time hangs from, a few heads up."""
        for _ in range(_MAX_STEPS):
            if token.pos_ in ("VERB", "AUX") or token.lower_ in self.words:
                return token
            if token.head.i == token.i:
                return None
            token = token.head
        return None

    def _aux_in(self, token: Token, words: set[str]) -> bool:
        """``token`` has an auxiliary child among ``words``."""
        return any(c.dep_.startswith("aux") and c.lower_ in words for c in token.children)

    def _past_perfect(self, word: Token) -> bool:
        """A marker word under "had" ("had been due to expire"), on itself or its copula."""
        heads = (word, word.head) if word.dep_ == "acomp" else (word,)
        return any(self._aux_in(t, self.past_perfect) for t in heads)

    def _marked(self, verb: Token) -> bool:
        if verb.lower_ in self.words or verb.lemma_.lower() in self.words:
            return not self._past_perfect(verb)
        for child in verb.children:
            if child.dep_.startswith("aux") and child.lower_ in self.aux:
                return not any(c.lower_ in self.perfect for c in verb.children)
        return False

    def is_future(self, token: Token) -> bool:
        """True when the verb governing ``token`` (or the verb it completes: "is set to
        resume", "is going to vote") marks the future."""
        verb = self._verb(token)
        if verb is None:
            return False
        if self._marked(verb):
            return True
        infinitive = self._aux_in(verb, self.infinitive)
        if verb.dep_ in ("relcl", "acl") and infinitive:
            return True
        if verb.tag_ in self.past_tags and not infinitive:
            return False
        head = verb.head
        if head.i == verb.i or verb.dep_ not in ("xcomp", "ccomp", "advcl"):
            return False
        return head.lower_ in self.going or self._marked(head) or (
            infinitive and head.lemma_.lower() in self.be_to)

    def looks_ahead(self, before: str, token: Token) -> bool:
        """True when ``before`` (the text up to the time) ends in a forward signal
        ("effective Feb. 1", "postponed until Tuesday") that no negation precedes, and the
        verb governing ``token`` has no past-perfect auxiliary ("until Monday, they had"),
        nor, after "until", is a past verb other than a deferral ("lasted until Monday")."""
        m = self.ahead.search(before)
        if m is None or m.group("neg"):
            return False
        verb = self._verb(token)
        if verb is None:
            return True
        if self._aux_in(verb, self.past_perfect):
            return False
        return not (m.group("until") and verb.tag_ in self.past_tags
                    and verb.lemma_.lower() not in self.deferrals)

    def applies(self, res: Optional[Resolution], text: str) -> bool:
        """A resolved time of a movable kind with no year or relative word of its own."""
        if res is None or not res.resolved or res.kind not in FUTURE_KINDS:
            return False
        if _YEAR.search(text):
            return False
        return not any(w in self.fixed for w in text.lower().split())


def to_future(res: Resolution, ref: dt.date) -> Resolution:
    """The next occurrence of a weekday, date, month or season when it lies wholly before
    R (a weekday: the earliest not before R, so "will vote Tuesday" on a Tuesday is R)."""
    start, end = res.start, res.end
    if start is None or end is None:
        return res
    if res.kind == "weekday":
        while start < ref:
            start += dt.timedelta(days=7)
        return replace(res, start=start, end=start)
    if end >= ref:
        return res
    try:
        next_start, next_end = D.add_months(start, 12), D.add_months(end, 12)
    except ValueError:
        return res
    if end == D.month_end(end.year, end.month):
        next_end = D.month_end(next_end.year, next_end.month)
    return replace(res, start=next_start, end=next_end)


def _aligned(start: dt.date, end: dt.date) -> bool:
    """Whole calendar months from ``start`` to ``end``."""
    return start.day == 1 and end == D.month_end(end.year, end.month)


def anchored(res: Resolution, anchor: Resolution) -> Optional[Resolution]:
    """``res`` ("the day before", "two years later", "that year") counted from ``anchor``;
    None when the two do not fit (a day counted from a whole year)."""
    a_start, a_end = anchor.start, anchor.end
    if a_start is None or a_end is None:
        return None
    if res.kind == "rel_period":
        if not res.unit:
            return None
        start, end = period_bounds(res.unit, period_shift(res.unit, a_start, res.delta))
        return Resolution("rel_period", start, end, "anchored", res.delta, res.amount, res.unit)
    if res.amount is None:
        return None
    months, days = res.amount
    sign = -1 if res.delta < 0 else 1
    if a_start == a_end:
        day = D.shift(a_start, months, days, sign)
        return Resolution("relday", day, day, "anchored", res.delta, res.amount)
    if days or months != int(months) or not months or not _aligned(a_start, a_end):
        return None
    start = D.add_months(a_start, sign * int(months))
    last = D.add_months(dt.date(a_end.year, a_end.month, 1), sign * int(months))
    return Resolution("relday", start, D.month_end(last.year, last.month), "anchored",
                      res.delta, res.amount)
