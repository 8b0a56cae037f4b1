"""Exports: JSON records, the pandas frame, the JSON Schema and schema.org JSON-LD."""
from __future__ import annotations

import datetime as dt
import json
import sys

import pytest

import claimx
from claimx.export import FLAT_COLUMNS, flat_record

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def claims(extractor, seed_0313, seed_0306):
    return extractor.extract(seed_0313) + extractor.extract(seed_0306)


@pytest.fixture(scope="module")
def validator():
    schema = claimx.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _zelensky(claims):
    return next(c for c in claims if c.speaker and c.speaker.name == "Volodymyr Zelensky"
                and c.quantities)


def test_to_records_are_json_ready_to_dict(claims):
    records = claimx.to_records(claims)
    assert records == [c.to_dict() for c in claims]
    again = json.loads(json.dumps(records))
    assert [claimx.Claim.from_dict(r) for r in again] == claims


def test_to_records_rejects_nested_lists(claims):
    with pytest.raises(TypeError, match="flatten"):
        claimx.to_records([claims])


def test_schema_validates_real_claims(claims, validator):
    assert claims, "the seed articles give claims"
    for record in claimx.to_records(claims):
        validator.validate(record)


def test_schema_keys_match_to_dict_exactly(claims):
    schema = claimx.json_schema()
    record = _zelensky(claims).to_dict()
    assert schema["required"] == list(record)
    defs = schema["$defs"]
    assert defs["speaker"]["required"] == list(record["speaker"])
    assert defs["cue"]["required"] == list(record["cue"])
    assert defs["quantity"]["required"] == list(record["quantities"][0])
    assert defs["time"]["required"] == list(record["time"])
    hedged = next(c for c in claims if c.hedges)
    assert defs["hedge"]["required"] == list(hedged.to_dict()["hedges"][0])
    assert defs["quantity"]["properties"]["bound"]["enum"] == list(claimx.types.BOUNDS)
    assert defs["cue"]["properties"]["kind"]["enum"] == ["said", "according_to", "quote"]
    assert set(defs["hedge"]["properties"]["kind"]["enum"]) == {
        "unverified", "disputed", "uncertain", "estimate"}


def test_schema_rejects_what_the_contract_forbids(claims, validator):
    good = _zelensky(claims).to_dict()
    bad_cases = []
    missing = dict(good)
    del missing["time"]
    bad_cases.append(missing)
    bad_cases.append({**good, "extra": 1})
    bad_cases.append({**good, "span": [1, 2, 3]})
    bad_cases.append({**good, "cue": {**good["cue"], "kind": "whispered"}})
    q = dict(good["quantities"][0], bound="roughly")
    bad_cases.append({**good, "quantities": [q]})
    bad_cases.append({**good, "time": {**good["time"], "start": "13/03/2023"}})
    bad_cases.append({**good, "speaker": {**good["speaker"], "title": 5}})
    for bad in bad_cases:
        assert not validator.is_valid(bad), bad
    # nullables stay valid
    validator.validate({**good, "speaker": None, "cue": None, "time": None, "hedges": []})


def test_json_schema_is_a_fresh_copy():
    schema = claimx.json_schema()
    schema["required"].clear()
    assert claimx.json_schema()["required"]


def test_to_frame_columns_and_values(claims):
    pd = pytest.importorskip("pandas")
    frame = claimx.to_frame(claims)
    assert list(frame.columns) == list(FLAT_COLUMNS)
    assert len(frame) == len(claims)
    z = _zelensky(claims)
    row = frame.iloc[claims.index(z)]
    assert row["speaker"] == "Volodymyr Zelensky"
    assert row["speaker_label"] == "PERSON"
    assert row["cue_kind"] == z.cue.kind
    assert (row["start"], row["end"]) == z.span
    assert row["quantities"] == [q.to_dict() for q in z.quantities]
    assert row["time_start"] == pd.Timestamp(z.time.start)
    assert row["hedged"] == z.hedged
    assert row["hedge_kinds"] == [h.kind for h in z.hedges]
    assert str(frame["time_start"].dtype).startswith("datetime64")
    unresolved = [i for i, c in enumerate(claims) if c.time is None]
    assert unresolved and frame["time_start"].iloc[unresolved].isna().all()


