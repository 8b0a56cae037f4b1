"""Reading a ledger: terminal text, notebook HTML, and a plot of figures over time.

The plot uses matplotlib (the ``plot`` extra: ``pip install 'claimx[plot]'``): it draws a
static PNG/SVG for docs and reports and inline in every notebook front end without a
JavaScript runtime, and it is the library most users already have. Interactive libraries
(plotly, bokeh, altair) need a browser and add heavy or network-loaded assets for little
gain on a handful of points.
"""
from __future__ import annotations

import html
import math
from typing import Any, Optional

from .keys import describe_key

_BOUND_WORDS = {"exact": "", "more_than": ">", "at_least": ">=", "less_than": "<",
                "at_most": "<=", "about": "~", "range": ""}


def value_text(f: Any) -> str:
    """A figure's value with its bound: ">1100", "~60000", "20000-30000"."""
    if f.bound == "range":
        return f"{_num(f.low)}-{_num(f.high)}"
    value = f.value if f.value is not None else f.low
    return f"{_BOUND_WORDS.get(f.bound, '')}{_num(value)}"


def _num(x: Optional[float]) -> str:
    if x is None:
        return "?"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.6g}"


def time_text(f: Any) -> str:
    """The figure's time: "2023-03-06..2023-03-13", one date, or "unresolved"."""
    if f.start is None:
        return "unresolved"
    return f.start.isoformat() if f.start == f.end else f"{f.start}..{f.end}"


def _hedge_line(f: Any) -> str:
    return "; ".join(f'{k} "{t}"' for k, t in zip(f.hedges, f.hedge_texts))


def figures_text(groups: Any) -> str:
    """Figure groups as readable text, one block per group, one line per figure."""
    lines: list[str] = []
    for g in groups:
        n = len(g.figures)
        lines.append(f"== {g.label}: {n} figure{'s' * (n != 1)}, "
                     f"{len(g.speakers)} speaker{'s' * (len(g.speakers) != 1)}")
        for f in g.figures:
            doc = ", ".join(x for x in (f.outlet, f.doc_date and f.doc_date.isoformat()) if x)
            lines.append(f"   {f.speaker:<34} {value_text(f):>14} {f.bound:<9} "
                         f"{time_text(f):<23} {f.doc_id}" + (f" ({doc})" if doc else ""))
            lines.append(f"   {'':<34} \"{f.text}\"" + (f"  hedged: {_hedge_line(f)}"
                                                       if f.hedged else ""))
        for p in g.pairs():
            lines.append(f"   {p.kind}: {p.a.speaker} {value_text(p.a)} vs "
                         f"{p.b.speaker} {value_text(p.b)}")
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "no figures\n")


#: the columns the table format shows (csv and jsonl give every column)
_PAIR = ("speaker", "figure", "start", "end", "hedges", "doc_id")
TABLE_COLUMNS = {
    "conflicts": ("kind", "group", *(f"a_{c}" for c in _PAIR), *(f"b_{c}" for c in _PAIR)),
    "corroborations": ("kind", "group", *(f"a_{c}" for c in _PAIR),
                       *(f"b_{c}" for c in _PAIR)),
    "series": ("series", "step", "figure", "value", "bound", "start", "end", "hedges",
               "doc_id"),
    "speakers": ("speaker", "label", "names", "titles", "documents", "claims", "figures"),
}


