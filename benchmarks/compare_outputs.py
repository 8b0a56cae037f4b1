"""Dump every claim's ``to_dict()`` for a set of articles, or compare two such dumps.

    python benchmarks/compare_outputs.py dump OUT.jsonl      # the corpus and both dev files
    python benchmarks/compare_outputs.py diff OLD.jsonl NEW.jsonl

``dump`` runs ``claimx.extract`` on the 275 articles of ``../shared/corpus/wikinews.jsonl``
and the articles of ``../shared/eval/dev.jsonl`` and ``dev-wide.jsonl`` (each with its own
reference date when the record has one) and writes one line per article: its id and its
claims. ``diff`` prints how many articles and claims differ, and the first differences.
A change that should preserve behaviour shows ``0 articles differ``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SOURCES = (SHARED / "corpus" / "wikinews.jsonl", SHARED / "eval" / "dev.jsonl",
           SHARED / "eval" / "dev-wide.jsonl")


def _articles():
    for path in SOURCES:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    yield f"{path.name}:{record['id']}", record["text"], \
                        record.get("reference_date")


def dump(out: Path) -> None:
    import claimx

    extractor = claimx.load()
    with out.open("w", encoding="utf-8") as handle:
        for key, text, ref in _articles():
            claims = [c.to_dict() for c in extractor.extract(text, reference_date=ref)]
            handle.write(json.dumps({"id": key, "claims": claims}, sort_keys=True) + "\n")


def _read(path: Path) -> dict[str, list]:
    with path.open(encoding="utf-8") as handle:
        return {r["id"]: r["claims"] for r in map(json.loads, handle) if r}


def diff(old: Path, new: Path, show: int = 5) -> int:
    before, after = _read(old), _read(new)
    differ = [k for k in before if before[k] != after.get(k)]
    missing = [k for k in after if k not in before]
    claims = sum(len(v) for v in before.values())
    changed = 0
    shown = 0
    for key in differ:
        a, b = before[key], after.get(key, [])
        pairs = list(zip(a, b))
        changed += sum(x != y for x, y in pairs) + abs(len(a) - len(b))
        for x, y in pairs:
            if x != y and shown < show:
                shown += 1
                print(f"--- {key}\n  old: {json.dumps(x)[:600]}\n  new: {json.dumps(y)[:600]}")
    print(f"{len(before)} articles, {claims} claims compared; {len(differ)} articles differ, "
          f"{changed} claims differ; {len(missing)} articles only in the new dump")
    return 1 if differ or missing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("dump").add_argument("out", type=Path)
    d = sub.add_parser("diff")
    d.add_argument("old", type=Path)
    d.add_argument("new", type=Path)
    d.add_argument("--show", type=int, default=5)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out)
        return 0
    return diff(args.old, args.new, args.show)


if __name__ == "__main__":
    sys.exit(main())
