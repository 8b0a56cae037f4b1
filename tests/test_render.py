"""HTML views: the claims table, the highlighted article (displaCy span style)."""
from __future__ import annotations

import sys

import pytest

import claimx
from claimx.render import ALL_SPANS_KEY, COLORS, RenderedHTML, claim_html

render_mod = sys.modules["claimx.render"]  # the module; claimx.render is the function


@pytest.fixture(scope="module")
def doc(extractor, seed_0313):
    return extractor.parse(seed_0313)


def test_claims_html_table(doc):
    claims = doc._.claims
    html = claimx.claims_html(claims)
    assert html.count("<tr>") == len(claims) + 1
    for c in claims:
        if c.speaker:
            assert c.speaker.name.replace("'", "&#x27;") in html
    q = next(q for c in claims for q in c.quantities)
    assert f"title='QUANTITY'>{q.text}</mark>" in html
    assert claimx.claims_html([]) == "<div class='claimx-claims'><i>no claims</i></div>"


def test_html_escapes_text():
    claim = claimx.Claim(text="<script>alert(1)</script>", span=(0, 25), sentence=(0, 25),
                         speaker={"name": "A&B <Co>", "text": "A&B", "span": [30, 33],
                                  "label": "ORG", "title": None})
    for html in (claimx.claims_html([claim]), claim_html(claim), claim._repr_html_()):
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert "A&amp;B &lt;Co&gt;" in html


def test_render_claims_displays_as_table(doc):
    view = claimx.render_claims(doc._.claims)
    assert len(view) == len(doc._.claims) and view[0] == doc._.claims[0]
    assert view._repr_html_() == claimx.claims_html(doc._.claims)


def test_render_doc_highlights_every_label(doc):
    before = set(doc.spans)
    html = claimx.render(doc, jupyter=False)
    assert isinstance(html, str) and isinstance(html, RenderedHTML)
    for label in COLORS:
        assert label in html, label
        assert COLORS[label] in html
    speaker = next(c.speaker for c in doc._.claims if c.speaker)
    assert speaker.text.split()[-1] in html
    assert set(doc.spans) == before and ALL_SPANS_KEY not in doc.spans


def test_render_text_and_write_page(tmp_path, seed_0306):
    target = tmp_path / "article.html"
    html = claimx.render(seed_0306, reference_date="2023-03-06", jupyter=False, path=target)
    page = target.read_text(encoding="utf-8")
    assert page == html
    assert page.lstrip().startswith("<!DOCTYPE html>") and "SOURCE" in page


def test_render_rejects_bad_input(bare_nlp):
    with pytest.raises(TypeError, match="str or a spacy Doc"):
        claimx.render(42)
    plain = bare_nlp.make_doc("No claimx here.")
    with pytest.raises(ValueError, match="claimx components"):
        claimx.render(plain, jupyter=False)


def test_render_in_jupyter_displays_once(doc, monkeypatch):
    pytest.importorskip("IPython")
    shown = []
    monkeypatch.setattr(render_mod, "_display", shown.append)
    html = claimx.render(doc, jupyter=True)
    assert shown == [html]
    html._ipython_display_()  # the notebook showing the returned value: not again
    assert len(shown) == 1
    quiet = claimx.render(doc, jupyter=False)
    assert len(shown) == 1
    quiet._ipython_display_()
    assert shown[-1] == quiet and len(shown) == 2
