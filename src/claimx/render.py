"""HTML views of claims and articles, for notebooks and standalone pages.

- :func:`claim_html` / :func:`claims_html`: one claim as a card, many claims as a table;
- :func:`render_claims`: an object that notebooks display as that table;
- :func:`render`: the article with speakers, cues, quantities, times and hedges highlighted,
  drawn by spaCy's displaCy (span style).

spaCy is imported only by :func:`render`.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union, overload

from .types import register_view

if TYPE_CHECKING:
    import datetime as dt

    from spacy.tokens import Doc, Span

    from .types import Claim

__all__ = ["COLORS", "ClaimsView", "RenderedHTML", "claim_html", "claims_html", "render",
           "render_claims"]

#: label -> background colour, shared by the article view and the claims table
COLORS = {
    "SOURCE": "#a6cee3",
    "CUE": "#cab2d6",
    "QUANTITY": "#fdbf6f",
    "TIME": "#b2df8a",
    "HEDGE": "#fb9a99",
}

#: the temporary span group :func:`render` builds (and removes again)
ALL_SPANS_KEY = "claimx_all"

_esc = html.escape


def _mark(text: str, label: str) -> str:
    return (f"<mark style='background:{COLORS[label]};color:#111;padding:0 2px;"
            f"border-radius:3px' title='{label}'>{_esc(text)}</mark>")


def _num(value: Optional[float]) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def quantity_summary(q: Any) -> str:
    """A short plain-text reading of a quantity: ``>1,100 deaths``, ``20-30 percentage``."""
    signs = {"more_than": ">", "at_least": "≥", "less_than": "<", "at_most": "≤",
             "about": "~", "exact": ""}
    if q.bound == "range":
        number = f"{_num(q.low)}-{_num(q.high)}"
    else:
        number = signs.get(q.bound, "") + _num(q.value)
    words = [number] + [w for w in (q.unit, q.entity) if w]
    return " ".join(words)


def time_summary(t: Any) -> str:
    """``2023-03-06..2023-03-13``, one date when start == end, or ``?`` when unresolved."""
    if t.start is None:
        return "?"
    return t.start.isoformat() if t.start == t.end else f"{t.start}..{t.end}"


def claim_html(claim: Claim) -> str:
    """A compact HTML card for one claim."""
    who = _esc(claim.speaker.name) if claim.speaker else "<i>unattributed</i>"
    rows = [f"<div><b>{who}</b>"
            + (f" <span style='color:#666'>({_esc(claim.cue.kind)}: "
               f"{_esc(claim.cue.text)})</span>" if claim.cue else "") + "</div>",
            f"<div>{_highlight_claim(claim)}</div>"]
    for q in claim.quantities:
        rows.append(f"<div>&#35; {_esc(q.text)} &rarr; {_esc(quantity_summary(q))} "
                    f"<span style='color:#666'>({_esc(q.bound)})</span></div>")
    if claim.time is not None:
        rows.append(f"<div>&#128337; {_esc(claim.time.text)} &rarr; "
                    f"{_esc(time_summary(claim.time))}</div>")
    for h in claim.hedges:
        src = f" ({_esc(h.source)})" if h.source else ""
        rows.append(f"<div>&#9888; {_esc(h.kind)}: {_esc(h.text)}{src}</div>")
    return ("<div class='claimx-claim' style='border-left:3px solid #4a7;padding:4px 8px;"
            "margin:4px 0'>" + "".join(rows) + "</div>")


def _highlight_claim(claim: Claim) -> str:
    """The claim text with its own quantities, time, hedges, cue and speaker marked."""
    start, text = claim.start, claim.text
    labels: list[Optional[str]] = [None] * len(text)
    marks: list[tuple[str, tuple[int, int]]] = []
    # later entries win where spans overlap
    if claim.speaker is not None:
        marks.append(("SOURCE", claim.speaker.span))
    if claim.cue is not None:
        marks.append(("CUE", claim.cue.span))
    marks += [("HEDGE", h.span) for h in claim.hedges]
    if claim.time is not None:
        marks.append(("TIME", claim.time.span))
    marks += [("QUANTITY", q.span) for q in claim.quantities]
    for label, (s, e) in marks:
        for i in range(max(s - start, 0), min(e - start, len(text))):
            labels[i] = label
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and labels[j] == labels[i]:
            j += 1
        here = labels[i]
        out.append(_esc(text[i:j]) if here is None else _mark(text[i:j], here))
        i = j
    return "".join(out)


_TABLE_STYLE = ("<style>.claimx-table td{vertical-align:top;text-align:left;padding:4px 6px}"
                ".claimx-table th{text-align:left}.claimx-sub{color:#666;font-size:85%}</style>")


def _legend() -> str:
    return "<div style='margin:4px 0'>" + " ".join(
        _mark(label.lower(), label) for label in COLORS) + "</div>"


def claims_html(claims: Iterable[Claim]) -> str:
    """An HTML table of claims: speaker and cue, highlighted claim text, quantities, time,
    hedges. Display it with ``IPython.display.HTML(claimx.claims_html(claims))``."""
    claims = list(claims)
    if not claims:
        return "<div class='claimx-claims'><i>no claims</i></div>"
    rows = []
    for n, c in enumerate(claims, 1):
        if c.speaker is not None:
            sub = " · ".join(_esc(x) for x in (c.speaker.title, c.speaker.label) if x)
            who = f"<b>{_esc(c.speaker.name)}</b><div class='claimx-sub'>{sub}</div>"
        else:
            who = "<i>unattributed</i>"
        if c.cue is not None:
            who += f"<div class='claimx-sub'>{_esc(c.cue.kind)}: {_esc(c.cue.text)}</div>"
        quantities = "<br>".join(
            f"{_esc(quantity_summary(q))}<div class='claimx-sub'>{_esc(q.text)}</div>"
            for q in c.quantities)
        time = ("" if c.time is None else
                f"{_esc(time_summary(c.time))}<div class='claimx-sub'>{_esc(c.time.text)}</div>")
        hedges = "<br>".join(
            f"{_esc(h.kind)}<div class='claimx-sub'>{_esc(h.text)}"
            f"{' (' + _esc(h.source) + ')' if h.source else ''}</div>" for h in c.hedges)
        rows.append(f"<tr><td>{n}</td><td>{who}</td><td>{_highlight_claim(c)}</td>"
                    f"<td>{quantities}</td><td>{time}</td><td>{hedges}</td></tr>")
    head = ("<tr><th>#</th><th>speaker</th><th>claim</th><th>quantities</th><th>time</th>"
            "<th>hedges</th></tr>")
    return (f"<div class='claimx-claims'>{_TABLE_STYLE}{_legend()}"
            f"<table class='claimx-table'>{head}{''.join(rows)}</table></div>")


class ClaimsView(Sequence["Claim"]):
    """A list of claims that notebooks display as an HTML table (see :func:`claims_html`)."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        self.claims = list(claims)

    @overload
    def __getitem__(self, index: int) -> Claim: ...

    @overload
    def __getitem__(self, index: slice) -> list[Claim]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[Claim, list[Claim]]:
        return self.claims[index]

    def __len__(self) -> int:
        return len(self.claims)

    def _repr_html_(self) -> str:
        return claims_html(self.claims)

    def __repr__(self) -> str:
        return f"<claimx.ClaimsView of {len(self.claims)} claims>"


