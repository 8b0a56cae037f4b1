"""Finding every time expression in a parsed Doc and resolving it to ISO dates.

Mechanism: the rule patterns (``data/time_patterns.json``) are run as regexes over
``doc.text``; ambiguous words (bare months, bare years, weekdays) are checked against
their context, POS and NER; overlapping candidates are settled longest-first. Hits are then
widened to a modifier ("late on", "just over"), to a clock time attached to a day ("4:42
local time on Saturday"), merged into ranges ("from 2015 to 2017"), and "the previous day",
"a year earlier" and "that year" are counted from the time named just before (see
`claimx.timex.context`, which also moves a weekday, date or month that a future verb or a
forward signal such as "until" governs to its next occurrence); "the year-ago period" and
its kin name the reported quarter a year earlier. Signal words ("since", "as of", "over",
"earlier", "later") stay outside the span, whose interval is the time's own; a claim reads
the signal ("since 1993": 1993 to R, `claimx.timex.resolve.signalled`). Model DATE
entities the rules did not cover are kept when they are deictic ("the bitterly cold winter months"),
resolved by dateparser when they name a month or weekday, else with start/end None.

Clock times on their own ("at 18:00") and durations ("for six months", "36 years old")
are not reported. The ``date YYYY-MM-DD`` header given by the caller is never reported; a
dateline's date is (claims do not take it: it is before the body).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Optional, Union

from claimx.docinfo import info, sent_of
from claimx.rules import Overlay
from claimx.timex import dates as D
from claimx.timex.context import Tense, anchored, to_future
from claimx.timex.parts import PartOf
from claimx.timex.reference import reference_header_span
from claimx.timex.resolve import Resolution, as_day, interpret, normalize
from claimx.timex.rules import LEFT_EDGE, Pattern, Rules, _alt, expand, load_rules, rules_key
from claimx.timex.scan import CombinedScan
from claimx.types import TimeRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


class TimeHit(NamedTuple):
    """One time expression: char offsets into doc.text and its ISO interval (or None)."""

    start_char: int
    end_char: int
    start: Optional[str]
    end: Optional[str]


@dataclass
class _Hit:
    s: int
    e: int
    res: Optional[Resolution]
    priority: int = 0

    @property
    def single_day(self) -> bool:
        return self.res is not None and self.res.resolved and self.res.start == self.res.end


@lru_cache(maxsize=16384)
def _interpret_cached(text: str, ref: Optional[dt.date], key: Optional[str],
                      fallback: bool) -> Optional[Resolution]:
    return interpret(text, ref, load_rules(key), fallback=fallback)


@dataclass
class _Anchors:
    """Per text: each anchor regex's spans (patterns may share one), and the lower-cased
    text that ``anchor_needs`` are looked up in (both found on first use)."""

    text: str
    low: Optional[str] = None
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def lower(self) -> str:
        if self.low is None:
            self.low = self.text.lower()
        return self.low

    def of(self, anchor: re.Pattern[str]) -> list[tuple[int, int]]:
        found = self.spans.get(anchor.pattern)
        if found is None:
            found = self.spans[anchor.pattern] = [a.span() for a in anchor.finditer(self.text)]
        return found


_WINDOW = 64
#: characters before a time in which a forward signal ("as soon as") is looked for
_SIGNAL_WINDOW = 24
#: ``header`` default of `TimeFinder.find`: look for it in the doc's text
DETECT = "detect"
_NBSP = "[^\\S\\n]"


class TimeFinder:
    """Finds and resolves time expressions; build once, call `find` per Doc."""

    def __init__(self, rules_path: Union[str, Path, None] = None,
                 overlays: Optional[Mapping[str, Overlay]] = None) -> None:
        self._key = rules_key(rules_path, overlays)
        self.rules: Rules = load_rules(self._key)
        self._scan: Optional[CombinedScan] = None
        lex = self.rules.lex
        self._month_ctx = {w.lower() for w in lex.get("month_context", [])}
        self._month_dets = {
            w.lower() for w in lex.get("month_modifier_determiners", {}).get("words", [])}
        self._year_ctx = {w.lower() for w in lex.get("year_context", [])}
        self._blocking = set(lex.get("blocking_entity_labels", []))
        self._time_nouns = {w.lower() for w in lex.get("time_nouns", [])}
        self._dayparts = {w.lower() for w in lex.get("dayparts", [])}
        self._time_nouns |= self._dayparts
        self._deictic = {w.lower() for w in lex.get("deictic_words", [])}
        self._names = set(lex["months"]) | set(lex["weekdays"])
        self._clock_words = set(lex.get("clock_words_after_year", []))
        self._words = self.rules.words
        flags = re.IGNORECASE
        mods = _alt(lex.get("span_modifiers", []))
        self._mod_before = re.compile(
            rf"(?<![\w-])((?:{mods}(?:{_NBSP}*-{_NBSP}*|{_NBSP}+))+)$", flags
        )
        friends = _alt(lex.get("weekday_false_friends_before", []))
        self._false_friend = re.compile(rf"(?<!\w){friends}{_NBSP}+$", flags)
        clock = self.rules.clock.pattern if self.rules.clock else "(?!)"
        clock = clock.replace("[^\\S\\n]?", f"{_NBSP}?")
        zones = _alt(lex.get("clock_zones", []))
        self._clock_before = self._clock_before_regex(clock, zones)
        self._clock_after = self._clock_after_regex(clock, zones)
        connectors = _alt(lex.get("range_connectors", []))
        self._connector = re.compile(rf"{_NBSP}*{connectors}{_NBSP}*", flags)
        openers = _alt(lex.get("range_openers", []))
        self._opener_before = re.compile(rf"(?<!\w)({openers}){_NBSP}+$", flags)
        paired_openers = _alt(self._words.paired_openers)
        self._paired_opener_before = re.compile(rf"(?<!\w){paired_openers}{_NBSP}+$", flags)
        self._paired_connector = re.compile(rf"\s{_alt(self._words.paired_connectors)}\s")
        from_next = _alt(lex.get("day_counted_from_next", {}).get("words", []))
        self._day_from_next = re.compile(rf"\b{from_next}$", flags)
        self._tense = Tense(lex)
        self._parts = PartOf(lex)
        q_ana = lex.get("quarter_anaphora", {})
        self._q_phrases = {w.lower() for w in q_ana.get("phrases", [])}
        self._q_kinds = set(q_ana.get("kinds", []))
        self._q_years = set(q_ana.get("year_patterns", []))
        self._q_nouns = {w.lower() for w in q_ana.get("year_nouns", [])}
        year_before = q_ana.get("year_before", {})
        self._year_before, self._period_noun = _year_before_regexes(year_before)
        self._after_period = {w.lower() for w in year_before.get("after", [])}
        signals = _alt(lex.get("signal_modifiers", []))
        self._signal = re.compile(rf"{signals}{_NBSP}+", flags)
        self._skip_anchor = set(lex.get("not_claim_times", {}).get("patterns", []))
        reference = self.rules.reference
        self._header_line = re.compile(
            expand(reference["header"], reference["_frags"]), re.IGNORECASE
        ) if reference.get("header") else None

    def _clock_before_regex(self, clock: str, zones: str) -> re.Pattern[str]:
        """A clock time (zone, note) just before a day: '4:42 local time on Saturday'."""
        day_words = _alt(self.rules.lex.get("clock_links", {}).get("day", []))
        return re.compile(
            rf"(?<![\w:.]){clock}(?:{_NBSP}+{zones})?(?:{_NBSP}*\([^()\n]{{0,40}}\))?,?"
            rf"{_NBSP}+(?:{day_words}{_NBSP}+)?$",
            re.IGNORECASE,
        )

    def _clock_after_regex(self, clock: str, zones: str) -> re.Pattern[str]:
        """A clock time (and zone) just after a day: 'Saturday at 4:42 GMT'."""
        tail_words = _alt(self.rules.lex.get("clock_links", {}).get("tail", []))
        return re.compile(
            rf",?{_NBSP}+(?:{tail_words}{_NBSP}+)?{clock}(?:{_NBSP}+{zones})?(?![\w:])",
            re.IGNORECASE,
        )

    # ------------------------------------------------------------------ public

    def find(self, doc: Doc, reference_date: Optional[dt.date],
             header: Union[tuple[int, int], None, str] = DETECT) -> list[TimeHit]:
        """Every time expression in ``doc``: sorted, non-overlapping, token-aligned; none
        inside ``header`` when it is a ``date YYYY-MM-DD`` header (the character span of the
        text's date header or dateline; by default looked for at the top of the doc, as the
        bundled rules find it). A dateline's date ("LAGOS, May 2 (Reuters) -") is a time of
        the text and is reported; no claim takes it (it is before the body)."""
        reference_date = as_day(reference_date)
        try:
            text = info(doc).text
            if not text or not text.strip():
                return []
            if header == DETECT:
                header = reference_header_span(text)
            hits = self._find(doc, text, reference_date, self._date_header(text, header))
        except (ValueError, OverflowError, IndexError, KeyError, TypeError, RecursionError):
            return []
        out = []
        for h in hits:
            iso = h.res.iso() if h.res is not None else None
            out.append(TimeHit(h.s, h.e, iso[0] if iso else None, iso[1] if iso else None))
        return out

    def _date_header(self, text: str, header: object) -> Optional[tuple[int, int]]:
        """``header`` when it is a ``date YYYY-MM-DD`` line, None for a dateline or none."""
        if not isinstance(header, tuple) or self._header_line is None:
            return None
        return header if self._header_line.match(text, header[0], header[1]) else None

    # ------------------------------------------------------------ the stages

    def _find(self, doc: Doc, text: str, ref: Optional[dt.date],
              header: Optional[tuple[int, int]]) -> list[_Hit]:
        taken = bytearray(len(text) + 1)
        if header:
            taken[header[0]: header[1]] = b"\x01" * (header[1] - header[0])
        rejected = bytearray(len(text) + 1)
        hits = self._rule_hits(doc, text, ref, taken, rejected)
        hits.sort(key=lambda h: h.s)
        hits = [self._widen(doc, text, ref, h) for h in hits]
        hits = self._no_overlap(hits, header)
        if ref is not None:
            self._apply_tense(doc, text, ref, hits)
        hits = self._take_parts(doc, text, hits)
        hits = self._merge_ranges(doc, text, ref, hits)
        self._anchor_reldays(doc, text, hits)
        for h in hits:
            taken[h.s: h.e] = b"\x01" * (h.e - h.s)
        hits.extend(self._entity_hits(doc, text, ref, taken, rejected))
        hits.sort(key=lambda h: h.s)
        hits = self._join_year_before(text, self._no_overlap(hits, header))
        self._quarter_anaphora(text, ref, hits)
        return hits

    def _combined_scan(self) -> CombinedScan:
        """The patterns without an anchor, joined for one pass per text (built on first
        use; anchored patterns are scanned around their anchors by `_matches`)."""
        if self._scan is None:
            self._scan = CombinedScan(
                [p.find if p.anchor is None else None for p in self.rules.patterns],
                prefix=LEFT_EDGE)
        return self._scan

    def _resolve(self, text: str, ref: Optional[dt.date],
                 fallback: bool = False) -> Optional[Resolution]:
        return _interpret_cached(normalize(text, self.rules), ref, self._key, fallback)

    @staticmethod
    def _matches(pattern: Pattern, text: str, anchors: _Anchors) -> Iterator[re.Match[str]]:
        """All matches of a pattern; with an anchor, only windows ending at the anchor."""
        if pattern.anchor is None:
            yield from pattern.find.finditer(text)
            return
        if pattern.anchor_needs:
            low = anchors.lower()
            if not any(word in low for word in pattern.anchor_needs):
                return
        seen = set()
        for a_start, a_end in anchors.of(pattern.anchor):
            lo, hi = max(0, a_start - _WINDOW * 2), min(len(text), a_end + 1)
            for m in pattern.find.finditer(text, lo, hi):
                if m.end() >= a_end and m.span() not in seen:
                    seen.add(m.span())
                    yield m

    def _rule_hits(
        self, doc: Doc, text: str, ref: Optional[dt.date], taken: bytearray, rejected: bytearray
    ) -> list[_Hit]:
        cands = []
        combined = self._combined_scan().finditer(text)
        anchors = _Anchors(text)
        for index, pattern in enumerate(self.rules.patterns):
            found = combined.get(index)
            for m in found if found is not None else self._matches(pattern, text, anchors):
                if any(taken[m.start(): m.end()]):
                    continue
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None or not len(span):
                    continue
                if pattern.check and not self._check(pattern, m, span, doc, text):
                    rejected[m.start(): m.end()] = b"\x01" * (m.end() - m.start())
                    continue
                cands.append((-(span.end_char - span.start_char), index, span.start_char,
                              span.end_char))
        cands.sort()
        hits = []
        for _neg, index, s, e in cands:
            if any(taken[s:e]):
                continue
            res = self._resolve(text[s:e], ref)
            if res is None:
                continue
            taken[s:e] = b"\x01" * (e - s)
            hits.append(_Hit(s, e, res, index))
        for h in hits:  # free the chars again: widening and ranges may use them
            taken[h.s: h.e] = b"\x00" * (h.e - h.s)
        return hits

    # --------------------------------------------------------------- checks

    def _check(self, pattern: Pattern, m: re.Match[str], span: Span, doc: Doc, text: str) -> bool:
        kind = pattern.check
        if kind == "weekday":
            return self._check_weekday(m, doc, text)
        if kind in ("month", "month_range"):
            if kind == "month_range" and not self._range_ok(m.group(0), text, m.start()):
                return False
            return self._check_month(m, doc, span, rel=bool(m.groupdict().get("rel")))
        if kind in ("year", "year_range"):
            if kind == "year_range" and not self._range_ok(m.group(0), text, m.start()):
                return False
            return self._check_year(m, doc, span)
        return True

    def _range_ok(self, matched: str, text: str, start: int) -> bool:
        """'X and Y' is a range only after 'between' (the paired connectors and openers)."""
        low = matched.lower()
        if self._paired_connector.search(low) is None:
            return True
        return low.startswith(tuple(self._words.paired_openers)) or bool(
            self._paired_opener_before.search(text[max(0, start - _WINDOW): start])
        )

    def _token_at(self, doc: Doc, char: int) -> Optional[Token]:
        span = doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _prev_word(self, doc: Doc, tok: Token) -> Optional[Token]:
        i = tok.i - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        return doc[i] if i >= 0 else None

    def _check_weekday(self, m: re.Match[str], doc: Doc, text: str) -> bool:
        tok = self._token_at(doc, m.start("weekday"))
        if tok is None or tok.ent_type_ in self._blocking:
            return False
        if self._false_friend.search(text[max(0, m.start() - _WINDOW): m.start()]):
            return False
        head = tok.head
        return not (
            tok.dep_ == "compound" and head.i > tok.i and head.lower_ not in self._dayparts
        )

    def _check_month(self, m: re.Match[str], doc: Doc, span: Span, rel: bool) -> bool:
        tok = self._token_at(doc, m.start("month"))
        if tok is None or tok.ent_type_ in self._blocking or tok.pos_ in ("AUX", "VERB"):
            return False
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.is_title and nxt.ent_type_ in self._blocking:
            return False  # a month that is a first name ("June Okafor")
        if rel:
            return True
        prev = self._prev_word(doc, span[0])
        if prev is None:
            return False
        return prev.lower_ in self._month_ctx or (
            prev.lower_ in self._month_dets and _modifies_noun(tok))

    def _check_year(self, m: re.Match[str], doc: Doc, span: Span) -> bool:
        tok = self._token_at(doc, m.start("year"))
        if tok is None or tok.ent_type_ in self._blocking:
            return False
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.text in self._clock_words:
            return False  # "(1800 UTC)"
        if tok.ent_type_ in ("DATE", "TIME") or tok.lower_.startswith(
                self._words.attached_modifiers):
            return True
        prev = self._prev_word(doc, span[0])
        return prev is not None and prev.lower_ in self._year_ctx

    # ------------------------------------------------------------- widening

    def _widen(self, doc: Doc, text: str, ref: Optional[dt.date], h: _Hit) -> _Hit:
        """Take in a modifier before the hit and a clock time attached to a day; leave a
        leading signal word out."""
        h = self._cut_signal(doc, text, ref, h)
        before = text[max(0, h.s - _WINDOW): h.s]
        m = self._mod_before.search(before)
        if m:
            s = self._after_signal(text, h.s - len(m.group(1)), h.s)
            span = doc.char_span(s, h.e, alignment_mode="contract")
            if s < h.s and span is not None and span.start_char == s:
                res = self._resolve(text[s: h.e], ref)
                if res is not None and (res.resolved or not h.res or not h.res.resolved):
                    h = _Hit(s, h.e, res, h.priority)
        if h.res is not None and h.res.kind in ("weekday", "date", "offset"):
            before = text[max(0, h.s - _WINDOW): h.s]
            m = self._clock_before.search(before)
            if m:
                s = h.s - len(m.group(0))
                span = doc.char_span(s, h.e)
                if span is not None:
                    h = _Hit(s, h.e, h.res, h.priority)
            m = self._clock_after.match(text, h.e, min(len(text), h.e + _WINDOW))
            if m:
                span = doc.char_span(h.s, m.end())
                if span is not None:
                    h = _Hit(h.s, m.end(), h.res, h.priority)
        return h

    def _after_signal(self, text: str, s: int, hit_start: int) -> int:
        """Where a widened hit's span begins: after a leading signal word ("since 1993",
        "as of Sept. 30", "over the weekend" span the time alone, and the interval is the
        time's own; a claim reads the signal, see `claimx.timex.resolve.signalled`)."""
        m = self._signal.match(text, s, hit_start)
        return m.end() if m else s

    def _cut_signal(self, doc: Doc, text: str, ref: Optional[dt.date], h: _Hit) -> _Hit:
        """A hit opening with a signal word ("earlier this week", "later today") spans the
        time after it, with that time's own interval, when that time resolves alone."""
        m = self._signal.match(text, h.s, h.e)
        if m is None or m.end() >= h.e or doc.char_span(m.end(), h.e) is None:
            return h
        res = self._resolve(text[m.end(): h.e], ref)
        return _Hit(m.end(), h.e, res, h.priority) if res is not None and res.resolved else h

    def _no_overlap(self, hits: list[_Hit], header: Optional[tuple[int, int]]) -> list[_Hit]:
        out: list[_Hit] = []
        for h in sorted(hits, key=lambda x: (x.s, -(x.e - x.s))):
            if h.e <= h.s:
                continue
            if header and h.s < header[1] and h.e > header[0]:
                continue
            if out and h.s < out[-1].e:
                if (h.e - h.s) > (out[-1].e - out[-1].s):
                    out[-1] = h
                continue
            out.append(h)
        return out

    def _merge_ranges(self, doc: Doc, text: str, ref: Optional[dt.date],
                      hits: list[_Hit]) -> list[_Hit]:
        """Each two neighbouring hits that make a range ("from 2015 to 2017") made one."""
        out: list[_Hit] = []
        i = 0
        while i < len(hits):
            merged = self._range_of(doc, text, ref, hits[i], hits[i + 1]) \
                if i + 1 < len(hits) else None
            out.append(merged or hits[i])
            i += 2 if merged is not None else 1
        return out

    def _range_of(self, doc: Doc, text: str, ref: Optional[dt.date], a: _Hit,
                  b: _Hit) -> Optional[_Hit]:
        """Hits ``a`` and ``b`` with their connector (and opener) as one resolved range, or
        None when they make no range."""
        gap = text[a.e: b.s]
        conn = self._connector.fullmatch(gap) if len(gap) < 16 else None
        if not conn or not _in_order(a.res, b.res):
            return None
        s = self._range_start(text, a, gap)
        if s is None:
            return None
        res = self._resolve(text[s: b.e], ref)
        if res is None or not res.resolved or doc.char_span(s, b.e) is None:
            return None
        return _Hit(s, b.e, res, a.priority)

    def _range_start(self, text: str, a: _Hit, gap: str) -> Optional[int]:
        """Where a range opening with hit ``a`` starts (at its opener, "from"), or None when
        a paired connector ("and") lacks its opener ("between")."""
        opener = self._opener_before.search(text[max(0, a.s - 16): a.s])
        if gap.strip().lower() in self._words.paired_connectors and (
            opener is None or opener.group(1).lower() not in self._words.paired_openers
        ):
            return None
        return a.s - len(opener.group(0)) if opener else a.s

    def _sent_index(self, doc: Doc, char: int) -> int:
        tok = self._token_at(doc, char)
        if tok is None:
            return -1
        if doc.has_annotation("SENT_START"):
            return sent_of(tok).start
        return text_paragraph(info(doc).text, char)

    def _apply_tense(self, doc: Doc, text: str, ref: dt.date, hits: list[_Hit]) -> None:
        """A weekday, date, month or season that a future verb governs ("will vote on
        Tuesday") or a forward signal opens ("postponed until Tuesday") moves to its next
        occurrence."""
        for h in hits:
            if not self._tense.applies(h.res, text[h.s: h.e]):
                continue
            last = self._token_at(doc, h.e - 1)
            if last is not None and last.dep_ == "poss":
                continue  # "Wednesday's ruling": the time of a noun, not of the verb
            tok = self._token_at(doc, h.s)
            if tok is not None and (self._tense.is_future(tok) or self._tense.looks_ahead(
                    text[max(0, h.s - _SIGNAL_WINDOW): h.s], tok)):
                h.res = to_future(h.res, ref)  # type: ignore[arg-type]

    def _take_parts(self, doc: Doc, text: str, hits: list[_Hit]) -> list[_Hit]:
        """"the first week of May", "the last two quarters of 1990": the part phrase joins
        the time (dropping a hit it held) and cuts its interval."""
        out: list[_Hit] = []
        for h in hits:
            m = self._parts.before(text, h.s) if h.res is not None else None
            res = self._parts.narrow(m, h.res) if m and h.res is not None else None
            if m and res is not None and doc.char_span(m.start(), h.e) is not None:
                while out and out[-1].e > m.start():
                    out.pop()
                h = _Hit(m.start(), h.e, res, h.priority)
            out.append(h)
        return out

    def _anchor_reldays(self, doc: Doc, text: str, hits: list[_Hit]) -> None:
        """'the previous day', 'a year earlier', 'that year' -> counted from the time named
        just before (or after 'the day before'); unresolved when there is none."""
        for i, h in enumerate(hits):
            if h.res is None or h.res.kind not in ("relday", "rel_n", "rel_period"):
                continue
            if h.res.kind != "rel_period" and h.res.amount is None:
                continue
            nxt = hits[i + 1] if i + 1 < len(hits) else None
            anchor = None
            if (
                nxt is not None and nxt.single_day and not text[h.e: nxt.s].strip()
                and self._day_from_next.search(text[h.s: h.e])
            ):
                anchor, h.e = nxt, nxt.e
                hits[i + 1] = _Hit(nxt.s, nxt.s, None)  # swallowed; dropped by _no_overlap
            else:
                anchor = self._previous_time(doc, hits, i)
            if anchor is not None and anchor.res is not None:
                res = anchored(h.res, anchor.res)
                if res is not None:
                    h.res = res

    def _quarter_anaphora(self, text: str, ref: Optional[dt.date], hits: list[_Hit]) -> None:
        """"the quarter", "that quarter" -> the quarter the text named last before it;
        "the year-ago period", "year-earlier" -> the last one named that had ended by R (a
        reported quarter, not a forecast one), a year earlier."""
        last: Optional[Resolution] = None
        done: Optional[Resolution] = None
        for h in hits:
            words = _words(text, h)
            if h.res is not None and h.res.kind in self._q_kinds and h.res.resolved:
                last = h.res
                done = h.res if ref is None or (h.res.end and h.res.end <= ref) else done
            elif last is None:
                continue
            elif words in self._q_phrases:
                h.res = replace(last, kind="quarter_rel", pattern="anaphora")
            elif self._quarter_of_year(text, h):
                h.res = _in_year(last, h.res)  # type: ignore[arg-type]
            elif done is not None and self._names_year_before(words, h.res):
                h.res = _year_before(done)

    def _names_year_before(self, words: str, res: Optional[Resolution]) -> bool:
        """"the year-ago period", "year-earlier", "the quarter a year ago" (resolved or not),
        or "a year earlier" that nothing anchored."""
        m = self._year_before.fullmatch(words)
        if m is None:
            return False
        return bool(m.group("word") or m.group("after")) or res is None or not res.resolved

    def _join_year_before(self, text: str, hits: list[_Hit]) -> list[_Hit]:
        """"the corresponding period" + "last year", "the quarter" + "a year ago": one hit,
        read as the second until `_quarter_anaphora` finds the quarter it names."""
        out: list[_Hit] = []
        for h in hits:
            prev = out[-1] if out else None
            if prev is not None and self._period_then_year_before(text, prev, h):
                out[-1] = _Hit(prev.s, h.e, h.res, prev.priority)
                continue
            out.append(h)
        return out

    def _period_then_year_before(self, text: str, a: _Hit, b: _Hit) -> bool:
        """``a`` is "the corresponding period" and ``b``, on the same line right after it,
        "last year"."""
        gap = text[a.e: b.s]
        return not gap.strip() and "\n" not in gap \
            and _words(text, b) in self._after_period \
            and self._period_noun.fullmatch(_words(text, a)) is not None

    def _quarter_of_year(self, text: str, h: _Hit) -> bool:
        """"the 1988 quarter": a year pattern ending in a quarter noun."""
        words = text[h.s: h.e].lower().split()
        return (h.res is not None and h.res.pattern in self._q_years
                and bool(words) and words[-1] in self._q_nouns)

    def _previous_time(self, doc: Doc, hits: list[_Hit], i: int) -> Optional[_Hit]:
        """The nearest resolved time before hit ``i``, in its sentence or the one before."""
        for prev in reversed(hits[max(0, i - 3): i]):
            if prev.res is None or not prev.res.resolved or prev.res.pattern in self._skip_anchor:
                continue
            here, there = self._sent_index(doc, hits[i].s), self._sent_index(doc, prev.s)
            if here == there or self._sents_apart(doc, prev.s, hits[i].s) <= 1:
                return prev
            return None
        return None

    def _sents_apart(self, doc: Doc, a: int, b: int) -> int:
        ta, tb = self._token_at(doc, a), self._token_at(doc, b)
        if ta is None or tb is None or not doc.has_annotation("SENT_START"):
            return 99
        n = 0
        for tok in doc[ta.i + 1: tb.i + 1]:
            if tok.is_sent_start:
                n += 1
                if n > 1:
                    break
        return n

    # ------------------------------------------------------- model entities

    def _entity_hits(
        self, doc: Doc, text: str, ref: Optional[dt.date], taken: bytearray, rejected: bytearray
    ) -> list[_Hit]:
        out = []
        for ent in info(doc).ents:
            if ent.label_ != "DATE":
                continue
            toks = [t for t in ent if not t.is_space]
            if not toks:
                continue
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            if any(taken[s:e]) or any(rejected[s:e]):
                continue
            words = {t.lower_ for t in toks}
            named = bool(words & self._names)
            if not (words & self._deictic) and not named:
                continue
            if any(
                t.pos_ in ("NOUN", "PROPN") and t.lower_ not in self._time_nouns
                and t.lower_ not in self._names for t in toks
            ):
                continue  # "the four day convention", "the eve of Independence Day"
            res = self._resolve(text[s:e], ref, fallback=True)
            if res is None or not res.resolved:
                if not (words & self._time_nouns) or not (words & self._deictic):
                    continue
                res = Resolution("unresolved", None, None, "entity")
            out.append(_Hit(s, e, res, 99))
            taken[s:e] = b"\x01" * (e - s)
        return out


