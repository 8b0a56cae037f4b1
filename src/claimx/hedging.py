"""Hedge cues (unverified, disputed, uncertain, estimate), who hedges, and what each covers."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from spacy.tokens import Doc, Token
from spacy.util import filter_spans

from .docinfo import children, info
from .lexicon import load_rows, load_table
from .matching import RuleMatcher
from .spanindex import word_text


@dataclass
class HedgeCue:
    """One hedge cue found in the text."""

    start: int  # token indices
    end: int
    kind: str
    rule: str
    source: Optional[str] = None
    makes_claim: bool = False
    anaphoric: bool = False
    both_sides: bool = False
    casualty: bool = False
    head: int = 0
    scope: tuple[int, int] = (0, 0)  # char span the cue governs in its own sentence
    extra: dict[str, Any] = field(default_factory=dict)


class HedgeFinder:
    """Matches hedge cues on the parse (lemmas, negation) from a JSONL rule file."""

    def __init__(self, vocab, cues_path: Union[str, Path, None] = None) -> None:
        self.rules: dict[str, dict] = {}
        self.matcher = RuleMatcher(vocab)
        for i, row in enumerate(load_rows("hedge_cues.jsonl", cues_path)):
            key = f"claimx_hedge_{i}"
            self.rules[key] = row
            self.matcher.add(key, row["pattern"])
        ana = load_table("hedge_anaphora.json")
        self.ana_dets = set(ana["determiners"])
        self.ana_nouns = set(ana["nouns"])
        self.ana_pronouns = set(ana["pronouns"])
        self.both_sides = [s.split() for s in ana["both_sides"]]
        self.casualty_words = set(ana["casualty_words"])
        self.casualty_nouns = set(ana["casualty_nouns"])
        self.window = int(ana.get("window_sentences", 12))

    def find(self, doc: Doc) -> list[HedgeCue]:
        """Every hedge cue in ``doc``, longest match first, no overlaps."""
        matches = []
        for key, start, end in self.matcher(doc):
            matches.append(doc[start:end])
            matches[-1].label_ = key  # type: ignore[misc]
        cues = []
        for span in filter_spans(matches):
            rule = self.rules[span.label_]
            if any(c.dep_ in rule.get("not_with_deps", ())
                   for t in span for c in children(t)):
                continue
            cue = HedgeCue(span.start, span.end, rule["kind"], rule.get("id", span.label_),
                           makes_claim=bool(rule.get("makes_claim")))
            head = _cue_head(span)
            cue.head = head.i
            cue.source = self._source(doc, span, head, rule.get("source"))
            cue.scope = _scope(head)
            self._anaphora(doc, cue, head)
            cues.append(cue)
        return cues

    def _source(self, doc: Doc, span, head: Token, how: Optional[str]) -> Optional[str]:
        if how is None:
            return None
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        for _ in range(3):
            for child in children(verb):
                if child.dep_ in ("nsubj",) and child.pos_ in ("PROPN", "NOUN", "PRON"):
                    return word_text(_entity_text(doc, child))
            if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
                verb = verb.head
                continue
            break
        return None

    def _anaphora(self, doc: Doc, cue: HedgeCue, head: Token) -> None:
        """Does the cue refer back ("these claims", "the figures reported by either side")?"""
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        objects = [c for c in children(verb) if c.dep_ in ("dobj", "nsubjpass", "nsubj")
                   and c.i != verb.i]
        for obj in objects:
            if obj.dep_ == "nsubj" and cue.kind != "unverified":
                continue
            det = {c.lower_ for c in children(obj) if c.dep_ in ("det", "poss", "predet")}
            # a relative pronoun ("a figure that could not be verified") points at its own
            # clause, not back at earlier claims
            pronoun = obj.lower_ in self.ana_pronouns and obj.pos_ in ("PRON", "DET") and \
                obj.tag_ not in ("WDT", "WP")
            noun = obj.lower_ in self.ana_nouns or obj.lemma_.lower() in self.ana_nouns
            if pronoun or (noun and det & self.ana_dets):
                cue.anaphoric = True
            if cue.anaphoric:
                phrase = _bounded_subtree(doc, obj)
                words = {t.lower_ for t in phrase}
                lemma_words = {t.lemma_.lower() for t in phrase}
                low = " ".join(t.lower_ for t in phrase)
                cue.both_sides = any(" ".join(p) in low for p in self.both_sides)
                cue.casualty = bool((words | lemma_words) & self.casualty_nouns) or bool(
                    words & self.casualty_words)
                return


def _cue_head(span) -> Token:
    """The word of the cue that the parse hangs it on (the verb of "could not verify")."""
    for token in reversed(span):
        if token.pos_ in ("VERB", "AUX", "ADJ", "ADV", "NOUN"):
            if token.pos_ == "AUX" and token.head.i != token.i and token.head.i >= span.end:
                return token.head
            return token
    return span.root


def _scope(head: Token) -> tuple[int, int]:
    """The char span the cue governs: its clause (or the clause it modifies)."""
    clause = head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ in ("xcomp", "aux", "auxpass") and clause.head.i != clause.i:
        clause = clause.head
    first, last = clause.left_edge, clause.right_edge
    return first.idx, last.idx + len(last)


def _entity_text(doc: Doc, token: Token) -> str:
    ent = info(doc).entity_at(token.i) if token.ent_type_ else None
    if ent is not None:
        start = ent.start
        if start > 0 and doc[start - 1].lower_ == "the":
            start -= 1
        return doc[start:ent.end].text
    tokens = [t for t in _bounded_subtree(doc, token)
              if t.dep_ not in ("relcl", "acl", "appos", "punct")]
    if not tokens:
        return token.text
    start, end = tokens[0].i, tokens[-1].i + 1
    return doc[start:end].text


#: tokens of a phrase read at most (a subtree can be a whole run-on sentence)
_PHRASE_TOKENS = 64


def _bounded_subtree(doc: Doc, token: Token):
    """The subtree of ``token`` as a token range, cut to ``_PHRASE_TOKENS`` around it."""
    lo = max(token.left_edge.i, token.i - _PHRASE_TOKENS)
    hi = min(token.right_edge.i + 1, token.i + _PHRASE_TOKENS + 1)
    return doc[lo:hi]

