"""Per-document facts that spaCy recomputes on every access (``doc.text``, ``token.sent``).

``Doc.text`` joins every token and ``Token.sent`` walks the sentence boundaries each time it
is read, so calling them per token makes long documents quadratic. ``info(doc)`` computes
both once and keeps them for the document being processed (one per thread).
"""
from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Generic, NamedTuple, Optional, TypeVar

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


class Sent(NamedTuple):
    """A sentence's token range and character range."""

    start: int
    end: int
    start_char: int
    end_char: int


_DIGITS = re.compile(r"\d+")

#: depths are counted up to this many steps
MAX_DEPTH = 100


T = TypeVar("T")


class Children:
    """Every token's children, in text order: ``children[i]`` is a list. The tokens are
    sorted once by their head (stable, so each group keeps text order), and a token's
    children are its group, read out when asked."""

    __slots__ = ("_order", "_starts")

    def __init__(self, heads: np.ndarray) -> None:
        order = np.argsort(heads, kind="stable")
        self._order: list[int] = order.tolist()
        self._starts: list[int] = np.searchsorted(
            heads[order], np.arange(len(heads) + 1)).tolist()

    def __getitem__(self, i: int) -> list[int]:
        group = self._order[self._starts[i]:self._starts[i + 1]]
        return [k for k in group if k != i] if i in group else group

    def __len__(self) -> int:
        return len(self._order)


class Column(Generic[T]):
    """One fact per token, read from spaCy on first use and kept (``column[i]``)."""

    __slots__ = ("_read", "_memo")

    def __init__(self, read: Callable[[int], T]) -> None:
        self._read = read
        self._memo: dict[int, T] = {}

    def __getitem__(self, i: int) -> T:
        memo = self._memo
        if i not in memo:
            memo[i] = self._read(i)
        return memo[i]


class Tree:
    """The parse, token by token: each fact is read only for the tokens asked about (the
    clause rules look at a few tokens around each number, not at the whole doc)."""

    def __init__(self, doc: Doc, heads: list[int], kids: Children) -> None:
        self.head = heads
        self.children = kids  # each token's children, in text order
        self.left: Column[int] = Column(lambda i: doc[i].left_edge.i)  # subtree's first token
        self.right: Column[int] = Column(lambda i: doc[i].right_edge.i)  # and last token
        self.dep: Column[str] = Column(lambda i: doc[i].dep_)
        self.pos: Column[str] = Column(lambda i: doc[i].pos_)
        self.tag: Column[str] = Column(lambda i: doc[i].tag_)
        # has an nsubj or nsubjpass child; has one of those or a mark child
        self.subject: Column[bool] = Column(lambda i: self._has_child(i, _SUBJECTS))
        self.subject_or_mark: Column[bool] = Column(
            lambda i: self._has_child(i, _SUBJECTS_OR_MARK))

    def _has_child(self, i: int, labels: frozenset[str]) -> bool:
        return any(self.dep[k] in labels for k in self.children[i])


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_SUBJECTS_OR_MARK = _SUBJECTS | {"mark"}


class DocInfo:
    """The text, sentence table, entities and token texts of one Doc, each built once."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.n_tokens = len(doc)
        self._sents: Optional[list[Sent]] = None
        self._starts: list[int] = []
        self._entities: Optional[list[Optional[Span]]] = None

    @cached_property
    def text(self) -> str:
        """``doc.text``, joined from the token columns (no Token objects built)."""
        words, _, spaced = self._word_columns
        return "".join([w + " " if space else w for w, space in zip(words, spaced)])

    @cached_property
    def _word_columns(self) -> tuple[list[str], list[str], list[bool]]:
        """Token texts, lower-cased texts and trailing-space flags, read in one pass."""
        from spacy.attrs import LOWER, ORTH, SPACY

        if not self.n_tokens:
            return [], [], []
        strings = self.doc.vocab.strings
        # column by column: one list per attribute, not one small list per token
        orths, lows, spaces = self.doc.to_array([ORTH, LOWER, SPACY]).T.tolist()
        return ([strings[orth] for orth in orths], [strings[low] for low in lows],
                [bool(space) for space in spaces])

    @cached_property
    def digit_tokens(self) -> list[int]:
        """The tokens holding a digit (``\\d``), in order: one search of the text, no loop
        over the tokens."""
        from spacy.attrs import IDX

        if not self.n_tokens:
            return []
        starts = self.doc.to_array(IDX).tolist()
        found: set[int] = set()
        for run in _DIGITS.finditer(self.text):
            first = bisect_right(starts, run.start()) - 1
            found.update(range(first, bisect_right(starts, run.end() - 1, lo=first)))
        return sorted(found)

    @cached_property
    def heads(self) -> list[int]:
        """Every token's head index (the root is its own head)."""
        heads: list[int] = self._head_array.tolist()
        return heads

    @cached_property
    def _head_array(self) -> np.ndarray:
        from spacy.attrs import HEAD

        if not self.n_tokens:
            return np.zeros(0, dtype=np.int64)
        offsets = self.doc.to_array(HEAD).astype(np.int64).reshape(-1)
        return np.arange(self.n_tokens, dtype=np.int64) + offsets

    @cached_property
    def kids(self) -> Children:
        """Every token's children, in text order (``kids[i]``)."""
        return Children(self._head_array)

    def depth_of(self, i: int) -> int:
        """Token ``i``'s number of steps up to its root, counted up to ``MAX_DEPTH``."""
        head = self.heads
        steps = 0
        while head[i] != i and steps < MAX_DEPTH:
            i = head[i]
            steps += 1
        return steps

    @cached_property
    def tree(self) -> Tree:
        """The dependency tree, read token by token as asked (see `Tree`)."""
        return Tree(self.doc, self.heads, self.kids)

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
    def surnames(self) -> frozenset[str]:
        """The last words of the people the NER names: a capitalised word the tagger took for
        a common noun at the start of a sentence ("Lind said") is one of them."""
        return frozenset(self.words[ent.end - 1] for ent in self.ents
                         if ent.label_ == "PERSON" and ent.end - ent.start > 1)

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
            entities: list[Optional[Span]] = [None] * self.n_tokens
            for ent in self.ents:
                for k in range(ent.start, ent.end):
                    entities[k] = ent
            self._entities = entities
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


#: a token with more children than twice this (a run-on text hung on one verb) has only
#: those at most this many tokens away read: rules look at a bounded window
CHILD_WINDOW = 100


def children(token: Token, window: int = CHILD_WINDOW) -> list[Token]:
    """``token.children`` from the tree read once per doc (spaCy's ``children`` scans the
    token's whole subtree range: the whole text on a run-on chain of clauses); a token
    with more than ``2 * window`` children gives those at most ``window`` tokens away."""
    doc = token.doc
    kids = info(doc).kids[token.i]
    if len(kids) > 2 * window:
        kids = kids[bisect_left(kids, token.i - window):bisect_right(kids, token.i + window)]
    return [doc[k] for k in kids]


#: tokens on either side of a token that its subtree is read to (a subtree can be a whole
#: run-on text, and reading it per token would be quadratic)
SUBTREE_WINDOW = 200


def subtree(token: Token, window: int = SUBTREE_WINDOW) -> list[Token]:
    """``token.subtree`` read as its token range (spaCy's recursive generator costs the
    depth of the tree per token), cut to ``window`` tokens on either side."""
    lo = max(token.left_edge.i, token.i - window)
    hi = min(token.right_edge.i, token.i + window)
    return list(token.doc[lo:hi + 1])
