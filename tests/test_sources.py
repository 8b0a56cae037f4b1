"""Speakers: who makes each claim, however the newsroom writes it."""
from __future__ import annotations

import pytest

REF = "2023-03-13"


def claim_with(extractor, text, anchor):
    """The smallest claim whose span holds ``anchor`` (as the scorer matches them)."""
    start = text.index(anchor)
    end = start + len(anchor)
    found = [c for c in extractor.extract(text, reference_date=REF)
             if c.start <= start and end <= c.end]
    assert found, f"no claim holds {anchor!r}"
    return min(found, key=lambda c: c.end - c.start)


@pytest.mark.parametrize("text, anchor, name, kind", [
    ("The minister said that 40 schools would close.", "40 schools", "minister", "said"),
    ("Police say the road will stay shut until Friday.", "road will stay shut", "Police", "said"),
    ("The company has claimed that its profits rose.", "profits rose", "company", "said"),
    ("Reuters reported that the talks had collapsed.", "talks had collapsed", "Reuters",
     "said"),
    ("Jane Smith tweeted that the vote was rigged.", "vote was rigged", "Jane Smith", "said"),
    ("Residents warned that the dam could burst.", "dam could burst", "Residents", "said"),
    ("The plan will fail, said Maria Lopez, a local councillor.", "plan will fail",
     "Maria Lopez", "said"),
    ("The bridge, he said, was never inspected.", "never inspected", None, "said"),
    ("According to the World Health Organization, 12 cases were confirmed.", "12 cases",
     "World Health Organization", "according_to"),
    ("Twelve cases were confirmed, according to local officials.", "Twelve cases",
     "local officials", "according_to"),
    ("The contract was reported by the BBC to be worth millions.", "worth millions",
     "BBC", "said"),
])
def test_attribution_forms(extractor, text, anchor, name, kind):
    claim = claim_with(extractor, text, anchor)
    assert claim.cue is not None and claim.cue.kind == kind
    assert claim.speaker is not None
    if name is not None:
        assert name.lower() in (claim.speaker.name.lower(), claim.speaker.text.lower())
    assert text[claim.speaker.span[0]:claim.speaker.span[1]] == claim.speaker.text


def test_unnamed_groups_are_labelled_group(extractor):
    text = "Western officials said the convoy had been hit. Analysts say the war will drag on."
    claims = extractor.extract(text)
    assert [(c.speaker.name, c.speaker.label) for c in claims] == [
        ("Western officials", "GROUP"), ("Analysts", "GROUP")]


def test_title_is_kept_apart_from_the_name(extractor, seed_0306):
    claim = claim_with(extractor, seed_0306, "Civilians are fleeing")
    assert claim.speaker.name == "Pavlo Kyrylenko"
    assert claim.speaker.title == "Donetsk Gov."
    assert claim.speaker.text == "Donetsk Gov. Pavlo Kyrylenko"


def test_honorific_surname_maps_to_the_full_name(extractor, seed_0313):
    claim = claim_with(extractor, seed_0313, "seven residents")
    assert claim.speaker.name == "Pavlo Kyrylenko"
    assert claim.speaker.text == "Mr. Kyrylenko"


def test_pronoun_speaker_maps_to_the_last_named_person(extractor):
    text = ("Anna Berg, the mayor of Lund, visited the site on Monday. "
            "She said the clean-up would cost 2 million kronor.")
    claim = claim_with(extractor, text, "clean-up")
    assert claim.speaker.text == "She"
    assert claim.speaker.name == "Anna Berg"
    assert claim.speaker.label == "PERSON"


def test_role_noun_maps_to_the_person_with_that_title(extractor):
    text = ("Governor Alan Reyes toured the flooded towns. Later the governor said 300 homes "
            "had been lost.")
    claim = claim_with(extractor, text, "300 homes")
    assert claim.speaker.name == "Alan Reyes"


