"""HTML views of claims and articles, for notebooks and standalone pages.

- `claim_html` / `claims_html`: one claim as a card, many claims as a table;
- `render_claims`: an object that notebooks display as that table;
- `render`: the article's own text, with its spacing and paragraphs, and the speakers, cues,
  quantities, times and hedges highlighted on their character spans.

Quantities and times read as `claimx.formatting` writes them, as in the CLI table. With
``path=``, each writes a complete, self-contained UTF-8 page. spaCy is imported only by
`render`.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union, overload

from .formatting import format_quantity, format_time
from .types import register_view

if TYPE_CHECKING:
    import datetime as dt

    from spacy.tokens import Doc

    from .types import Claim

__all__ = ["COLORS", "LEGEND", "ClaimsView", "RenderedHTML", "article_html", "claim_html",
           "claims_html", "highlight", "page", "render", "render_claims"]

#: label -> background colour, shared by the article view and the claims table
COLORS = {
    "SOURCE": "#a6cee3",
    "CUE": "#cab2d6",
    "QUANTITY": "#fdbf6f",
    "TIME": "#b2df8a",
    "HEDGE": "#fb9a99",
}

#: the span group name earlier versions of `render` used for a moment (no longer built)
ALL_SPANS_KEY = "claimx_all"
#: where spans overlap, the label shown: later in this tuple wins
_PRIORITY = ("SOURCE", "CUE", "HEDGE", "TIME", "QUANTITY")

_esc = html.escape


def _mark(text: str, label: str, note: Optional[str] = None) -> str:
    title = label if note is None else f"{label}: {_esc(note)}"
    return (f"<mark style='background:{COLORS[label]};color:#111;padding:0 2px;"
            f"border-radius:3px' title='{title}'>{_esc(text)}</mark>")


def quantity_summary(q: Any) -> str:
    """A short plain-text reading of a quantity (``claimx.formatting.format_quantity``)."""
    return format_quantity(q)


def time_summary(t: Any) -> str:
    """A short plain-text reading of a time (``claimx.formatting.format_time``)."""
    return format_time(t)


def claim_html(claim: Claim) -> str:
    """A compact HTML card for one claim."""
    who = _esc(claim.speaker.name) if claim.speaker else "<i>unattributed</i>"
    rows = [f"<div><b>{who}</b>"
            + (f" <span style='color:#666'>({_esc(claim.cue.kind)}: "
               f"{_esc(claim.cue.text)})</span>" if claim.cue else "") + "</div>",
            f"<div>{_highlight_claim(claim)}</div>"]
    for q in claim.quantities:
        rows.append(f"<div>&#35; {_esc(q.text)} &rarr; {_esc(format_quantity(q))} "
                    f"<span style='color:#666'>({_esc(q.bound)})</span></div>")
    if claim.time is not None:
        rows.append(f"<div>&#128337; {_esc(claim.time.text)} &rarr; "
                    f"{_esc(format_time(claim.time))}</div>")
    for h in claim.hedges:
        src = f" ({_esc(h.source)})" if h.source else ""
        rows.append(f"<div>&#9888; {_esc(h.kind)}: {_esc(h.text)}{src}</div>")
    return ("<div class='claimx-claim' style='border-left:3px solid #4a7;padding:4px 8px;"
            "margin:4px 0'>" + "".join(rows) + "</div>")


Mark = tuple[str, int, int]


def _segments(length: int, marks: list[Mark]) -> list[tuple[int, int, Optional[str]]]:
    """Cut ``[0, length)`` where marks start or end; each piece with the label shown there
    (the highest in ``_PRIORITY`` among the marks covering it, or None)."""
    rank = {label: n for n, label in enumerate(_PRIORITY)}
    events: dict[int, list[tuple[int, int]]] = {0: [], length: []}
    for label, start, end in marks:
        start, end = max(start, 0), min(end, length)
        if start < end:
            events.setdefault(start, []).append((rank.get(label, 0), 1))
            events.setdefault(end, []).append((rank.get(label, 0), -1))
    active = [0] * len(_PRIORITY)
    cuts = sorted(events)
    pieces: list[tuple[int, int, Optional[str]]] = []
    for here, there in zip(cuts, cuts[1:]):
        for level, step in events[here]:
            active[level] += step
        top = max((n for n, count in enumerate(active) if count > 0), default=None)
        pieces.append((here, there, None if top is None else _PRIORITY[top]))
    return pieces


def highlight(text: str, marks: Iterable[Mark], offset: int = 0,
              notes: Optional[Mapping[tuple[int, int], str]] = None) -> str:
    """``text`` as escaped HTML with each ``(label, start, end)`` character span in a
    ``<mark>`` (offsets count from ``offset``); every other character is kept as it is.
    ``notes`` maps a marked ``(start, end)`` to words shown when the pointer rests on it."""
    local = [(label, start - offset, end - offset) for label, start, end in marks]
    notes = notes or {}
    out = []
    for start, end, label in _segments(len(text), local):
        piece = text[start:end]
        note = notes.get((start + offset, end + offset))
        out.append(_esc(piece) if label is None else _mark(piece, label, note))
    return "".join(out)


def _claim_marks(claim: Claim) -> list[Mark]:
    marks: list[Mark] = []
    if claim.speaker is not None:
        marks.append(("SOURCE", *claim.speaker.span))
    if claim.cue is not None:
        marks.append(("CUE", *claim.cue.span))
    marks += [("HEDGE", *h.span) for h in claim.hedges]
    if claim.time is not None:
        marks.append(("TIME", *claim.time.span))
    marks += [("QUANTITY", *q.span) for q in claim.quantities]
    return marks


def _highlight_claim(claim: Claim) -> str:
    """The claim text with its own quantities, time, hedges, cue and speaker marked."""
    return highlight(claim.text, _claim_marks(claim), claim.start)


_TABLE_STYLE = ("<style>.claimx-table td{vertical-align:top;text-align:left;padding:4px 6px}"
                ".claimx-table th{text-align:left}.claimx-sub{color:#666;font-size:85%}</style>")
#: what each highlight colour means, for the legend
LEGEND = {"SOURCE": "speaker", "CUE": "attribution cue", "QUANTITY": "quantity",
          "TIME": "time", "HEDGE": "hedge"}


def _legend() -> str:
    return ("<div class='claimx-legend' style='margin:4px 0'>" + " ".join(
        _mark(LEGEND[label], label) for label in COLORS) + "</div>")


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="claimx">
<title>{title}</title>
<style>
body{{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.6;
max-width:52em;margin:1.5em auto;padding:0 1em;color:#111;background:#fff}}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def page(body: str, title: str) -> str:
    """A complete, self-contained HTML page (UTF-8, no outside resources) around ``body``."""
    return _PAGE.format(title=_esc(title), body=body)


def _write(markup: str, path: Union[str, Path]) -> None:
    Path(path).write_text(markup, encoding="utf-8")


def claims_html(claims: Iterable[Claim], path: Union[str, Path, None] = None, *,
                title: Optional[str] = None) -> str:
    """An HTML table of claims: speaker and cue, highlighted claim text, quantities, time,
    hedges, under a legend of the highlight colours.

    Display it with ``IPython.display.HTML(claimx.claims_html(claims))``. With ``path``, a
    complete UTF-8 page (titled ``title``, else "claimx: N claims") is written there and
    returned.
    """
    claims = list(claims)
    fragment = _claims_table(claims)
    if path is None:
        return fragment
    markup = page(fragment, title or f"claimx: {len(claims)} claim"
                  f"{'' if len(claims) == 1 else 's'}")
    _write(markup, path)
    return markup


def _claims_table(claims: list[Claim]) -> str:
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
            f"{_esc(format_quantity(q))}<div class='claimx-sub'>{_esc(q.text)}</div>"
            for q in c.quantities)
        time = ("" if c.time is None else
                f"{_esc(format_time(c.time))}<div class='claimx-sub'>{_esc(c.time.text)}</div>")
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
    """A list of claims that notebooks display as an HTML table (see `claims_html`)."""

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

    def save(self, path: Union[str, Path], title: Optional[str] = None) -> str:
        """Write the table as a complete UTF-8 page to ``path``; return the page."""
        return claims_html(self.claims, path, title=title)

    def __repr__(self) -> str:
        return f"<claimx.ClaimsView of {len(self.claims)} claims>"


def render_claims(claims: Iterable[Claim], path: Union[str, Path, None] = None, *,
                  title: Optional[str] = None) -> ClaimsView:
    """Wrap claims so that a notebook shows them as a table: ``claimx.render_claims(claims)``.

    With ``path``, the table is also written there as a complete UTF-8 page (see
    `claims_html`).
    """
    view = ClaimsView(claims)
    if path is not None:
        view.save(path, title)
    return view


class RenderedHTML(str):
    """The HTML string `render` returns; a notebook shows it once, as HTML."""

    _displayed = False

    def _ipython_display_(self) -> None:
        if not self._displayed:
            _display(self)

    def __repr__(self) -> str:
        return f"<claimx.RenderedHTML: {len(self)} characters of HTML>"


def _display(markup: str) -> None:
    from IPython.display import HTML, display

    display(HTML(f'<span class="tex2jax_ignore">{markup}</span>'))


def _article_marks(doc: Doc) -> list[Mark]:
    """(label, start, end) of every span of the public groups and every claim's cue."""
    from .pipeline.annotations import PUBLIC_GROUPS as GROUPS

    missing = [key for key in GROUPS if key not in doc.spans]
    if missing:
        raise ValueError("claimx.render needs a Doc processed by the claimx components "
                         f"(no span groups {missing}); use claimx.load().parse(text)")
    marks = [(span.label_, span.start_char, span.end_char)
             for key in GROUPS for span in doc.spans[key]]
    cues = {claim.cue.span for claim in doc._.claims if claim.cue is not None}
    marks += [("CUE", start, end) for start, end in sorted(cues)]
    return marks


