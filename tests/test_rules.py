"""The one rule loader: the merge rule, unknown keys, and every rule file replaceable
through a component's config and saved with the pipeline."""
from __future__ import annotations

import json

import pytest
import spacy

from claimx import rules
from claimx.pipeline.factories import (
    ClaimsStage,
    DatelineStage,
    HedgesStage,
    QuantitiesStage,
    SourcesStage,
    TimesStage,
)
from claimx.rules import RuleFileError

STAGES = {"claimx_dateline": DatelineStage, "claimx_times": TimesStage,
          "claimx_quantities": QuantitiesStage, "claimx_sources": SourcesStage,
          "claimx_hedges": HedgesStage, "claimx_claims": ClaimsStage}
#: every bundled file and a stage that reads it
READERS = {name: stage for stage, cls in STAGES.items() for name in cls.rule_files}


def _write(path, content):
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in content), encoding="utf-8")
    else:
        path.write_text(json.dumps(content), encoding="utf-8")
    return path


#: rule files that no pipeline stage reads: the ledger's (claimx.ledger, an edge), and the
#: figure holders it reads through claimx.quantities.holder
NOT_STAGES = {"ledger_terms.json", "quantity_holders.json"}


def test_every_bundled_file_has_a_reader():
    assert set(READERS) | NOT_STAGES == set(rules.bundled_files())


def test_merge_extends_objects_and_lists_and_replaces_scalars():
    base = {"a": {"x": 1, "y": [1]}, "b": [1, 2], "c": 3}
    assert rules.merge(base, {"a": {"y": [2]}, "b": [2, 3], "c": 4}) == \
        {"a": {"x": 1, "y": [1, 2]}, "b": [1, 2, 3], "c": 4}
    assert rules.merge(base, {"replace": True, "a": {}, "b": [], "c": 0}) == \
        {"a": {}, "b": [], "c": 0}


def test_user_rows_are_appended_or_replace(tmp_path):
    bundled = rules.load_rows("hedge_cues.jsonl")
    row = {"pattern": [{"LOWER": "hazily"}], "kind": "uncertain"}
    extra = _write(tmp_path / "cues.jsonl", [row])
    assert rules.load_rows("hedge_cues.jsonl", extra) == bundled + [row]
    only = _write(tmp_path / "only.jsonl", [{"replace": True}, row])
    assert rules.load_rows("hedge_cues.jsonl", only) == [row]


def test_an_unknown_key_names_the_file_and_the_key(tmp_path):
    bad = _write(tmp_path / "anaphora.json", {"determinerz": ["these"]})
    with pytest.raises(RuleFileError, match=r"anaphora\.json.*unknown key 'determinerz'"):
        rules.load_table("hedge_anaphora.json", bad)
    rows = _write(tmp_path / "cues.jsonl", [{"patern": [{"LOWER": "maybe"}], "kind": "uncertain"}])
    with pytest.raises(RuleFileError, match=r"cues\.jsonl: line 1: unknown key 'patern'"):
        rules.load_rows("hedge_cues.jsonl", rows)


def test_an_unknown_key_stops_the_component(bare_nlp, tmp_path):
    bad = _write(tmp_path / "sources.json", {"honourifics": ["Dame"]})
    with pytest.raises(RuleFileError, match="unknown key 'honourifics'"):
        bare_nlp.create_pipe("claimx_sources", config={"rules": {"sources.json": str(bad)}})


def test_a_rule_file_the_stage_does_not_read_is_an_error(bare_nlp, tmp_path):
    path = _write(tmp_path / "cues.jsonl", [])
    with pytest.raises(RuleFileError, match="unknown rule file 'hedge_cues.jsonl'"):
        bare_nlp.create_pipe("claimx_times", config={"rules": {"hedge_cues.jsonl": str(path)}})


@pytest.mark.parametrize("name", sorted(n for n in READERS if n.endswith(".json")))
def test_each_table_can_be_replaced_through_the_config(bare_nlp, tmp_path, name):
    table = {k: v for k, v in rules.load_table(name).items()
             if not (k.startswith("_") or k == "about")}
    first = next(iter(table))
    whole = _write(tmp_path / name, {**table, "replace": True})
    stage = bare_nlp.create_pipe(READERS[name], config={"rules": {name: str(whole)}})
    assert stage.rules == {name: str(whole)}
    short = _write(tmp_path / f"short-{name}", {"replace": True,
                                                **{k: v for k, v in table.items() if k != first}})
    with pytest.raises(RuleFileError, match=f"missing '{first}'"):
        bare_nlp.create_pipe(READERS[name], config={"rules": {name: str(short)}})


TEXT = "According to the agency, Ada Obi grumbled that the dam may fail."


def _cues(nlp):
    doc = nlp(TEXT)
    return sorted({c.cue.text for c in doc._.claims if c.cue}), \
        [s.text for s in doc.spans["claimx_hedges"]]


@pytest.mark.parametrize("name, rows, check", [
    ("reporting_verbs.jsonl", [{"lemma": "say", "needs": "any"}],
     lambda cues, hedges: "grumbled" not in cues),
    ("attribution_phrases.jsonl", [], lambda cues, hedges: "According to" not in cues),
    ("hedge_cues.jsonl", [], lambda cues, hedges: hedges == []),
])
def test_each_row_file_can_be_replaced_and_is_saved(tmp_path, name, rows, check):
    from claimx.model import load_language

    user = _write(tmp_path / f"user-{name}", [{"replace": True}, *rows])
    nlp = load_language(None)
    nlp.add_pipe("claimx", config={"rules": {name: str(user)}})
    assert check(*_cues(nlp))
    saved = tmp_path / "saved"
    nlp.to_disk(saved)
    stage = READERS[name]
    assert (saved / "claimx" / stage / "rules" / name).exists()
    user.unlink()  # the saved pipeline needs only its own copy
    again = spacy.load(saved)
    assert check(*_cues(again))
