"""Building Claim records from what the stages stored: attributions, quantities, times, hedges."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from spacy.tokens import Doc, Token

from .lexicon import load_table

#: clause heads where an unattributed claim stops growing upwards
_CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "parataxis"}
#: children that start a clause of their own: their words are not part of the parent's claim
_SUBCLAUSE_DEPS = {"advcl", "relcl", "parataxis", "ccomp"}
#: "Kyiv: ..." or "KYIV, March 6 (Reuters) - ..." opening the first paragraph
_PLACE_DATELINE = re.compile(r"\s*[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}(?:,[^\n:]{0,40}?)?"
                             r"(?:\s*\([A-Z][\w ]{1,30}\))?\s*(?::|\s[-\u2013\u2014])\s")
_HEADLINE_END = re.compile(r"[.!?\"\u201d\u2019)\]]\s*$")


_TIME_ANAPHORA = tuple(load_table("time_anaphora.json")["phrases"])


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

    def covers(self, start: int, end: int) -> bool:
        return self.span[0] <= start and end <= self.span[1]


def preamble_end(text: str, header: Optional[tuple[int, int]]) -> int:
    """End of the header, headline and dateline block at the top, where no claims are taken."""
    end = header[1] if header else 0
    para = text.find("\n\n", end)
    first = text[end:para if para >= 0 else len(text)]
    if para >= 0 and first.strip() and not _HEADLINE_END.search(first) and len(first) < 300:
        return para
    place = _PLACE_DATELINE.match(text, end)
    return place.end() if place else end


def build_claims(doc: Doc, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims of ``doc`` as JSON-ready dicts, in text order."""
    text = doc.text
    start_at = preamble_end(text, data.get("header"))
    units: list[Unit] = []
    for att in data.get("attributions", ()):
        s, e = _trim(text, max(att["span"][0], start_at), att["span"][1])
        if e <= s or att["cue"]["span"][0] < start_at:
            continue
        units.append(Unit((s, e), att["head"], att.get("speaker"),
                          att["cue"], att.get("cue_head"), attributed=True))
    attributed = list(units)
    for q in data.get("quantities", ()):
        s, e = q["span"]
        if s < start_at or any(u.covers(s, e) for u in attributed):
            continue
        token = _token_at(doc, s, e)
        if token is None:
            continue
        _add_unattributed(doc, units, attributed, token, start_at)
    for h in data.get("hedge_cues", ()):
        if not h.get("makes_claim"):
            continue
        s, e = h["span"]
        if s < start_at or any(u.covers(s, e) for u in units):
            continue
        _add_unattributed(doc, units, attributed, doc[h["head"]], start_at)
    units.sort(key=lambda u: (u.span[0], u.span[1]))
    for unit in units:
        _attach(unit, units, data.get("quantities", ()), "quantities")
        unit.time = _choose_time(doc, unit, units, data.get("times", ()))
    _attach_hedges(doc, units, data.get("hedge_cues", ()), data)
    return [_to_record(doc, u) for u in units]


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
    keep = set()
    stack = [head]
    while stack:
        t = stack.pop()
        keep.add(t.i)
        for child in t.children:
            if child.dep_ in _SUBCLAUSE_DEPS and token not in child.subtree and not (
                    child.dep_ == "advcl" and child.tag_ == "VBG" and not any(
                        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in child.children)):
                continue  # a participle ("emailed AWS informing them") stays in the clause
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and token not in \
                    child.subtree and any(c.dep_ in ("nsubj", "nsubjpass")
                                          for c in child.children):
                continue
            stack.append(child)
    # the contiguous run of kept tokens around the token
    lo = hi = token.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "cc" or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ in ("cc", "prep", "mark")
                       or doc[hi].is_space):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi]), head.i


def _add_unattributed(doc: Doc, units: list[Unit], attributed: list[Unit], token: Token,
                      start_at: int = 0) -> None:
    s, e, head = _clause_span(doc, token)
    s = max(s, start_at)
    # never overlap an attributed claim: cut the clause at its edge
    for att in attributed:
        a0, a1 = att.span
        if a0 < e and s < a1:
            if token.idx < a0:
                e = a0
            elif token.idx >= a1:
                s = a1
        s, e = _trim(doc.text, s, e)
    if e <= s:
        return
    for unit in units:
        if not unit.attributed and unit.span[0] < e and s < unit.span[1]:
            unit.span = (min(unit.span[0], s), max(unit.span[1], e))
            return
    units.append(Unit((s, e), head))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:-\u2014"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:-\u2014"):
        e -= 1
    return s, e


