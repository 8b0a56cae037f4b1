"""spaCy integration: configuring stages with user lexicons, saving and loading pipelines,
and the names claimx registers on Doc/Span/Token."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimx.model import load_language
from claimx.pipeline.factories import STAGES

SRC = Path(__file__).resolve().parent.parent / "src" / "claimx"

TEXT = ("The mayor of Springfield groused that 40 people had died in the flood. "
        "Those figures were hazily remembered by residents.")
VERB = {"lemma": "grouse", "needs": "any"}
CUE = {"id": "user-hazily", "kind": "uncertain", "source": None,
       "pattern": [{"LOWER": "hazily"}]}


def _cues(doc):
    return [c.cue.text for c in doc._.claims if c.cue]


def _hedges(doc):
    return [(s.text, s._.claimx.kind) for s in doc.spans["claimx_hedges"]]


@pytest.fixture(scope="module")
def lexicons(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lexicons")
    verbs, cues = folder / "my_verbs.jsonl", folder / "my_cues.jsonl"
    verbs.write_text(json.dumps(VERB) + "\n", encoding="utf-8")
    cues.write_text(json.dumps(CUE) + "\n", encoding="utf-8")
    return verbs, cues


@pytest.fixture(scope="module")
def custom_nlp(lexicons):
    verbs, cues = lexicons
    nlp = load_language(None)
    for name in STAGES:
        config = {"claimx_sources": {"verbs_path": str(verbs)},
                  "claimx_hedges": {"cues_path": str(cues)}}.get(name, {})
        nlp.add_pipe(name, config=config)
    return nlp


def test_default_pipeline_misses_the_new_words(extractor):
    doc = extractor.parse(TEXT)
    assert "groused" not in _cues(doc)
    assert ("hazily", "uncertain") not in _hedges(doc)


def test_user_lexicons_take_effect(custom_nlp):
    doc = custom_nlp(TEXT)
    assert _cues(doc) == ["groused"]
    speaker = doc._.claims[0].speaker
    assert speaker is not None and "mayor" in speaker.text
    assert ("hazily", "uncertain") in _hedges(doc)


def test_combined_component_takes_lexicon_paths(lexicons):
    verbs, cues = lexicons
    nlp = load_language(None)
    nlp.add_pipe("claimx", config={"verbs_path": str(verbs), "hedge_cues_path": str(cues)})
    doc = nlp(TEXT)
    assert _cues(doc) == ["groused"]
    assert ("hazily", "uncertain") in _hedges(doc)


def test_every_stage_exposes_its_rule_file_in_the_config(custom_nlp):
    config = custom_nlp.config["components"]
    assert "rules_path" in config["claimx_times"]
    assert "lexicon_path" in config["claimx_quantities"]
    assert config["claimx_sources"]["verbs_path"].endswith("my_verbs.jsonl")
    assert config["claimx_hedges"]["cues_path"].endswith("my_cues.jsonl")


FRESH_PROCESS = textwrap.dedent("""
    import json, sys
    import spacy
    from spacy.tokens.underscore import Underscore as U

    def names():
        return {"doc": set(U.doc_extensions), "span": set(U.span_extensions),
                "token": set(U.token_extensions)}

    before = names()
    nlp = spacy.load(sys.argv[1])
    doc = nlp(sys.argv[2])
    after = names()
    print(json.dumps({
        "pipes": nlp.pipe_names,
        "cues": [c.cue.text for c in doc._.claims if c.cue],
        "hedges": [[s.text, s._.claimx.kind] for s in doc.spans["claimx_hedges"]],
        "span_groups": sorted(doc.spans),
        "new_extensions": {k: sorted(after[k] - before[k]) for k in after},
    }))
""")


def test_to_disk_round_trip_in_a_fresh_process(custom_nlp, lexicons, tmp_path):
    saved = tmp_path / "pipeline"
    custom_nlp.to_disk(saved)
    assert (saved / "claimx_sources" / "verbs_path.jsonl").exists()
    assert (saved / "claimx_hedges" / "cues_path.jsonl").exists()
    # the saved pipeline must not need the original files
    moved = [p.rename(p.with_suffix(".gone")) for p in lexicons]
    try:
        proc = subprocess.run([sys.executable, "-c", FRESH_PROCESS, str(saved), TEXT],
                              capture_output=True, text=True, timeout=300, cwd=tmp_path)
    finally:
        for original, gone in zip(lexicons, moved):
            gone.rename(original)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.splitlines()[-1])
    assert result["pipes"][-len(STAGES):] == list(STAGES)
    assert result["cues"] == ["groused"]
    assert ["hazily", "uncertain"] in result["hedges"]
    # names: claimx_* plus the contract's doc._.claims, doc._.reference_date, span._.claimx
    assert set(result["span_groups"]) <= {"claimx_quantities", "claimx_times",
                                          "claimx_sources", "claimx_hedges",
                                          "claimx_attributions"}
    new = result["new_extensions"]
    assert all(n.startswith("claimx_") or n in {"claims", "reference_date"}
               for n in new["doc"]), new
    assert "claims" in new["doc"] and "reference_date" in new["doc"]
    assert "claimx" in new["span"]
    assert all(n.startswith("claimx") for n in new["span"]), new
    assert new["token"] == []


def test_span_groups_and_extensions_are_claimx_names(extractor, seed_0313):
    doc = extractor.parse(seed_0313)
    assert set(doc.spans) == {"claimx_quantities", "claimx_times", "claimx_sources",
                              "claimx_hedges", "claimx_attributions"}


def test_source_never_forces_extensions():
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                 if "force=True" in p.read_text(encoding="utf-8")]
    assert offenders == []
