"""Building Claim records from what the stages stored: attributions, quantities, times, hedges."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice
from typing import Any, Optional

from spacy.tokens import Doc, Token

from .docinfo import Tree, info, sent_of
from .hedging import referent_count
from .rules import Overlay, load_table
from .spanindex import SpanIndex, trim_span
from .timex.resolve import is_claim_time, signalled

#: clause heads where an unattributed claim stops growing upwards
_CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "parataxis"}
#: children that start a clause of their own: their words are not part of the parent's claim
_SUBCLAUSE_DEPS = {"advcl", "relcl", "parataxis", "ccomp"}


class ClaimRules:
    """The word lists claim assembly reads: phrases that point back to an earlier time
    ("at the time"), words that make a claim a casualty figure, and the words before a time
    that make it a point of comparison or part of a source ("than", "according to")."""

    #: the rule files assembly reads
    files = ("time_anaphora.json", "hedge_anaphora.json", "time_lexicon.json",
             "claim_assembly.json")

    def __init__(self, overlays: Optional[Mapping[str, Overlay]] = None) -> None:
        overlays = overlays or {}
        self.time_anaphora = tuple(
            load_table("time_anaphora.json", overlays.get("time_anaphora.json"))["phrases"])
        words = load_table("hedge_anaphora.json",
                           overlays.get("hedge_anaphora.json"))["casualty_words"]
        self.casualty = re.compile(r"\b(?:" + "|".join(sorted(
            (re.escape(w) for w in words), key=len, reverse=True)) + r")\b", re.I)
        lex = load_table("time_lexicon.json", overlays.get("time_lexicon.json"))
        before = lex["comparison_before"]
        self.comparison = {w.lower() for w in before["words"]}
        self.source_preps = {w.lower() for w in before.get("source_prepositions", [])}
        self.time_nouns = {w.lower() for w in lex["time_nouns"]}
        own = load_table("claim_assembly.json", overlays.get("claim_assembly.json"))
        self.change_from = {w.lower() for w in own["change_from"]}
        self.source_after: dict[str, set[str]] = {
            prep.lower(): {w.lower() for w in words}
            for prep, words in own["source_preposition_after"].items()}


@lru_cache(maxsize=1)
def _bundled_rules() -> ClaimRules:
    return ClaimRules()


#: tags of a verb in the past tense (its subject's relative clause may give its time)
_PAST_TAGS = {"VBD", "VBN"}
#: dependencies that put a time inside a noun phrase ("a 1989 report")
_NP_DEPS = {"compound", "amod", "nmod", "nummod", "poss"}


@dataclass
class Unit:
    """A claim under construction."""

    span: tuple[int, int]
    head: int  # token index
    speaker: Optional[dict[str, Any]] = None
    cue: Optional[dict[str, Any]] = None
    cue_head: Optional[int] = None
    quantities: list[dict[str, Any]] = field(default_factory=list)
    time: Optional[dict[str, Any]] = None
    hedges: list[dict[str, Any]] = field(default_factory=list)
    attributed: bool = False
    refers_back: bool = False  # holds a phrase such as "at the time"
    casualty: bool = False  # names a casualty ("killed", "wounded")

    def covers(self, start: int, end: int) -> bool:
        return self.span[0] <= start and end <= self.span[1]


def build_claims(doc: Doc, data: dict[str, Any], start_at: int = 0,
                 rules: Optional[ClaimRules] = None,
                 reference_date: Optional[dt.date] = None) -> list[dict[str, Any]]:
    """The claims of ``doc`` as JSON-ready dicts, in text order.

    ``data`` holds the records the stages wrote (``attributions``, ``quantities``,
    ``times``, ``hedge_cues``); no claim starts before ``start_at``; ``reference_date``
    reads a claim's time with the signal word before it ("since 1993").
    """
    rules = rules or _bundled_rules()
    attributed = _attributed_units(doc, data, start_at)
    by_attribution = SpanIndex([u.span for u in attributed])
    loose = _loose_units(doc, data, attributed, by_attribution, start_at)
    units = sorted(attributed + loose, key=lambda u: (u.span[0], u.span[1]))
    _mark_units(doc, units, rules)
    index = SpanIndex([u.span for u in units])
    for q in data.get("quantities", ()):
        for unit in _innermost(units, index, *q["span"]):
            unit.quantities.append(q)
    _attach_times(doc, units, index, claim_times(doc, data, start_at, reference_date), rules)
    _attach_hedges(doc, units, index, data.get("hedge_cues", ()))
    return [_to_record(doc, u) for u in units]


def _attributed_units(doc: Doc, data: dict[str, Any], start_at: int) -> list[Unit]:
    """A claim for each attribution's content (none whose cue is before ``start_at``)."""
    text = info(doc).text
    attributed: list[Unit] = []
    for att in data.get("attributions", ()):
        s, e = trim_span(text, max(att["span"][0], start_at), att["span"][1])
        if e <= s or att["cue"]["span"][0] < start_at:
            continue
        attributed.append(Unit((s, e), att["head"], att.get("speaker"),
                               att["cue"], att.get("cue_head"), attributed=True))
    return attributed


