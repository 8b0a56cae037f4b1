"""Building Claim records from what the stages stored: attributions, quantities, times, hedges."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional

from spacy.tokens import Doc, Token

from .docinfo import info, sent_of
from .hedging import referent_count
from .rules import Overlay, load_table
from .spanindex import SpanIndex, trim_span

#: clause heads where an unattributed claim stops growing upwards
_CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "parataxis"}
#: children that start a clause of their own: their words are not part of the parent's claim
_SUBCLAUSE_DEPS = {"advcl", "relcl", "parataxis", "ccomp"}


class ClaimRules:
    """The word lists claim assembly reads: phrases that point back to an earlier time
    ("at the time") and words that make a claim a casualty figure."""

    #: the rule files assembly reads
    files = ("time_anaphora.json", "hedge_anaphora.json")

    def __init__(self, overlays: Optional[Mapping[str, Overlay]] = None) -> None:
        overlays = overlays or {}
        self.time_anaphora = tuple(
            load_table("time_anaphora.json", overlays.get("time_anaphora.json"))["phrases"])
        words = load_table("hedge_anaphora.json",
                           overlays.get("hedge_anaphora.json"))["casualty_words"]
        self.casualty = re.compile(r"\b(?:" + "|".join(sorted(
            (re.escape(w) for w in words), key=len, reverse=True)) + r")\b", re.I)


@lru_cache(maxsize=1)
def _bundled_rules() -> ClaimRules:
    return ClaimRules()


@dataclass
class Unit:
    """A claim under construction."""

    span: tuple[int, int]
    head: int  # token index
    speaker: Optional[dict] = None
    cue: Optional[dict] = None
    cue_head: Optional[int] = None
    quantities: list[dict] = field(default_factory=list)
    time: Optional[dict] = None
    hedges: list[dict] = field(default_factory=list)
    attributed: bool = False
    refers_back: bool = False  # holds a phrase such as "at the time"
    casualty: bool = False  # names a casualty ("killed", "wounded")

    def covers(self, start: int, end: int) -> bool:
        return self.span[0] <= start and end <= self.span[1]


def build_claims(doc: Doc, data: dict[str, Any], start_at: int = 0,
                 rules: Optional[ClaimRules] = None) -> list[dict[str, Any]]:
    """The claims of ``doc`` as JSON-ready dicts, in text order.

    ``data`` holds the records the stages wrote (``attributions``, ``quantities``,
    ``times``, ``hedge_cues``); no claim starts before ``start_at``.
    """
    rules = rules or _bundled_rules()
    text = info(doc).text
    attributed: list[Unit] = []
    for att in data.get("attributions", ()):
        s, e = trim_span(text, max(att["span"][0], start_at), att["span"][1])
        if e <= s or att["cue"]["span"][0] < start_at:
            continue
        attributed.append(Unit((s, e), att["head"], att.get("speaker"),
                               att["cue"], att.get("cue_head"), attributed=True))
    by_attribution = SpanIndex([u.span for u in attributed])
    loose: list[Unit] = []
    for q in data.get("quantities", ()):
        s, e = q["span"]
        if s < start_at or by_attribution.covering(s, e):
            continue
        token = _token_at(doc, s, e)
        if token is not None:
            _add_unattributed(doc, loose, attributed, by_attribution, token, start_at)
    for h in data.get("hedge_cues", ()):
        s, e = h["span"]
        if not h.get("makes_claim") or s < start_at or by_attribution.covering(s, e) or any(
                u.covers(s, e) for u in loose[-4:]) or _opens_attributed(h, by_attribution):
            continue
        _add_unattributed(doc, loose, attributed, by_attribution, doc[h["head"]], start_at)
    units = sorted(attributed + loose, key=lambda u: (u.span[0], u.span[1]))
    for unit in units:
        surface = text[unit.span[0]:unit.span[1]]
        unit.refers_back = any(p in surface.lower() for p in rules.time_anaphora)
        unit.casualty = bool(rules.casualty.search(surface))
    index = SpanIndex([u.span for u in units])
    for q in data.get("quantities", ()):
        for unit in _innermost(units, index, *q["span"]):
            unit.quantities.append(q)
    times = data.get("times", ())
    inside: dict[int, list[dict]] = {}
    for t in times:
        for unit in _innermost(units, index, *t["span"]):
            inside.setdefault(id(unit), []).append(t)
    by_sentence = _times_by_sentence(doc, times)
    for unit in units:
        unit.time = _choose_time(doc, unit, units, index, inside.get(id(unit), []),
                                 by_sentence, times)
    _attach_hedges(doc, units, index, data.get("hedge_cues", ()))
    return [_to_record(doc, u) for u in units]


def _innermost(units: list[Unit], index: SpanIndex, start: int, end: int) -> list[Unit]:
    """The claims that hold [start, end) and hold no smaller claim that also holds it."""
    holders = [units[i] for i in index.covering(start, end)]
    if len(holders) < 2:
        return holders
    out = []
    for unit in holders:
        size = unit.span[1] - unit.span[0]
        if not any(o is not unit and unit.span[0] <= o.span[0] and o.span[1] <= unit.span[1]
                   and (o.span[1] - o.span[0]) < size for o in holders):
            out.append(unit)
    return out


def _times_by_sentence(doc: Doc, times) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for t in times:
        token = _token_at(doc, *t["span"])
        if token is not None:
            out.setdefault(sent_of(token).start_char, []).append(t)
    return out


def _token_at(doc: Doc, start: int, end: int) -> Optional[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    for token in span:
        if token.like_num:
            return token
    return span.root


def _clause_span(doc: Doc, token: Token) -> tuple[int, int, int]:
    """Char span and head of the clause holding ``token``, without the clauses it embeds."""
    head = token
    steps = 0
    while head.head.i != head.i and steps < 50:
        if head.pos_ in ("VERB", "AUX") and head.dep_ in _CLAUSE_DEPS:
            break
        if head.dep_ == "conj" and head.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            break
        head = head.head
        steps += 1
    keep = _clause_tokens(head, token)
    # the contiguous run of kept tokens around the token
    lo = hi = token.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "cc" or doc[lo].is_space):
        lo += 1
    while hi > lo and ((doc[hi].is_punct and not _unit_mark(doc[hi]))
                       or doc[hi].dep_ in ("cc", "prep", "mark") or doc[hi].is_space):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi]), head.i


#: punctuation that ends a clause, never a number's unit
_CLAUSE_PUNCT = frozenset(".,;:!?)]\"'\u201d\u2019")


def _unit_mark(token: Token) -> bool:
    """A sign glued to the number before it ("6% to 11%"): part of the quantity."""
    prev = token.doc[token.i - 1] if token.i else None
    return prev is not None and prev.like_num and not prev.whitespace_ and \
        token.text not in _CLAUSE_PUNCT


def _clause_tokens(head: Token, token: Token) -> set[int]:
    """Indices of the clause headed by ``head``, without the clauses it embeds (except the
    one holding ``token``); a participle clause without a subject belongs to it whole
    ("emailed AWS informing them", "..., making it hard to advance")."""
    keep = set()
    stack = [head]
    while stack:
        t = stack.pop()
        keep.add(t.i)
        for child in t.children:
            if child.dep_ == "advcl" and child.tag_ == "VBG" and not any(
                    c.dep_ in ("nsubj", "nsubjpass", "mark") for c in child.children):
                keep.update(t.i for t in child.subtree)
            elif not (child.dep_ in _SUBCLAUSE_DEPS and token not in child.subtree) \
                    and not _own_conjunct(child, token):
                stack.append(child)
    return keep


def _own_conjunct(child: Token, token: Token) -> bool:
    """A conjoined clause with a subject of its own, not holding ``token``."""
    return child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and token not in \
        child.subtree and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)


def _add_unattributed(doc: Doc, loose: list[Unit], attributed: list[Unit],
                      by_attribution: SpanIndex, token: Token, start_at: int = 0) -> None:
    s, e, head = _clause_span(doc, token)
    s = max(s, start_at)
    # never overlap an attributed claim: cut the clause at its edge
    for k in by_attribution.overlapping(s, e):
        a0, a1 = attributed[k].span
        if token.idx < a0:
            e = min(e, a0)
        elif token.idx >= a1:
            s = max(s, a1)
    s, e = trim_span(info(doc).text, s, e)
    if e <= s:
        return
    for unit in reversed(loose[-4:]):
        if unit.span[0] < e and s < unit.span[1]:
            unit.span = (min(unit.span[0], s), max(unit.span[1], e))
            return
    loose.append(Unit((s, e), head))


def _choose_time(doc: Doc, unit: Unit, units: list[Unit], index: SpanIndex,
                 inside: list[dict], by_sentence: dict[int, list[dict]],
                 times) -> Optional[dict]:
    """The time expression that governs the claim's clause (see the guidelines, "Time")."""
    heads = [doc[unit.head]] + ([doc[unit.cue_head]] if unit.cue_head is not None else [])
    sent = sent_of(doc[unit.head])
    if unit.refers_back:
        # "at the time": the latest resolved time before the claim, in its sentence or the last
        floor = info(doc).previous(sent).start_char
        earlier = [t for t in by_sentence.get(floor, []) + by_sentence.get(sent.start_char, [])
                   if floor <= t["span"][0] < unit.span[0] and t["start"]]
        if earlier:
            return max(earlier, key=lambda t: t["span"][0])
    if inside:
        return min(inside, key=lambda t: min(abs(t["span"][0] - h.idx) for h in heads))
    in_sent = by_sentence.get(sent.start_char, [])
    if not in_sent:
        return None
    distance: dict[int, int] = {}
    for h in heads:
        for d, a in enumerate([h, *h.ancestors]):
            distance[a.i] = min(distance.get(a.i, d), d)
    governing = []
    for t in in_sent:
        token = _token_at(doc, *t["span"])
        if token is None:
            continue
        clause = token
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        if clause.i in distance:
            governing.append((distance[clause.i], t))
    if governing:
        return min(governing, key=lambda pair: pair[0])[1]
    free = [t for t in in_sent if all(units[k] is unit for k in index.covering(*t["span"]))]
    return free[0] if free else None


