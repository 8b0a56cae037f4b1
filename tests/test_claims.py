"""Claim assembly: what becomes a claim, its span, its quantities and its time."""
from __future__ import annotations

import datetime as dt

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
