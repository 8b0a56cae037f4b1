"""What a hedge cue governs, in the manner of medspaCy's ConText rules.

A cue looks forward, backward or both ways from itself through its clause; the scope
stops at the clause's boundaries (coordinated clauses, parataxis) and at terminators
("but", "however", ";"). The clause is the one the cue sits in (``"clause"``), the one
its phrase modifies (``"governor"``: "..., citing anonymous sources"), the cue's own
phrase (``"complement"``: "despite X claiming Y") or the whole sentence (a sentence
adverb: "Reportedly, ...").
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..docinfo import SUBTREE_WINDOW, children, info
from .classes import HedgeClasses

_VERBS = ("VERB", "AUX")


def cue_head(span: Span) -> Token:
    """The word of the cue that the parse hangs it on (the verb of "could not verify")."""
    for token in reversed(span):
        if token.pos_ in ("VERB", "AUX", "ADJ", "ADV", "NOUN"):
            if token.pos_ == "AUX" and token.head.i != token.i and token.head.i >= span.end:
                return token.head
            return token
    return span.root


def clause_of(token: Token) -> Token:
    """The verb heading the clause that holds ``token``."""
    clause = token
    for _ in range(len(token.doc)):
        if clause.pos_ in _VERBS or clause.head.i == clause.i:
            break
        clause = clause.head
    if clause.dep_ in ("xcomp", "aux", "auxpass") and clause.head.i != clause.i:
        clause = clause.head
    return clause


def is_sentence_adverb(span: Span, classes: HedgeClasses) -> bool:
    """A one-word adverb opening its sentence and set off by a comma ("Reportedly, ...")."""
    if len(span) != 1 or span[0].pos_ != "ADV":
        return False
    doc = span.doc
    sent = info(doc).sent_of(span.start)
    first = sent.start
    while first < span.start and doc[first].is_punct:
        first += 1
    return first == span.start and span.end < sent.end and \
        doc[span.end].text in classes.scope()["sentence_adverb_punct"]


def cue_scope(span: Span, head: Token, mode: str, direction: str,
              classes: HedgeClasses) -> tuple[int, int]:
    """The char span the cue governs."""
    doc = span.doc
    if mode == "sentence":
        sent = info(doc).sent_of(span.start)
        return sent.start_char, sent.end_char
    if mode == "complement":
        tokens = list(span[0].subtree)
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    clause = clause_of(head)
    if mode == "governor":
        clause = _governor(span[0])
    left, right = _clause_run(clause, span.start, span.end - 1, classes)
    if direction == "forward":
        left = max(left, span.start)
    elif direction == "backward":
        right = min(right, span.start - 1) if span.start > left else right
    return doc[left].idx, doc[right].idx + len(doc[right])


def _governor(word: Token) -> Token:
    """The clause a participle or prepositional phrase modifies ("..., citing sources")."""
    start = word.head if word.head.i != word.i else word
    return clause_of(start)


def _clause_run(clause: Token, first: int, last: int,
                classes: HedgeClasses) -> tuple[int, int]:
    """Token range of ``clause`` around the cue, cut at boundaries and terminators."""
    table = classes.scope()
    bounds = set(table["boundary_deps"])
    # a bounded window around the cue: on run-on text a clause can be the whole document
    left = max(clause.left_edge.i, first - SUBTREE_WINDOW)
    right = min(clause.right_edge.i, last + SUBTREE_WINDOW)
    first, last = max(first, left), min(last, right)
    for child in children(clause):
        if child.dep_ not in bounds:
            continue
        if child.i > last:
            right = min(right, child.left_edge.i - 1)
        elif child.i < first:
            left = max(left, child.right_edge.i + 1)
    terminators = set(table["terminators"])
    lowers = info(clause.doc).lowers
    for i in range(first - 1, left - 1, -1):
        if lowers[i] in terminators:
            left = i + 1
            break
    for i in range(last + 1, right + 1):
        if lowers[i] in terminators:
            right = i - 1
            break
    return left, max(right, left)
