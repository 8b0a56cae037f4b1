"""The model's working records: what one pipeline stage hands to the next.

These are not part of the public claim JSON, but they are plain frozen attrs classes like
the public types, with ``to_dict()``/``from_dict()``, and what a stage stores on a Doc is
their ``to_dict()``. Like :mod:`claimx.types`, this module imports nothing else from claimx
but the types.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import attrs

from .types import HEDGE_KINDS, Cue, Hedge, Speaker, iso_date, one_of, optional_date, span_pair


def _optional_span(value: Any) -> Optional[tuple[int, int]]:
    return None if value is None else span_pair(value)


def _optional_speaker(value: Any) -> Optional[Speaker]:
    if value is None or isinstance(value, Speaker):
        return value
    return Speaker.from_dict(value)


def _cue(value: Any) -> Cue:
    return value if isinstance(value, Cue) else Cue.from_dict(value)


@attrs.frozen(slots=True)
class TextContext:
    """Facts about a whole text that every chunk of it shares.

    ``reference_date`` is the date relative times resolve against (given by the caller,
    else found in the text); ``header`` the character span of a date header or dateline at
    the top; ``body_start`` where claims may start (after the header, headline and
    dateline block); ``given`` whether the caller gave the reference date.
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

    def to_dict(self) -> dict[str, Any]:
        return {"reference_date": iso_date(self.reference_date),
                "header": None if self.header is None else list(self.header),
                "body_start": self.body_start, "given": self.given}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TextContext:
        return cls(reference_date=d.get("reference_date"), header=d.get("header"),
                   body_start=d.get("body_start", 0), given=bool(d.get("given", False)))


@attrs.frozen(slots=True)
class Attribution:
    """One attributed statement: its cue, what it reports, and who says it.

    ``span`` is the claim (cue, content and an adjacent speaker), ``content`` what is
    reported (both character spans); ``head`` is the token index of the content's head,
    ``cue_head`` that of the cue's root.
    """

    span: tuple[int, int] = attrs.field(converter=span_pair)
    content: tuple[int, int] = attrs.field(converter=span_pair)
    head: int
    cue: Cue = attrs.field(converter=_cue)
    cue_head: Optional[int] = None
    speaker: Optional[Speaker] = attrs.field(default=None, converter=_optional_speaker)

    def to_dict(self) -> dict[str, Any]:
        return {"span": list(self.span), "content": list(self.content), "head": self.head,
                "cue": self.cue.to_dict(), "cue_head": self.cue_head,
                "speaker": None if self.speaker is None else self.speaker.to_dict()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Attribution:
        return cls(span=d["span"], content=d["content"], head=d["head"], cue=d["cue"],
                   cue_head=d.get("cue_head"), speaker=d.get("speaker"))


@attrs.frozen(slots=True)
class HedgeCue:
    """A hedge as found (the public :class:`~claimx.types.Hedge` fields), with what the
    claims stage needs to attach it.

    ``head`` is the cue's token index; ``scope`` the character span of the clause it
    governs; ``makes_claim`` marks narration cues ("reportedly") that open a claim;
    ``anaphoric`` cues ("these claims") cover earlier claims, at most ``window`` sentences
    back; ``both_sides`` and ``casualty`` narrow those to the sides' casualty figures.
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
    window: int = 12

    @property
    def hedge(self) -> Hedge:
        """The public hedge."""
        return Hedge(text=self.text, span=self.span, kind=self.kind, source=self.source)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "kind": self.kind,
                "source": self.source, "rule": self.rule, "head": self.head,
                "makes_claim": self.makes_claim, "anaphoric": self.anaphoric,
                "both_sides": self.both_sides, "casualty": self.casualty,
                "scope": list(self.scope), "window": self.window}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> HedgeCue:
        return cls(text=d["text"], span=d["span"], kind=d["kind"], source=d.get("source"),
                   rule=d.get("rule", ""), head=d.get("head", 0), scope=d.get("scope", (0, 0)),
                   makes_claim=d.get("makes_claim", False), anaphoric=d.get("anaphoric", False),
                   both_sides=d.get("both_sides", False), casualty=d.get("casualty", False),
                   window=d.get("window", 12))