def _loose_units(doc: Doc, data: dict[str, Any], attributed: list[Unit],
                 by_attribution: SpanIndex, start_at: int) -> list[Unit]:
    """Unattributed claims: the clauses of quantities and of hedge cues that make a claim,
    outside every attributed claim."""
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
    return loose


def _mark_units(doc: Doc, units: list[Unit], rules: ClaimRules) -> None:
    """Flag the claims that refer back to an earlier time and those naming a casualty."""
    text = info(doc).text
    for unit in units:
        surface = text[unit.span[0]:unit.span[1]]
        unit.refers_back = any(p in surface.lower() for p in rules.time_anaphora)
        unit.casualty = bool(rules.casualty.search(surface))


def claim_times(doc: Doc, data: dict[str, Any], start_at: int,
                reference_date: Optional[dt.date]) -> list[dict[str, Any]]:
    """The time records a claim may take: none before ``start_at`` (a dateline's date), not
    the present or vague ones, and each read with the signal word its span leaves out
    ("since 1993": 1993 to R)."""
    text = info(doc).text
    out = []
    for t in data.get("times", ()):
        if t["span"][0] < start_at or not is_claim_time(t.get("text", "")):
            continue
        read = signalled(text, t["span"], reference_date) if t.get("start") else None
        out.append(dict(t, start=read[0], end=read[1]) if read else t)
    return out


def _attach_times(doc: Doc, units: list[Unit], index: SpanIndex, times: list[dict[str, Any]],
                  rules: ClaimRules) -> None:
    """Give each claim the claim time that governs it (see `_choose_time`)."""
    inside: dict[int, list[dict[str, Any]]] = {}
    for t in times:
        for unit in _innermost(units, index, *t["span"]):
            inside.setdefault(id(unit), []).append(t)
    by_sentence = _times_by_sentence(doc, times)
    for unit in units:
        unit.time = _choose_time(doc, unit, units, index, inside.get(id(unit), []),
                                 by_sentence, rules)


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


