"""Result lists with ``to_frame()``: one row per figure, speaker, conflict or series point."""
from __future__ import annotations

from typing import Any, Callable, Optional

from .keys import describe_key


class Results(list[Any]):
    """A list of ledger results; ``to_records()`` gives flat dicts, ``to_frame()`` a DataFrame."""

    def __init__(self, items: Any = (),
                 rows: Optional[Callable[[Any], list[dict[str, Any]]]] = None) -> None:
        super().__init__(items)
        self._rows = rows

    def to_records(self) -> list[dict[str, Any]]:
        """Flat rows (plain JSON values), the ones ``to_frame`` and the CLI show."""
        out: list[dict[str, Any]] = []
        for item in self:
            out.extend(self._rows(item) if self._rows is not None else [dict(item)])
        return out

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame (needs pandas)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - pandas is in the test extra
            raise ImportError("to_frame needs pandas: pip install 'claimx[pandas]'") from exc
        return pd.DataFrame.from_records(self.to_records())

    def _repr_html_(self) -> str:
        from .view import results_html

        return results_html(self)


def figure_row(f: Any) -> dict[str, Any]:
    """The columns shared by every figure row."""
    d = f.to_dict()
    return {"speaker": f.speaker, "figure": f.text, "value": f.value, "low": f.low,
            "high": f.high, "bound": f.bound, "unit": f.unit, "entity": f.entity,
            "holder": f.holder, "place": f.place, "time": f.time_text, "start": d["start"],
            "end": d["end"],
            "hedges": ",".join(f.hedges), "hedge_texts": " | ".join(f.hedge_texts),
            "doc_id": f.doc_id, "outlet": f.outlet, "doc_date": d["doc_date"], "url": f.url,
            "figure_id": f.id}


def group_rows(group: Any) -> list[dict[str, Any]]:
    """One row per figure of a group."""
    return [{"group": group.label, "key": group.key, **figure_row(f)} for f in group.figures]


def pair_rows(pair: Any) -> list[dict[str, Any]]:
    """One row per conflict or corroboration."""
    a, b = figure_row(pair.a), figure_row(pair.b)
    row = {"kind": pair.kind, "group": describe_key(pair.key), "key": pair.key}
    for side, fig in (("a", a), ("b", b)):
        for k in ("speaker", "figure", "bound", "time", "start", "end", "hedges", "doc_id",
                  "outlet", "figure_id"):
            row[f"{side}_{k}"] = fig[k]
    return [row]


def series_rows(series: Any) -> list[dict[str, Any]]:
    """One row per point of a series."""
    return [{"series": f"{series.speaker}: {series.label}", "key": series.key,
             "step": i, **figure_row(f)} for i, f in enumerate(series.figures)]


def speaker_rows(speaker: dict[str, Any]) -> list[dict[str, Any]]:
    """A speaker identity as one row (names, titles, documents joined by ' | ')."""
    return [{k: (" | ".join(v) if isinstance(v, (list, tuple)) else v)
             for k, v in speaker.items()}]
