"""One-word hedge rows ("reportedly", "denied", "alleged") found by set lookup, not the Matcher.

A row whose pattern is one token with one word test (``LOWER`` or ``LEMMA``) and at most
``POS``/``TAG`` tests is indexed by its words; a doc's words are looked up once (one array
test for all such rows), and only the hits are checked further.
"""
from __future__ import annotations

from typing import Any, Optional

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..matching import member_mask

_COLUMNS = {"LOWER": LOWER, "LEMMA": LEMMA}
_OTHER = {"POS", "TAG"}


def _accepts(value: Any) -> Optional[list[str]]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
        return list(value["IN"])
    return None


def single_word_test(pattern: list[dict[str, Any]],
                     ) -> Optional[tuple[str, list[str], dict[str, Any]]]:
    """(attribute, words, other tests) when ``pattern`` is one token with one word test."""
    if len(pattern) != 1 or not isinstance(pattern[0], dict):
        return None
    token = {k.upper(): v for k, v in pattern[0].items()}
    words = [k for k in token if k in _COLUMNS]
    if len(words) != 1 or set(token) - _OTHER - {words[0]}:
        return None
    accepted = _accepts(token[words[0]])
    others = {k: _accepts(v) for k, v in token.items() if k in _OTHER}
    if accepted is None or any(v is None for v in others.values()):
        return None
    return words[0], accepted, others


class SingleWordRules:
    """The one-word rows, looked up by word."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        # (attribute, word hash) -> [(rule key, other tests)]
        self.index: dict[tuple[str, int], list[tuple[str, dict[str, Any]]]] = {}
        self.hashes: dict[str, set[int]] = {"LOWER": set(), "LEMMA": set()}
        self._arrays: dict[str, np.ndarray] = {}

    def add(self, key: str, attr: str, words: list[str], others: dict[str, Any]) -> None:
        for word in words:
            h = self.vocab.strings.add(word)
            self.index.setdefault((attr, h), []).append((key, others))
            self.hashes[attr].add(h)
        self._arrays = {a: np.array(sorted(hs), dtype=np.uint64)
                        for a, hs in self.hashes.items()}

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(key, start, end) of every one-word match, in text order."""
        if not self.index or not len(doc):
            return []
        attrs = [a for a in ("LOWER", "LEMMA") if self.hashes[a]]
        table = doc.to_array([_COLUMNS[a] for a in attrs])
        table = table.reshape(len(doc), len(attrs))
        hits = np.zeros(len(doc), dtype=bool)
        for k, a in enumerate(attrs):
            hits |= member_mask(table[:, k], self._arrays[a])
        out = []
        for i in np.flatnonzero(hits).tolist():
            token = doc[i]
            for k, a in enumerate(attrs):
                for key, others in self.index.get((a, int(table[i, k])), ()):
                    if _others_hold(token, others):
                        out.append((key, i, i + 1))
        return out


def _others_hold(token: Token, others: dict[str, list[str]]) -> bool:
    return ("POS" not in others or token.pos_ in others["POS"]) and (
        "TAG" not in others or token.tag_ in others["TAG"])
