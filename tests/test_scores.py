"""Quality floors on the hand-annotated dev set, and the public contract check.

The floors sit a little below what the current code reaches, so that quality cannot
silently drop; raise them when the code gets better.
"""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, SHARED, needs_shared

SCORER = SHARED / "eval" / "score.py"
CONTRACT = SHARED / "eval" / "check_contract.py"

#: measured on dev.jsonl (10 articles): recall 0.985, precision 1.0, speaker 0.985,
#: speaker_named 0.978, quantity, entity, time, time_resolved, hedge, hedge_kind and
#: hedge_f1 1.0
FLOORS = {"recall": 0.95, "precision": 0.95, "speaker": 0.95, "speaker_named": 0.94,
          "quantity": 0.97, "entity": 0.97, "time": 0.97, "time_resolved": 0.97,
          "hedge": 0.97, "hedge_f1": 0.97, "hedge_kind": 0.97}
#: measured on dev-wide.jsonl (32 articles no rule was written from at first; the last
#: rounds of rules looked at its misses, so these are in-sample): recall 0.974,
#: precision 0.962, speaker 0.942, speaker_named 0.907, quantity 1.0, entity 0.972,
#: time 0.971, time_resolved 0.940, hedge 0.968, hedge_kind 0.970, hedge_f1 0.903
WIDE_FLOORS = {"recall": 0.965, "precision": 0.95, "speaker": 0.93, "speaker_named": 0.90,
               "quantity": 0.99, "entity": 0.96, "time": 0.965, "time_resolved": 0.92,
               "hedge": 0.96, "hedge_f1": 0.89, "hedge_kind": 0.95}


def _below(extractor, gold: str, floors: dict[str, float]) -> dict[str, float]:
    """The fields of the scorer's report on ``gold`` that fall below their floor."""
    sys.path.insert(0, str(SCORER.parent))
    try:
        import score
    finally:
        sys.path.pop(0)
    tallies = score.score_file(SCORER.parent / gold, extractor.extract)
    rates = {k: v.rate for k, v in tallies.items()}
    return {k: round(rates[k] or 0, 4) for k, floor in floors.items()
            if (rates[k] or 0) < floor}


@needs_shared
def test_dev_set_scores_stay_above_the_floors(extractor):
    low = _below(extractor, "dev.jsonl", FLOORS)
    assert not low, f"below the floor: {low} (floors {FLOORS})"


@needs_shared
def test_wide_dev_set_scores_stay_above_the_floors(extractor):
    low = _below(extractor, "dev-wide.jsonl", WIDE_FLOORS)
    assert not low, f"below the floor: {low} (floors {WIDE_FLOORS})"


@needs_shared
def test_public_contract_check_passes():
    out = subprocess.run([sys.executable, str(CONTRACT)], cwd=ROOT, capture_output=True,
                         text=True, timeout=900)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "9 of 9 checks pass" in out.stdout
