"""Claim assembly: what becomes a claim, its span, its quantities and its time."""
from __future__ import annotations

import datetime as dt

import pytest

from test_sources import claim_with


def test_unsourced_narration_without_numbers_is_not_a_claim(extractor):
    text = "The hotel caught fire in the morning. Firefighters arrived soon after."
    assert extractor.extract(text) == []


def test_headline_and_date_header_are_not_claims(extractor, seed_0313):
    first = extractor.extract(seed_0313)[0]
    assert first.start > seed_0313.index("Photo by AFP")


def test_dateline_gives_the_reference_date(extractor):
    text = "Monday, July 15, 2019\n\nAt least 25 people were injured on Saturday, officials said."
    claim = next(c for c in extractor.extract(text) if "25 people" in c.text)
    assert (claim.time.start, claim.time.end) == (dt.date(2019, 7, 13), dt.date(2019, 7, 13))


def test_time_is_taken_from_the_governing_clause(extractor):
    text = "Last week a car bomb killed five and wounded 110 in the capital."
    claim = claim_with(extractor, text, "110")
    assert claim.time is not None and claim.time.text.lower().startswith("last week")


def test_a_time_in_another_claims_clause_is_not_borrowed(extractor):
    text = ("On January 28, the firm reportedly emailed the host, to which on February 1 "
            "the host acknowledged the owner had been informed.")
    claim = claim_with(extractor, text, "acknowledged the owner")
    assert claim.time.text == "February 1"


def test_at_the_time_points_back_to_the_named_time(extractor):
    text = ("Reuters called it the deadliest attack since an assault in August 2018, with "
            "officials reporting at the time 150 security forces killed.")
    claim = claim_with(extractor, text, "150 security forces")
    assert claim.time.text == "August 2018"


def test_two_numbers_in_one_clause_share_a_claim(extractor):
    text = "The deal covers 301 stores, two distribution centres and the head office."
    claims = extractor.extract(text)
    assert len(claims) == 1
    assert [q.value for q in claims[0].quantities] == [301.0, 2.0]


def test_sentence_field_holds_the_claim(extractor, seed_0313):
    for claim in extractor.extract(seed_0313):
        s, e = claim.sentence
        assert s <= claim.start < claim.end <= e
        assert seed_0313[s:e].strip()


def test_a_participial_clause_belongs_to_the_claim(extractor):
    text = ("Rescue crews are reportedly struggling in the flooded districts, making it hard "
            "to reach survivors.")
    claim = next(c for c in extractor.extract(text) if "struggling" in c.text)
    assert claim.text.endswith("making it hard to reach survivors")


#: a parse the English model gives to sentences of this shape: the participle after the
#: counted noun ("troops killed or injured") hung on the main verb, not on the noun
_REDUCED_RELATIVE = [
    ("The", "det", 4, "DT", "DET"), ("weeks", "npadvmod", 3, "NNS", "NOUN"),
    ("-", "punct", 3, "HYPH", "PUNCT"), ("long", "amod", 4, "JJ", "ADJ"),
    ("siege", "nsubj", 8, "NN", "NOUN"), ("of", "prep", 4, "IN", "ADP"),
    ("Portville", "pobj", 5, "NNP", "PROPN"), ("has", "aux", 8, "VBZ", "AUX"),
    ("been", "ROOT", 8, "VBN", "AUX"), ("costly", "acomp", 8, "JJ", "ADJ"),
    ("for", "prep", 9, "IN", "ADP"), ("both", "det", 12, "DT", "DET"),
    ("sides", "pobj", 10, "NNS", "NOUN"), (",", "punct", 8, ",", "PUNCT"),
    ("with", "prep", 8, "IN", "ADP"), ("observers", "nsubj", 16, "NNS", "NOUN"),
    ("estimating", "pcomp", 14, "VBG", "VERB"), ("between", "prep", 16, "IN", "ADP"),
    ("4,000", "nummod", 22, "CD", "NUM"), ("and", "cc", 18, "CC", "CCONJ"),
    ("6,000", "conj", 18, "CD", "NUM"), ("enemy", "amod", 22, "JJ", "ADJ"),
    ("troops", "pobj", 17, "NNS", "NOUN"), ("killed", "advcl", 8, "VBD", "VERB"),
    ("or", "cc", 23, "CC", "CCONJ"), ("injured", "conj", 23, "VBN", "VERB"),
    ("in", "prep", 25, "IN", "ADP"), ("and", "cc", 26, "CC", "CCONJ"),
    ("around", "conj", 26, "IN", "ADP"), ("the", "det", 30, "DT", "DET"),
    ("town", "pobj", 28, "NN", "NOUN"), (".", "punct", 8, ".", "PUNCT"),
]
_LEMMAS = {"estimating": "estimate", "has": "have", "been": "be", "killed": "kill",
           "injured": "injure", "troops": "troop", "sides": "side", "observers": "observer",
           "weeks": "week"}


def test_a_verbs_object_keeps_its_participle(extractor):
    from spacy.tokens import Doc

    words = [w for w, *_ in _REDUCED_RELATIVE]
    spaces = [nxt not in ("-", ",", ".") and w != "-"
              for w, nxt in zip(words, words[1:] + ["."])]
    spaces[-1] = False
    doc = Doc(extractor.nlp.vocab, words=words, spaces=spaces,
              heads=[h for _, _, h, _, _ in _REDUCED_RELATIVE],
              deps=[d for _, d, _, _, _ in _REDUCED_RELATIVE],
              tags=[t for *_, t, _ in _REDUCED_RELATIVE],
              pos=[p for *_, p in _REDUCED_RELATIVE], ents=["O"] * len(words))
    for token in doc:
        token.lemma_ = _LEMMAS.get(token.text, token.text.lower())
    for name, component in extractor.nlp.pipeline:
        if name.startswith("claimx"):
            doc = component(doc)
    claim = next(c for c in doc._.claims if c.cue is not None)
    assert claim.cue.text == "estimating"
    assert claim.text.endswith("enemy troops killed or injured in and around the town")


@pytest.mark.parametrize("text, anchor", [
    ("Investigators recovered the alleged getaway car from a canal.", "alleged getaway car"),
    ("The former treasurer was also accused of forging invoices.", "accused of forging"),
    ("Such fees could be considered kickbacks under the new code.", "could be considered"),
])
def test_an_unsourced_hedged_statement_is_a_claim(extractor, text, anchor):
    claim = claim_with(extractor, text, anchor)
    assert claim.speaker is None and claim.hedges


def test_a_percent_sign_ending_a_clause_stays_in_the_claim(extractor):
    text = "Turnout in the river towns reached about 58.4%."
    claim = claim_with(extractor, text, "58.4%")
    assert claim.text.endswith("58.4%")