def _opens_attributed(cue: dict, by_attribution: SpanIndex) -> bool:
    """A cue opening the clause it governs ("Reportedly, X said ...") qualifies the
    attributed claims there and is no claim of its own."""
    return cue["scope"][0] == cue["span"][0] and bool(by_attribution.within(*cue["scope"]))


def _attach_hedges(doc: Doc, units: list[Unit], index: SpanIndex, cues) -> None:
    sides = _side_names(doc)
    for cue in cues:
        s, e = cue["span"]
        hedge = {k: cue[k] for k in ("text", "span", "kind", "source")}
        holders = _innermost(units, index, s, e)
        for unit in holders:
            unit.hedges.append(hedge)
        if cue.get("anaphoric"):
            for unit in _referents(doc, units, index, cue, sides):
                if hedge not in unit.hedges:
                    unit.hedges.append(hedge)
        else:
            # a cue qualifies the claims of the clause it governs ("X suspect [that Y]"),
            # but not the claims around the one it sits in
            for k in index.within(*cue["scope"]):
                if not any(_overlap(units[k].span, u.span) for u in holders):
                    units[k].hedges.append(hedge)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _referents(doc: Doc, units: list[Unit], index: SpanIndex, cue: dict,
               sides: set[str]) -> list[Unit]:
    """The earlier claims an anaphoric hedge refers to."""
    s = cue["span"][0]
    window_start = _sentence_start_before(doc, s, cue.get("window", 12))
    before = [units[k] for k in index.within(window_start, s + 1) if units[k].span[0] < s]
    if cue.get("both_sides"):
        picked = [u for u in before if u.speaker and _is_side(u.speaker, sides)]
        if cue.get("casualty"):
            picked = [u for u in picked if _is_casualty(doc, u)]
        return picked
    attributed = [u for u in before if u.speaker]
    count = referent_count(cue)
    if not attributed or count == 2:  # "neither figure": the last two claims
        return (attributed or before)[-(count or 1):]
    speaker = attributed[-1].speaker["name"]
    picked = []
    for u in reversed(before):
        if u.speaker is None:
            continue
        if u.speaker["name"] != speaker:
            break
        picked.append(u)
    if cue.get("casualty"):
        picked = [u for u in picked if _is_casualty(doc, u)] or picked
    return picked[:count] if count else picked