def render_claims(claims: Iterable[Claim]) -> ClaimsView:
    """Wrap claims so that a notebook shows them as a table: ``claimx.render_claims(claims)``."""
    return ClaimsView(claims)


class RenderedHTML(str):
    """The HTML string :func:`render` returns; a notebook shows it once, as HTML."""

    _displayed = False

    def _ipython_display_(self) -> None:
        if not self._displayed:
            _display(self)

    def __repr__(self) -> str:
        return f"<claimx.RenderedHTML: {len(self)} characters of HTML>"


def _display(markup: str) -> None:
    from IPython.display import HTML, display

    display(HTML(f'<span class="tex2jax_ignore">{markup}</span>'))


def _span_group(doc: Doc) -> list[Span]:
    from .pipeline.annotations import PUBLIC_GROUPS as GROUPS

    missing = [key for key in GROUPS if key not in doc.spans]
    if missing:
        raise ValueError("claimx.render needs a Doc processed by the claimx components "
                         f"(no span groups {missing}); use claimx.load().parse(text)")
    spans = [span for key in GROUPS for span in doc.spans[key]]
    seen = set()
    for claim in doc._.claims:
        if claim.cue is None or claim.cue.span in seen:
            continue
        seen.add(claim.cue.span)
        start, end = claim.cue.span
        span = doc.char_span(start, end, label="CUE", alignment_mode="expand")
        if span is not None:
            spans.append(span)
    spans.sort(key=lambda s: (s.start, -s.end, s.label_))
    return spans


def render(text_or_doc: Union[str, Doc], *, reference_date: Union[dt.date, str, None] = None,
           jupyter: Optional[bool] = None, path: Union[str, Path, None] = None) -> str:
    """The article with speakers (SOURCE), cues (CUE), quantities, times and hedges highlighted.

    ``text_or_doc`` is a text (parsed with the default extractor, using ``reference_date``)
    or a Doc that went through the claimx components. The HTML comes from spaCy's displaCy,
    span style. With ``path``, a standalone HTML page is written there and returned. Like
    displaCy, ``jupyter=None`` displays the result when running in a notebook; the returned
    string is never displayed twice.
    """
    from spacy import displacy
    from spacy.tokens import Doc
    from spacy.util import is_in_jupyter

    if isinstance(text_or_doc, Doc):
        doc = text_or_doc
    elif isinstance(text_or_doc, str):
        from .api import default_extractor

        doc = default_extractor().parse(text_or_doc, reference_date)
    else:
        raise TypeError(f"claimx.render expects a str or a spacy Doc, "
                        f"not {type(text_or_doc).__name__}")
    spans = _span_group(doc)
    had = ALL_SPANS_KEY in doc.spans
    previous = list(doc.spans[ALL_SPANS_KEY]) if had else None
    doc.spans[ALL_SPANS_KEY] = spans
    options = {"spans_key": ALL_SPANS_KEY, "colors": dict(COLORS)}
    try:
        markup = displacy.render(doc, style="span", options=options, page=path is not None,
                                 jupyter=False)
    finally:
        if previous is not None:
            doc.spans[ALL_SPANS_KEY] = previous
        else:
            del doc.spans[ALL_SPANS_KEY]
    if path is not None:
        Path(path).write_text(markup, encoding="utf-8")
    result = RenderedHTML(markup)
    if jupyter or (jupyter is None and is_in_jupyter()):
        _display(result)
        result._displayed = True
    return result


register_view("claim_html", claim_html)
