"""Multi-word hedge rules, each run only on the sentences holding its anchor word.

Each rule names, through its required tokens, the words it cannot match without; its
anchor is the test of fewest words among those holding no stop word. One array test over
the doc finds the tokens that are some rule's anchor, and each rule's own ``Matcher`` runs
only on the sentences holding its anchor (a match never crosses a sentence boundary), so
a sentence with "could" is not searched for "according to reports". Rules without a word
test run on every sentence.
"""
from __future__ import annotations

from typing import Any, Optional

import numpy as np
from spacy.attrs import LEMMA, LOWER, NORM, ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..docinfo import info
from ..matching import member_mask, word_tests

_COLUMNS = (ORTH, LOWER, NORM, LEMMA)


class GatedMatcher:
    """One ``Matcher`` per rule, each run only where its anchor word occurs."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.rules: list[tuple[str, Matcher]] = []
        # (column index, word hash) -> indices of the rules anchored on that word
        self.anchored: dict[tuple[int, int], list[int]] = {}
        self.everywhere: list[int] = []
        self._arrays: Optional[list[tuple[int, np.ndarray]]] = None

    def add(self, key: str, pattern: list[dict[str, Any]]) -> None:
        """Add one rule (a Matcher token pattern) under ``key``."""
        matcher = Matcher(self.vocab)
        matcher.add(key, [pattern])
        self.rules.append((key, matcher))
        tests = word_tests(pattern)
        if not tests:
            self.everywhere.append(len(self.rules) - 1)
            return
        column, words = min(tests, key=lambda t: (self._common(t[1]), len(t[1])))
        for w in words:
            h = self.vocab.strings.add(w)
            self.anchored.setdefault((_COLUMNS.index(column), h), []).append(
                len(self.rules) - 1)
        self._arrays = None

    def _common(self, words: frozenset[str]) -> bool:
        """Does the test accept a stop word ("to", "that", "it")? Then it anchors badly."""
        return any(self.vocab[w].is_stop for w in words)

    def _anchor_arrays(self) -> list[tuple[int, np.ndarray]]:
        if self._arrays is None:
            by_column: dict[int, list[int]] = {}
            for column, h in self.anchored:
                by_column.setdefault(column, []).append(h)
            self._arrays = [(c, np.array(sorted(hs), dtype=np.uint64))
                            for c, hs in by_column.items()]
        return self._arrays

    def jobs(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(rule index, sentence start, sentence end) for each rule and sentence to search."""
        table_info = info(doc)
        sents = table_info.sents
        jobs = {(r, s.start, s.end) for r in self.everywhere for s in sents}
        if not sents or not self.anchored:
            return sorted(jobs)
        table = doc.to_array(list(_COLUMNS))
        for column, hashes in self._anchor_arrays():
            for i in np.flatnonzero(member_mask(table[:, column], hashes)).tolist():
                sent = table_info.sent_of(i)
                for r in self.anchored.get((column, int(table[i, column])), ()):
                    jobs.add((r, sent.start, sent.end))
        return sorted(jobs, key=lambda j: (j[1], j[0]))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(key, start, end) of every match."""
        out = []
        for r, start, end in self.jobs(doc):
            key, matcher = self.rules[r]
            for _, a, b in matcher(doc[start:end]):
                out.append((key, a + start, b + start))
        return out
