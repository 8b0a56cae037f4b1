"""``claimx ledger ...``: build a story's ledger from files and read its figures and speakers.

    claimx ledger add 'articles/*.txt' --db story.db [--outlet NAME] [--date YYYY-MM-DD]
    claimx ledger add corpus.jsonl --jsonl-field text --db story.db   (id, url, date, outlet
                                                                      fields of each line kept)
    claimx ledger figures|conflicts|corroborations|series|speakers|documents --db story.db
           [--entity WORD] [--format table|csv|jsonl]
    claimx ledger plot --db story.db --entity WORD -o plot.png        (needs claimx[plot])

Exit codes: 0 ok, 2 usage or input error (missing file, bad ledger file, empty document).
"""
from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import sys
from typing import IO, Any, NoReturn, Optional

VIEWS = ("figures", "conflicts", "corroborations", "series", "speakers", "documents")
FORMATS = ("table", "csv", "jsonl")


class LedgerUsageError(Exception):
    """A usage or input problem: exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise LedgerUsageError(f"{message} (see 'claimx ledger --help')")


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``claimx ledger``."""
    p = _Parser(prog="claimx ledger", description="A ledger of claims across articles.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    add = sub.add_parser("add", help="add files (globs allowed) or JSONL records")
    add.add_argument("files", nargs="+", metavar="FILE")
    add.add_argument("--db", required=True, help="the ledger file (created if missing)")
    add.add_argument("--outlet", help="outlet of every file")
    add.add_argument("--date", metavar="YYYY-MM-DD", help="publication date of every file "
                     "(default: the date header or dateline of each)")
    add.add_argument("--jsonl-field", metavar="FIELD", help="read JSON lines, text in FIELD")
    add.add_argument("--model", help="spaCy pipeline (default: claimx's default)")
    bar = add.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None)
    bar.add_argument("--no-progress", dest="progress", action="store_false")
    for view in VIEWS:
        v = sub.add_parser(view, help=f"print the ledger's {view}")
        v.add_argument("--db", required=True)
        v.add_argument("--entity", help="only groups whose entity contains this word")
        v.add_argument("--format", "-f", choices=FORMATS, default="table")
        v.add_argument("--min-size", type=int, default=1, help="figures: smallest group shown")
    plot = sub.add_parser("plot", help="plot the figure groups matching --entity to a file")
    plot.add_argument("--db", required=True)
    plot.add_argument("--entity", required=True)
    plot.add_argument("-o", "--output", required=True, help="PNG or SVG file")
    return p


def _files(names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if set("*?[") & set(name) and not os.path.exists(name):
            found = sorted(m for m in glob.glob(name, recursive=True) if os.path.isfile(m))
            if not found:
                raise LedgerUsageError(f"no files match {name!r}")
            out.extend(found)
        elif os.path.isfile(name):
            out.append(name)
        else:
            raise LedgerUsageError(f"cannot read {name}: no such file")
    return out


def _documents(args: argparse.Namespace) -> list[dict[str, Any]]:
    docs = []
    for name in _files(args.files):
        with open(name, encoding="utf-8") as fh:
            if args.jsonl_field is None:
                stem = os.path.splitext(os.path.basename(name))[0]
                docs.append({"doc_id": stem, "text": fh.read(), "url": None})
                continue
            for n, line in enumerate(fh, 1):
                if line.strip():
                    docs.append(_jsonl_doc(line, name, n, args.jsonl_field))
    for d in docs:
        d.setdefault("outlet", args.outlet)
        if args.outlet:
            d["outlet"] = args.outlet
        if args.date:
            d["date"] = args.date
        d.setdefault("date", None)
    return docs


def _jsonl_doc(line: str, name: str, n: int, field: str) -> dict[str, Any]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LedgerUsageError(f"{name}:{n}: not JSON ({exc.msg})") from None
    if not isinstance(row, dict) or not isinstance(row.get(field), str):
        raise LedgerUsageError(f"{name}:{n}: no text field {field!r}")
    return {"doc_id": str(row.get("id") or row.get("doc_id") or f"{name}:{n}"),
            "text": row[field], "url": row.get("url"), "title": row.get("title"),
            "date": row.get("date") or row.get("reference_date"), "outlet": row.get("outlet")}


def _add(args: argparse.Namespace, out: IO[str]) -> int:
    from .core import Ledger

    docs = _documents(args)
    with Ledger(args.db, model=args.model) as ledger:
        n = ledger.add_many(docs, progress=args.progress)
        out.write(f"added {n} document(s) to {args.db}: {len(ledger)} document(s), "
                  f"{len(ledger.records())} figure(s)\n")
    return 0


def _view(args: argparse.Namespace, out: IO[str]) -> int:
    from .core import Ledger

    if not os.path.isfile(args.db):
        raise LedgerUsageError(f"no ledger at {args.db} (create it with 'claimx ledger add')")
    with Ledger(args.db) as ledger:
        if args.command == "speakers":
            results = ledger.speakers()
        elif args.command == "documents":
            results = ledger.documents()
        elif args.command == "figures":
            results = ledger.figures(args.entity, min_size=args.min_size)
        else:
            results = getattr(ledger, args.command)(args.entity)
        write(results, args.command, args.format, out)
    return 0


def write(results: Any, view: str, fmt: str, out: IO[str]) -> None:
    """Print ``results`` of ``view`` as a table, CSV or JSON lines."""
    rows = results.to_records()
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        if rows:
            w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    elif view == "figures":
        from .view import figures_text

        out.write(figures_text(results))
    else:
        from .view import TABLE_COLUMNS, rows_text

        keep = TABLE_COLUMNS.get(view)
        if keep:
            rows = [{k: r.get(k) for k in keep} for r in rows]
        out.write(rows_text(rows, view))


def _plot(args: argparse.Namespace, out: IO[str]) -> int:
    from .core import Ledger
    from .view import plot

    with Ledger(args.db) as ledger:
        groups = ledger.figures(args.entity)
        if not groups:
            raise LedgerUsageError(f"no figure group matches {args.entity!r}")
        fig = plot(list(groups)).figure
        fig.savefig(args.output, bbox_inches="tight")
    out.write(f"wrote {args.output}\n")
    return 0


def main(argv: Optional[list[str]] = None, stdout: Optional[IO[str]] = None,
         stderr: Optional[IO[str]] = None) -> int:
    """Run ``claimx ledger`` with ``argv``; return the exit code."""
    import sqlite3

    from .store import LedgerError

    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        args = build_parser().parse_args(argv)
        if args.command == "add":
            return _add(args, out)
        if args.command == "plot":
            return _plot(args, out)
        return _view(args, out)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    except (LedgerUsageError, LedgerError, ValueError, TypeError, ImportError) as exc:
        print(f"claimx ledger: {exc}", file=err)
        return 2
    except (sqlite3.Error, OSError) as exc:
        print(f"claimx ledger: {type(exc).__name__}: {exc}", file=err)
        return 1