def _times_by_sentence(doc: Doc, times: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """The claim times by the start of their sentence."""
    out: dict[int, list[dict[str, Any]]] = {}
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


#: tokens on either side of a quantity that its unattributed claim may reach: a bounded
#: window keeps clause building linear on sentences of any length
_CLAUSE_WINDOW = 60
#: steps up the tree a token's path to its clause head may take before it counts as outside
_MAX_DEPTH = 200
#: characters before an anaphoric hedge ("these figures could not be verified") in which it
#: looks for the claims it refers to (beside its window of sentences)
_REFERENT_CHARS = 5000


def _clause_head(tree: Tree, i: int) -> int:
    """The head of the clause holding token ``i`` (at most 50 steps up)."""
    head = i
    steps = 0
    while tree.head[head] != head and steps < 50:
        if tree.pos[head] in ("VERB", "AUX") and (
                tree.dep[head] in _CLAUSE_DEPS or tree.dep[head] == "conj" and tree.subject[head]):
            break
        head = tree.head[head]
        steps += 1
    return head


def _own_clause(tree: Tree, child: int, token: int) -> bool:
    """Does ``child`` start a clause of its own that does not hold ``token``?"""
    if tree.left[child] <= token <= tree.right[child]:
        return False
    dep = tree.dep[child]
    if dep in _SUBCLAUSE_DEPS:
        # a participle ("emailed AWS informing them") stays in the clause
        return not (dep == "advcl" and tree.tag[child] == "VBG"
                    and not tree.subject_or_mark[child])
    return dep == "conj" and tree.pos[child] in ("VERB", "AUX") and tree.subject[child]


def _whole_participle(tree: Tree, node: int) -> bool:
    """A participle clause without a subject ("..., making it hard to advance"): it belongs
    to the clause it hangs on whole, with the clauses it embeds."""
    return tree.dep[node] == "advcl" and tree.tag[node] == "VBG" \
        and not tree.subject_or_mark[node]


def _kept(tree: Tree, i: int, head: int, token: int,
          memo: dict[int, tuple[bool, bool]]) -> bool:
    """Is token ``i`` in the clause of ``head`` (no sub-clause between them, or one inside a
    whole participle clause)? ``memo`` keeps (kept, inside a whole participle) per token."""
    if not tree.left[head] <= i <= tree.right[head]:
        return False
    path = []
    node = i
    state = (False, False)
    for _ in range(_MAX_DEPTH):
        if node in memo:
            state = memo[node]
            break
        if node == head:
            state = (True, False)
            break
        if tree.head[node] == node:
            break
        path.append(node)
        node = tree.head[node]
    kept, whole = state
    for k in reversed(path):  # from the top down to ``i``
        if whole:
            pass
        elif _whole_participle(tree, k):
            whole = kept
        elif _own_clause(tree, k, token):
            kept = False
        memo[k] = (kept, whole)
    return kept


def _clause_span(doc: Doc, token: Token) -> tuple[int, int, int]:
    """Char span and head of the clause holding ``token``, without the clauses it embeds.

    Only the contiguous run of clause tokens around ``token`` counts, within
    ``_CLAUSE_WINDOW`` tokens on either side; subtrees are tested by their token index
    range, so the cost does not grow with the sentence.
    """
    tree = info(doc).tree
    i = token.i
    head = _clause_head(tree, i)
    memo: dict[int, tuple[bool, bool]] = {}
    lo = hi = i
    floor, ceiling = max(0, i - _CLAUSE_WINDOW), min(len(doc) - 1, i + _CLAUSE_WINDOW)
    while lo > floor and _kept(tree, lo - 1, head, i, memo):
        lo -= 1
    while hi < ceiling and _kept(tree, hi + 1, head, i, memo):
        hi += 1
    while lo < hi and (doc[lo].is_punct or tree.dep[lo] == "cc" or doc[lo].is_space):
        lo += 1
    while hi > lo and ((doc[hi].is_punct and not _unit_mark(doc[hi]))
                       or tree.dep[hi] in ("cc", "prep", "mark") or doc[hi].is_space):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi]), head


#: punctuation that ends a clause, never a number's unit
_CLAUSE_PUNCT = frozenset(".,;:!?)]\"'\u201d\u2019")


def _unit_mark(token: Token) -> bool:
    """A sign glued to the number before it ("6% to 11%"): part of the quantity."""
    prev = token.doc[token.i - 1] if token.i else None
    return prev is not None and prev.like_num and not prev.whitespace_ and \
        token.text not in _CLAUSE_PUNCT


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
                 inside: list[dict[str, Any]], by_sentence: dict[int, list[dict[str, Any]]],
                 rules: ClaimRules) -> Optional[dict[str, Any]]:
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
    inside = [t for t in inside if _may_govern(doc, unit, t, rules)]
    if inside:
        return min(inside, key=lambda t: min(abs(t["span"][0] - h.idx) for h in heads))
    in_sent = [t for t in by_sentence.get(sent.start_char, []) if _may_govern(doc, unit, t, rules)]
    if not in_sent:
        return None
    distance: dict[int, int] = {}
    for h in heads:
        for d, a in enumerate(islice(chain((h,), h.ancestors), _MAX_DEPTH)):
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


def _opens_attributed(cue: dict[str, Any], by_attribution: SpanIndex) -> bool:
    """A cue opening the clause it governs ("Reportedly, X said ...") qualifies the
    attributed claims there and is no claim of its own."""
    return cue["scope"][0] == cue["span"][0] and bool(by_attribution.within(*cue["scope"]))


