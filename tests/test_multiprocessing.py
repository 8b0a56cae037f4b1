"""Results survive spaCy's multiprocessing, DocBin and pickling."""
from __future__ import annotations

import pickle

import pytest
from spacy.tokens import DocBin

import claimx
from claimx import Claim

GROUPS = ("claimx_quantities", "claimx_times", "claimx_sources", "claimx_hedges")


def _texts(seed_0313: str, seed_0306: str) -> list[str]:
    return [
        seed_0313,
        "",
        "Officials said 12 soldiers were killed last week, a figure that could not be "
        "independently verified.",
        seed_0306,
        "The mayor, John Smith, said more than 300 homes were damaged on Tuesday.",
        "  \n ",
        "According to the ministry, about 40 people were injured, reportedly by shelling.",
    ]


def _dicts(results):
    return [[c.to_dict() for c in claims] for claims in results]


@pytest.mark.slow
def test_extract_many_two_processes_equals_serial(extractor, seed_0313, seed_0306):
    texts = _texts(seed_0313, seed_0306)
    serial = _dicts(extractor.extract(t) for t in texts)
    assert sum(map(len, serial)) > 10
    parallel = _dicts(extractor.pipe(texts, batch_size=2, n_process=2))
    assert parallel == serial
    dates = ["2023-03-13"] * len(texts)
    assert _dicts(extractor.pipe(texts, dates, batch_size=3, n_process=2)) == \
        _dicts(extractor.extract(t, d) for t, d in zip(texts, dates))


def test_module_level_extract_many_in_order(extractor, seed_0313):
    texts = ["", seed_0313, "Police said 7 people were arrested on Monday."]
    assert _dicts(claimx.extract_many(texts, batch_size=1)) == \
        _dicts(extractor.extract(t) for t in texts)


def _span_objects(doc):
    return {group: [(s.start_char, s.end_char, s.label_, s._.claimx) for s in doc.spans[group]]
            for group in GROUPS}


@pytest.fixture(scope="module")
def parsed(extractor, seed_0313):
    return extractor.parse(seed_0313)


def test_parsed_doc_has_everything(parsed):
    assert parsed._.claims
    for group in GROUPS:
        assert len(parsed.spans[group]) > 0, group
        assert all(s._.claimx is not None for s in parsed.spans[group]), group


def test_docbin_round_trip(extractor, parsed):
    data = DocBin(store_user_data=True, docs=[parsed]).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(extractor.nlp.vocab)
    assert back.text == parsed.text
    assert back._.claims == parsed._.claims
    assert back._.reference_date == parsed._.reference_date
    assert _span_objects(back) == _span_objects(parsed)


def test_docbin_into_a_fresh_vocab(parsed):
    import spacy

    data = DocBin(store_user_data=True, docs=[parsed]).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(spacy.blank("en").vocab)
    assert back._.claims == parsed._.claims
    assert _span_objects(back) == _span_objects(parsed)


def test_pickle_doc(parsed):
    back = pickle.loads(pickle.dumps(parsed))
    assert back.text == parsed.text
    assert back._.claims == parsed._.claims
    assert _span_objects(back) == _span_objects(parsed)


def test_pickle_claims(parsed):
    claims = parsed._.claims
    back = pickle.loads(pickle.dumps(claims))
    assert back == claims
    assert [c.to_dict() for c in back] == [c.to_dict() for c in claims]
    for claim in claims:
        assert pickle.loads(pickle.dumps(claim, protocol=2)) == claim


def test_cloudpickle_claim(parsed):
    cloudpickle = pytest.importorskip("cloudpickle")
    claim = parsed._.claims[0]
    assert cloudpickle.loads(cloudpickle.dumps(claim)) == claim
    assert Claim.from_dict(claim.to_dict()) == claim


@pytest.mark.slow
def test_nlp_pipe_two_processes_keeps_span_groups(extractor, seed_0313, parsed):
    """Docs coming back from spaCy's worker processes carry the groups and their objects."""
    context = extractor._context(seed_0313, None)
    (doc,) = list(extractor.nlp.pipe([extractor._make_doc(seed_0313, context)], n_process=2))
    assert doc._.claims == parsed._.claims
    assert _span_objects(doc) == _span_objects(parsed)