def test_state_as_speaker(extractor, seed_0313):
    claim = claim_with(extractor, seed_0313, "220")
    assert claim.speaker.name == "Russia"
    assert claim.speaker.label == "GPE"


def test_nested_attribution_gives_the_innermost_source(extractor):
    text = ("The hospital treated 25 wounded people, CNN reported the governor said. "
            "Governor Ana Cruz had visited earlier.")
    claim = claim_with(extractor, text, "25 wounded")
    assert claim.speaker.text == "governor"


def test_quote_continuing_in_the_next_paragraph_keeps_its_speaker(extractor, seed_0306):
    claim = claim_with(extractor, seed_0306, "diminishing returns")
    assert claim.speaker.name == "Michael Kofman"
    assert claim.cue.kind == "quote"


def test_multi_sentence_quote_is_one_claim(extractor):
    text = ('"The explosion was very powerful. The whole building has collapsed," '
            'Sharif Hotak said.')
    claims = extractor.extract(text)
    assert len(claims) == 1
    assert claims[0].speaker.name == "Sharif Hotak"
    assert claims[0].text.startswith('"The explosion')


def test_verbs_inside_a_quotation_do_not_make_new_speakers(extractor, seed_0306):
    claims = extractor.extract(seed_0306)
    assert not any(c.speaker and c.speaker.text == "I" for c in claims)


@pytest.mark.parametrize("text", [
    'He said "this is fine and "this is not',
    '"""" said said " according to',
    "\u201cUnclosed quotation at the end of a paragraph\n\nand a new paragraph.",
])
def test_unbalanced_quotes_break_nothing(extractor, text):
    for claim in extractor.extract(text):
        assert text[claim.start:claim.end] == claim.text


def test_narration_has_no_speaker(extractor):
    text = "The storm destroyed 40 homes in the village on Sunday."
    claims = extractor.extract(text, reference_date=REF)
    assert len(claims) == 1 and claims[0].speaker is None and claims[0].cue is None


def test_withholding_deny_is_not_attribution(extractor):
    text = "Its defenders still denied the enemy the prize it has sought for six months."
    claim = claim_with(extractor, text, "six months")
    assert claim.speaker is None


def test_user_reporting_verbs_extend_the_bundled_list(bare_nlp, tmp_path):
    import json

    import spacy

    verbs = tmp_path / "verbs.jsonl"
    verbs.write_text(json.dumps({"lemma": "grumble", "needs": "clause"}) + "\n")
    nlp = spacy.load(f"{bare_nlp.meta['lang']}_{bare_nlp.meta['name']}")
    nlp.add_pipe("claimx", config={"verbs_path": str(verbs)})
    doc = nlp("The coach grumbled that the referee was biased.")
    assert [c.speaker.name for c in doc._.claims] == ["coach"]


@pytest.mark.parametrize("text, name", [
    ('Zelensky: "We will not give up Bakhmut, whatever it costs."', "Zelensky"),
    ('"We will not give up Bakhmut, whatever it costs," \u2014 Volodymyr Zelensky.',
     "Volodymyr Zelensky"),
])
def test_colon_and_dash_attributions(extractor, text, name):
    claim = claim_with(extractor, text, "give up Bakhmut")
    assert claim.speaker.name == name
    assert claim.cue.kind == "quote"


def test_citing_names_the_reporters_evidence_not_the_speaker(extractor):
    # GUIDELINES: "X reported, citing Y" has X as the speaker
    text = "Reuters reported, citing two senior officials, that 40 soldiers had died."
    claim = claim_with(extractor, text, "40 soldiers")
    assert claim.speaker.name == "Reuters"


def test_a_place_dateline_is_not_a_speaker(extractor):
    text = "KYIV: The city was shelled overnight, and 12 people were hurt, officials said."
    claims = extractor.extract(text)
    assert all(c.speaker is None or c.speaker.name != "KYIV" for c in claims)
