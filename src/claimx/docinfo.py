"""Per-document facts that spaCy recomputes on every access (``doc.text``, ``token.sent``).

``Doc.text`` joins every token and ``Token.sent`` walks the sentence boundaries each time it
is read, so calling them per token makes long documents quadratic. ``info(doc)`` computes
both once and keeps them for the document being processed (one per thread).
"""
from __future__ import annotations

import threading
from bisect import bisect_right
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple, Optional

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


class Sent(NamedTuple):
    """A sentence's token range and character range."""

    start: int
    end: int
    start_char: int
    end_char: int


class Tree(NamedTuple):
    """The parse as plain lists, one entry per token (read once, not per question)."""

    head: list[int]
    left: list[int]  # first token index of the subtree
    right: list[int]  # last token index of the subtree
    dep: list[str]
    pos: list[str]
    tag: list[str]
    subject: list[bool]  # has an nsubj or nsubjpass child
    subject_or_mark: list[bool]  # has an nsubj, nsubjpass or mark child


class DocInfo:
    """The text, sentence table, entities and token texts of one Doc, each built once."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.n_tokens = len(doc)
        self.text = doc.text
        self._sents: Optional[list[Sent]] = None
        self._starts: list[int] = []
        self._entities: Optional[list] = None

    @cached_property
    def _word_columns(self) -> tuple[list[str], list[str], list[bool]]:
        """Token texts, lower-cased texts and trailing-space flags, read in one pass."""
        from spacy.attrs import LOWER, ORTH, SPACY

        strings = self.doc.vocab.strings
        rows = self.doc.to_array([ORTH, LOWER, SPACY]).tolist() if self.n_tokens else []
        return ([strings[orth] for orth, _, _ in rows], [strings[low] for _, low, _ in rows],
                [bool(space) for _, _, space in rows])

    @cached_property
    def tree(self) -> Tree:
        """The dependency tree as lists: heads, subtree edges, labels, subject flags."""
        from spacy.attrs import DEP, HEAD, POS, TAG

        doc, n = self.doc, self.n_tokens
        strings = doc.vocab.strings
        offsets = doc.to_array([HEAD]).astype("int64").tolist() if n else []
        head = [i + offset for i, offset in enumerate(offsets)]
        rows = doc.to_array([DEP, POS, TAG]).tolist() if n else []
        dep = [strings[row[0]] for row in rows]
        subject, subject_or_mark = [False] * n, [False] * n
        for i, label in enumerate(dep):
            if label in ("nsubj", "nsubjpass") and head[i] != i:
                subject[head[i]] = subject_or_mark[head[i]] = True
            elif label == "mark" and head[i] != i:
                subject_or_mark[head[i]] = True
        edges = [(t.left_edge.i, t.right_edge.i) for t in doc]
        return Tree(head, [e[0] for e in edges], [e[1] for e in edges], dep,
                    [strings[row[1]] for row in rows], [strings[row[2]] for row in rows],
                    subject, subject_or_mark)

    @property
    def words(self) -> list[str]:
        """Every token's text (``token.text``)."""
        return self._word_columns[0]

    @property
    def lowers(self) -> list[str]:
        """Every token's ``lower_``."""
        return self._word_columns[1]

    @property
    def spaced(self) -> list[bool]:
        """Whether each token is followed by whitespace (``token.whitespace_``)."""
        return self._word_columns[2]

    @property
    def sents(self) -> list[Sent]:
        """The sentences (computed on first use: the parser may not have run yet)."""
        if self._sents is None:
            self._sents = [Sent(s.start, s.end, s.start_char, s.end_char)
                           for s in self.doc.sents] if self.n_tokens else []
            self._starts = [s.start for s in self._sents]
        return self._sents

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        """``doc.ents``, built once (spaCy builds new Span objects on every access)."""
        return tuple(self.doc.ents)

    @cached_property
    def _ent_starts(self) -> list[int]:
        return [ent.start for ent in self.ents]

    def ents_within(self, start: int, end: int) -> list[Span]:
        """The entities lying wholly inside tokens ``[start, end)`` (as ``Span.ents``)."""
        ents = self.ents
        k = bisect_right(self._ent_starts, start - 1)
        out = []
        while k < len(ents) and ents[k].start < end:
            if ents[k].end <= end:
                out.append(ents[k])
            k += 1
        return out

    def entity_at(self, i: int) -> Optional[Span]:
        """The named entity holding token ``i``, or None."""
        if self._entities is None:
            self._entities = [None] * self.n_tokens
            for ent in self.ents:
                for k in range(ent.start, ent.end):
                    self._entities[k] = ent
        return self._entities[i]

    def sent_of(self, i: int) -> Sent:
        """The sentence holding token ``i``."""
        sents = self.sents
        k = bisect_right(self._starts, i) - 1
        return sents[max(k, 0)]

    def previous(self, sent: Sent) -> Sent:
        """The sentence before ``sent`` (itself when it is the first)."""
        return self.sent_of(sent.start - 1) if sent.start > 0 else sent


_local = threading.local()


def info(doc: Doc) -> DocInfo:
    """The DocInfo of ``doc``, computed once while ``doc`` is the one being processed."""
    cached = getattr(_local, "info", None)
    if cached is None or cached.doc is not doc or cached.n_tokens != len(doc):
        cached = DocInfo(doc)
        _local.info = cached
    return cached


def sent_of(token: Token) -> Sent:
    """The sentence of ``token`` (a fast ``token.sent``)."""
    return info(token.doc).sent_of(token.i)
