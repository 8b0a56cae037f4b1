"""Matching hedge cue rows on the parse and turning matches into `HedgeCue`."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Optional, Union

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .. import records
from ..docinfo import info
from ..rules import Overlay, extend, load_rows, load_table, read_user_file
from .anaphora import Anaphora, source_of
from .classes import load_classes
from .cue import HedgeCue
from .frames import frame_holds
from .gate import GatedMatcher
from .scope import clause_of, cue_head, cue_scope, is_sentence_adverb
from .single import SingleWordRules, single_word_test


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

    def __init__(self, vocab: Vocab, cues_path: Union[str, Path, None] = None,
                 overlays: Optional[Mapping[str, Overlay]] = None) -> None:
        overlays = overlays or {}
        self.classes = load_classes(overlays.get("hedge_classes.json"))
        rows = load_rows("hedge_cues.jsonl", overlays.get("hedge_cues.jsonl"))
        if cues_path:
            rows = extend(rows, read_user_file(cues_path), str(cues_path))
        self.rules: dict[str, dict[str, Any]] = {}
        self.frames: dict[str, dict[str, Any]] = {}
        self.matcher = GatedMatcher(vocab)
        self.single = SingleWordRules(vocab)
        for i, raw in enumerate(rows):
            key = f"claimx_hedge_{i}"
            row = self.classes.expand(raw)
            self.rules[key] = row
            self.frames[key] = _frame(row)
            single = single_word_test(row["pattern"])
            if single is not None:
                self.single.add(key, *single)
            else:
                self.matcher.add(key, row["pattern"])
        self.anaphora = Anaphora(load_table("hedge_anaphora.json",
                                            overlays.get("hedge_anaphora.json")))
        self.window = self.anaphora.window

    def find(self, doc: Doc) -> list[HedgeCue]:
        """Every hedge cue in ``doc`` whose frame holds, longest first, no overlaps."""
        held = []
        for key, start, end in [*self.single(doc), *self.matcher(doc)]:
            span = Span(doc, start, end, label=key)
            if frame_holds(self.frames[key], span, cue_head(span), self.classes):
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
        cue.source = source_of(doc, head, row.get("source"), self.classes.frame_words("articles"))
        if row.get("claim_at") == "after":
            cue.head = _clause_after(span, head)
        if row.get("anaphora", True):  # the "it" of "it was said" is no back-reference
            self.anaphora.mark(cue, head)
        if (row.get("frame") or {}).get("anaphoric") and not cue.anaphoric:
            return None
        mode = "sentence" if is_sentence_adverb(span, self.classes) else row.get("scope", "clause")
        direction = row.get("direction", "bidirectional")
        if cue.head != head.i:  # the cue governs the clause after it
            head, direction = doc[cue.head], "forward"
        cue.scope = cue_scope(span, head, mode, direction, self.classes)
        return cue


def find_hedge_cues(finder: HedgeFinder, doc: Doc) -> list[records.HedgeCue]:
    """Every hedge cue in ``doc`` as the model's record, with what attaching it needs."""
    out = []
    for cue in finder.find(doc):
        span = doc[cue.start:cue.end]
        out.append(records.HedgeCue(
            text=span.text, span=(span.start_char, span.end_char), kind=cue.kind,
            source=cue.source, rule=cue.rule, head=cue.head, scope=cue.scope,
            makes_claim=cue.makes_claim, anaphoric=cue.anaphoric, both_sides=cue.both_sides,
            casualty=cue.casualty, referents=cue.referents, window=finder.window))
    return out