def rows_text(rows: list[dict[str, Any]], view: str) -> str:
    """Rows as an aligned table (long cells cut at 40 characters)."""
    if not rows:
        return f"no {view}\n"
    cols = list(rows[0])
    cells = [[_cell(r.get(c)) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [fmt.format(*cols), fmt.format(*("-" * w for w in widths))]
    out += [fmt.format(*row) for row in cells]
    return "\n".join(line.rstrip() for line in out) + "\n"


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


# -- HTML ---------------------------------------------------------------------------------------
def group_html(group: Any) -> str:
    """A figure group as an HTML table: speaker, figure, time, document, hedges."""
    e = html.escape
    head = ("<tr><th>speaker</th><th>figure</th><th>value</th><th>time</th>"
            "<th>document</th><th>hedges</th></tr>")
    rows = []
    for f in group.figures:
        style = ' style="font-style:italic;color:#666"' if f.hedged else ""
        link = e(f.doc_id) if not f.url else f'<a href="{e(f.url)}">{e(f.doc_id)}</a>'
        rows.append(f"<tr{style}><td>{e(f.speaker)}</td><td>{e(f.text)}</td>"
                    f"<td>{e(value_text(f))}</td><td>{e(time_text(f))}</td><td>{link}"
                    f"{e(' · ' + f.outlet) if f.outlet else ''}</td>"
                    f"<td>{e(_hedge_line(f))}</td></tr>")
    pairs = "".join(f"<li><b>{e(p.kind)}</b>: {e(p.a.speaker)} {e(value_text(p.a))} vs "
                    f"{e(p.b.speaker)} {e(value_text(p.b))}</li>" for p in group.pairs())
    return (f'<div class="claimx-ledger-group"><h4>{e(group.label)}</h4>'
            f"<table>{head}{''.join(rows)}</table>"
            + (f"<ul>{pairs}</ul>" if pairs else "") + "</div>")


def results_html(results: Any) -> str:
    """A result list as HTML: groups one after another, other rows as one table."""
    if results and hasattr(results[0], "figures") and hasattr(results[0], "pairs"):
        return "".join(group_html(g) for g in results)
    rows = results.to_records()
    if not rows:
        return "<p>(none)</p>"
    e = html.escape
    head = "".join(f"<th>{e(str(c))}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{e(_cell(v))}</td>" for v in r.values()) + "</tr>"
                   for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


# -- plot ---------------------------------------------------------------------------------------
def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError("plotting needs matplotlib: pip install 'claimx[plot]'") from exc
    return plt


def plot(what: Any, ax: Any = None) -> Any:
    """Plot a figure group, a series, or a list of them over time; return the Axes.

    One marker shape and colour per speaker; a range or "about" is a vertical bar, "more
    than"/"at least" a small caret above the mark ("less than"/"at most" below); hedged
    figures are hollow markers with dashed bars. The legend sits under the axes. Figures
    with no date (no resolved time and no document date) are left out.
    """
    plt = _pyplot()
    items = what if isinstance(what, (list, tuple)) else [what]
    figures = [f for item in items for f in item.figures]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5))
    markers = "osD^vP*Xhp<>"
    speakers = list(dict.fromkeys(f.speaker for f in figures))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, speaker in enumerate(speakers):
        style = {"marker": markers[i % len(markers)], "color": colours[i % len(colours)]}
        mine = [f for f in figures if f.speaker == speaker and f.when is not None]
        for hedged in (False, True):
            _draw(ax, [f for f in mine if f.hedged == hedged], style, hedged,
                  label=speaker + (" (hedged)" if hedged else ""))
    title = "; ".join(dict.fromkeys(describe_key(item.key) for item in items))
    ax.set_title(title if len(title) < 90 else title[:87] + "...")
    ax.set_ylabel("value")
    ax.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.22),
              frameon=False)
    ax.figure.autofmt_xdate()
    return ax


def _draw(ax: Any, figures: list[Any], style: dict[str, Any], hedged: bool,
          label: str) -> None:
    from matplotlib import transforms

    if not figures:
        return
    xs = [f.when for f in figures]
    ys = [_y(f) for f in figures]
    face = "none" if hedged else style["color"]
    ax.scatter(xs, ys, marker=style["marker"], s=60, facecolors=face,
               edgecolors=style["color"], label=label, zorder=3)
    up = transforms.offset_copy(ax.transData, fig=ax.figure, y=9, units="points")
    down = transforms.offset_copy(ax.transData, fig=ax.figure, y=-9, units="points")
    for x, f in zip(xs, figures):
        lo, hi, _, _ = f.interval
        if f.bound in ("more_than", "at_least", "less_than", "at_most"):
            lower = f.bound in ("less_than", "at_most")
            ax.plot([x], [_y(f)], marker="v" if lower else "^", markersize=5,
                    color=style["color"], transform=down if lower else up,
                    linestyle="none", zorder=3)
        elif math.isfinite(hi) and math.isfinite(lo) and hi > lo:
            ax.vlines(x, lo, hi, colors=style["color"], linestyles="--" if hedged else "-")


def _y(f: Any) -> float:
    if f.bound == "range" and f.low is not None and f.high is not None:
        return float((f.low + f.high) / 2)
    value = f.value if f.value is not None else f.low
    return float(value) if value is not None else float("nan")
