"""Running rule-file patterns through spaCy's ``Matcher`` only where they can match.

spaCy's Matcher tries every pattern at every token, and a set test such as
``{"LOWER": {"IN": [...]}}`` calls back into Python each time. Most sentences of a news
article hold none of the words a rule needs, so `RuleMatcher` first finds, with one
array test per word set, the sentences that hold at least one word for every required
token of some rule, and runs the Matcher on those sentences only.

Matches are the Matcher's own, with one difference: a match never crosses a sentence
boundary. Rules whose tokens test no word (only POS, say) are tried on every sentence.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Optional

import numpy as np
from spacy.attrs import LEMMA, LOWER, NORM, ORTH
from spacy.matcher import Matcher

from .docinfo import info

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

#: token attributes whose word tests can pre-select sentences, and their array columns
_WORD_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "NORM": NORM, "LEMMA": LEMMA}
_COLUMNS = (ORTH, LOWER, NORM, LEMMA)


def _words_of(value: Any) -> list[str] | None:
    """The words a token test accepts (``"x"`` or ``{"IN": [...]}``), or None."""
    if isinstance(value, str):
        return [value]
    if (isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list)
            and all(isinstance(v, str) for v in value["IN"])):
        return list(value["IN"])
    return None


def word_tests(pattern: Sequence[dict[str, Any]]) -> list[tuple[int, frozenset[str]]]:
    """(attribute ID, accepted words) for each word test of a required token of
    ``pattern``: a sentence lacking every word of any one test cannot hold a match."""
    tests = []
    for token in pattern:
        if not isinstance(token, dict) or token.get("OP", "+") != "+":
            continue  # optional, negated or counted tokens prove nothing
        for attr, value in token.items():
            column = _WORD_ATTRS.get(attr.upper())
            words = _words_of(value) if column is not None else None
            if words and column is not None:
                tests.append((column, frozenset(words)))
    return tests


def member_mask(column: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """``np.isin(column, hashes)`` for a sorted ``hashes``, by binary search
    (a few microseconds whatever the number of words, where ``isin`` sorts both)."""
    if not len(hashes):
        return np.zeros(len(column), dtype=bool)
    at = np.searchsorted(hashes, column)
    at[at == len(hashes)] = 0
    return np.asarray(hashes[at] == column)


class RuleMatcher:
    """A spaCy ``Matcher`` run only on the sentences where a rule can match."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        # the distinct word tests of all rules: (array column, sorted word hashes)
        self._tests: list[tuple[int, np.ndarray]] = []
        self._test_ids: dict[tuple[int, frozenset[str]], int] = {}
        # per rule: indices into self._tests; an empty list means every sentence
        self._rules: list[list[int]] = []

    def add(self, key: str, pattern: list[dict[str, Any]]) -> None:
        """Add one rule (a Matcher token pattern) under ``key``."""
        self.matcher.add(key, [pattern])
        ids = []
        for column, words in word_tests(pattern):
            if (column, words) not in self._test_ids:
                hashes = sorted(self.vocab.strings.add(w) for w in words)
                self._test_ids[(column, words)] = len(self._tests)
                self._tests.append((_COLUMNS.index(column), np.array(hashes, dtype=np.uint64)))
            ids.append(self._test_ids[(column, words)])
        self._rules.append(ids)

    def candidate_sentences(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of the sentences where some rule may match, in text order."""
        sents = info(doc).sents
        if not sents or not self._rules:
            return []
        if any(not ids for ids in self._rules):
            return [(s.start, s.end) for s in sents]
        table = doc.to_array(list(_COLUMNS))
        starts = np.fromiter((s.start for s in sents), dtype=np.intp, count=len(sents))
        present: dict[int, set[int]] = {}  # per test: the sentences holding one of its words
        wanted: set[int] = set()
        for ids in self._rules:
            ok: Optional[set[int]] = None
            for t in ids:
                if t not in present:
                    column, hashes = self._tests[t]
                    where = np.flatnonzero(member_mask(table[:, column], hashes))
                    present[t] = set((np.searchsorted(starts, where, "right") - 1).tolist())
                ok = present[t] if ok is None else ok & present[t]
                if not ok:
                    break
            wanted |= ok or set()
        return [(sents[k].start, sents[k].end) for k in sorted(wanted)]

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(key, start, end) of every match, in the Matcher's order, sentence by sentence."""
        out = []
        strings = self.vocab.strings
        for start, end in self.candidate_sentences(doc):
            for match_id, a, b in self.matcher(doc[start:end]):
                out.append((strings[match_id], a + start, b + start))
        return out
