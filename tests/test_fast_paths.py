"""The shortcuts taken for speed find exactly what the slow way finds.

- ``RuleMatcher`` runs spaCy's Matcher only on sentences holding a word each rule needs;
- time patterns are skipped on texts lacking a word every match contains (word gates);
- the quantity scan only parses tokens that can begin a number.
"""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from claimx.matching import RuleMatcher, word_tests
from claimx.quantities.finder import QuantityFinder
from claimx.timex.finder import TimeFinder
from claimx.timex.gates import gate_open, template_gate

EXAMPLES = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

WORDS = ["the", "police", "said", "could", "not", "verify", "reportedly", "no", "independent",
         "confirmation", "may", "have", "fled", "it", "is", "unclear", "whether", "estimated",
         "3,000", "two", "dozen", "half", "a", "million", "on", "Monday", "last", "week",
         "three", "days", "ago", "in", "March", "2021", "spring", "weekend", "according", "to",
         "officials", "denied", "$", "5bn", "about", "-", "people", "died", "."]

sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(
    lambda ws: " ".join(ws).capitalize() + ".")
texts = st.lists(sentences, min_size=1, max_size=6).map(" ".join)

RULES = [
    [{"LOWER": {"IN": ["not", "never"]}}, {"POS": "AUX", "OP": "*"},
     {"LEMMA": {"IN": ["verify", "confirm"]}}],
    [{"LOWER": "no"}, {"LOWER": "independent", "OP": "?"}, {"LOWER": "confirmation"}],
    [{"LEMMA": "be"}, {"LOWER": "unclear"}],
    [{"LOWER": "according"}, {"LOWER": "to"}],
]


def _plain_matches(nlp_doc, rules):
    """The Matcher run on each sentence on its own (RuleMatcher's contract)."""
    matcher = Matcher(nlp_doc.vocab)
    for i, rule in enumerate(rules):
        matcher.add(f"rule{i}", [rule])
    out = []
    for sent in nlp_doc.sents:
        for match_id, a, b in matcher(sent):
            out.append((nlp_doc.vocab.strings[match_id], a + sent.start, b + sent.start))
    return out


def test_word_tests_skip_optional_and_negated_tokens():
    tests = word_tests(RULES[1])
    assert [sorted(words) for _, words in tests] == [["no"], ["confirmation"]]
    assert word_tests([{"POS": "ADJ"}, {"LOWER": "x", "OP": "!"}]) == []


def test_rule_matcher_skips_sentences_without_the_words(extractor):
    doc = extractor.nlp("The sky was blue. The claims could not be verified. Nothing else.")
    rm = RuleMatcher(doc.vocab)
    for i, rule in enumerate(RULES):
        rm.add(f"rule{i}", rule)
    assert rm.candidate_sentences(doc) == [(5, 12)]
    assert [(k, doc[a:b].text) for k, a, b in rm(doc)] == [("rule0", "not be verified")]


def test_rule_matcher_with_a_wordless_rule_tries_every_sentence(extractor):
    doc = extractor.nlp("Blue skies. Red roses.")
    rm = RuleMatcher(doc.vocab)
    rm.add("adj", [{"POS": "ADJ"}])
    assert len(rm.candidate_sentences(doc)) == len(list(doc.sents))
    assert [doc[a:b].text for _, a, b in rm(doc)] == ["Blue", "Red"]


@EXAMPLES
@given(texts)
def test_rule_matcher_equals_the_matcher(extractor, text):
    doc = extractor.nlp(text)
    rm = RuleMatcher(doc.vocab)
    for i, rule in enumerate(RULES):
        rm.add(f"rule{i}", rule)
    assert rm(doc) == _plain_matches(doc, RULES)


def test_template_gates():
    lex = {"months": ["january", "march"], "month_abbreviations": ["jan", "mar"],
           "seasons": ["spring", "the fall"]}
    assert template_gate("{MONTH} {DAY},? {YEAR}", lex) == (
        (frozenset({"january", "march", "jan", "mar"}),),)
    # groups and optional words prove nothing; plain words and list words do
    assert template_gate("(?:the )?{SEASON} (?:of )?{YEAR}", lex) == (
        (frozenset({"spring", "fall"}),),)
    assert template_gate("weeks? ago", lex) == ((frozenset({"week"}), frozenset({"ago"})),)
    # every top-level alternative needs a word, else there is no gate
    assert template_gate("the day before|{YEAR}", lex) is None
    gate = template_gate("a day later|the day after", lex)
    assert gate_open(gate, frozenset({"day", "later"}))
    assert not gate_open(gate, frozenset({"day"}))
    assert gate_open(None, frozenset())


class _UngatedTimes(TimeFinder):
    """Every pattern scanned on every text."""

    def __init__(self) -> None:
        super().__init__()
        self.rules = type(self.rules)(**{**vars(self.rules), "patterns": [
            type(p)(**{**vars(p), "gate": None}) for p in self.rules.patterns]})


GATED, UNGATED = TimeFinder(), _UngatedTimes()


@EXAMPLES
@given(texts)
def test_time_gates_change_no_hit(extractor, text):
    doc = extractor.nlp(text)
    ref = dt.date(2023, 3, 13)
    assert UNGATED.find(doc, ref) == GATED.find(doc, ref)


class _EveryToken(QuantityFinder):
    def _may_start(self, ctx, i):  # noqa: ARG002 - parse at every token
        return True


QUANTITIES, EVERY_TOKEN = QuantityFinder(), _EveryToken()


@EXAMPLES
@given(texts)
def test_quantity_prefilter_changes_no_hit(extractor, text):
    doc = extractor.nlp(text)
    assert EVERY_TOKEN.find(doc) == QUANTITIES.find(doc)
