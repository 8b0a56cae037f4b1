"""The ledger's SQLite file: schema, versions, migrations and atomic writes.

Schema (version 3, kept in ``PRAGMA user_version``):

``documents``
    one row per document: ``doc_id`` (primary key), ``outlet``, ``date`` (ISO), ``url``,
    ``title``, ``n_chars``, ``added_at`` (UTC ISO timestamp), ``text`` (the document, or
    NULL when claims were added without it).
``claims``
    one row per claim: ``doc_id``, ``claim_index``, the speaker's ``speaker_name``,
    ``speaker_label``, ``speaker_title``, and ``claim``, the ``Claim.to_dict()`` JSON (NULL
    for documents loaded from Parquet records).
``figures``
    one row per quantity of a claim: the columns of `claimx.ledger.records.COLUMNS`.

Deleting a document deletes its claims and figures (``ON DELETE CASCADE``). Version 1 had
no ``figures`` table and no ``documents.text``; version 2 had no ``figures.q_holder``,
``figures.q_place`` (whose a figure is, and where) and ``figures.doc_place`` (the country of
the document's lead). Opening an older file migrates it in one
transaction; figures migrated from version 2 have neither until their document is added
again. A file from a newer claimx
(a higher version) is refused, never touched.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable
from typing import Any, Callable, Optional

from .records import COLUMNS, claim_records

SCHEMA_VERSION = 3


class LedgerError(Exception):
    """A ledger file that cannot be used: corrupt, not a ledger, or unreadable."""


class LedgerVersionError(LedgerError):
    """A ledger file written by a newer claimx (a schema version this one does not know)."""


_V1 = """
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY, outlet TEXT, date TEXT, url TEXT, title TEXT,
    n_chars INTEGER, added_at TEXT);
CREATE TABLE claims (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    claim_index INTEGER NOT NULL, speaker_name TEXT, speaker_label TEXT, speaker_title TEXT,
    claim TEXT, PRIMARY KEY (doc_id, claim_index));
"""

_NUMERIC = {"claim_index", "quantity_index", "claim_start", "sentence_start", "q_start"}
_REAL = {"q_value", "q_low", "q_high"}


def _figures_ddl() -> str:
    cols = ",\n    ".join(
        f"{c} {'INTEGER' if c in _NUMERIC else 'REAL' if c in _REAL else 'TEXT'}"
        + (" NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE" if c == "doc_id" else "")
        for c in COLUMNS)
    return (f"CREATE TABLE figures (\n    {cols},\n"
            "    PRIMARY KEY (doc_id, claim_index, quantity_index));\n"
            "CREATE INDEX figures_entity ON figures(q_entity);")


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    """Add ``documents.text`` and the ``figures`` table, filled from the stored claims."""
    from ..types import Claim

    conn.execute("ALTER TABLE documents ADD COLUMN text TEXT")
    for statement in _figures_ddl().split(";"):
        if statement.strip():
            conn.execute(statement)
    docs = conn.execute("SELECT doc_id, outlet, date, url FROM documents").fetchall()
    for doc_id, outlet, date, url in docs:
        rows = conn.execute("SELECT claim FROM claims WHERE doc_id = ? AND claim IS NOT NULL "
                            "ORDER BY claim_index", (doc_id,)).fetchall()
        claims = [Claim.from_dict(json.loads(r[0])) for r in rows]
        meta = {"doc_id": doc_id, "outlet": outlet, "date": date, "url": url}
        insert_figures(conn, claim_records(claims, meta))


def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    """Add ``figures.doc_place``, ``figures.q_holder`` and ``figures.q_place`` (a file
    migrated from version 1 has them already)."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(figures)")}
    for column in ("doc_place", "q_holder", "q_place"):
        if column not in have:
            conn.execute(f"ALTER TABLE figures ADD COLUMN {column} TEXT")


#: version n -> the function that brings a version-n file to version n + 1
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _migrate_1_to_2,
                                                                2: _migrate_2_to_3}


def _create(conn: sqlite3.Connection) -> None:
    for statement in (_V1 + _figures_ddl()).split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("ALTER TABLE documents ADD COLUMN text TEXT")


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def connect(path: Optional[str]) -> sqlite3.Connection:
    """Open (creating or migrating) the ledger at ``path``; ``None`` is an in-memory ledger."""
    target = ":memory:" if path is None else os.fspath(path)
    if target != ":memory:" and os.path.isdir(target):
        raise LedgerError(f"{target} is a directory, not a ledger file")
    try:
        conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise LedgerError(f"cannot open ledger {target}: {exc}") from None
    try:
        _check_and_upgrade(conn, target)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise LedgerError(f"{target} is not a claimx ledger or is corrupt ({exc})") from None
    except LedgerError:
        conn.close()
        raise
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _check_and_upgrade(conn: sqlite3.Connection, target: str) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    check = conn.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise LedgerError(f"{target} is corrupt (SQLite integrity check: {check})")
    if version > SCHEMA_VERSION:
        raise LedgerVersionError(
            f"{target} has ledger schema version {version}, newer than this claimx knows "
            f"({SCHEMA_VERSION}); upgrade claimx to read it")
    if version == SCHEMA_VERSION:
        return
    tables = _tables(conn)
    if version == 0 and tables:
        raise LedgerError(f"{target} is an SQLite file but not a claimx ledger "
                          f"(tables: {', '.join(tables)})")
    with transaction(conn):
        if version == 0:
            _create(conn)
        else:
            for v in range(version, SCHEMA_VERSION):
                MIGRATIONS[v](conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


class transaction:
    """``with transaction(conn):`` one ``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on error."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")


def insert_figures(conn: sqlite3.Connection, records: Iterable[dict[str, Any]]) -> None:
    """Insert claim records into ``figures`` (inside the caller's transaction)."""
    marks = ", ".join("?" for _ in COLUMNS)
    conn.executemany(f"INSERT INTO figures ({', '.join(COLUMNS)}) VALUES ({marks})",
                     [tuple(r.get(c) for c in COLUMNS) for r in records])


def write_document(conn: sqlite3.Connection, doc: dict[str, Any], text: Optional[str],
                   claims: list[dict[str, Any]], records: list[dict[str, Any]]) -> None:
    """Replace document ``doc['doc_id']`` with its claims and figures, in one transaction."""
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with transaction(conn):
        conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc["doc_id"],))
        conn.execute(
            "INSERT INTO documents (doc_id, outlet, date, url, title, n_chars, added_at, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (doc["doc_id"], doc.get("outlet"), doc.get("date"), doc.get("url"),
             doc.get("title"), None if text is None else len(text), now, text))
        conn.executemany(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?)",
            [(doc["doc_id"], c.get("claim_index", i), c.get("speaker_name"), c.get("speaker_label"),
              c.get("speaker_title"), c.get("claim")) for i, c in enumerate(claims)])
        insert_figures(conn, records)
