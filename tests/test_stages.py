"""Each claimx stage on its own, on a Doc from a plain English pipeline with parser and NER;
the per-text context shared by every chunk of a long text."""
from __future__ import annotations

import datetime as dt

import pytest

from claimx.pipeline.annotations import read_group

DATED = "date 2024-05-06\n\nOfficials said 40 people were evacuated on Monday."


def _alone(bare_nlp, factory: str, text: str):
    """``text`` parsed by the plain pipeline, then run through one claimx stage only."""
    stage = bare_nlp.create_pipe(factory)
    return stage(bare_nlp(text))


def test_dateline_alone_sets_the_context(bare_nlp):
    doc = _alone(bare_nlp, "claimx_dateline", DATED)
    assert doc._.reference_date == dt.date(2024, 5, 6)
    assert doc._.claimx_context["header"] == [0, len("date 2024-05-06")]


def test_times_alone_resolve_against_the_header(bare_nlp):
    doc = _alone(bare_nlp, "claimx_times", DATED)
    times = {t.text: (t.start, t.end) for t in read_group(doc, "claimx_times")}
    assert times == {"Monday": (dt.date(2024, 5, 6), dt.date(2024, 5, 6))}
    span = doc.spans["claimx_times"][0]
    assert span.label_ == "TIME" and span._.claimx.text == "Monday"


def test_quantities_alone(bare_nlp):
    doc = _alone(bare_nlp, "claimx_quantities", "More than 200 people were hurt in the blast.")
    (q,) = [s._.claimx for s in doc.spans["claimx_quantities"]]
    assert (q.value, q.bound, q.entity) == (200.0, "more_than", "people")


def test_quantities_alone_take_every_number_without_times(bare_nlp):
    doc = _alone(bare_nlp, "claimx_quantities", "The storm lasted 24 hours and hit 3 towns.")
    texts = [s._.claimx.text for s in doc.spans["claimx_quantities"]]
    assert "3 towns" in texts


def test_sources_alone(bare_nlp):
    doc = _alone(bare_nlp, "claimx_sources",
                 "Ada Obi said the bridge would reopen in June.")
    (speaker,) = [s._.claimx for s in doc.spans["claimx_sources"]]
    assert speaker.name == "Ada Obi"
    (attribution,) = read_group(doc, "claimx_attributions")
    assert attribution.cue.text == "said" and attribution.speaker == speaker


def test_hedges_alone(bare_nlp):
    doc = _alone(bare_nlp, "claimx_hedges",
                 "The toll could not be independently verified by the agency.")
    (hedge,) = [s._.claimx for s in doc.spans["claimx_hedges"]]
    assert hedge.kind == "unverified"


def test_claims_alone_on_a_doc_with_no_groups(bare_nlp):
    doc = _alone(bare_nlp, "claimx_claims", "Officials said 40 people were evacuated.")
    assert doc._.claims == []


def test_claims_build_on_whatever_groups_exist(bare_nlp):
    doc = bare_nlp("The flood displaced 4,000 families.")
    for name in ("claimx_quantities", "claimx_claims"):
        doc = bare_nlp.create_pipe(name)(doc)
    (claim,) = doc._.claims
    assert claim.speaker is None and claim.quantities[0].value == 4000.0


@pytest.mark.slow
def test_a_long_dated_text_resolves_the_same_sentence_alike_at_both_ends(extractor):
    sentence = "Officials said 40 people were evacuated on Monday."
    filler = ("The committee discussed the budget, the roads and the schedule of the "
              "coming season at length.\n\n")
    text = "date 2024-05-06\n\n" + sentence + "\n\n" + filler * 1300 + sentence + "\n"
    assert len(text) > 120_000
    claims = [c for c in extractor.extract(text) if c.time and c.time.text == "Monday"]
    assert [c.start for c in claims] == [17, len(text) - len(sentence) - 1]
    assert {(c.time.start, c.time.end) for c in claims} == {(dt.date(2024, 5, 6),) * 2}
    first, last = (c.to_dict() for c in claims)
    shift = last["span"][0] - first["span"][0]
    assert last["time"]["start"] == first["time"]["start"] == "2024-05-06"
    assert last["quantities"][0]["span"][0] - first["quantities"][0]["span"][0] == shift
