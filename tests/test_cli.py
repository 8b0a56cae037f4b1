"""The command line, run in-process through ``main([...])`` (plus two real subprocesses)."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import claimx
from claimx import cli
from claimx.export import FLAT_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

A = str(EXAMPLES / "bakhmut-2023-03-13.txt")
B = str(EXAMPLES / "bakhmut-2023-03-06.txt")


@pytest.fixture(scope="module")
def expected(extractor, seed_0313, seed_0306):
    return {A: [c.to_dict() for c in extractor.extract(seed_0313)],
            B: [c.to_dict() for c in extractor.extract(seed_0306)]}


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_one_file_json(capsys, expected):
    code, out, err = run(capsys, A)
    assert code == 0 and err == ""
    assert json.loads(out) == expected[A]


def test_glob_is_expanded_by_claimx(capsys, expected, tmp_path):
    for name in (A, B):
        shutil.copy(name, tmp_path / Path(name).name)
    (tmp_path / "notes.md").write_text("not matched", encoding="utf-8")
    code, out, _ = run(capsys, str(tmp_path / "bakhmut-*.txt"), "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    files = [Path(r.pop("file")).name for r in rows]
    assert files == ["bakhmut-2023-03-06.txt"] * len(expected[B]) + \
        ["bakhmut-2023-03-13.txt"] * len(expected[A])
    assert rows == expected[B] + expected[A]


def test_stdin(capsys, monkeypatch, seed_0313, expected):
    monkeypatch.setattr(sys, "stdin", io.StringIO(seed_0313))
    code, out, _ = run(capsys, "-", "--format", "jsonl")
    assert code == 0
    assert [json.loads(line) for line in out.splitlines()] == expected[A]


def test_jsonl_field_keeps_other_fields_and_dates(capsys, tmp_path, seed_0313, expected):
    text = "The mayor said on Monday that 40 people had died."
    lines = [
        {"id": 1, "body": seed_0313, "url": "https://example.org/1"},
        {"id": 2, "body": text, "date": "2024-01-10"},
        {"id": 3, "body": text, "reference_date": "2024-02-07"},
        {"id": 4, "body": "   "},
    ]
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    code, out, _ = run(capsys, str(source), "--jsonl-field", "body", "--format", "jsonl")
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == [1, 2, 3, 4]
    assert all("body" not in r for r in results)
    assert results[0]["url"] == "https://example.org/1"
    assert results[0]["claims"] == expected[A]
    assert results[1]["date"] == "2024-01-10"
    times = [r["claims"][0]["time"] for r in results[1:3]]
    assert times[0]["start"] == "2024-01-08"  # the Monday before 2024-01-10
    assert times[1]["start"] == "2024-02-05"  # the Monday before 2024-02-07
    assert results[3]["claims"] == []


def test_bad_jsonl_records_are_reported_and_skipped(capsys, tmp_path):
    good = "The harbour master said 40 ships were stuck."
    lines = [json.dumps({"id": 1, "text": good}), "[1, 2]", '{"id": 3, "text": ',
             json.dumps({"id": 4, "body": good}), json.dumps({"id": 5, "text": 7}),
             json.dumps({"id": 6, "text": good, "date": "yesterday"}),
             json.dumps({"id": 7, "text": good})]
    source = tmp_path / "bad.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, str(source), "--jsonl-field", "text", "--format", "jsonl")
    assert code == 1
    assert [json.loads(line)["id"] for line in out.splitlines()] == [1, 7]
    messages = err.splitlines()
    assert messages[0] == f"claimx: {source}:2: not a JSON object; skipped"
    assert messages[1].startswith(f"claimx: {source}:3: not a JSON object (")
    assert messages[2] == f"claimx: {source}:4: no 'text' field; skipped"
    assert messages[3] == f"claimx: {source}:5: the 'text' field is int, not a string; skipped"
    assert messages[4].startswith(f"claimx: {source}:6: reference_date 'yesterday'")
    assert messages[5:] == ["claimx: 5 input records skipped"]


def test_a_record_that_breaks_extraction_is_skipped_with_its_line(capsys, tmp_path,
                                                                  monkeypatch, extractor):
    lines = [{"id": i, "text": f"The harbour master said {i} ships were stuck."}
             for i in (1, 2, 3)]
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    real = type(extractor).extract

    def fragile(self, text, reference_date=None):
        if " 2 ships" in text:
            raise RuntimeError("cannot read\nthis one")
        return real(self, text, reference_date)

    def failing_pipe(self, texts, reference_dates=None, **kwargs):
        raise RuntimeError("a block failed")

    monkeypatch.setattr(type(extractor), "extract", fragile)
    monkeypatch.setattr(type(extractor), "pipe", failing_pipe)
    code, out, err = run(capsys, str(source), "--format", "jsonl")
    assert code == 1
    assert [json.loads(line)["id"] for line in out.splitlines()] == [1, 3]
    assert err.splitlines()[0] == (f"claimx: {source}:2: RuntimeError: cannot read this one;"
                                   " skipped")


def test_jsonl_file_defaults_to_the_text_field(capsys, tmp_path):
    text = "The harbour master said 40 ships were stuck."
    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps({"id": "a", "text": text, "url": "u"}) + "\n\n"
                      + json.dumps({"id": "b", "text": text}) + "\n", encoding="utf-8")
    code, out, err = run(capsys, str(source), "--format", "jsonl")
    assert code == 0 and err == ""
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == ["a", "b"]
    assert results[0]["url"] == "u" and "text" not in results[0]
    assert results[0]["claims"][0]["quantities"][0]["value"] == 40.0


def test_jsonl_file_without_a_text_field_stops_with_a_clear_error(capsys, tmp_path):
    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps({"id": 1, "text": "Police said 3 died."}) + "\n"
                      + json.dumps({"id": 2, "url": "https://example.org"}) + "\n",
                      encoding="utf-8")
    code, out, err = run(capsys, str(source))
    assert code == 2 and out == ""
    assert err == (f"claimx: {source} is JSON lines and record 2 has no 'text' field: "
                   "give --jsonl-field FIELD\n")
    code, out, err = run(capsys, str(source), A)
    assert code == 2 and "--jsonl-field" in err


def test_byte_order_mark_is_stripped(capsys, tmp_path):
    text = "The harbour master said 40 ships were stuck."
    source = tmp_path / "bom.txt"
    source.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    code, out, _ = run(capsys, str(source), "--format", "jsonl")
    assert code == 0
    claims = [json.loads(line) for line in out.splitlines()]
    speaker = claims[0]["speaker"]
    assert speaker["name"] == "harbour master" and "\ufeff" not in claims[0]["text"]
    assert speaker["text"] == text[speaker["span"][0]:speaker["span"][1]]  # no BOM offset
    assert claims[0]["text"] == text[claims[0]["span"][0]:claims[0]["span"][1]]
    records = tmp_path / "bom.jsonl"
    records.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": text}).encode("utf-8"))
    code, out, _ = run(capsys, str(records), "--format", "jsonl")
    assert code == 0 and json.loads(out)["claims"][0]["speaker"]["name"] == "harbour master"


def test_binary_input_is_an_error(capsys, tmp_path, monkeypatch):
    zeros = tmp_path / "zeros.txt"
    zeros.write_bytes(b"\x00" * 4096)
    code, out, err = run(capsys, str(zeros))
    assert code == 2 and out == ""
    assert err == f"claimx: cannot read {zeros}: binary data (NUL bytes), not text\n"
    records = tmp_path / "zeros.jsonl"
    records.write_bytes(b"\x00" * 4096)
    code, _, err = run(capsys, str(records), "--jsonl-field", "text")
    assert code == 2 and "binary data" in err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x00\x00")))
    code, _, err = run(capsys, "-")
    assert code == 2 and err == "claimx: cannot read standard input: binary data (NUL bytes)" \
        ", not text\n"


def test_lone_surrogate_record_is_read_and_written(capsys, tmp_path):
    source = tmp_path / "news.jsonl"
    source.write_text('{"id": 1, "text": "Port officials said 40 ships \\ud83d were stuck."}\n'
                      '{"id": 2, "text": "Police said 3 cars burned."}\n', encoding="utf-8")
    target = tmp_path / "out.jsonl"
    code, _, err = run(capsys, str(source), "--format", "jsonl", "-o", str(target))
    assert code == 0 and err == ""
    results = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == [1, 2]
    claim = results[0]["claims"][0]
    assert "\ufffd" in claim["text"] and claim["quantities"][0]["value"] == 40.0
    assert results[1]["claims"][0]["quantities"][0]["value"] == 3.0


def test_csv_rows_and_columns(capsys, expected):
    code, out, _ = run(capsys, A, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["file", *FLAT_COLUMNS]
    assert len(rows) == len(expected[A])
    for row, claim in zip(rows, expected[A]):
        assert row["text"] == claim["text"]
        assert int(row["start"]) == claim["span"][0]
        assert json.loads(row["quantities"]) == claim["quantities"]
        assert row["hedged"] == str(bool(claim["hedges"]))
        assert row["speaker"] == (claim["speaker"]["name"] if claim["speaker"] else "")


def test_table_is_readable(capsys, monkeypatch, expected):
    monkeypatch.setenv("COLUMNS", "140")
    code, out, _ = run(capsys, A, B, "--format", "table")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"== {A}: {len(expected[A])} claims"
    assert lines[1].split() == ["speaker", "cue", "claim", "quantities", "time", "hedges"]
    assert all(len(line) <= 140 for line in lines)
    assert "Volodymyr Zelensky" in out and "according to" in out
    assert "2023-03-06 → 03-13" in out  # "the past week" resolved
    assert f"== {B}: {len(expected[B])} claims" in lines


def test_table_fits_the_terminal_and_wide_prints_in_full(capsys, monkeypatch, expected):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, A, "--format", "table")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    code, wide, _ = run(capsys, A, "--format", "table", "--wide")
    assert code == 0
    assert max(len(line) for line in wide.splitlines()) > 80
    for claim in expected[A]:  # each claim text whole on one line
        assert " ".join(claim["text"].split()) in wide
    assert "≥?" not in out + wide


def test_output_file_and_date(capsys, tmp_path):
    target = tmp_path / "out.json"
    code, out, _ = run(capsys, A, "--date", "2023-03-20", "-o", str(target))
    assert code == 0 and out == ""
    claims = json.loads(target.read_text(encoding="utf-8"))
    week = next(c for c in claims if c["time"] and c["time"]["text"] == "the past week")
    assert week["time"]["end"] == "2023-03-20"  # --date wins over the article's header


def test_progress_bar_on_request(capsys):
    code, _, err = run(capsys, A, B, "--format", "jsonl", "--progress")
    assert code == 0
    assert "2/2 files" in err and "100%" in err and err.endswith("\n")
    code, _, err = run(capsys, A, B, "--format", "jsonl")  # stderr is not a terminal here
    assert code == 0 and err == ""


def test_progress_line_format():
    bar = cli.Progress(total=4, unit="lines", stream=io.StringIO())
    bar.count = 1
    assert bar.line(bar.started + 1.0).startswith("claimx [######..................] 1/4 lines")
    assert cli.Progress(None, "lines", io.StringIO()).line().startswith("claimx 0 lines")


@pytest.mark.parametrize(("argv", "message"), [
    (["missing.txt"], "claimx: cannot read missing.txt: No such file or directory\n"),
    ([A, "--date", "13/03/2023"], "claimx: reference_date '13/03/2023' is not an ISO date"),
    (["nothing-*.txt"], "claimx: no files match 'nothing-*.txt'\n"),
    ([A, "--format", "xml"], "claimx: argument -f/--format: invalid choice: 'xml'"),
    ([A, "--batch-size", "0"], "claimx: argument --batch-size: expected a positive integer"),
    ([str(EXAMPLES)], f"claimx: cannot read {EXAMPLES}: Is a directory"),
    ([A, "--model", "no_such_model_xyz"], "claimx: could not load the spaCy pipeline"),
    ([A, "--encoding", "klingon"], "claimx: unknown encoding 'klingon'\n"),
])
def test_usage_errors_exit_2_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1, err


def test_undecodable_file(capsys, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9 owners said prices rose.".encode("latin-1"))
    code, _, err = run(capsys, str(bad))
    assert code == 2 and err.startswith(f"claimx: cannot read {bad}: not utf-8 text")
    code, out, _ = run(capsys, str(bad), "--encoding", "latin-1")
    assert code == 0 and "Café" in out


def test_unexpected_error_is_one_line_exit_1(capsys, monkeypatch):
    def broken(model):
        raise RuntimeError("something broke\ninside")

    monkeypatch.setattr(cli, "_load", broken)
    code, _, err = run(capsys, A)
    assert code == 1
    assert err == ("claimx: unexpected error: RuntimeError: something broke inside "
                   "(set CLAIMX_DEBUG=1 for the traceback)\n")


def test_help_and_version(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "examples:" in out and "--jsonl-field" in out and "exit codes" in out
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith(f"claimx {claimx.__version__} (spaCy 3.")


def test_python_dash_m(expected):
    proc = subprocess.run([sys.executable, "-m", "claimx", A, "--format", "jsonl"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line) for line in proc.stdout.splitlines()] == expected[A]


def test_console_script_error_has_no_traceback(tmp_path):
    script = shutil.which("claimx", path=os.path.dirname(sys.executable)) or \
        shutil.which("claimx")
    if script is None:
        pytest.skip("the claimx console script is not installed")
    proc = subprocess.run([script, "missing.txt"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr == "claimx: cannot read missing.txt: No such file or directory\n"