def _sentence_start_before(doc: Doc, char: int, n: int) -> int:
    """Where the sentence ``n`` sentences before the one at ``char`` starts."""
    table = info(doc)
    token = _token_at(doc, char, min(char + 1, len(table.text)))
    if token is None:
        return 0
    sent = sent_of(token)
    for _ in range(n):
        sent = table.previous(sent)
    return sent.start_char


def _side_names(doc: Doc) -> set[str]:
    """Nationality and group adjectives in the text ("Nigerian", "Ghanaian")."""
    return {ent.text.lower() for ent in info(doc).ents if ent.label_ == "NORP"}


def _is_side(speaker: dict, sides: set[str]) -> bool:
    if speaker.get("label") in ("GPE", "NORP"):
        return True
    title = (speaker.get("title") or "").lower()
    return any(word in sides for word in title.split())


def _is_casualty(doc: Doc, unit: Unit) -> bool:
    return unit.casualty


def _to_record(doc: Doc, unit: Unit) -> dict[str, Any]:
    text = info(doc).text
    s, e = unit.span
    first = _token_at(doc, s, min(s + 1, e))
    last = _token_at(doc, max(e - 1, s), e)
    sent_start = sent_of(first).start_char if first is not None else s
    sent_end = sent_of(last).end_char if last is not None else e
    sent_start, sent_end = min(sent_start, s), max(sent_end, e)
    hedges = sorted({(h["span"][0], h["span"][1], h["kind"]): h for h in unit.hedges}.values(),
                    key=lambda h: h["span"][0])
    return {
        "text": text[s:e],
        "span": [s, e],
        "sentence": [sent_start, sent_end],
        "speaker": unit.speaker,
        "cue": unit.cue,
        "quantities": sorted(unit.quantities, key=lambda q: q["span"][0]),
        "time": unit.time,
        "hedges": hedges,
    }
