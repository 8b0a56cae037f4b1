"""Dependency frames a hedge cue row can require (the ``"frame"`` object of a row).

Each test takes the matched span, the cue's head word and the frame's argument, and says
whether the cue holds there. ``"anaphoric"`` is checked by the finder after anaphora.
"""
from __future__ import annotations

from typing import Any, Callable

from spacy.tokens import Doc, Span, Token

from ..docinfo import children, info, subtree
from .classes import HedgeClasses

Test = Callable[[Span, Token, Any, HedgeClasses], bool]


def _not_with_deps(span: Span, head: Token, deps: list[str],
        classes: HedgeClasses) -> bool:
    """No word of the cue has a child with one of ``deps`` ("denied him" is not a denial)."""
    return not any(c.dep_ in deps for t in span for c in children(t))


def _needs_child_deps(span: Span, head: Token, deps: list[str],
        classes: HedgeClasses) -> bool:
    """The head has a child of one of ``deps`` (a belief verb needs its clause)."""
    return any(c.dep_ in deps for c in children(head))


def _needs_child_lower(span: Span, head: Token, words: list[str],
        classes: HedgeClasses) -> bool:
    """The head has a child word of ``words`` ("accused ... of")."""
    return any(c.lower_ in words for c in children(head))


def _not_head_deps(span: Span, head: Token, deps: list[str],
        classes: HedgeClasses) -> bool:
    """The head does not hang on the parse by one of ``deps`` ("no reason to expect")."""
    return head.dep_ not in deps


def _head_deps_or_child(span: Span, head: Token, arg: dict[str, list[str]],
        classes: HedgeClasses) -> bool:
    """The word modifies a noun ("the alleged leader") or takes its complement
    ("suspected of fraud"), and is not the verb of a clause ("what we long suspected")."""
    word = span[0]
    return word.dep_ in arg["deps"] or any(c.lower_ in arg["children"] for c in children(word))


def _not_child_lower(span: Span, head: Token, words: list[str],
        classes: HedgeClasses) -> bool:
    """The head has no child word of ``words`` ("expect from X" is a demand)."""
    return not any(c.lower_ in words for c in children(head))


def _not_marked(span: Span, head: Token, _: Any,
        classes: HedgeClasses) -> bool:
    """The head's clause is no comparison or condition ("as cloaked as they think")."""
    return not _has_mark(head, "after_comparison", classes)


def _not_question(span: Span, head: Token, _: Any,
        classes: HedgeClasses) -> bool:
    """Not asked ("Do you think 30 will come?"): no auxiliary before the subject."""
    subjects = [c.i for c in children(head) if c.dep_ in ("nsubj", "nsubjpass")]
    return not subjects or not any(
        c.dep_ == "aux" and c.i < subjects[0] for c in children(head))


def _not_after(span: Span, head: Token, _: Any,
        classes: HedgeClasses) -> bool:
    """Not in a comparison or condition ("as expected", "than expected", "if possible")."""
    return span.start == 0 or span.doc[span.start - 1].lower_ not in classes.frame_words(
        "after_comparison")


def _not_thing(span: Span, head: Token, _: Any,
        classes: HedgeClasses) -> bool:
    """The word qualifies a statement, not a thing ("four possible treatments")."""
    thing = classes.frame_words("thing_deps")
    word = span[0]
    if word.dep_ in thing:
        return False
    # "a potentially deadly virus"
    return not (word.dep_ == "advmod" and word.head.pos_ == "ADJ" and word.head.dep_ in thing)


def _complement_lemmas(span: Span, head: Token, lemmas: list[str],
        classes: HedgeClasses) -> bool:
    """The cue's phrase ("despite ...") holds a verb of ``lemmas`` ("showing", "claiming")."""
    words = set(lemmas)
    return any(t.lemma_ in words for t in span[0].subtree if t.i != span[0].i)


