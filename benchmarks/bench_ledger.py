"""Pairwise precision, recall and F1 of the ledger's figure groups and speaker identities.

    python benchmarks/bench_ledger.py [--gold benchmarks/ledger_gold.json] [-v]

The gold (``ledger_gold.json``) holds stories of several articles each, with every figure
(an anchor string and a group label) and every speaker (a name and an identity label),
annotated by reading the texts. Each story is added to its own in-memory ledger. A gold
figure takes the group key of the system figure whose quantity overlaps its anchor (a
figure the system missed, or left without a key, is a group of its own); a gold speaker
takes the identity of the system speaker of its document with a compatible name. Over all
pairs of gold items within a story, a pair is positive when both share a group (identity):
precision = system-and-gold pairs / system pairs, recall = ... / gold pairs. Stories marked
``held_out`` and not ``inspected`` were never looked at while tuning; they are reported apart.
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path
from typing import Any, Optional

GOLD = Path(__file__).resolve().parent / "ledger_gold.json"


def pairwise(gold: list[str], system: list[str]) -> tuple[int, int, int]:
    """(true positive pairs, system pairs, gold pairs) over the items' labels."""
    tp = sp = gp = 0
    for i, j in itertools.combinations(range(len(gold)), 2):
        g, s = gold[i] == gold[j], system[i] == system[j]
        tp += g and s
        sp += s
        gp += g
    return tp, sp, gp


