"""The figure key: a pure function of one claim record saying what its number measures.

Two figures share a key when they count or measure the same thing: the same normalised
entity (the head lemma, or for people the outcome that befell them: killed, injured,
infected...), the same side (a nationality or country in the entity or earlier in the
sentence), the same place (a named place after the number: "across the X region"), the same
qualifiers ("suspected", "severe") and the same unit. The key reads only the record, so the
Dask job can group by it with a plain ``groupby`` (see :mod:`claimx.ledger.dask`).

    >>> figure_key({"q_entity": "Ukrainian service members", "q_unit": None,
    ...             "q_text": "220 Ukrainian service members",
    ...             "sentence_text": "They claim to have killed 220 Ukrainian service members.",
    ...             "sentence_start": 0, "q_start": 26})
    'deaths|ukraine||'
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Optional

_WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*[A-Za-z]|[A-Za-z]")


@lru_cache(maxsize=1)
def terms() -> dict[str, Any]:
    """The word lists of ``claimx/data/ledger_terms.json``, loaded once."""
    raw = resources.files("claimx").joinpath("data/ledger_terms.json").read_text("utf-8")
    return json.loads(raw)


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    t = terms()
    outcome_of: dict[str, str] = {}
    for outcome, words in t["outcomes"].items():
        for w in words:
            outcome_of.setdefault(w.lower(), outcome)
    side_of = {w: country for country, words in t["demonyms"].items() for w in words}
    return {
        "outcome_of": outcome_of,
        "phrases": sorted((w for w in outcome_of if " " in w), key=len, reverse=True),
        "side_of": side_of,
        "sides": re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(
            side_of, key=len, reverse=True)) + r")(?![\w])"),
        "person": set(t["person_nouns"]), "time": set(t["time_units"]),
        "qualifiers": set(t["qualifiers"]), "generic": set(t["generic_modifiers"]),
        "place_stop": set(t["place_stop"]), "place_prep": set(t["place_prepositions"]),
        "place_suffix": set(t["place_suffixes"]),
    }


def lemma(word: str) -> str:
    """A crude English singular of a lower-case noun ("casualties" -> "casualty")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("sses") or word.endswith("ches") or word.endswith("shes"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def _outcome_in(text: str) -> Optional[str]:
    """The first outcome phrase or word in ``text`` (phrases before single words)."""
    low = " " + " ".join(w.lower() for w in _words(text)) + " "
    tab = _tables()
    for phrase in tab["phrases"]:
        if f" {phrase} " in low:
            return tab["outcome_of"][phrase]
    for w in low.split():
        if w in tab["outcome_of"]:
            return tab["outcome_of"][w]
    return None


def _context(record: dict[str, Any]) -> tuple[str, str]:
    """The sentence text before and after the quantity of ``record``."""
    sentence = record.get("sentence_text") or record.get("claim_text") or ""
    q_text = record.get("q_text") or ""
    offset = int(record.get("q_start") or 0) - int(record.get("sentence_start") or 0)
    if not (0 <= offset <= len(sentence)) or sentence[offset:offset + len(q_text)] != q_text:
        found = sentence.find(q_text)
        offset = found if found >= 0 else len(sentence)
    return sentence[:offset], sentence[offset + len(q_text):]


def _side(entity: str, before: str) -> str:
    tab = _tables()
    found = tab["sides"].findall(entity)
    if not found:
        found = tab["sides"].findall(before)[-1:]
    return tab["side_of"][found[0]] if found else ""


def _place(after: str) -> str:
    """A capitalised place name right after a preposition, in the clause after the number."""
    tab = _tables()
    words = _words(re.split(r"[;:,.(]", after, maxsplit=1)[0])
    for i, w in enumerate(words[:-1]):
        if w.lower() not in tab["place_prep"]:
            continue
        rest = [x for x in words[i + 1:i + 6] if x.lower() not in ("the", "whole", "entire")]
        name = []
        for x in rest:
            if not x[0].isupper() or x in tab["place_stop"] or x in tab["side_of"]:
                break
            name.append(x.lower())
        if name:
            return " ".join(name)
    return ""


def _window(text: str, n: int, last: bool) -> str:
    words = _words(text)
    return " ".join(words[-n:] if last else words[:n])


def _measure(entity_words: list[str], before: str, after: str) -> tuple[str, list[str]]:
    """The measure (head lemma or outcome) and its kept modifiers."""
    tab = _tables()
    lower = [w.lower() for w in entity_words]
    head = lemma(lower[-1])
    mods = [lemma(w) for w in lower[:-1]
            if w not in tab["generic"] and w not in tab["side_of"]
            and entity_words[lower.index(w)] not in tab["side_of"]]
    outcome = _outcome_in(" ".join(lower))
    if head in tab["person"] or lower[-1] in tab["person"] or outcome:
        outcome = outcome or _outcome_in(_window(after, 6, last=False)) \
            or _outcome_in(_window(before, 3, last=True))
        quals = [m for m in mods if m in tab["qualifiers"]]
        return (outcome or "people"), quals
    return head, mods


def figure_key(record: dict[str, Any]) -> Optional[str]:
    """``measure|side|place|modifiers|unit`` for a claim record; None when nothing is counted.

    A figure with no entity, or whose entity is a span of time ("six months"), has no key.
    """
    entity = record.get("q_entity")
    words = _words(entity or "")
    if not words:
        return None
    if lemma(words[-1].lower()) in _tables()["time"]:
        return None
    before, after = _context(record)
    measure, mods = _measure(words, before, after)
    side = _side(entity or "", before)
    place = _place(after)
    unit = record.get("q_unit") or ""
    return "|".join((measure, side, place, ",".join(sorted(set(mods))), unit))


def describe_key(key: str) -> str:
    """A readable label of a key: "deaths (russia)", "maximum sustained wind [mile per hour]"."""
    measure, side, place, mods, unit = (key.split("|") + [""] * 5)[:5]
    words = [m for m in mods.split(",") if m] + [measure]
    extra = ", ".join(x for x in (side, place) if x)
    label = " ".join(words) + (f" ({extra})" if extra else "")
    return label + (f" [{unit}]" if unit else "")
