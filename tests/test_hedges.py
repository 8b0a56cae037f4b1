"""Hedges: cue kinds, who hedges, and which claims each one covers."""
from __future__ import annotations

import pytest

from test_sources import claim_with


@pytest.mark.parametrize("text, kind", [
    ("Officials said 30 people died, but the figure could not be independently verified.",
     "unverified"),
    ("Officials said 30 people died, a figure that could not immediately be verified.",
     "unverified"),
    ("The agency said 30 people died; reporters were unable to confirm the toll.", "unverified"),
    ("The army said 30 fighters were killed in unconfirmed clashes.", "unverified"),
    ("The rebels reportedly seized 30 villages.", "uncertain"),
    ("The suspect allegedly stole 30 cars.", "uncertain"),
    ("The minister is believed to have met 30 donors.", "uncertain"),
    ("The group appears to have lost 30 fighters.", "uncertain"),
    ("An estimated 30 people attended the rally.", "estimate"),
    ("Analysts estimate that 30 banks will fail.", "estimate"),
])
def test_cue_kinds(extractor, text, kind):
    claim = claim_with(extractor, text, "30")
    assert kind in {h.kind for h in claim.hedges}
    for h in claim.hedges:
        assert text[h.span[0]:h.span[1]] == h.text


def test_plain_reporting_verbs_and_bounds_are_not_hedges(extractor):
    text = "The mayor said about 30 people were evacuated."
    claim = claim_with(extractor, text, "30")
    assert claim.hedges == ()
    assert claim.quantities[0].bound == "about"


def test_hedge_source_is_who_hedges(extractor, seed_0313):
    claim = claim_with(extractor, seed_0313, "1,100")
    sources = {h.source for h in claim.hedges if h.kind == "unverified"}
    assert "The Washington Post" in sources


def test_these_claims_reaches_back_to_the_previous_sentence(extractor, seed_0313):
    for anchor in ("1,100", "also reported"):
        claim = claim_with(extractor, seed_0313, anchor)
        assert any(h.source == "The Washington Post" for h in claim.hedges), anchor


def test_either_side_covers_both_sides_casualty_figures_only(extractor, seed_0313):
    bbc = {a: any(h.source == "The BBC" for h in claim_with(extractor, seed_0313, a).hedges)
           for a in ("1,100", "220", "four people", "seven residents")}
    assert bbc == {"1,100": True, "220": True, "four people": False, "seven residents": False}


def test_a_hedge_does_not_spread_to_unrelated_claims(extractor, seed_0313):
    for anchor in ("four people", "seven residents", "have warned", "said that Moscow"):
        claim = claim_with(extractor, seed_0313, anchor)
        assert not claim.hedged, anchor


def test_denial_of_the_previous_claim(extractor):
    text = ("The opposition said 200 ballots were destroyed. The election commission denied "
            "the claim.")
    claim = claim_with(extractor, text, "200 ballots")
    assert "disputed" in {h.kind for h in claim.hedges}


def test_this_could_not_be_confirmed(extractor):
    text = "Local media reported that 15 soldiers had defected. This could not be confirmed."
    claim = claim_with(extractor, text, "15 soldiers")
    assert [h.kind for h in claim.hedges] == ["unverified"]


def test_hedge_only_claim_in_narration(extractor):
    text = "The rebels are reportedly moving towards the capital."
    claims = extractor.extract(text)
    assert len(claims) == 1 and claims[0].speaker is None
    assert claims[0].hedges[0].kind == "uncertain"


def test_user_hedge_cues_extend_the_bundled_list(bare_nlp, tmp_path):
    import json

    import spacy

    cues = tmp_path / "cues.jsonl"
    cues.write_text(json.dumps({"id": "murky", "kind": "uncertain",
                                "pattern": [{"LOWER": "murkily"}], "makes_claim": True}) + "\n")
    nlp = spacy.load(f"{bare_nlp.meta['lang']}_{bare_nlp.meta['name']}")
    nlp.add_pipe("claimx", config={"hedge_cues_path": str(cues)})
    doc = nlp("The troops murkily withdrew from the town.")
    assert [h.kind for c in doc._.claims for h in c.hedges] == ["uncertain"]