def prf(tp: int, sp: int, gp: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (1.0 when there is nothing to find or claim)."""
    p = tp / sp if sp else 1.0
    r = tp / gp if gp else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _figure_labels(ledger: Any, story: dict[str, Any]) -> tuple[list[str], list[str], list]:
    from claimx.ledger.records import figure_id

    keys = {f.id: f.key for f in ledger.all_figures()}
    spans = [(r["doc_id"], r["q_start"], r["q_start"] + len(r["q_text"]), figure_id(r))
             for r in ledger.records()]
    texts = {d["doc_id"]: d["text"] for d in story["documents"]}
    gold, system, misses = [], [], []
    for n, fig in enumerate(story["figures"]):
        start = texts[fig["doc_id"]].index(fig["anchor"])
        end = start + len(fig["anchor"])
        hits = sorted((abs(s - start), fid) for doc, s, e, fid in spans
                      if doc == fig["doc_id"] and s < end and start < e)
        key = keys.get(hits[0][1]) if hits else None
        gold.append(fig["group"])
        system.append(key or f"(no key {n})")
        if not key:
            misses.append(fig["anchor"])
    return gold, system, misses


def _compatible(system_name: str, gold_name: str) -> bool:
    """Same name, or one's words (folded, no titles or "the/of") within the other's."""
    from claimx.ledger.identity import fold

    stop = {"the", "of", "in", "at", "for", "and", "mr.", "mrs.", "dr."}
    a = {w.strip(".,'") for w in fold(system_name).split()} - stop
    b = {w.strip(".,'") for w in fold(gold_name).split()} - stop
    return bool(a) and bool(b) and (a <= b or b <= a)


def _speaker_labels(ledger: Any, story: dict[str, Any]) -> tuple[list[str], list[str], list]:
    from claimx.ledger.identity import clean_name, fold, resolve

    mentions = [m for m, _ in ledger._mentions()]
    ids = resolve(mentions)
    gold, system, misses = [], [], []
    used: set[Any] = set()                # a system mention stands for one gold speaker
    for n, sp in enumerate(story["speakers"]):
        mine = [m for m in mentions if m.doc_id == sp["doc_id"] and m not in used]
        exact = [m for m in mine if fold(clean_name(m.name)) == fold(sp["name"])]
        near = sorted((m for m in mine if _compatible(m.name, sp["name"])),
                      key=lambda m: len(set(fold(m.name).split()) ^ set(fold(sp["name"]).split())))
        found: Optional[str] = ids[(exact or near)[0]] if exact or near else None
        used.update((exact or near)[:1])
        gold.append(sp["identity"])
        system.append(found or f"(missed {n})")
        if found is None:
            misses.append(sp["name"])
    return gold, system, misses


def run(gold_path: Path, verbose: int) -> dict[str, tuple[float, float, float]]:
    """Score every story; print per-story and overall figures; return the overall ones."""
    import claimx
    from claimx.ledger import Ledger

    data = json.loads(gold_path.read_text(encoding="utf-8"))
    extractor = claimx.load()
    totals = {"grouping": [0, 0, 0], "speakers": [0, 0, 0]}
    held = {"grouping": [0, 0, 0], "speakers": [0, 0, 0]}
    tuned = {"grouping": [0, 0, 0], "speakers": [0, 0, 0]}
    found = {"grouping": [0, 0, 0], "speakers": [0, 0, 0]}
    started = time.perf_counter()
    for story in data["stories"]:
        ledger = Ledger(extractor=extractor)
        ledger.add_many([{k: d.get(k) for k in ("doc_id", "text", "date", "url", "outlet")}
                         for d in story["documents"]], progress=False)
        for kind, labels in (("grouping", _figure_labels), ("speakers", _speaker_labels)):
            gold, system, misses = labels(ledger, story)
            counts = pairwise(gold, system)
            totals[kind] = [t + c for t, c in zip(totals[kind], counts)]
            if story.get("held_out") and not story.get("inspected"):
                held[kind] = [t + c for t, c in zip(held[kind], counts)]
            else:
                tuned[kind] = [t + c for t, c in zip(tuned[kind], counts)]
            kept = [(g, s) for g, s in zip(gold, system) if not s.startswith("(")]
            only = pairwise([g for g, _ in kept], [s for _, s in kept])
            found[kind] = [t + c for t, c in zip(found[kind], only)]
            p, r, f = prf(*counts)
            print(f"{story['story']:<22} {kind:<9} items {len(gold):>3}  gold pairs "
                  f"{counts[2]:>3}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
            if verbose and misses:
                print(f"{'':<22} unmatched or keyless: {misses}")
            if verbose > 1:
                for g, s in sorted(zip(gold, system)):
                    print(f"{'':<24} {g:<28} {s}")
    results = {k: prf(*v) for k, v in totals.items()}
    print(f"\nall stories ({len(data['stories'])}, "
          f"{sum(len(s['documents']) for s in data['stories'])} documents, "
          f"{time.perf_counter() - started:.1f} s)")
    for kind, (p, r, f) in results.items():
        tp, sp, gp = totals[kind]
        print(f"{kind:<9} pairwise  P {p:.3f}  R {r:.3f}  F1 {f:.3f}   "
              f"(tp {tp}, system pairs {sp}, gold pairs {gp})")
    for title, part in (("stories the rules were tuned on or whose output was inspected:", tuned),
                        ("held-out stories never inspected while tuning:", held)):
        print("\n" + title)
        if not any(counts[2] or counts[1] for counts in part.values()):
            print("(none: no pairs to score)")
            continue
        for kind, counts in part.items():
            p, r, f = prf(*counts)
            print(f"{kind:<9} pairwise  P {p:.3f}  R {r:.3f}  F1 {f:.3f}   "
                  f"(tp {counts[0]}, system pairs {counts[1]}, gold pairs {counts[2]})")
    print("\nthe same, over the gold items the extractor found (grouping/identity alone):")
    for kind, counts in found.items():
        p, r, f = prf(*counts)
        print(f"{kind:<9} pairwise  P {p:.3f}  R {r:.3f}  F1 {f:.3f}   "
              f"(tp {counts[0]}, system pairs {counts[1]}, gold pairs {counts[2]})")
    return results


def main(argv: Optional[list[str]] = None) -> int:
    """Command line entry point."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--gold", type=Path, default=GOLD)
    p.add_argument("-v", "--verbose", action="count", default=0,
                   help="list unmatched gold items (-vv: every item's gold and system label)")
    args = p.parse_args(argv)
    run(args.gold, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