def _may_govern(doc: Doc, unit: Unit, time: dict[str, Any], rules: ClaimRules) -> bool:
    """False for a time that is only a point of comparison ("up 4% from a year ago") and
    for one inside the noun phrase of a source ("according to a 1989 report") that holds none
    of the claim's numbers."""
    start, end = time["span"]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    before = doc[max(0, span.start - 2): span.start]
    if before and (before[-1].lower_ in rules.comparison
                   or before.text.lower() in rules.comparison):
        return False
    if len(before) == 2 and before[-1].lower_ in rules.change_from and (
            before[0].like_num or before[0].text == "%"):
        return False  # "rose 4% from a year ago"
    root, noun = span.root, span.root.head
    if _in_other_phrase(doc, unit, root):
        return False
    if root.dep_ not in _NP_DEPS or noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ != "pobj" \
            or span.start <= noun.i < span.end or noun.lower_ in rules.time_nouns \
            or not _source_phrase(noun.head, rules):
        return True
    lo, hi = noun.left_edge.idx, noun.right_edge.idx + len(noun.right_edge)
    return any(lo <= q["span"][0] and q["span"][1] <= hi for q in unit.quantities)


def _source_phrase(prep: Token, rules: ClaimRules) -> bool:
    """A preposition whose noun phrase is a source or a point of comparison: "according to",
    "citing", "from", "than" (the lexicon's ``source_prepositions``)."""
    return prep.lower_ in rules.source_preps or \
        prep.head.lower_ in rules.source_after.get(prep.lower_, ())


def _in_other_phrase(doc: Doc, unit: Unit, root: Token) -> bool:
    """A time inside a relative or participial clause of a noun ("an antibody isolated in
    1995") that holds none of the claim's numbers belongs to that noun, not to the claim;
    in one of the claim's subject it is the claim's time when the claim's verb is past too
    ("an accident followed by a fire on Thursday killed five"; not "the outbreak, which began
    in December, may call for ...")."""
    token = root
    for _ in range(8):
        if token.i in (unit.head, unit.cue_head):
            return False  # the claim's own clause or its cue's
        if token.dep_ in ("acl", "relcl") and token.head.i != token.i:
            noun = token.head
            if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i in (unit.head, unit.cue_head) \
                    and noun.head.tag_ in _PAST_TAGS:
                return False
            lo, hi = noun.left_edge.idx, noun.right_edge.idx + len(noun.right_edge)
            return not any(lo <= q["span"][0] and q["span"][1] <= hi for q in unit.quantities)
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _attach_hedges(doc: Doc, units: list[Unit], index: SpanIndex,
                   cues: Iterable[dict[str, Any]]) -> None:
    """Each hedge cue to the claims that hold it, that its scope governs, or (anaphoric
    cues) that it refers back to."""
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


def _referents(doc: Doc, units: list[Unit], index: SpanIndex, cue: dict[str, Any],
               sides: set[str]) -> list[Unit]:
    """The earlier claims an anaphoric hedge refers to."""
    s = cue["span"][0]
    # a window of sentences, and of characters too (a run-on text is one long sentence)
    window_start = max(_sentence_start_before(doc, s, cue.get("window", 12)),
                       s - _REFERENT_CHARS)
    before = [units[k] for k in index.within(window_start, s + 1) if units[k].span[0] < s]
    if cue.get("both_sides"):
        picked = [u for u in before if u.speaker and _is_side(u.speaker, sides)]
        if cue.get("casualty"):
            picked = [u for u in picked if u.casualty]
        return picked
    attributed = [u for u in before if u.speaker]
    count = referent_count(cue)
    last = attributed[-1].speaker if attributed else None
    if last is None or count == 2:  # "neither figure": the last two claims
        return (attributed or before)[-(count or 1):]
    speaker = last["name"]
    picked = []
    for u in reversed(before):
        if u.speaker is None:
            continue
        if u.speaker["name"] != speaker:
            break
        picked.append(u)
    if cue.get("casualty"):
        picked = [u for u in picked if u.casualty] or picked
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


def _is_side(speaker: dict[str, Any], sides: set[str]) -> bool:
    if speaker.get("label") in ("GPE", "NORP"):
        return True
    title = (speaker.get("title") or "").lower()
    return any(word in sides for word in title.split())


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
