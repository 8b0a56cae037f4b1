"""The ledger file: versions, migration, clear errors, and atomic adds (even under SIGKILL)."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from claimx.ledger import SCHEMA_VERSION, Ledger, LedgerError, LedgerVersionError
from ledger_helpers import make_claim

ROOT = Path(__file__).resolve().parent.parent


def _claims(n: int = 1):
    return [make_claim(f"Officials said {i + 3} people were injured.", f"{i + 3} people",
                       "people", float(i + 3), speaker="Officials", label="GROUP")
            for i in range(n)]


def _snapshot(path: Path) -> bytes:
    return path.read_bytes()


def test_file_round_trip_and_version(tmp_path):
    db = tmp_path / "story.db"
    with Ledger(db) as ledger:
        ledger.add(_claims(2), doc_id="a", outlet="Wire", date="2024-01-02", url="http://x/a")
    with Ledger(str(db)) as ledger:
        assert len(ledger) == 1 and len(ledger.records()) == 2
        assert ledger.documents()[0]["url"] == "http://x/a"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_corrupt_file_is_refused_and_untouched(tmp_path):
    db = tmp_path / "story.db"
    db.write_bytes(b"this is not a database, just bytes " * 200)
    before = _snapshot(db)
    with pytest.raises(LedgerError, match="not a claimx ledger or is corrupt"):
        Ledger(db)
    assert _snapshot(db) == before


def test_truncated_ledger_is_refused(tmp_path):
    db = tmp_path / "story.db"
    with Ledger(db) as ledger:
        for i in range(30):
            ledger.add(_claims(5), doc_id=f"d{i}")
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    with pytest.raises(LedgerError):
        Ledger(db).figures()


def test_other_sqlite_file_is_refused(tmp_path):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(LedgerError, match="not a claimx ledger"):
        Ledger(db)


def test_newer_schema_is_refused_and_untouched(tmp_path):
    db = tmp_path / "story.db"
    Ledger(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = _snapshot(db)
    with pytest.raises(LedgerVersionError, match="newer than this claimx"):
        Ledger(db)
    assert _snapshot(db) == before


def test_version_1_file_is_migrated(tmp_path):
    from claimx.ledger.store import _V1

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript(_V1)
    conn.execute("INSERT INTO documents (doc_id, outlet, date) VALUES ('old', 'Wire', "
                 "'2024-01-02')")
    claim = _claims(1)[0]
    conn.execute("INSERT INTO claims VALUES ('old', 0, 'Officials', 'GROUP', NULL, ?)",
                 (json.dumps(claim.to_dict()),))
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Ledger(db) as ledger:
        figures = ledger.all_figures()
        assert [f.value for f in figures] == [3.0] and figures[0].outlet == "Wire"
        assert figures[0].key.startswith("injuries|")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


@pytest.mark.parametrize("bad, error, match", [
    ("   \n ", ValueError, "has no text"),
    ("", ValueError, "has no text"),
    (42, TypeError, "not int"),
    (b"bytes", TypeError, "not bytes"),
    ([object()], TypeError, "expected claimx.Claim"),
])
def test_bad_documents_leave_the_ledger_unchanged(tmp_path, bad, error, match):
    db = tmp_path / "story.db"
    with Ledger(db) as ledger:
        ledger.add(_claims(2), doc_id="keep")
    before = _snapshot(db)
    with Ledger(db) as ledger, pytest.raises(error, match=match):
        ledger.add(bad, doc_id="keep")
    assert _snapshot(db) == before
    with Ledger(db) as ledger:
        assert len(ledger.records()) == 2


def test_bad_metadata(tmp_path):
    ledger = Ledger()
    with pytest.raises(TypeError, match="doc_id"):
        ledger.add(_claims(), doc_id=7)
    with pytest.raises(ValueError, match="ISO date"):
        ledger.add(_claims(), doc_id="a", date="yesterday")
    with pytest.raises(TypeError, match="Ledger path"):
        Ledger(3.5)
    with pytest.raises(ValueError, match="has no text"):
        ledger.add_many([{"id": "a", "text": " "}])
    assert len(ledger) == 0


KILLER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {tests!r})
    import spacy
    from claimx.ledger import Ledger, store
    from claimx.pipeline.annotations import register_extensions, set_claims
    from ledger_helpers import make_claim

    register_extensions()
    blank = spacy.blank("en")

    class SlowExtractor:
        # the model is not what this test is about: claims come ready on a blank Doc
        def parse_many(self, texts, dates, batch_size=16):
            for text in texts:
                doc = blank.make_doc(text)
                set_claims(doc, [make_claim(f"Police said {{k}} people were hurt.",
                                            f"{{k}} people", "people", float(k)).to_dict()
                                 for k in range(1, 6)])
                yield doc

    real = store.insert_figures
    count = [0]

    def slow_insert(conn, records):
        real(conn, records)
        count[0] += 1
        if count[0] == 4:                 # the 4th document: stop inside its transaction
            open({ready!r}, "w").close()
            time.sleep(60)

    store.insert_figures = slow_insert
    ledger = Ledger({db!r}, extractor=SlowExtractor())
    ledger.add_many([{{"id": f"doc{{i}}", "text": "x", "date": "2024-01-01"}}
                     for i in range(10)], progress=False)
""")


def test_sigkill_during_add_many_leaves_the_file_intact(tmp_path):
    db, ready = tmp_path / "story.db", tmp_path / "ready"
    script = KILLER.format(tests=str(ROOT / "tests"), ready=str(ready), db=str(db))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-c", script], env=env,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "the add never reached the 4th document"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with Ledger(db) as ledger:                # a hot journal is rolled back on open
        docs = [d["doc_id"] for d in ledger.documents()]
        assert docs == ["doc0", "doc1", "doc2"]
        assert len(ledger.records()) == 15    # every committed document is whole
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
