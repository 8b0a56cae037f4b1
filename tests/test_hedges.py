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


# -- the classes of GUIDELINES.md "Hedges" (sentences made up for these tests) ------------

def _kinds(extractor, text, anchor):
    return {h.kind for h in claim_with(extractor, text, anchor).hedges}


def _cues(extractor, text):
    """The hedge engine's cues on ``text``, parsed by the real pipeline."""
    from claimx.hedging import HedgeFinder

    doc = extractor.parse(text)
    return doc, HedgeFinder(doc.vocab).find(doc)


@pytest.mark.parametrize("text, anchor", [
    ("The new law may raise rents by 30 percent.", "30 percent"),
    ("The storm might cut power to 30,000 homes.", "30,000 homes"),
    ("The merger could cost 300 jobs.", "300 jobs"),
    ("Engineers said the bridge may have lost 30 bolts.", "30 bolts"),
])
def test_epistemic_modals_hedge(extractor, text, anchor):
    assert "uncertain" in _kinds(extractor, text, anchor)


@pytest.mark.parametrize("text, anchor", [
    ("Firefighters could not reach the 30 trapped workers.", "30 trapped"),  # inability
    ("From the hill, residents could see 30 tanks.", "30 tanks"),  # ability
    ("The court delayed the ruling until it could review 30 documents.", "30 documents"),
    ('"If the alarm had worked, we could have saved 30 lives," the chief said.', "30 lives"),
    ("Had the dam held, the town might have kept its 30 farms.", "30 farms"),
    ("The plant closed in May 2020 after 30 years.", "30 years"),  # the month
])
def test_modals_of_ability_condition_or_the_month_do_not_hedge(extractor, text, anchor):
    assert _kinds(extractor, text, anchor) == set()


@pytest.mark.parametrize("text, anchor", [
    ("The council will likely cut 30 posts.", "30 posts"),
    ("It is possible that 30 more people are trapped.", "30 more people"),
    ("Officials said the 30 missing sailors are presumed dead.", "30 missing"),
    ("It is unclear whether the 30 ballots were counted.", "30 ballots"),
    ("It is not certain that the 30 hostages are alive.", "30 hostages"),
    ("Questions remain over how the 30 patients died.", "30 patients"),
    ("Police have not ruled out the possibility that 30 more people were involved.",
     "30 more people"),
])
def test_words_of_doubt_and_likelihood(extractor, text, anchor):
    assert "uncertain" in _kinds(extractor, text, anchor)


@pytest.mark.parametrize("text, anchor", [
    ("Doctors tested four possible treatments on 30 patients.", "30 patients"),
    ("The mayor said 30 buses would be sent as soon as possible.", "30 buses"),
    ("Turnout reached 30 percent, as expected.", "30 percent"),
])
def test_possible_describing_a_thing_is_no_hedge(extractor, text, anchor):
    assert _kinds(extractor, text, anchor) == set()


@pytest.mark.parametrize("text, anchor", [
    ("Police said they believe the gang stole 30 cars.", "30 cars"),
    ("Investigators suspect that 30 accounts were hacked.", "30 accounts"),
    ("Scientists speculated that the virus had infected 30 farms.", "30 farms"),
    ("It appears that 30 guards were bribed.", "30 guards"),
])
def test_belief_verbs_with_a_source(extractor, text, anchor):
    assert "uncertain" in _kinds(extractor, text, anchor)


@pytest.mark.parametrize("text, anchor", [
    ("The firm has 30 offices, but it is not as big as investors think.", "30 offices"),
    ('"Do you think 30 teams will enter?" the reporter asked the coach.', "30 teams"),
])
def test_belief_in_a_comparison_or_a_question_is_no_hedge(extractor, text, anchor):
    assert "uncertain" not in _kinds(extractor, text, anchor)


@pytest.mark.parametrize("text, anchor", [
    ("According to early reports, 30 people were injured.", "30 people"),
    ("According to local media reports, 30 homes were flooded.", "30 homes"),
    ("The minister was reported to have spent 30 days abroad.", "30 days"),
    ("It was intimated that 30 staff would be dismissed.", "30 staff"),
    ("The alleged leader of the 30-member gang was arrested.", "30-member"),
    ("The man is accused of stealing 30 paintings.", "30 paintings"),
    ("Two men were arrested on suspicion of smuggling 30 migrants.", "30 migrants"),
    ("The suspected gunman fired 30 shots.", "30 shots"),
])
def test_hearsay_in_any_wording(extractor, text, anchor):
    assert "uncertain" in _kinds(extractor, text, anchor)


def test_a_report_with_a_named_source_is_attribution_not_hearsay(extractor):
    text = "According to a report by the United Nations, 30 schools closed."
    assert _kinds(extractor, text, "30 schools") == set()