def _unsourced(span: Span, head: Token, _: Any,
        classes: HedgeClasses) -> bool:
    """The report names no source ("according to local reports", not "a report by X")."""
    types = classes.frame_words("source_entity_types")
    return not any(t.ent_type_ in types for t in subtree(head) if t.i != head.i)


def _object_lemmas(span: Span, head: Token, lemmas: list[str],
        classes: HedgeClasses) -> bool:
    """The verb's object is a claim ("rejected the claim", "dismissed this"), not a
    person or thing ("dismissed 30 staff")."""
    words = set(lemmas)
    return any(c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in words or
                                                     c.lower_ in words)
               for c in children(head))


def _epistemic_modal(span: Span, head: Token, _: Any,
        classes: HedgeClasses) -> bool:
    """``may``/``might``/``could`` of possibility: not ability or permission, nor a
    counterfactual "could have" under a condition."""
    modal = span[0].lower_
    if any(t.lower_ in classes.frame_words("modal_idioms") for t in span[1:]):
        return False  # "might as well be": a suggestion
    negations = classes.frame_words("negations")
    if modal in classes.frame_words("ability_modals"):
        if any(t.lower_ in negations for t in span) or any(
                c.lower_ in negations for c in children(head)):
            return False  # "could not reach": ability
        if head.lemma_ in classes.word_class("ability_verb") or \
                _has_mark(head, "ability_marks", classes):
            return False  # "could see", "until it could review"
    perfect = any(t.lower_ in classes.frame_words("perfect_auxiliaries") for t in span)
    return not (perfect and modal not in classes.frame_words("conditional_proof_modals")
                and _under_condition(head, classes))


def _has_mark(verb: Token, table: str, classes: HedgeClasses) -> bool:
    marks = classes.frame_words(table)
    return any(c.dep_ == "mark" and c.lower_ in marks for c in children(verb))


def _under_condition(verb: Token, classes: HedgeClasses) -> bool:
    """A condition in the sentence, or a counterfactual one ("If we had ...") just before."""
    table = info(verb.doc)
    lowers = table.lowers
    sent = table.sent_of(verb.i)
    marks = classes.frame_words("condition_marks")
    if any(lowers[i] in marks for i in range(sent.start, sent.end)):
        return True
    if _inverted_condition(verb.doc, sent.start, sent.end, classes):
        return True  # "Had they acted sooner, ..."
    prev = table.previous(sent)
    if prev is sent:
        return False
    words = set(lowers[prev.start:prev.end])
    return bool(words & marks) and bool(words & classes.frame_words("counterfactual_aux"))


def _inverted_condition(doc: Doc, start: int, end: int, classes: HedgeClasses) -> bool:
    """The sentence opens with an inverted condition ("Had X acted, ...", "Were it ...")."""
    first = start
    while first < end and doc[first].is_punct:
        first += 1
    return first < end and doc[first].lower_ in classes.frame_words("counterfactual_aux") and \
        doc[first].dep_ in ("aux", "auxpass", "advcl", "mark")


TESTS: dict[str, Test] = {
    "not_with_deps": _not_with_deps,
    "needs_child_deps": _needs_child_deps,
    "needs_child_lower": _needs_child_lower,
    "not_after": _not_after,
    "not_head_deps": _not_head_deps,
    "not_child_lower": _not_child_lower,
    "head_deps_or_child": _head_deps_or_child,
    "not_marked": _not_marked,
    "not_question": _not_question,
    "not_thing": _not_thing,
    "complement_lemmas": _complement_lemmas,
    "modal": _epistemic_modal,
    "unsourced": _unsourced,
    "object_lemmas": _object_lemmas,
}


def frame_holds(frame: dict[str, Any], span: Span, head: Token, classes: HedgeClasses) -> bool:
    """Whether every test of ``frame`` holds for the cue."""
    return all(TESTS[name](span, head, arg, classes) for name, arg in frame.items()
               if name in TESTS)
