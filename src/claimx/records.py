"""The model's working records: what one pipeline stage hands to the next.

These are not part of the public claim JSON, but they are plain frozen attrs classes like
the public types, with ``to_dict()``/``from_dict()``, and what a stage stores on a Doc is
their ``to_dict()``. Like `claimx.types`, this module imports nothing else from claimx
but the types.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import attrs

from .types import (
    HEDGE_KINDS,
    Cue,
    Hedge,
    Record,
    Speaker,
    one_of,
    optional,
    optional_date,
    span_pair,
)


def _optional_span(value: Any) -> Optional[tuple[int, int]]:
    return None if value is None else span_pair(value)


def _speaker(value: Any) -> Optional[Speaker]:
    return optional(Speaker)(value)


def _cue(value: Any) -> Cue:
    return value if isinstance(value, Cue) else Cue.from_dict(value)


@attrs.frozen(slots=True)
class TextContext(Record):
    """Facts about a whole text that every chunk of it shares.

    Attributes:
        reference_date: The date relative times resolve against (given by the caller, else
            found in the text), or None.
        header: The character span of a date header or dateline at the top, or None.
        body_start: Where claims may start (after the header, headline and dateline block).
        given: Whether the caller gave the reference date.
    """

    reference_date: Optional[dt.date] = attrs.field(default=None, converter=optional_date)
    header: Optional[tuple[int, int]] = attrs.field(default=None, converter=_optional_span)
    body_start: int = attrs.field(default=0, converter=int)
    given: bool = False

    def for_chunk(self, offset: int, length: int) -> TextContext:
        """The context as seen from a chunk of the text that starts at ``offset``."""
        header = None
        if self.header is not None and self.header[1] - offset > 0 \
                and self.header[0] - offset < length:
            header = (max(0, self.header[0] - offset), min(length, self.header[1] - offset))
        return attrs.evolve(self, header=header, body_start=max(0, self.body_start - offset))


@attrs.frozen(slots=True)
class Attribution(Record):
    """One attributed statement: its cue, what it reports, and who says it.

    Attributes:
        span: The claim's character span: cue, content and an adjacent speaker.
        content: The character span of what is reported.
        head: The token index of the content's head.
        cue: The cue.
        cue_head: The token index of the cue's root, or None.
        speaker: Who says it, or None.
    """

    span: tuple[int, int] = attrs.field(converter=span_pair)
    content: tuple[int, int] = attrs.field(converter=span_pair)
    head: int
    cue: Cue = attrs.field(converter=_cue)
    cue_head: Optional[int] = None
    speaker: Optional[Speaker] = attrs.field(default=None, converter=_speaker)


@attrs.frozen(slots=True)
class HedgeCue(Record):
    """A hedge as found (the public `Hedge` fields), with what the
    claims stage needs to attach it.

    Attributes:
        text: The cue as written.
        span: ``(start, end)`` character offsets of ``text``.
        kind: ``unverified``, ``disputed``, ``uncertain`` or ``estimate``.
        source: Who hedges, or None.
        rule: The id of the rule that found the cue.
        head: The cue's token index.
        scope: The character span of the clause the cue governs.
        makes_claim: A narration cue ("reportedly") that opens a claim.
        anaphoric: A cue ("these claims") that covers earlier claims.
        both_sides: An anaphoric cue narrowed to both sides' figures.
        casualty: An anaphoric cue narrowed to casualty figures.
        referents: How many earlier claims an anaphoric cue names (1 for "this", 2 for
            "neither figure", None for a whole run).
        window: How many sentences back an anaphoric cue reaches.
    """

    text: str
    span: tuple[int, int] = attrs.field(converter=span_pair)
    kind: str = attrs.field(default="uncertain", validator=one_of(HEDGE_KINDS))
    source: Optional[str] = None
    rule: str = ""
    head: int = 0
    scope: tuple[int, int] = attrs.field(default=(0, 0), converter=span_pair)
    makes_claim: bool = False
    anaphoric: bool = False
    both_sides: bool = False
    casualty: bool = False
    referents: Optional[int] = None
    window: int = 12

    @property
    def hedge(self) -> Hedge:
        """The public hedge."""
        return Hedge(text=self.text, span=self.span, kind=self.kind, source=self.source)


