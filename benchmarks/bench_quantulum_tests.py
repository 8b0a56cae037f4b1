"""Value and value+unit precision/recall/F1 on quantulum3's own English test sentences.

    python benchmarks/bench_quantulum_tests.py [--verbose]

The sentences and their expected quantities come with quantulum3 (installed with claimx):
``quantulum3/_lang/en_US/tests/quantities.json`` and ``quantities.ambiguity.json``. Each
sentence is run through claimx (``Extractor.parse``; the quantities are
``doc.spans["claimx_quantities"]``) and through quantulum3's own ``parser.parse``. Those
are quantulum3's own regression tests, so its figures are an upper reference, not a
neutral comparison.

Matching, per sentence, one to one and in text order:

- value: a system quantity matches an expected one when the values agree to a relative
  tolerance of 1e-3. A claimx range (value null) matches when either end or the midpoint
  agrees (quantulum3 gives ranges as one value). Precision is over all system quantities,
  recall over all expected ones.
- value+unit: a value match whose units also agree. Both vocabularies use quantulum3's unit
  names, compared case-insensitively, with these equivalences: claimx's null unit (a plain
  count) is quantulum3's ``dimensionless``; claimx's ``United States dollar`` is quantulum3's
  ``dollar`` (quantulum3 does not say whose dollar); claimx's ``point`` and ``magnitude`` have
  no quantulum3 counterpart and never match. Durations ("3 years") are time expressions in
  claimx, not quantities, so they count as misses; claimx multiplies "a dozen" out (value 12,
  no unit) where quantulum3 gives value 1 unit ``dozen``.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any, Callable, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine  # noqa: E402

#: claimx unit name (lower-cased) -> quantulum3 unit name (lower-cased)
UNIT_EQUIV = {None: "dimensionless", "united states dollar": "dollar"}
FILES = ("quantities.json", "quantities.ambiguity.json")

Found = list[tuple[tuple[float, ...], Optional[str]]]


def test_sentences() -> list[dict[str, Any]]:
    """quantulum3's English test sentences with their expected quantities."""
    from claimx.quantities.units import quantulum_dir

    qdir = quantulum_dir()
    if qdir is None:
        sys.exit("quantulum3 is not installed")
    items: list[dict[str, Any]] = []
    for name in FILES:
        with open(qdir / "_lang/en_US/tests" / name, encoding="utf-8") as fh:
            items.extend(json.load(fh))
    return items


def norm_unit(unit: Optional[str]) -> Optional[str]:
    """A unit name in quantulum3's vocabulary, lower-cased."""
    low = unit.lower() if unit else None
    return UNIT_EQUIV.get(low, low)


def claimx_parser() -> Callable[[str], Found]:
    """claimx's quantities: (values that may match, unit) per quantity."""
    import claimx

    ex = claimx.load()

    def run(text: str) -> Found:
        out: Found = []
        for span in ex.parse(text).spans["claimx_quantities"]:
            q = span._.claimx
            if q.value is not None:
                values: tuple[float, ...] = (q.value,)
            else:
                ends = [v for v in (q.low, q.high) if v is not None]
                values = tuple(ends) + ((sum(ends) / 2,) if len(ends) == 2 else ())
            out.append((values, norm_unit(q.unit)))
        return out

    return run


def quantulum_parser() -> Callable[[str], Found]:
    """quantulum3's own parser, on the same sentences."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser

    def run(text: str) -> Found:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quants = parser.parse(text)
        return [((float(q.value),), norm_unit(q.unit.name)) for q in quants]

    return run


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-9)


def match(found: Found, gold: list[dict[str, Any]]) -> tuple[int, int]:
    """(value matches, value+unit matches), one to one, preferring unit agreement."""
    used: set[int] = set()
    value_tp = unit_tp = 0
    for g in gold:
        gv, gu = float(g["value"]), norm_unit(g.get("unit"))
        cands = [k for k, (vals, _) in enumerate(found)
                 if k not in used and any(_close(v, gv) for v in vals)]
        if not cands:
            continue
        best = next((k for k in cands if found[k][1] == gu), cands[0])
        used.add(best)
        value_tp += 1
        unit_tp += found[best][1] == gu
    return value_tp, unit_tp


def prf(tp: int, n_sys: int, n_gold: int) -> str:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def evaluate(name: str, run: Callable[[str], Found], items: list[dict[str, Any]],
             verbose: bool) -> None:
    n_sys = n_gold = v_tp = u_tp = 0
    t0 = time.perf_counter()
    for item in items:
        found = run(item["req"])
        gold = item["res"]
        v, u = match(found, gold)
        n_sys, n_gold, v_tp, u_tp = n_sys + len(found), n_gold + len(gold), v_tp + v, u_tp + u
        if verbose and (v < len(gold) or u < len(gold) or len(found) > len(gold)):
            want = [(g["value"], g.get("unit")) for g in gold]
            print(f"  [{name}] {item['req']!r}\n      got {found}\n      want {want}")
    secs = time.perf_counter() - t0
    print(f"{name:<10} value       {prf(v_tp, n_sys, n_gold)}   ({v_tp} of {n_gold} expected, "
          f"{n_sys} found)")
    print(f"{name:<10} value+unit  {prf(u_tp, n_sys, n_gold)}   ({u_tp} of {n_gold})   "
          f"{secs:.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", "-v", action="store_true", help="print every imperfect sentence")
    args = ap.parse_args()
    items = test_sentences()
    print(machine())
    print(f"{len(items)} sentences, {sum(len(i['res']) for i in items)} expected quantities "
          f"({', '.join(FILES)})")
    evaluate("claimx", claimx_parser(), items, args.verbose)
    evaluate("quantulum3", quantulum_parser(), items, args.verbose)


if __name__ == "__main__":
    main()