def test_to_frame_of_no_claims_has_the_columns():
    pytest.importorskip("pandas")
    frame = claimx.to_frame([])
    assert list(frame.columns) == list(FLAT_COLUMNS) and len(frame) == 0


def test_to_frame_of_many_documents_has_a_doc_column(claims):
    pytest.importorskip("pandas")
    first, second = claims[:2], claims[2:5]
    frame = claimx.to_frame([first, [], second])
    assert list(frame.columns) == ["doc", *FLAT_COLUMNS]
    assert frame["doc"].tolist() == [0] * len(first) + [2] * len(second)
    assert frame["text"].tolist() == [c.text for c in first + second]
    named = claimx.to_frame([first, second], ids=["a.txt", "b.txt"])
    assert named["doc"].tolist() == ["a.txt"] * len(first) + ["b.txt"] * len(second)
    with pytest.raises(ValueError, match="2 documents"):
        claimx.to_frame([first, second], ids=["a.txt"])
    with pytest.raises(ValueError, match="list of lists"):
        claimx.to_frame(first, ids=["a.txt"])
    assert "doc" not in claimx.to_frame(first).columns


def test_to_frame_without_pandas(claims, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError) as info:
        claimx.to_frame(claims)
    assert str(info.value) == "claimx.to_frame needs pandas: pip install 'claimx[pandas]'"


def test_flat_record_of_unattributed_claim():
    claim = claimx.Claim(text="Prices rose.", span=(0, 12), sentence=(0, 12))
    row = flat_record(claim)
    assert row["speaker"] is None and row["cue_kind"] is None and row["time_start"] is None
    assert row["quantities"] == [] and row["hedged"] is False


def test_schema_org_person(claims):
    z = _zelensky(claims)
    ld = z.to_schema_org(url="https://example.org/a", date_published=dt.date(2023, 3, 13))
    assert ld["@context"] == "https://schema.org" and ld["@type"] == "Claim"
    assert ld["text"] == z.text
    assert ld["author"]["@type"] == "Person"
    assert ld["author"]["name"] == "Volodymyr Zelensky"
    assert ld["author"].get("jobTitle") == z.speaker.title
    assert ld["dateCreated"] == "2023-03-13"
    assert ld["appearance"] == {"@type": "CreativeWork", "url": "https://example.org/a",
                                "datePublished": "2023-03-13"}
    assert ld["temporalCoverage"] == f"{z.time.start}/{z.time.end}"
    json.dumps(ld)


def test_schema_org_organization_and_fallbacks():
    claim = claimx.Claim.from_dict({
        "text": "losses were heavy", "span": [10, 27], "sentence": [0, 28],
        "speaker": {"name": "Western officials", "text": "Western officials", "span": [0, 17],
                    "label": "GROUP", "title": None},
        "cue": None, "quantities": [],
        "time": {"text": "last week", "span": [30, 39], "start": "2023-03-06",
                 "end": "2023-03-12"},
        "hedges": []})
    ld = claim.to_schema_org()
    assert ld["author"] == {"@type": "Organization", "name": "Western officials"}
    assert ld["dateCreated"] == "2023-03-12"  # no publication date: the end of the claim's time
    assert "appearance" not in ld
    bare = claimx.Claim(text="x", span=(0, 1), sentence=(0, 1)).to_schema_org()
    assert "author" not in bare and "dateCreated" not in bare
    with pytest.raises(ValueError, match="ISO date"):
        claim.to_schema_org(date_published="March 13")


def test_import_claimx_stays_cheap():
    import subprocess

    code = ("import sys, claimx; claimx.to_records; claimx.render; "
            "print(sorted(m for m in ('spacy', 'pandas', 'IPython') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
