"""The shortcuts taken for speed find exactly what the slow way finds.

- ``RuleMatcher`` runs spaCy's Matcher only on sentences holding a word each rule needs;
- the time patterns are run in one combined pass over each text;
- the quantity scan only parses tokens that can begin a number.
"""
from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from claimx.matching import RuleMatcher, word_tests
from claimx.quantities.finder import QuantityFinder
from claimx.timex.finder import TimeFinder
from claimx.timex.leads import lookahead, parse, read_leads
from claimx.timex.rules import LEFT_EDGE
from claimx.timex.scan import CombinedScan, first_char_guard

EXAMPLES = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

WORDS = ["the", "police", "said", "could", "not", "verify", "reportedly", "no", "independent",
         "confirmation", "may", "have", "fled", "it", "is", "unclear", "whether", "estimated",
         "3,000", "two", "dozen", "half", "a", "million", "on", "Monday", "last", "week",
         "three", "days", "ago", "in", "March", "2021", "spring", "weekend", "according", "to",
         "officials", "denied", "$", "5bn", "about", "-", "people", "died", ".", "5", "17th",
         "Q3", "1990s", "2019-20", "Friday", "year", "day", "before", "Sept.", "of", "next"]

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


def test_first_char_guard():
    assert first_char_guard(r"(?:the )?(?:spring|fall)", re.I) == "(?=[fst])"
    assert first_char_guard(r"\d+ days", re.I) == r"(?=[\d])"
    # nothing to tell: a match may begin anywhere, or be empty
    assert first_char_guard(r".x", re.I) == ""
    assert first_char_guard(r"(?:a)?", re.I) == ""


def test_combined_scan_leaves_out_patterns_that_may_begin_anywhere():
    pats = [re.compile(r".pring"), re.compile(r"\bspring\b", re.I), None,
            re.compile(r"\b(\w+) \1\b"), re.compile(r"(?:x)?")]
    scan = CombinedScan(pats)
    assert scan.members == [1, 3]  # a back-reference is fine: only the start is read
    found = scan.finditer("Spring is spring is spring")
    assert [m.span() for m in found[1]] == [(0, 6), (10, 16), (20, 26)]
    assert [m.group() for m in found[3]] == []
    assert [m.group() for m in scan.finditer("it is is so")[3]] == ["is is"]


def test_leads_read_the_first_characters():
    parsed = parse(r"(?:Jan|Feb)\.?[^\S\n]+\d", re.I)
    assert read_leads(parsed, 2) == {("J", "a"), ("F", "e")}
    assert lookahead(read_leads(parsed, 2)) == "(?=[FJ])(?=(?:[F][e]|[J][a]))"
    assert read_leads(parse(r"x[^\S\n]y", 0), 2) == {("x", r"\s")}
    assert lookahead(read_leads(parse(r"a?b", 0), 2)) == "(?=[ab])(?=(?:[a][b]|[b]))"
    # a repeat takes as many turns as the room allows: "123 days" is admitted
    guard = re.compile(lookahead(read_leads(parse(r"\d+ days", 0), 6)))
    assert guard.match("123 days") and guard.match("1 days") and not guard.match("1 dogs")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.sampled_from([r"(?:the )?(?:spring|fall)", r"\d{1,3}(?:,\d{3})* (?:days|weeks)",
                        r"(?:mid|late)-?\d{4}s?", r"[A-Z][a-z]+ \d+", r"(?:ab)*c|x?y"]),
       st.text(alphabet="thespringfall0123456789,- daywkmilAZabcxy", max_size=30),
       st.integers(1, 6))
def test_leads_admit_every_match(source, text, room):
    regex = re.compile(source)
    guard = re.compile(lookahead(read_leads(parse(source, 0), room)) or "")
    for pos in range(len(text)):
        if regex.match(text, pos):
            assert guard.match(text, pos), (source, text, pos)


TIME_REGEXES = [p.find for p in TimeFinder().rules.patterns]
TIME_SCAN = CombinedScan(TIME_REGEXES, prefix=LEFT_EDGE)


@settings(max_examples=300, deadline=None, derandomize=True)
@example("On 5 March 2021, 7 May and 28-30 Sept. 2019, in the 1990s, Q3 2019 and 2019-2020.")
@example("Three days ago, next Friday, the day before, last spring, mid-2020, 12/05.")
@given(st.one_of(texts, st.text(alphabet="MarchJnuyQ 0123456789-, .the'dsago\n:/",
                                max_size=80)))
def test_combined_scan_equals_one_scan_per_pattern(text):
    assert len(TIME_SCAN.members) >= len(TIME_REGEXES) - 2
    found = TIME_SCAN.finditer(text)
    for index in TIME_SCAN.members:
        expected = [(m.span(), m.groupdict()) for m in TIME_REGEXES[index].finditer(text)]
        assert [(m.span(), m.groupdict()) for m in found[index]] == expected


class _PatternByPattern(TimeFinder):
    """Every time pattern scanned on its own."""

    def _combined_scan(self):
        return CombinedScan([])


ONE_PASS, PATTERN_BY_PATTERN = TimeFinder(), _PatternByPattern()


@EXAMPLES
@given(texts)
def test_time_hits_equal_pattern_by_pattern(extractor, text):
    doc = extractor.nlp(text)
    ref = dt.date(2023, 3, 13)
    assert ONE_PASS.find(doc, ref) == PATTERN_BY_PATTERN.find(doc, ref)


class _EveryToken(QuantityFinder):
    def _may_start(self, ctx, i):  # noqa: ARG002 - parse at every token
        return True


QUANTITIES, EVERY_TOKEN = QuantityFinder(), _EveryToken()


@EXAMPLES
@given(texts)
def test_quantity_prefilter_changes_no_hit(extractor, text):
    doc = extractor.nlp(text)
    assert EVERY_TOKEN.find(doc) == QUANTITIES.find(doc)
