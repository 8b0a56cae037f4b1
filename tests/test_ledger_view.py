"""Notebook views of the ledger: HTML of a group, and a plot over time."""
from __future__ import annotations

import pytest

from claimx.ledger import Ledger
from ledger_helpers import make_claim


def _ledger() -> Ledger:
    ledger = Ledger()
    for day, value, speaker, hedge in ((1, 10, "Ana Ruiz", None), (2, 14, "Ana Ruiz", None),
                                       (2, 30, "Rebel Command", "unverified")):
        ledger.add([make_claim(f"{speaker} said {value} people were killed.", f"{value} people",
                               "people", float(value), speaker=speaker, label="PERSON",
                               time=(f"2024-05-0{day}", f"2024-05-0{day}"), hedge=hedge)],
                   doc_id=f"d{day}-{speaker}", url=f"https://example.org/{day}?a=<b>")
    return ledger


def test_group_html_escapes_and_marks_hedges():
    group = _ledger().figures()[0]
    html = group._repr_html_()
    assert "<table>" in html and "Rebel Command" in html
    assert "?a=&lt;b&gt;" in html and "<b>" not in html.replace("<b>conflict</b>", "")
    assert html.count("font-style:italic") == 1
    assert "conflict" in html


def test_plot_one_mark_per_speaker_hedged_hollow(tmp_path):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    ledger = _ledger()
    ax = ledger.figures()[0].plot()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["Ana Ruiz", "Rebel Command (hedged)"]
    hollow = [c for c in ax.collections if len(c.get_offsets())
              and c.get_facecolors().size == 0]
    assert len(hollow) == 1
    ax.figure.savefig(tmp_path / "group.png")
    assert (tmp_path / "group.png").stat().st_size > 1000
    series = ledger.series()
    assert len(series) == 1 and series[0].speaker == "Ana Ruiz"
    series_ax = series[0].plot()
    assert [t.get_text() for t in series_ax.get_legend().get_texts()] == ["Ana Ruiz"]
