"""Who hedges, and whether a cue refers back to earlier claims ("these claims")."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from spacy.tokens import Doc, Span, Token

from ..docinfo import children, info, subtree
from ..spanindex import word_text
from .cue import HedgeCue

#: kinds whose subject, too, can name what is hedged ("the claim could not be verified",
#: "the figures are false")
_SUBJECT_KINDS = ("unverified", "disputed")


class Anaphora:
    """Back-references of hedge cues, from ``data/hedge_anaphora.json``."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.dets = set(table["determiners"])
        self.weak_dets = set(table.get("weak_determiners", ("the",)))
        self.nouns = set(table["nouns"])
        self.pronouns = set(table["pronouns"])
        self.both_sides = list(table["both_sides"])
        self.casualty_words = set(table["casualty_words"])
        self.casualty_nouns = set(table["casualty_nouns"])
        self.window = int(table.get("window_sentences", 12))
        self.singular = set(table.get("singular_pronouns", ()))
        self.plural_dets = set(table.get("plural_determiners", ()))
        self.dual = set(table.get("dual_determiners", ()))

    def mark(self, cue: HedgeCue, head: Token) -> None:
        """Set ``cue.anaphoric`` (and what the back-reference names) from the parse."""
        obj = self.anaphor(cue.kind, head)
        if obj is None:
            return
        cue.anaphoric = True
        cue.referents = self.count(obj)
        words = {t.lower_ for t in subtree(obj)}
        lemmas = {t.lemma_.lower() for t in subtree(obj)}
        low = " ".join(t.lower_ for t in subtree(obj))
        cue.both_sides = any(p in low for p in self.both_sides)
        cue.casualty = bool((words | lemmas) & self.casualty_nouns) or bool(
            words & self.casualty_words)

    def count(self, obj: Token) -> Optional[int]:
        """How many earlier claims the back-reference names: one ("this", "the figure"),
        two ("neither figure", "both reports") or all of a run (None: "these claims")."""
        dets = {c.lower_ for c in children(obj) if c.dep_ in ("det", "predet")}
        if obj.lower_ in self.dual or dets & self.dual:
            return 2
        if obj.lower_ in self.singular:
            return 1
        if obj.tag_ in ("NNS", "NNPS") or obj.lower_ in self.pronouns or dets & self.plural_dets:
            return None
        return 1

    def anaphor(self, kind: str, head: Token) -> Optional[Token]:
        """The phrase by which the cue with ``head`` refers back, if any."""
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        # "called this dubious": the parser may hang the pronoun on the adjective
        own = [c for c in children(head) if c.dep_ == "det"] if head.pos_ == "ADJ" else []
        for obj in [*children(verb), *own]:
            if obj.i == verb.i or obj.dep_ not in ("dobj", "nsubjpass", "nsubj", "det") or \
                    obj.i == head.i or _expletive(obj, verb):
                continue
            if obj.dep_ == "nsubj" and kind not in _SUBJECT_KINDS:
                continue
            if self._refers_back(obj):
                return obj
        return None

    def _refers_back(self, obj: Token) -> bool:
        # a relative pronoun ("a figure that could not be verified") points at its own
        # clause, not back at earlier claims
        if obj.lower_ in self.pronouns and obj.pos_ in ("PRON", "DET"):
            return obj.tag_ not in ("WDT", "WP")
        if obj.lower_ not in self.nouns and obj.lemma_.lower() not in self.nouns:
            return False
        dets = {c.lower_ for c in children(obj) if c.dep_ in ("det", "poss", "predet")}
        if not dets & self.dets:
            return False
        # "the number of people infected" describes; "the figures" points back
        return bool(dets - self.weak_dets) or not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in children(obj))


def referent_count(cue: Mapping[str, Any]) -> Optional[int]:
    """How many earlier claims an anaphoric cue (as the hedge stage stores it) names:
    1, 2, or None for a whole run of claims ("these claims")."""
    count: Optional[int] = cue.get("referents")
    return count


def _expletive(obj: Token, verb: Token) -> bool:
    """The "it" of "it was said that ...": it stands for the clause, not earlier claims."""
    return obj.lower_ == "it" and any(c.dep_ == "ccomp" for c in children(verb))


def source_of(doc: Doc, head: Token, how: Optional[str],
              articles: frozenset[str] = frozenset()) -> Optional[str]:
    """Who hedges: the subject of the cue's verb (climbing xcomp/conj/advcl)."""
    if how is None:
        return None
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    for _ in range(3):
        for child in children(verb):
            if child.dep_ == "nsubj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
                return word_text(_entity_text(doc, child, articles))
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    return None


def _entity_text(doc: Doc, token: Token, articles: frozenset[str]) -> str:
    ent: Optional[Span] = info(doc).entity_at(token.i) if token.ent_type_ else None
    if ent is not None:
        start = ent.start
        if start > 0 and doc[start - 1].lower_ in articles:
            start -= 1
        return doc[start:ent.end].text
    tokens = [t for t in subtree(token) if t.dep_ not in ("relcl", "acl", "appos", "punct")]
    if not tokens:
        return token.text
    return doc[tokens[0].i:tokens[-1].i + 1].text