@pytest.mark.parametrize("text, anchor", [
    ("Sales are projected to reach 30 million units.", "30 million"),
    ("Economists forecast that 30,000 jobs will be added.", "30,000 jobs"),
    ("The bridge is expected to carry 30,000 cars a day.", "30,000 cars"),
    ("She expects rising costs to push 30 firms out of business.", "30 firms"),
])
def test_estimates(extractor, text, anchor):
    assert "estimate" in _kinds(extractor, text, anchor)


@pytest.mark.parametrize("text, anchor", [
    ("The ministry denied that 30 prisoners had escaped.", "30 prisoners"),
    ("The company rejected the union's claim that 30 workers were injured.", "30 workers"),
    ("The union said 30 workers were hurt. The company rejected this argument.",
     "30 workers"),
    ("The union said 300 jobs would go. The company called this false.", "300 jobs"),
    ("The firm falsely claimed that 30 workers had quit.", "30 workers"),
    ("Despite the minister claiming that 30 schools had reopened, most remained shut.",
     "30 schools"),
    ("The agency says the dam is safe, despite photos showing 30 cracks.", "dam is safe"),
])
def test_disputes(extractor, text, anchor):
    assert "disputed" in _kinds(extractor, text, anchor)


def test_a_belief_the_text_corrects_is_uncertain_and_disputed(extractor):
    text = "Engineers had initially hypothesized that 30 bolts failed."
    assert {"uncertain", "disputed"} <= _kinds(extractor, text, "initially hypothesized")


def test_dismissing_people_is_no_dispute(extractor):
    text = "The board dismissed 30 managers on Friday."
    assert _kinds(extractor, text, "30 managers") == set()


def test_sentence_adverb_hedges_its_sentence_and_is_no_claim(extractor):
    text = "Reportedly, the army said 40 soldiers died."
    claims = extractor.extract(text)
    assert len(claims) == 1 and claims[0].speaker is not None
    assert [h.text for h in claims[0].hedges] == ["Reportedly"]


def test_sentence_adverb_alone_makes_a_hedged_claim(extractor):
    claims = extractor.extract("Allegedly, the firm moved 30 million dollars offshore.")
    assert len(claims) == 1 and claims[0].hedges[0].kind == "uncertain"


def test_citing_anonymous_sources_hedges_what_it_supports(extractor):
    text = "The newspaper reported, citing anonymous sources, that 30 officials would be fired."
    assert "uncertain" in _kinds(extractor, text, "30 officials")


def test_hedge_in_a_relative_clause_covers_that_clause(extractor):
    text = "The governor, who reportedly received 30 bribes, was charged on Monday."
    claim = claim_with(extractor, text, "30 bribes")
    assert "uncertain" in {h.kind for h in claim.hedges}
    assert "charged" not in claim.text


def test_hedge_in_a_coordinated_verb_phrase_stops_at_the_conjunction(extractor):
    text = "The company cut 300 jobs and may close 12 plants."
    doc, cues = _cues(extractor, text)
    scopes = [text[c.scope[0]:c.scope[1]] for c in cues if c.kind == "uncertain"]
    assert scopes and all("12 plants" in s and "300 jobs" not in s for s in scopes)


def test_forward_scope_of_it_was_said(extractor):
    text = "Officials met on Monday, though it was said 30 staff would leave."
    doc, cues = _cues(extractor, text)
    scope = [text[c.scope[0]:c.scope[1]] for c in cues if c.rule == "it-is-said"]
    assert scope and "30 staff would leave" in scope[0] and "Officials" not in scope[0]


def test_neither_figure_covers_both_earlier_claims(extractor):
    text = ("The army said 300 fighters were killed. The rebels said 40 soldiers died. "
            "Neither figure could be independently verified.")
    for anchor in ("300 fighters", "40 soldiers"):
        assert "unverified" in _kinds(extractor, text, anchor), anchor


def test_this_covers_only_the_nearest_claim(extractor):
    text = ("The mayor said 20 roads were closed. The mayor said 30 schools had shut. "
            "Parents called this false.")
    assert "disputed" in _kinds(extractor, text, "30 schools")
    assert "disputed" not in _kinds(extractor, text, "20 roads")


def test_a_cue_inside_one_claim_does_not_hedge_its_neighbour(extractor):
    text = ("Officials said the rebels seized 30 villages, and a local radio station reported "
            "that the fighters may have executed 12 prisoners.")
    assert "uncertain" in _kinds(extractor, text, "12 prisoners")
    claims = extractor.extract(text)
    outer = [c for c in claims if c.speaker and c.speaker.name.lower() == "officials"]
    assert outer and all(not c.hedges for c in outer)


@pytest.mark.parametrize("text, anchor", [
    ("The 30 workers might as well be on strike, the manager said.", "30 workers"),
    ("The report confirmed what 30 residents had long suspected.", "30 residents"),
])
def test_idioms_and_clause_verbs_are_no_hedge(extractor, text, anchor):
    assert _kinds(extractor, text, anchor) == set()