def _nested(unit: Unit, units: list[Unit], start: int, end: int) -> bool:
    """Is [start, end) inside a smaller claim nested in ``unit``?"""
    for other in units:
        if other is unit:
            continue
        o0, o1 = other.span
        smaller = (o1 - o0) < (unit.span[1] - unit.span[0])
        if smaller and unit.span[0] <= o0 <= start and end <= o1 <= unit.span[1]:
            return True
    return False


def _attach(unit: Unit, units: list[Unit], records, key: str) -> None:
    for rec in records:
        s, e = rec["span"]
        if unit.covers(s, e) and not _nested(unit, units, s, e):
            getattr(unit, key).append(rec)


def _choose_time(doc: Doc, unit: Unit, units: list[Unit], times) -> Optional[dict]:
    text = doc.text[unit.span[0]:unit.span[1]].lower()
    if any(p in text for p in _TIME_ANAPHORA):
        # "at the time": the latest resolved time before the claim, in its sentence or the last
        sent = doc[unit.head].sent
        floor = doc[sent.start - 1].sent.start_char if sent.start > 0 else 0
        earlier = [t for t in times if floor <= t["span"][0] < unit.span[0] and t["start"]]
        if earlier:
            return earlier[-1]
    inside = [t for t in times if unit.covers(*t["span"]) and not _nested(unit, units,
                                                                            *t["span"])]
    heads = [doc[unit.head]] + ([doc[unit.cue_head]] if unit.cue_head is not None else [])
    if inside:
        return min(inside, key=lambda t: min(abs(t["span"][0] - h.idx) for h in heads))
    sent = doc[unit.head].sent
    in_sent = [t for t in times if sent.start_char <= t["span"][0] < sent.end_char]
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
    free = [t for t in in_sent if not any(
        o is not unit and o.covers(*t["span"]) for o in units)]
    return free[0] if free else None


def _attach_hedges(doc: Doc, units: list[Unit], cues, data: dict) -> None:
    sides = _side_names(doc)
    for cue in cues:
        s, e = cue["span"]
        hedge = {k: cue[k] for k in ("text", "span", "kind", "source")}
        hit = False
        for unit in units:
            if unit.covers(s, e) and not _nested(unit, units, s, e):
                unit.hedges.append(hedge)
                hit = True
        if cue.get("anaphoric"):
            for unit in _referents(doc, units, cue, sides):
                if hedge not in unit.hedges:
                    unit.hedges.append(hedge)
        elif not hit:
            # a cue outside every claim qualifies the claims of the clause it governs
            g0, g1 = cue["scope"]
            for unit in units:
                if g0 <= unit.span[0] and unit.span[1] <= g1:
                    unit.hedges.append(hedge)


def _referents(doc: Doc, units: list[Unit], cue: dict, sides: set[str]) -> list[Unit]:
    """The earlier claims an anaphoric hedge refers to."""
    s = cue["span"][0]
    window_start = _sentence_start_before(doc, s, cue.get("window", 12))
    before = [u for u in units if window_start <= u.span[0] and u.span[1] <= s + 1
              and u.span[0] < s]
    if cue.get("both_sides"):
        picked = [u for u in before if u.speaker and _is_side(u.speaker, sides)]
        if cue.get("casualty"):
            picked = [u for u in picked if _is_casualty(doc, u)]
        return picked
    attributed = [u for u in before if u.speaker]
    if not attributed:
        return before[-1:]
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
    return picked


def _sentence_start_before(doc: Doc, char: int, n: int) -> int:
    token = _token_at(doc, char, min(char + 1, len(doc.text)))
    if token is None:
        return 0
    sent = token.sent
    for _ in range(n):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return sent.start_char


def _side_names(doc: Doc) -> set[str]:
    """Nationality and group adjectives in the text ("Ukrainian", "Russian")."""
    return {ent.text.lower() for ent in doc.ents if ent.label_ == "NORP"}


def _is_side(speaker: dict, sides: set[str]) -> bool:
    if speaker.get("label") in ("GPE", "NORP"):
        return True
    title = (speaker.get("title") or "").lower()
    return any(word in sides for word in title.split())


_CASUALTY = re.compile(r"\b(death|dead|die|died|kill|killed|injur|wound|casualt|fatalit|loss"
                       r"|losses|toll|victim|bodies)", re.I)


def _is_casualty(doc: Doc, unit: Unit) -> bool:
    return bool(_CASUALTY.search(doc.text[unit.span[0]:unit.span[1]]))


def _to_record(doc: Doc, unit: Unit) -> dict[str, Any]:
    text = doc.text
    s, e = unit.span
    first = _token_at(doc, s, min(s + 1, e))
    last = _token_at(doc, max(e - 1, s), e)
    sent_start = first.sent.start_char if first is not None else s
    sent_end = last.sent.end_char if last is not None else e
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
