"""Made-up claims for the ledger tests: no parsing needed."""
from __future__ import annotations

from typing import Any, Optional

from claimx.types import Claim


def make_claim(sentence: str, q_text: str, entity: Optional[str], value: Optional[float], *,
               bound: str = "exact", low: Optional[float] = None, high: Optional[float] = None,
               speaker: Optional[str] = None, label: str = "PERSON",
               title: Optional[str] = None, time: Optional[tuple[str, str]] = None,
               hedge: Optional[str] = None, unit: Optional[str] = None) -> Claim:
    """A claim over the whole ``sentence`` with one quantity ``q_text`` inside it."""
    qs = sentence.index(q_text)
    if low is None and bound != "range":
        low = value
    if high is None and bound in ("exact", "about"):
        high = value
    d: dict[str, Any] = {
        "text": sentence, "span": [0, len(sentence)], "sentence": [0, len(sentence)],
        "speaker": None, "cue": None,
        "quantities": [{"text": q_text, "span": [qs, qs + len(q_text)], "value": value,
                        "low": low, "high": high, "bound": bound, "unit": unit,
                        "entity": entity}],
        "time": None, "hedges": []}
    if speaker:
        ss = sentence.find(speaker)
        ss = max(ss, 0)
        d["speaker"] = {"name": speaker, "text": speaker, "span": [ss, ss + len(speaker)],
                        "label": label, "title": title}
    if time:
        d["time"] = {"text": "then", "span": [0, 1], "start": time[0], "end": time[1]}
    if hedge:
        d["hedges"] = [{"text": "could not verify", "span": [0, 1], "kind": hedge,
                        "source": None}]
    return Claim.from_dict(d)


def claim_with_quantities(sentence: str,
                          quantities: list[tuple[str, Optional[str], Optional[str]]]) -> Claim:
    """An unattributed claim over ``sentence`` holding several (text, entity, unit)
    quantities, each of value 1."""
    qs = []
    for text, entity, unit in quantities:
        start = sentence.index(text)
        qs.append({"text": text, "span": [start, start + len(text)], "value": 1.0, "low": 1.0,
                   "high": 1.0, "bound": "exact", "unit": unit, "entity": entity})
    return Claim.from_dict({"text": sentence, "span": [0, len(sentence)],
                            "sentence": [0, len(sentence)], "speaker": None, "cue": None,
                            "quantities": qs, "time": None, "hedges": []})
