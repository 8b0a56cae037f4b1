"""Matching hedge cue rows on the parse and turning matches into :class:`HedgeCue`."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional, Union

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..docinfo import info
from ..lexicon import load_rows, load_table
from .anaphora import Anaphora, source_of
from .classes import expand
from .frames import frame_holds
from .gate import GatedMatcher
from .scope import clause_of, cue_head, cue_scope, is_sentence_adverb
from .single import SingleWordRules, single_word_test


@dataclass
class HedgeCue:
    """One hedge cue found in the text."""

    start: int  # token indices
    end: int
    kind: str
    rule: str
    source: Optional[str] = None
    makes_claim: bool = False
    anaphoric: bool = False
    both_sides: bool = False
    casualty: bool = False
    referents: Optional[int] = None  # earlier claims an anaphoric cue names (None: a run)
    head: int = 0
    scope: tuple[int, int] = (0, 0)  # char span the cue governs
    extra: dict[str, Any] = field(default_factory=dict)


def _frame(row: dict[str, Any]) -> dict[str, Any]:
    """A row's frame (a top-level ``not_with_deps``, as older rule files have it, too)."""
    frame = dict(row.get("frame") or {})
    if "not_with_deps" in row:
        frame.setdefault("not_with_deps", row["not_with_deps"])
    return frame


def _clause_after(span: Span, head: Token) -> int:
    """The clause right after the cue ("it was intimated (that) X": X), else the head."""
    doc = span.doc
    i = span.end
    while i < len(doc) and (doc[i].dep_ == "mark" or doc[i].is_punct):
        i += 1
    if i >= len(doc) or info(doc).sent_of(i).start != info(doc).sent_of(span.start).start:
        return head.i
    return clause_of(doc[i]).i


class HedgeFinder:
    """Matches hedge cues on the parse (lemmas, frames, scope) from a JSONL rule file."""

    def __init__(self, vocab, cues_path: Union[str, Path, None] = None) -> None:
        self.rules: dict[str, dict] = {}
        self.frames: dict[str, dict] = {}
        self.matcher = GatedMatcher(vocab)
        self.single = SingleWordRules(vocab)
        for i, row in enumerate(load_rows("hedge_cues.jsonl", cues_path)):
            key = f"claimx_hedge_{i}"
            row = expand(row)
            self.rules[key] = row
            self.frames[key] = _frame(row)
            single = single_word_test(row["pattern"])
            if single is not None:
                self.single.add(key, *single)
            else:
                self.matcher.add(key, row["pattern"])
        self.anaphora = Anaphora(load_table("hedge_anaphora.json"))
        self.window = self.anaphora.window

    def find(self, doc: Doc) -> list[HedgeCue]:
        """Every hedge cue in ``doc`` whose frame holds, longest first, no overlaps."""
        held = []
        for key, start, end in [*self.single(doc), *self.matcher(doc)]:
            span = Span(doc, start, end, label=key)
            if frame_holds(self.frames[key], span, cue_head(span)):
                held.append(span)
        cues = []
        for span in filter_spans(held):
            row = self.rules[span.label_]
            cue = self._cue(doc, span, row)
            if cue is None:
                continue
            cues.append(cue)
            if row.get("also_kind"):
                # "had initially hypothesized": a belief the text goes on to correct
                cues.append(replace(cue, kind=row["also_kind"], extra={}))
        return cues

    def _cue(self, doc: Doc, span: Span, row: dict[str, Any]) -> Optional[HedgeCue]:
        head = cue_head(span)
        cue = HedgeCue(span.start, span.end, row["kind"], row.get("id", span.label_),
                       makes_claim=bool(row.get("makes_claim")), head=head.i)
        cue.source = source_of(doc, head, row.get("source"))
        if row.get("claim_at") == "after":
            cue.head = _clause_after(span, head)
        if row.get("anaphora", True):  # the "it" of "it was said" is no back-reference
            self.anaphora.mark(cue, head)
        if (row.get("frame") or {}).get("anaphoric") and not cue.anaphoric:
            return None
        mode = "sentence" if is_sentence_adverb(span) else row.get("scope", "clause")
        direction = row.get("direction", "bidirectional")
        if cue.head != head.i:  # the cue governs the clause after it
            head, direction = doc[cue.head], "forward"
        cue.scope = cue_scope(span, head, mode, direction)
        return cue