def _article_notes(doc: Doc) -> dict[tuple[int, int], str]:
    """How each quantity and time reads (``~$4.5 billion``), by its character span."""
    readers = {"QUANTITY": format_quantity, "TIME": format_time}
    notes = {}
    for key in ("claimx_quantities", "claimx_times"):
        for span in doc.spans[key]:
            found = span._.claimx
            if found is not None and span.label_ in readers:
                notes[(span.start_char, span.end_char)] = readers[span.label_](found)
    return notes


_ARTICLE_STYLE = ("white-space:pre-wrap;overflow-wrap:break-word;line-height:1.9;"
                  "font-size:1.05em;margin-top:0.8em")


def article_html(text: str, marks: Iterable[Mark],
                 notes: Optional[Mapping[tuple[int, int], str]] = None) -> str:
    """The text exactly as written (spacing, line breaks and paragraphs kept by
    ``white-space: pre-wrap``), the marked character spans highlighted, under a legend;
    ``notes`` as in `highlight`."""
    return (f"<div class='claimx-render'>{_legend()}"
            f"<div class='claimx-article' style='{_ARTICLE_STYLE}'>"
            f"{highlight(text, marks, notes=notes)}</div></div>")


def page_title(doc: Doc, limit: int = 100) -> str:
    """The article's headline: the first non-blank line after a date header, shortened."""
    from .pipeline.annotations import get_context

    context = get_context(doc)
    start = context.header[1] if context is not None and context.header is not None else 0
    line = next((ln for ln in doc.text[start:].splitlines() if ln.strip()), "")
    line = " ".join(line.split())
    if not line:
        return "claimx"
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def _parse(text_or_doc: Union[str, Doc], reference_date: Union[dt.date, str, None]) -> Doc:
    from spacy.tokens import Doc

    if isinstance(text_or_doc, Doc):
        return text_or_doc
    if isinstance(text_or_doc, str):
        from .api import default_extractor

        return default_extractor().parse(text_or_doc, reference_date)
    raise TypeError(f"claimx.render expects a str or a spacy Doc, "
                    f"not {type(text_or_doc).__name__}")


def render(text_or_doc: Union[str, Doc], *, reference_date: Union[dt.date, str, None] = None,
           jupyter: Optional[bool] = None, path: Union[str, Path, None] = None,
           title: Optional[str] = None) -> str:
    """The article with speakers (SOURCE), cues (CUE), quantities, times and hedges highlighted.

    ``text_or_doc`` is a text (parsed with the default extractor, using ``reference_date``)
    or a Doc that went through the claimx components. The article is drawn from its own
    text, with its spacing and paragraphs, each highlight laid on a character span, under a
    legend of the colours. With ``path``, a complete, self-contained UTF-8 page is written
    there and returned, titled ``title`` or else the article's headline (its first line
    after a date header). Like displaCy, ``jupyter=None`` displays the result when running
    in a notebook; the returned string is never displayed twice.
    """
    from spacy.util import is_in_jupyter

    doc = _parse(text_or_doc, reference_date)
    markup = article_html(doc.text, _article_marks(doc), _article_notes(doc))
    if path is not None:
        markup = page(markup, title or page_title(doc))
        _write(markup, path)
    result = RenderedHTML(markup)
    if jupyter or (jupyter is None and is_in_jupyter()):
        _display(result)
        result._displayed = True
    return result


register_view("claim_html", claim_html)
