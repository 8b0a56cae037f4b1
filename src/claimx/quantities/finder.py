"""Finding every number stated as a quantity in a parsed spaCy Doc.

``QuantityFinder(lexicon_path).find(doc, exclude)`` returns sorted, non-overlapping
`QuantityHit` tuples: value, bound, range, unit and the counted entity.
"""
from __future__ import annotations

import bisect
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Optional, Union

from claimx.docinfo import info, sent_of
from claimx.quantities.entity import Entity, EntityFinder
from claimx.quantities.exclusions import Exclusions
from claimx.quantities.lexicon import load_lexicon
from claimx.quantities.numbers import NumberParse, NumberParser
from claimx.quantities.units import CurrencyTable, UnitTable
from claimx.quantities.vague import VagueParser
from claimx.rules import Overlay
from claimx.spanindex import word_text
from claimx.types import BOUNDS, Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_HAS_DIGIT = re.compile(r"\d")
_HYPHENS = frozenset({"-", "\u2010"})
#: the first and the following digit groups of a number split by spaces ("12 345 678.5")
_GROUP_HEAD = re.compile(r"\d{1,3}")
_GROUP_TAIL = re.compile(r"\d{3}(?:\.\d+)?")
_NON_UNIT_POS = frozenset(
    {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "ADV", "NUM", "INTJ"}
)


class QuantityHit(NamedTuple):
    """One quantity: ``doc.text[start_char:end_char]`` is its surface."""

    start_char: int
    end_char: int
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    bound: str
    unit: Optional[str]
    entity: Optional[str]


def _wordy(ent: Optional[Entity]) -> Optional[Entity]:
    """The entity, unless it has no letter or digit (an emoji or a joiner is no entity)."""
    return ent if ent is not None and word_text(ent.text) is not None else None


class _Unit(NamedTuple):
    name: Optional[str]
    start: int
    end: int


class _Around(NamedTuple):
    """What stands around a number: the currency or unit before it (``cur``), where the
    quantity starts without its bound (``start``), the unit after it, and its bound word
    before it (bound, first token)."""

    cur: Optional[_Unit]
    start: int
    unit: Optional[_Unit]
    lead: Optional[tuple[str, int]]


#: a range: its second number, that number's unit, low and high
_Range = tuple[NumberParse, Optional[_Unit], float, float]
#: a range written as one token: its number parse, low and high
_TokenRange = tuple[NumberParse, float, float]


class _Listing(NamedTuple):
    """ "120 km/h (75 mph)", "EUR20,000 (GBP17,500; USD22,900)": the text between two
    quantities that opens a conversion in brackets (``openers``), which measures the same
    thing, and what separates the conversions listed in it (``separators``)."""

    openers: frozenset[str]
    separators: frozenset[str]


