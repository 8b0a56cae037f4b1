"""HTML views of claims for notebooks."""
from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .types import Claim


def claim_html(claim: Claim) -> str:
    """A compact HTML card for one claim."""
    esc = html.escape
    who = esc(claim.speaker.name) if claim.speaker else "<i>unattributed</i>"
    rows = [f"<div><b>{who}</b>"
            + (f" <span style='color:#666'>({esc(claim.cue.kind)}: "
               f"{esc(claim.cue.text)})</span>" if claim.cue else "") + "</div>",
            f"<div>{esc(claim.text)}</div>"]
    for q in claim.quantities:
        rows.append(f"<div>&#35; {esc(q.text)} &rarr; {esc(q.bound)} "
                    f"{q.value if q.value is not None else (q.low, q.high)}"
                    f"{' ' + esc(q.unit) if q.unit else ''}"
                    f"{' of ' + esc(q.entity) if q.entity else ''}</div>")
    if claim.time is not None:
        rows.append(f"<div>&#128337; {esc(claim.time.text)} &rarr; "
                    f"{claim.time.start} .. {claim.time.end}</div>")
    for h in claim.hedges:
        src = f" ({esc(h.source)})" if h.source else ""
        rows.append(f"<div>&#9888; {esc(h.kind)}: {esc(h.text)}{src}</div>")
    return ("<div class='claimx-claim' style='border-left:3px solid #4a7;padding:4px 8px;"
            "margin:4px 0'>" + "".join(rows) + "</div>")
