"""The public API: extract, extract_many, load, Extractor, the Doc extensions and span groups."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

import claimx
from claimx.types import Claim


def test_import_loads_no_model_and_no_spacy():
    code = ("import sys, claimx; bad = [m for m in sys.modules if m.startswith(('spacy', "
            "'en_core_web', 'dateparser', 'quantulum3'))]; print(bad); sys.exit(1 if bad else 0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_zelensky_claim_has_every_field(extractor, seed_0313):
    claims = extractor.extract(seed_0313)
    claim = next(c for c in claims if any(q.value == 1100 for q in c.quantities))
    assert claim.speaker.name == "Volodymyr Zelensky"
    assert claim.speaker.title == "Ukrainian President"
    assert claim.cue.kind == "according_to"
    q = next(q for q in claim.quantities if q.value == 1100)
    assert (q.bound, q.low, q.high, q.entity) == ("more_than", 1100.0, None, "deaths")
    assert (claim.time.start, claim.time.end) == (dt.date(2023, 3, 6), dt.date(2023, 3, 13))
    wapo = [h for h in claim.hedges if h.source == "The Washington Post"]
    assert wapo and wapo[0].kind == "unverified"
    assert claim.hedged


@pytest.mark.parametrize("name", ["bakhmut-2023-03-13.txt", "bakhmut-2023-03-06.txt"])
def test_every_surface_matches_its_offsets(extractor, name):
    from conftest import EXAMPLES

    text = (EXAMPLES / name).read_text(encoding="utf-8")
    claims = extractor.extract(text)
    assert claims
    for claim in claims:
        d = claim.to_dict()
        parts = [d] + [p for p in (d["speaker"], d["cue"], d["time"]) if p]
        parts += d["quantities"] + d["hedges"]
        for part in parts:
            s, e = part["span"]
            assert text[s:e] == part["text"]
        s, e = d["sentence"]
        assert s <= d["span"][0] and d["span"][1] <= e
        assert Claim.from_dict(json.loads(json.dumps(d))) == claim


def test_claims_are_in_text_order(extractor, seed_0313):
    starts = [c.start for c in extractor.extract(seed_0313)]
    assert starts == sorted(starts)


def test_reference_date_forms_agree(extractor):
    text = "On Monday, police said 12 people were hurt."
    forms = [dt.date(2023, 3, 13), dt.datetime(2023, 3, 13, 9, 30), "2023-03-13"]
    outs = [[c.to_dict() for c in extractor.extract(text, reference_date=f)] for f in forms]
    assert outs[0] == outs[1] == outs[2]
    assert outs[0][0]["time"]["start"] == "2023-03-13"
    assert outs[0][0]["speaker"]["name"] == "police"


def test_no_reference_date_leaves_relative_times_unresolved(extractor):
    claims = extractor.extract("On Monday, police said 12 people were hurt.")
    assert claims and claims[0].time is not None
    assert claims[0].time.start is None and claims[0].time.end is None


def test_reference_date_found_in_header(extractor, seed_0313):
    doc = extractor.parse(seed_0313)
    assert doc._.reference_date == dt.date(2023, 3, 13)


@pytest.mark.parametrize("bad", [None, b"bytes", 3, ["a list"]])
def test_non_str_raises_type_error_naming_the_type(bad):
    with pytest.raises(TypeError, match=type(bad).__name__):
        claimx.extract(bad)


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_empty_text_gives_no_claims(text):
    assert claimx.extract(text) == []


@pytest.mark.parametrize("bad", ["13/03/2023", "yesterday", "2023-13-45", "20230313"])
def test_bad_reference_date_raises_value_error(bad):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        claimx.extract("Police said 12 people were hurt.", reference_date=bad)


def test_extract_many_streams_in_input_order(extractor, seed_0313, seed_0306):
    texts = [seed_0313, "", seed_0306, "Nothing to see here."]
    out = list(claimx.extract_many(texts, batch_size=2))
    assert len(out) == 4 and out[1] == [] and out[3] == []
    assert [c.to_dict() for c in out[0]] == [c.to_dict() for c in extractor.extract(seed_0313)]
    assert [c.to_dict() for c in out[2]] == [c.to_dict() for c in extractor.extract(seed_0306)]


def test_extract_many_with_reference_dates(extractor):
    text = "Police said 12 people were hurt on Monday."
    a, b = extractor.pipe([text, text], reference_dates=["2023-03-13", "2023-03-20"])
    assert a[0].time.start == dt.date(2023, 3, 13)
    assert b[0].time.start == dt.date(2023, 3, 20)


def test_extract_many_rejects_a_single_string():
    with pytest.raises(TypeError):
        list(claimx.extract_many("just one text"))


def test_span_groups_carry_their_objects(extractor, seed_0313):
    doc = extractor.parse(seed_0313)
    kinds = {"claimx_quantities": claimx.Quantity, "claimx_times": claimx.TimeRef,
             "claimx_sources": claimx.Speaker, "claimx_hedges": claimx.Hedge}
    for key, kind in kinds.items():
        assert len(doc.spans[key]) > 0, key
        for span in doc.spans[key]:
            obj = span._.claimx
            assert isinstance(obj, kind)
            s, e = obj.span
            assert seed_0313[s:e] == obj.text


def test_a_span_in_two_groups_keeps_each_object(extractor):
    doc = extractor.parse("Two analysts said 40 people were hurt.", reference_date="2023-03-13")
    labels = {(s.start, s.end): s for s in doc.spans["claimx_sources"]}
    for span in doc.spans["claimx_quantities"]:
        assert isinstance(span._.claimx, claimx.Quantity)
    for span in labels.values():
        assert isinstance(span._.claimx, claimx.Speaker)


def test_add_pipe_in_a_users_pipeline(bare_nlp, seed_0313):
    import spacy

    nlp = spacy.load(f"{bare_nlp.meta['lang']}_{bare_nlp.meta['name']}")
    nlp.add_pipe("claimx")
    doc = nlp(seed_0313)
    ours = [c.to_dict() for c in doc._.claims]
    assert ours == [c.to_dict() for c in claimx.load().extract(seed_0313)]


def test_each_stage_is_its_own_factory(bare_nlp):
    import spacy

    nlp = spacy.load(f"{bare_nlp.meta['lang']}_{bare_nlp.meta['name']}")
    nlp.add_pipe("claimx_dateline")
    nlp.add_pipe("claimx_quantities")
    doc = nlp("date 2023-03-13 Officials said more than 40 people were hurt.")
    assert doc._.reference_date == dt.date(2023, 3, 13)
    assert [s._.claimx.value for s in doc.spans["claimx_quantities"]] == [40.0]
    assert "claimx_sources" not in doc.spans


def test_load_accepts_a_language_object(bare_nlp):
    import spacy

    nlp = spacy.load(f"{bare_nlp.meta['lang']}_{bare_nlp.meta['name']}")
    ex = claimx.load(nlp)
    assert ex.nlp is nlp and "claimx_claims" in nlp.pipe_names


def test_load_missing_model_says_how_to_install():
    with pytest.raises(OSError, match="pip install"):
        claimx.load("no_such_spacy_model_xyz")


def test_load_rejects_a_pipeline_without_parser():
    import spacy

    with pytest.raises(ValueError, match="parser"):
        claimx.load(spacy.blank("en"))


def test_parse_many_gives_what_parse_gives(extractor, seed_0306, seed_0313):
    texts = [seed_0306, "", "Police said 12 people were hurt on Monday.", seed_0313]
    dates = [None, None, "2024-05-06", "2023-03-13"]
    docs = list(extractor.parse_many(texts, dates, batch_size=2))
    assert [d.text for d in docs] == texts
    for doc, text, date in zip(docs, texts, dates):
        assert [c.to_dict() for c in doc._.claims] == \
            [c.to_dict() for c in extractor.parse(text, date)._.claims]
    with pytest.raises(TypeError, match="iterable of str"):
        next(extractor.parse_many("one text"))