class _Ctx:
    """Per-document token views."""

    def __init__(self, doc: Doc, currencies: CurrencyTable, exclude: Sequence[tuple[int, int]],
                 group_separators: frozenset[str] = frozenset(),
                 approximate: frozenset[str] = frozenset()):
        self.doc = doc
        self.n = len(doc)
        table = info(doc)
        self.words = list(table.words)  # a copy: currency prefixes are split off below
        self.low = table.lowers
        spaced = table.spaced
        self.attached = [False, *(not space for space in spaced[:-1])] if self.n else []
        self.ends: dict[tuple[int, int], int] = {}
        self.prefix_currency: dict[int, str] = {}
        self.margin: set[int] = set()
        #: tokens whose approximate sign ("~295") was taken off: their bound is "about"
        self.approx: set[int] = set()
        # only a token with a digit can lose a currency prefix ("HK$10"), and only one
        # with a leading "±" is a margin of error
        self.digits = table.digit_tokens
        marked = [i for i, w in enumerate(self.words) if w[:1] == "\u00b1"] \
            if "\u00b1" in table.text else []
        for i in sorted({*self.digits, *marked}):
            w = self.words[i]
            if w[:1] == "\u00b1" and len(w) > 1:  # "±3": a margin of error
                self.margin.add(i)
                self.words[i] = w = w[1:]
            elif w[:1] in approximate and len(w) > 1 and w[1].isdigit():  # "~295"
                self.approx.add(i)
                self.words[i] = w = w[1:]
            if (w and not w[0].isalnum()) or (len(w) > 3 and w[:3].isupper() and w[:3].isalpha()
                                               or "$" in w[:4]):
                split = currencies.split_prefix(w)
                if split is not None:
                    self.prefix_currency[i] = currencies.symbols[split[0]]
                    self.words[i] = split[1]
        self.groups = self._digit_groups(group_separators)
        spans = sorted((int(a), int(b)) for a, b in exclude if b > a)
        merged: list[list[int]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.ex_starts = [a for a, _ in merged]
        self.ex_ends = [b for _, b in merged]

    def _digit_groups(self, separators: frozenset[str]) -> dict[int, int]:
        """Digit groups split by a no-break or thin space ("1\u00a0200", a token each):
        the first token's word becomes the whole number ("1,200"); the map gives, for that
        token, the index after the group's last token."""
        words = self.words
        groups: dict[int, int] = {}
        if separators.isdisjoint(words):
            return groups
        k = 1
        while k < self.n - 1:
            if words[k] in separators and _GROUP_HEAD.fullmatch(words[k - 1]) \
                    and self.attached[k] and k - 1 not in groups:
                start, parts = k - 1, [words[k - 1]]
                while k < self.n - 1 and words[k] in separators and self.attached[k] \
                        and self.attached[k + 1] and _GROUP_TAIL.fullmatch(words[k + 1]):
                    parts.append(words[k + 1])
                    k += 2
                if len(parts) > 1:
                    words[start] = ",".join(parts)
                    groups[start] = k
            k += 1
        return groups

    def excluded(self, start_char: int, end_char: int) -> bool:
        """True when [start_char, end_char) overlaps an exclude span."""
        k = bisect.bisect_left(self.ex_ends, start_char + 1)
        return k < len(self.ex_starts) and self.ex_starts[k] < end_char

    def last_token(self, hit: QuantityHit) -> int:
        """Index of the last token of ``hit`` (recorded when it was made)."""
        return self.ends.get((hit.start_char, hit.end_char), -1)

    def record(self, hit: QuantityHit, end: int) -> QuantityHit:
        """Remember that ``hit`` ends with token ``end - 1``."""
        self.ends[(hit.start_char, hit.end_char)] = end - 1
        return hit

    def lw(self, i: int) -> str:
        return self.low[i] if 0 <= i < self.n else ""


class QuantityFinder:
    """Find quantities in parsed Docs. Loads its data once; ``find`` is pure."""

    def __init__(self, lexicon_path: Union[str, Path, None] = None,
                 overlays: Optional[Mapping[str, Overlay]] = None) -> None:
        lex = load_lexicon(lexicon_path, overlays)
        self.numbers = NumberParser(lex["numbers"])
        self.vague = VagueParser(lex["vague"])
        self.currencies = CurrencyTable(lex["currencies"])
        self.units = UnitTable(lex["units"])
        self.exclusions = Exclusions(lex["exclusions"])
        self.entities = EntityFinder(lex["entities"], self.exclusions.time_units,
                                     is_unit=lambda w: self.units.lookup(w) is not None)
        b = lex["bounds"]
        self.before = {tuple(x["text"].lower().split()): x for x in b.get("before", [])}
        self.after = {tuple(x["text"].lower().split()): x for x in b.get("after", [])}
        self.before_len = max((len(k) for k in self.before), default=1)
        self.after_len = max((len(k) for k in self.after), default=1)
        self.intensifiers = {tuple(x.lower().split()) for x in b.get("intensifiers", [])}
        self.bound_verbs: dict[str, str] = dict(b.get("verbs", {}))
        self.range_open: dict[str, str] = dict(b.get("range_open", {}))
        self.range_joiners = frozenset(b.get("range_joiners", []))
        self.change_verbs = frozenset(b.get("change_verbs", []))
        self.change_openers = frozenset(b.get("change_openers", []))
        self.opener_joiners = frozenset(b.get("opener_joiners", []))
        self.margin_before = frozenset(tuple(x.lower().split()) for x in b.get("margin_before", []))
        self.approximate = frozenset(b.get("approximate_signs", []))
        self.scoreline_joiners = frozenset(b.get("scoreline_joiners", []))
        self.determiner_not_bound = frozenset(
            tuple(x.lower().split()) for x in b.get("determiner_not_bound", []))
        u = lex["units"]
        self.percent = {
            tuple(k.lower().split()): v for k, v in u.get("percent", {}).items() if v
        }
        self.percent_len = max((len(k) for k in self.percent), default=1)
        for entry in list(self.before.values()) + list(self.after.values()):
            if entry.get("bound") not in BOUNDS:
                raise ValueError(f"unknown bound in quantity lexicon: {entry!r}")
        self.starters = self.numbers.start_words() | self.vague.start_words()
        self.units_before: dict[str, str] = dict(u.get("units_before", {}))
        self.not_after_words = frozenset(lex["numbers"].get("fraction_not_after", []))
        self.no_entity_units = frozenset(u.get("no_entity_units", []))
        self.duration_unit = str(u["duration_unit"])
        self.unit_entities = frozenset(u.get("unit_entities", []))
        self.lowercase_symbols = frozenset(lex["currencies"].get("symbols_lowercase", []))
        self.age_words = frozenset(lex["exclusions"].get("age_words", []))
        ent = lex["entities"]
        self.listed = _Listing(frozenset(ent.get("conversion_openers", [])),
                               frozenset(ent.get("list_separators", [])))

    def _may_start(self, ctx: _Ctx, i: int) -> bool:
        """Can a quantity begin at token ``i``? Digits, or a word that starts a number or
        a vague amount; every other token is skipped without parsing."""
        word = ctx.words[i]
        return (_HAS_DIGIT.search(word) is not None or word.lower() in self.starters
                or ctx.low[i] in self.starters)

    # -- public --------------------------------------------------------------------------
    def find(self, doc: Doc, exclude: Sequence[tuple[int, int]] = ()) -> list[QuantityHit]:
        """Every quantity in ``doc``, sorted and non-overlapping; ``exclude`` are char spans
        (time expressions) whose numbers are not quantities."""
        ctx = _Ctx(doc, self.currencies, exclude, self.numbers.group_separators,
                   self.approximate)
        hits: list[QuantityHit] = []
        starters = self.starters
        # the tokens `_may_start` can accept: those with a digit, a starter word, or a
        # word changed by `_Ctx` (a prefix or margin sign taken off)
        worded = [i for i, low in enumerate(ctx.low) if low in starters]
        nxt = 0
        for i in sorted({*ctx.digits, *worded, *ctx.margin, *ctx.prefix_currency}):
            if i < nxt or not self._may_start(ctx, i):
                continue
            hit, after = self._at(ctx, i)
            if hit is not None:
                hits.append(hit)
            nxt = max(after, i + 1)
        hits = _score_units(ctx, _non_overlapping(hits), self.scoreline_joiners)
        return _inherit_listed(ctx, hits, self.listed)

    # -- one candidate -------------------------------------------------------------------
    def _is_num(self, text: str) -> bool:
        return self.numbers.is_number_token(text)

    def _parse(self, ctx: _Ctx, i: int) -> Optional[NumberParse]:
        p = self.numbers.parse(ctx.words, i, ctx.attached)
        if p is None:
            return None
        # "over one 1,000 deaths": a number word followed by a digit number -> the digits
        if not p.is_digit and p.scale == 1.0 and p.end < ctx.n:
            q = self.numbers.parse(ctx.words, p.end, ctx.attached)
            if q is not None and q.is_digit and q.start == p.end and not (
                    q.end < ctx.n and ctx.attached[q.end] and ctx.words[q.end] in _HYPHENS):
                return q._replace(start=p.start)
        return p

    def _token_range(self, ctx: _Ctx, i: int) -> Optional[_TokenRange]:
        """A range written as one token: "15\u201325 million"."""
        ab = self.numbers.token_range(ctx.words[i])
        if ab is None:
            return None
        scale, k = self.numbers.scales_after(ctx.words, i + 1)
        low, high = ab[0] * scale, ab[1] * scale
        if not (math.isfinite(low) and math.isfinite(high) and low < high):
            return None
        ylo, yhi = self.exclusions.year_lo, self.exclusions.year_hi
        if scale == 1.0 and ylo <= ab[0] <= yhi and ylo <= ab[1] <= yhi and ab[0] % 1 == 0:
            return None
        chunk = self.exclusions.chunk(ctx.doc, i)
        if self.exclusions.phone.match(chunk) or self.exclusions.version.match(chunk):
            return None
        return NumberParse(i, k, high, ab[1], scale, i, True), low, high

    def _number_at(self, ctx: _Ctx, i: int) -> Optional[NumberParse]:
        """The number starting at token ``i``, if it is one that can be a quantity."""
        p = self._parse(ctx, i)
        if p is not None and p.end - 1 in ctx.groups:  # "1\u00a0200": the whole group
            p = p._replace(end=ctx.groups[p.end - 1])
        if p is None:
            return None
        if not p.is_digit and ctx.lw(p.start - 1) in self.not_after_words \
                and ctx.low[p.core] in self.numbers.fractions:
            return None  # "the second half of", "the first quarter of"
        if p.value < 0 and ctx.low[p.start] in self.numbers.minus \
                and _preceded_by(ctx, p.start, self.margin_before):
            return self._parse(ctx, p.start + 1)  # "plus or minus 3.1": a margin, unsigned
        return p

    def _at(self, ctx: _Ctx, i: int) -> tuple[Optional[QuantityHit], int]:
        """The quantity starting at token ``i`` (or None) and the token to go on from."""
        p = self._number_at(ctx, i)
        token_rng = None
        if p is None:
            token_rng = self._token_range(ctx, i)
            if token_rng is None:
                return (self._duration_at(ctx, i) or self._article_unit_at(ctx, i)
                        or self._vague_at(ctx, i))
            p = token_rng[0]
        return self._number_hit(ctx, p, token_rng)

    def _around(self, ctx: _Ctx, p: NumberParse) -> _Around:
        """The currency or unit before the number, the unit after it and a bound before it."""
        cur_before = self._currency_before(ctx, p.start)
        cur_start = cur_before.start if cur_before else p.start
        if cur_before is None and p.core in ctx.prefix_currency:
            cur_before = _Unit(ctx.prefix_currency[p.core], p.start, p.start)
        unit = self._unit_after(ctx, p.end, p.scale)
        lead = self._bound_before(ctx, cur_start, unit.end if unit else p.end)
        if lead is None and p.start in ctx.margin:
            lead = ("exact", p.start)
        if lead is None and p.start in ctx.approx:
            lead = ("about", p.start)               # "~295 km/h"
        if cur_before is None:
            cur_before = self._unit_before(ctx, cur_start)
            if cur_before is not None:
                cur_start = cur_before.start
        return _Around(cur_before, cur_start, unit, lead)

    def _not_quantity(self, ctx: _Ctx, p: NumberParse, around: _Around,
                      token_rng: Optional[_TokenRange]) -> bool:
        """True when the number lies in an excluded span or is no quantity (a year, a
        clock time, a name...)."""
        doc = ctx.doc
        if ctx.excluded(doc[p.start].idx, _end_char(doc, p.end)):
            return True
        has_unit = bool(around.cur or (around.unit and around.unit.name))
        return token_rng is None and self.exclusions.excluded(
            doc, p, has_bound=around.lead is not None, has_unit=has_unit,
            core_text=ctx.words[p.core])

    def _range_at(self, ctx: _Ctx, p: NumberParse, unit: Optional[_Unit],
                  token_rng: Optional[_TokenRange]) -> Optional[_Range]:
        """The range the number opens: "between A and B", "A to B", "A-B", "from A to B"."""
        if token_rng is not None:
            return p, unit if unit and unit.name else None, token_rng[1], token_rng[2]
        return self._range(ctx, p, unit)

    def _span_start(self, ctx: _Ctx, around: _Around, rng: Optional[_Range]) -> int:
        """The first token of the quantity: its bound, its currency or unit, or the word
        opening its range ("between")."""
        lead = around.lead
        span_start = lead[1] if lead else around.start
        if rng is not None:
            opener = around.start - 1
            if opener >= 0 and ctx.low[opener] in self.range_open:
                span_start = min(span_start, opener)
        return span_start

    def _number_hit(self, ctx: _Ctx, p: NumberParse,
                    token_rng: Optional[_TokenRange]) -> tuple[Optional[QuantityHit], int]:
        """The quantity of the number ``p`` (a single-token range when ``token_rng``)."""
        around = self._around(ctx, p)
        if self._not_quantity(ctx, p, around, token_rng):
            return None, p.end
        unit = around.unit
        rng = self._range_at(ctx, p, unit, token_rng)
        low = high = None
        value: Optional[float] = p.value
        end = unit.end if unit else p.end
        if rng is not None:
            b, b_unit, low, high = rng
            value = None
            if b_unit is not None:
                unit = b_unit
            end = b_unit.end if b_unit else b.end
        cur_before = around.cur
        unit_name = cur_before.name if cur_before else (unit.name if unit else None)
        bound = "range" if rng is not None else (around.lead[0] if around.lead else "exact")
        span_start = self._span_start(ctx, around, rng)
        tail = self._bound_after(ctx, end) if rng is None else None
        if tail is not None:
            if bound == "exact":
                bound = tail[0]
            end = tail[1]
        q_end = unit.end if unit else (rng[0].end if rng else p.end)
        entity_text, end, bound = self._entity_of(
            ctx, p, (end, q_end), (unit, unit_name, cur_before), bound)
        opened = _unclosed_bracket(ctx, span_start, end)
        if opened is not None:
            # "157 miles per hour (mph": the quantity stops before a bracket it leaves open,
            # and an entity read inside the bracket goes with it
            end = max(opened, p.end)
            if entity_text is not None and info(ctx.doc).text.find(
                    entity_text, ctx.doc[opened].idx) >= 0:
                entity_text = self._unit_word_text(ctx, unit, unit_name, cur_before)
        if rng is None:
            low, high = _bounds(bound, value)
        doc = ctx.doc
        hit = QuantityHit(
            doc[span_start].idx, _end_char(doc, end), value, low, high, bound, unit_name,
            entity_text,
        )
        return ctx.record(hit, end), max(end, p.end)

    def _entity_of(self, ctx: _Ctx, p: NumberParse, ends: tuple[int, int],
                   units: tuple[Optional[_Unit], Optional[str], Optional[_Unit]], bound: str,
                   ) -> tuple[Optional[str], int, str]:
        """(entity, new end token, bound) of the quantity ``p`` whose span ends at
        ``ends[0]`` and whose number and unit end at ``ends[1]``."""
        end, q_end = ends
        unit, unit_name, before = units
        age_end = self._age(ctx, q_end)
        if age_end:
            return None, max(end, age_end), bound
        ent = self._money_for(ctx, end, unit_name) or _wordy(self.entities.find(
            ctx.doc, p.start, end, q_end, self._is_num))
        if ent is None or unit_name in self.unit_entities:
            ent = self._unit_word(ctx, unit, unit_name, before) or ent
        if bound == "exact":
            bound = self._verb_bound(ctx.doc, p, q_end, ent)
        if ent is None:
            return None, end, bound
        return word_text(ent.text), max(end, ent.end if ent.adjacent else end), bound

    def _unit_word_text(self, ctx: _Ctx, unit: Optional[_Unit], unit_name: Optional[str],
                        before: Optional[_Unit]) -> Optional[str]:
        """The unit's own word as the entity ("miles per hour"), or None."""
        ent = self._unit_word(ctx, unit, unit_name, before)
        return word_text(ent.text) if ent is not None else None

    def _duration_at(self, ctx: _Ctx, i: int) -> Optional[tuple[QuantityHit, int]]:
        """A race time "2:09:35": a duration in seconds."""
        secs = self.numbers.duration_seconds(ctx.words[i])
        doc = ctx.doc
        if secs is None or ctx.excluded(doc[i].idx, _end_char(doc, i + 1)):
            return None
        lead = self._bound_before(ctx, i, i + 1)
        bound = lead[0] if lead else "exact"
        low, high = _bounds(bound, secs)
        start = lead[1] if lead else i
        hit = QuantityHit(doc[start].idx, _end_char(doc, i + 1), secs, low, high, bound,
                          self.duration_unit, None)
        return ctx.record(hit, i + 1), i + 1

    def _article_unit_at(self, ctx: _Ctx, i: int) -> Optional[tuple[QuantityHit, int]]:
        """ "under a hectare", "more than a mile": one unit after a bound."""
        if ctx.low[i] not in self.numbers.articles:
            return None
        lead = self._bound_before(ctx, i, i + 1)
        unit = self._unit_after(ctx, i + 1, 1.0) if lead else None
        if lead is None or unit is None or not unit.name or unit.start != i + 1:
            return None
        doc = ctx.doc
        if ctx.excluded(doc[lead[1]].idx, _end_char(doc, unit.end)):
            return None
        low, high = _bounds(lead[0], 1.0)
        text = doc[unit.start:unit.end].text
        entity = text if text.isalpha() and unit.name not in self.no_entity_units else None
        hit = QuantityHit(doc[lead[1]].idx, _end_char(doc, unit.end), 1.0, low, high, lead[0],
                          unit.name, entity)
        return ctx.record(hit, unit.end), unit.end

    def _vague_at(self, ctx: _Ctx, i: int) -> tuple[Optional[QuantityHit], int]:
        v = self.vague.parse(ctx.low, i)
        if v is None:
            return None, i + 1
        doc = ctx.doc
        if ctx.excluded(doc[v.start].idx, _end_char(doc, v.end)):
            return None, v.end
        if doc[v.core].ent_type_ in ("DATE", "TIME", "ORDINAL"):
            return None, v.end
        ent = _wordy(self.entities.find(doc, v.start, v.end, v.end, self._is_num))
        end = ent.end if ent is not None and ent.adjacent else v.end
        hit = QuantityHit(
            doc[v.start].idx, _end_char(doc, end), None, v.low, None, "at_least", None,
            word_text(ent.text) if ent else None,
        )
        return ctx.record(hit, end), end

    # -- pieces --------------------------------------------------------------------------
    def _currency_before(self, ctx: _Ctx, start: int) -> Optional[_Unit]:
        k = start - 1
        if k < 0:
            return None
        sym = ctx.words[k]
        name = self.currencies.symbols.get(sym)
        if name is None:
            return None
        if sym in self.currencies.need_attach and not ctx.attached[start]:
            return None
        if sym.isalpha() and not sym.isupper() and not ctx.attached[start] \
                and sym not in self.currencies.spaced:
            return None
        return _Unit(name, k, start)

    def _unit_before(self, ctx: _Ctx, start: int) -> Optional[_Unit]:
        """ "a magnitude 5.9 earthquake": a unit word written before the number."""
        name = self.units_before.get(ctx.lw(start - 1))
        return _Unit(name, start - 1, start) if name else None

    def _unit_after(self, ctx: _Ctx, k: int, scale: float) -> Optional[_Unit]:
        """The unit written right after a number ending before token ``k``: a percent
        phrase, a currency word or code, or a physical unit ("km", "square miles")."""
        if k >= ctx.n:
            return None
        found = self._percent_at(ctx, k) or self._currency_word_at(ctx, k)
        if found is not None:
            return found
        if ctx.words[k] in _HYPHENS and ctx.attached[k] and k + 1 < ctx.n \
                and ctx.attached[k + 1]:
            unit = self._unit_after(ctx, k + 1, scale)
            return unit if unit is not None and unit.name else None
        cur = self.currencies
        if ctx.low[k] in cur.ambiguous:
            return self._ambiguous_currency(ctx, k, scale)
        w = ctx.words[k]
        if w in cur.symbols and (w.isupper() or w in self.lowercase_symbols) and len(w) > 1:
            return _Unit(cur.symbols[w], k, k + 1)
        return self._physical_unit(ctx, k)

    def _percent_at(self, ctx: _Ctx, k: int) -> Optional[_Unit]:
        """ "percent", "per cent", "percentage points" at token ``k``."""
        for size in range(min(self.percent_len, ctx.n - k), 0, -1):
            key = tuple(ctx.low[k:k + size])
            if key in self.percent:
                return _Unit(self.percent[key], k, k + size)
        return None

    def _currency_word_at(self, ctx: _Ctx, k: int) -> Optional[_Unit]:
        """A currency written as words at token ``k`` ("euros", "Swiss francs")."""
        cur = self.currencies
        for size in range(min(cur.max_word_tokens, ctx.n - k), 0, -1):
            phrase = " ".join(ctx.low[k:k + size])
            if phrase in cur.words:
                return _Unit(cur.words[phrase], k, k + size)
        return None

    def _ambiguous_currency(self, ctx: _Ctx, k: int, scale: float) -> Optional[_Unit]:
        """A word that is a currency only in talk of money ("pounds"), else its fallback
        unit, if any."""
        cur = self.currencies
        if scale > 1.0 or self._money_context(ctx, k):
            return _Unit(cur.ambiguous[ctx.low[k]], k, k + 1)
        fallback = cur.fallback.get(ctx.low[k])
        return _Unit(fallback, k, k + 1) if fallback else None

    def _physical_unit(self, ctx: _Ctx, k: int) -> Optional[_Unit]:
        """The longest unit of measure of up to ``max_unit_tokens`` tokens at ``k``."""
        doc, w = ctx.doc, ctx.words[k]
        if doc[k].pos_ in _NON_UNIT_POS or not any(ch.isalpha() or ch in "°%" for ch in w):
            return None
        if ctx.low[k] in self.exclusions.time_units:
            return None
        for size in range(min(self.units.max_tokens, ctx.n - k), 0, -1):
            toks = doc[k:k + size]
            if any(t.is_punct and t.text not in "/-" for t in toks[:-1]) or toks[-1].is_punct:
                continue
            name = self.units.lookup(toks.text) or self.units.lookup(
                "".join(t.text for t in toks)
            )
            if name:
                return _Unit(name, k, k + size)
        return None

    def _money_for(self, ctx: _Ctx, end: int, unit_name: Optional[str]) -> Optional[Entity]:
        """ "$4.8 million in aid", "EUR20,000 (GBP17,500) in compensation": what money is for."""
        if unit_name is None or unit_name not in self.currencies.names:
            return None
        k = end
        if k < ctx.n and ctx.words[k] == "(":
            close = next((j for j in range(k + 1, min(ctx.n, k + 16)) if ctx.words[j] == ")"), None)
            if close is None:
                return None
            k = close + 1
        if k + 1 >= ctx.n or ctx.low[k] not in self.entities.money_in \
                or ctx.doc[k + 1].pos_ == "DET":
            return None
        head = self.entities.noun_run(ctx.doc, k + 1)
        if head is None or head.pos_ != "NOUN" or head.ent_type_:
            return None
        ent = self.entities.phrase_entity(ctx.doc, head, k + 1)
        return ent._replace(adjacent=k == end)

    def _unit_word(self, ctx: _Ctx, unit: Optional[_Unit], name: Optional[str],
                   before: Optional[_Unit] = None) -> Optional[Entity]:
        """ "110 light-years", "15-25 million dollars": a unit written as a word is what is
        measured when nothing else is; some units always are ("a magnitude 6.3 quake")."""
        if name in self.unit_entities and before is not None and before.name == name:
            unit = before
        if unit is None or name is None or name in self.no_entity_units:
            return None
        if ctx.words[unit.start] in _HYPHENS:
            unit = unit._replace(start=unit.start + 1)
        text = ctx.doc[unit.start:unit.end].text
        if len(text) < 4 or not text.replace("-", "").replace(" ", "").isalpha() \
                or not text.islower():
            return None
        return Entity(text, unit.start, unit.end, True)

    def _money_context(self, ctx: _Ctx, k: int) -> bool:
        sent = sent_of(ctx.doc[k])
        cues = self.currencies.money_cues
        return any(t.lower_ in cues for t in ctx.doc[sent.start:min(sent.end, sent.start + 120)])

    def _bound_before(self, ctx: _Ctx, b: int, after: int) -> Optional[tuple[str, int]]:
        for size in range(min(self.before_len, b), 0, -1):
            key = tuple(ctx.low[b - size:b])
            entry = self.before.get(key)
            if entry is None:
                continue
            if entry.get("not_before_time_unit") and ctx.lw(after) in self.exclusions.time_units:
                continue
            if key in self.determiner_not_bound and ctx.doc[b - 1].dep_ == "det" \
                    and ctx.doc[b - 1].head.i < b:
                continue
            start = b - size
            for isize in (2, 1):
                if start - isize >= 0 and tuple(ctx.low[start - isize:start]) in self.intensifiers:
                    start -= isize
                    break
            return entry["bound"], start
        return None

    def _bound_after(self, ctx: _Ctx, end: int) -> Optional[tuple[str, int]]:
        for size in range(min(self.after_len, ctx.n - end), 0, -1):
            key = tuple(ctx.low[end:end + size])
            entry = self.after.get(key)
            if entry is None:
                continue
            if entry.get("attached") and not ctx.attached[end]:
                continue
            return entry["bound"], end + size
        return None

    def _verb_bound(self, doc: Doc, p: NumberParse, q_end: int, ent: Optional[Entity]) -> str:
        """ "death tolls exceeded 100", "surpassed one million": the verb bounds the number."""
        for k in range(p.start, q_end):
            tok = doc[k]
            if start_outside(tok, p.start, q_end):
                head = tok.head
                if tok.dep_ == "nummod" and head.dep_ == "dobj":
                    head = head.head
                elif tok.dep_ != "dobj":
                    continue
                bound = self.bound_verbs.get(head.lemma_)
                if bound:
                    return bound
        return "exact"

    def _range(self, ctx: _Ctx, a: NumberParse, a_unit: Optional[_Unit]) -> Optional[_Range]:
        """The range the number ``a`` (with its unit ``a_unit``) opens, written with a
        joiner word or dash and a second number: (b, b's unit, low, high)."""
        k = a_unit.end if a_unit and a_unit.name else a.end
        if k >= ctx.n or not self._range_joined(ctx, a, k):
            return None
        b = self._range_end(ctx, a, k)
        if b is None:
            return None
        b_unit = self._unit_after(ctx, b.end, b.scale)
        if a_unit is not None and a_unit.name and (b_unit is None or b_unit.name != a_unit.name):
            return None  # "fell 2.1 percent to $240.5 million": a change and a level
        if self.exclusions.excluded(
            ctx.doc, b, has_bound=True, has_unit=bool(b_unit and b_unit.name),
            core_text=ctx.words[b.core],
        ):
            return None
        low = a.value
        if a.scale == 1.0 and b.scale > 1.0 and a.value < b.raw:
            low = a.value * b.scale
        high = b.value
        if not (math.isfinite(low) and math.isfinite(high)) or not low < high:
            return None
        if b_unit is not None and not b_unit.name:
            b_unit = None
        return b, b_unit, low, high

    def _range_joined(self, ctx: _Ctx, a: NumberParse, k: int) -> bool:
        """Does token ``k`` join ``a`` to a second number: the joiner its opener asks for
        ("between A and B"), or a joiner that needs no opener ("A to B", "A-B")?"""
        joiner = ctx.low[k]
        opener = ctx.lw(a.start - 1)
        if a.start > 0 and ctx.doc[a.start - 1].text in self.currencies.symbols:
            opener = ctx.lw(a.start - 2)
        if opener in self.range_open:
            if joiner != self.range_open[opener]:
                return False
            head = ctx.doc[a.start - 1].head
            # "rose from 5 to 7": a change, not a range
            return not (opener in self.change_openers and head.lemma_ in self.change_verbs)
        return joiner in self.range_joiners and joiner not in self.opener_joiners

    def _range_end(self, ctx: _Ctx, a: NumberParse, k: int) -> Optional[NumberParse]:
        """The second number of a range joined at token ``k`` (after a currency symbol);
        a dash joins two digit numbers or two attached number words only."""
        bstart = k + 1
        if bstart < ctx.n and ctx.words[bstart] in self.currencies.symbols:
            bstart += 1
        if bstart >= ctx.n:
            return None
        b = self._parse(ctx, bstart)
        if b is None or b.start != bstart:
            return None
        if ctx.low[k] in ("-", "\u2013", "\u2014") and not (a.is_digit and b.is_digit) and not (
                not a.is_digit and not b.is_digit and ctx.attached[k] and ctx.attached[bstart]):
            return None
        return b

    def _age(self, ctx: _Ctx, k: int) -> int:
        """End token of "-year-old" / "years old" after a number, or 0."""
        j = k
        if ctx.lw(j) in ("-", "\u2010"):
            j += 1
        if ctx.lw(j) not in self.exclusions.time_units:
            return 0
        j += 1
        if ctx.lw(j) in ("-", "\u2010"):
            j += 1
        return j + 1 if ctx.lw(j) in self.age_words else 0


def _unclosed_bracket(ctx: _Ctx, start: int, end: int) -> Optional[int]:
    """The token of an opening bracket in ``[start, end)`` that is not closed there."""
    opened: list[int] = []
    for k in range(start, end):
        w = ctx.words[k]
        if w == "(":
            opened.append(k)
        elif w == ")" and opened:
            opened.pop()
    return opened[0] if opened else None


def start_outside(tok: Token, start: int, end: int) -> bool:
    """True when ``tok``'s head lies outside ``[start, end)``."""
    return not (start <= tok.head.i < end) or tok.head.i == tok.i


def _end_char(doc: Doc, end: int) -> int:
    last = doc[end - 1]
    return last.idx + len(last.text)


def _bounds(bound: str, value: Optional[float]) -> tuple[Optional[float], Optional[float]]:
    if bound == "exact":
        return value, value
    if bound in ("more_than", "at_least"):
        return value, None
    if bound in ("less_than", "at_most"):
        return None, value
    return None, None


def _inherit_listed(ctx: _Ctx, hits: list[QuantityHit],
                    listing: _Listing) -> list[QuantityHit]:
    """ "rates were 49% for A, 53% for B and 29% for C": a number listed after another of
    the same unit in its sentence, with no entity of its own, measures the same thing; so
    does a conversion in brackets."""
    if len(hits) < 2:
        return hits
    text = info(ctx.doc).text
    out = [hits[0]]
    bracket = False
    for h in hits[1:]:
        prev = out[-1]
        gap = text[prev.end_char:h.start_char].strip()
        bracket = gap in listing.openers or (bracket and gap in listing.separators)
        if prev.entity is not None and not _own_unit_word(text, prev) and (
                h.entity is None or (bracket and _own_unit_word(text, h))) and (bracket or (
                h.unit == prev.unit and h.unit is not None and _listed_after(ctx, prev, h))):
            h = h._replace(entity=prev.entity)
        out.append(h)
    return out


def _score_units(ctx: _Ctx, hits: list[QuantityHit],
                 joiners: frozenset[str]) -> list[QuantityHit]:
    """ "led 50.1 to 42.9 percent": the first side of a scoreline (no range, as it does not
    rise) shares the unit written once after the second."""
    text = info(ctx.doc).text
    out = list(hits)
    for i, (a, b) in enumerate(zip(hits, hits[1:])):
        if a.unit is None and a.entity is None and b.unit is not None and \
                a.value is not None and b.value is not None and a.value > b.value and \
                text[a.end_char:b.start_char].strip().lower() in joiners:
            out[i] = a._replace(unit=b.unit)
    return out


def _own_unit_word(text: str, h: QuantityHit) -> bool:
    """ "70 miles": the entity is only the unit word of the quantity itself."""
    return h.unit is not None and h.entity is not None and \
        text[h.start_char:h.end_char].endswith(h.entity)


def _preceded_by(ctx: _Ctx, start: int, phrases: frozenset[tuple[str, ...]]) -> bool:
    """True when the lower-cased words just before token ``start`` are one of ``phrases``."""
    return any(tuple(ctx.lw(start - len(ph) + j) for j in range(len(ph))) == ph
               for ph in phrases)


def _listed_after(ctx: _Ctx, prev: QuantityHit, h: QuantityHit) -> bool:
    """True when ``h`` is a conjunct or apposition in ``prev``'s sentence."""
    k = ctx.last_token(h)
    if k < 0:
        return False
    tok = ctx.doc[k]
    sent = sent_of(tok)
    return prev.start_char >= sent.start_char and tok.dep_ in ("conj", "appos")


def _non_overlapping(hits: list[QuantityHit]) -> list[QuantityHit]:
    out: list[QuantityHit] = []
    for h in sorted(hits, key=lambda h: (h.start_char, -h.end_char)):
        if h.end_char <= h.start_char:
            continue
        if out and h.start_char < out[-1].end_char:
            continue
        out.append(h)
    return out


def find_quantities(finder: QuantityFinder, doc: Doc,
                    exclude: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
    """Every quantity in ``doc`` as a `Quantity`; ``exclude`` are the
    character spans of time expressions, whose numbers belong to the time."""
    text = info(doc).text
    return [Quantity(text[h.start_char:h.end_char], (h.start_char, h.end_char), value=h.value,
                     low=h.low, high=h.high, bound=h.bound, unit=h.unit, entity=h.entity)
            for h in finder.find(doc, exclude)]
