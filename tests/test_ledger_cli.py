"""``claimx ledger ...`` on the two seed articles, and its errors."""
from __future__ import annotations

import csv
import io
import json

import pytest

from claimx.cli import main
from conftest import EXAMPLES


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, extractor, monkeypatch_module):
    import claimx

    monkeypatch_module.setattr(claimx, "load", lambda model=None: extractor)
    db = tmp_path_factory.mktemp("ledger") / "story.db"
    pattern = str(EXAMPLES / "bakhmut-*.txt")
    assert main(["ledger", "add", pattern, "--db", str(db), "--no-progress"]) == 0
    return db


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def _run(args, capsys):
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_figures_table_on_seeds(seed_db, capsys):
    code, out, _ = _run(["ledger", "figures", "--db", str(seed_db)], capsys)
    assert code == 0
    blocks = {b.split(":")[0].strip("= "): b for b in out.split("\n\n") if b.strip()}
    # a count "in the past week" / "over the past 24 hours" is a weekly / daily count
    wanted = {"weekly deaths (russia)", "daily deaths (ukraine)", "casualties (russia)"}
    assert wanted <= set(blocks)
    assert "Volodymyr Zelensky" in blocks["weekly deaths (russia)"]
    assert "Russia " in blocks["daily deaths (ukraine)"]
    assert "analysts" in blocks["casualties (russia)"]
    for name in ("weekly deaths (russia)", "daily deaths (ukraine)"):
        assert "2023-03-13" in blocks[name] and "unverified" in blocks[name]


def test_speakers_csv_and_jsonl(seed_db, capsys):
    code, out, _ = _run(["ledger", "speakers", "--db", str(seed_db), "--format", "csv"], capsys)
    assert code == 0
    rows = {r["speaker"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["Pavlo Kyrylenko"]["documents"] == "bakhmut-2023-03-06 | bakhmut-2023-03-13"
    code, out, _ = _run(["ledger", "figures", "--db", str(seed_db), "-f", "jsonl",
                         "--entity", "injur"], capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows and all("injuries" in r["group"] for r in rows)
    assert {r["speaker"] for r in rows} >= {"Pavlo Kyrylenko"}


def test_conflicts_and_documents(seed_db, capsys):
    code, out, _ = _run(["ledger", "conflicts", "--db", str(seed_db)], capsys)
    assert code == 0 and out
    code, out, _ = _run(["ledger", "documents", "--db", str(seed_db), "-f", "jsonl"], capsys)
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["date"] for d in docs] == ["2023-03-06", "2023-03-13"]


def test_errors(tmp_path, capsys):
    code, _, err = _run(["ledger", "figures", "--db", str(tmp_path / "none.db")], capsys)
    assert code == 2 and "no ledger at" in err
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 300)
    code, _, err = _run(["ledger", "speakers", "--db", str(bad)], capsys)
    assert code == 2 and "corrupt" in err and "Traceback" not in err
    code, _, err = _run(["ledger", "add", str(tmp_path / "*.txt"), "--db", str(bad)], capsys)
    assert code == 2 and "no files match" in err
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    code, _, err = _run(["ledger", "add", str(empty), "--db", str(tmp_path / "s.db")], capsys)
    assert code == 2 and "has no text" in err
    code, _, err = _run(["ledger", "nonsense"], capsys)
    assert code == 2
