"""The ``claimx`` command: claims of files or standard input as JSON or JSON lines."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Optional


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="claimx",
        description="Extract claims (speaker, quantities, time, hedges) from news text.",
        epilog="examples:\n  claimx article.txt\n  cat article.txt | claimx --format jsonl\n"
               "  claimx a.txt b.txt --date 2023-03-13",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="*", help="text files; '-' or none reads standard input")
    p.add_argument("--format", choices=["json", "jsonl"], default="json")
    p.add_argument("--date", help="reference date YYYY-MM-DD for relative times")
    p.add_argument("--model", help="spaCy pipeline name or path (default: en_core_web_sm)")
    return p


def main(argv: Optional[list[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    from .api import coerce_reference_date, load

    try:
        ref = coerce_reference_date(args.date)
    except ValueError as exc:
        print(f"claimx: {exc}", file=sys.stderr)
        return 2
    names = args.files or ["-"]
    texts = []
    for name in names:
        try:
            texts.append((name, sys.stdin.read() if name == "-" else
                          open(name, encoding="utf-8").read()))
        except OSError as exc:
            print(f"claimx: cannot read {name}: {exc.strerror}", file=sys.stderr)
            return 2
    extractor = load(args.model)
    out = []
    for name, text in texts:
        for claim in extractor.extract(text, ref):
            record = claim.to_dict()
            if len(texts) > 1:
                record = {"file": name, **record}
            out.append(record)
    if args.format == "jsonl":
        for record in out:
            print(json.dumps(record, ensure_ascii=False))
    else:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0