def _in_year(quarter: Resolution, year: Resolution) -> Resolution:
    """``quarter`` moved to the year ``year`` names ("the 1988 quarter")."""
    if quarter.start is None or quarter.end is None or year.start is None:
        return year
    y = year.start.year
    start = dt.date(y, quarter.start.month, 1)
    end = D.month_end(y, quarter.end.month)
    return replace(quarter, start=start, end=end, kind="quarter_rel", pattern="anaphora")


def _words(text: str, h: _Hit) -> str:
    """The hit's words in lower case, single-spaced."""
    return " ".join(text[h.s: h.e].lower().split())


def _modifies_noun(tok: Token) -> bool:
    """``tok`` modifies a common noun after it ("a June agreement")."""
    head = tok.head
    return tok.dep_ in ("compound", "nmod", "amod") and head.i > tok.i and head.pos_ == "NOUN"


def _year_before_regexes(spec: Mapping[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"[leading words] year-ago [noun]" (group ``word``), "[leading words] noun a year
    ago" (group ``after``) or one of the phrases; and "[leading words] noun" alone."""
    words, phrases = _alt(spec.get("words", [])), _alt(spec.get("phrases", []))
    leading, nouns = _alt(spec.get("leading", [])), _alt(spec.get("nouns", []))
    after = _alt(spec.get("after", []))
    lead = rf"(?:{leading} ){{0,2}}"
    return (re.compile(rf"{lead}(?:(?P<word>{words})(?: {nouns})?|{nouns} (?P<after>{after}))"
                       rf"|{phrases}"),
            re.compile(rf"{lead}{nouns}"))


def _year_before(quarter: Resolution) -> Resolution:
    """``quarter`` a year earlier."""
    if quarter.start is None or quarter.end is None:
        return quarter
    start, last = D.add_months(quarter.start, -12), D.add_months(quarter.end, -12)
    return replace(quarter, start=start, end=D.month_end(last.year, last.month),
                   kind="quarter_rel", pattern="anaphora")


def _in_order(a: Optional[Resolution], b: Optional[Resolution]) -> bool:
    """Two times that can open and close a range: both read, the first not after the second
    ("Friday to December's figures" is no range)."""
    if a is None or b is None:
        return False
    return a.start is None or b.start is None or a.start <= b.start


def text_paragraph(text: str, char: int) -> int:
    """Index of the paragraph (blank-line separated) holding ``char``."""
    return text.count("\n\n", 0, max(0, char))


def find_times(finder: TimeFinder, doc: Doc, reference_date: Optional[dt.date],
               header: Optional[tuple[int, int]] = None) -> list[TimeRef]:
    """Every time expression in ``doc`` as a `TimeRef`."""
    text = info(doc).text
    return [TimeRef(text[h.start_char:h.end_char], (h.start_char, h.end_char), h.start, h.end)
            for h in finder.find(doc, reference_date, header)]
