"""HTML views: the claims table, the highlighted article drawn from its own text, pages."""
from __future__ import annotations

import html as htmllib
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser

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
    page = target.read_bytes().decode("utf-8")
    assert page == html
    assert page.lstrip().startswith("<!DOCTYPE html>") and "SOURCE" in page
    assert '<meta charset="utf-8">' in page and "displaCy" not in page
    first_line = next(line for line in seed_0306.splitlines() if line.strip())
    title = page.split("<title>")[1].split("</title>")[0]
    assert title and htmllib.unescape(title).rstrip("…") in " ".join(first_line.split())
    assert "<link" not in page and "src=" not in page  # self-contained


class _ArticleText(HTMLParser):
    """The character data inside the element of class ``claimx-article``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth or ("class", "claimx-article") in attrs:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def _article_text(markup):
    parser = _ArticleText()
    parser.feed(markup)
    return "".join(parser.parts)


TEXT = ("Officials said on Monday that 40 people had died.\n\n"
        "The mayor’s office doesn’t   agree: \"fewer than 20,\" it said.\n"
        "Analysts estimate between 2,000 and 3,000 homes were damaged <badly> & fast.\n")


def test_render_keeps_the_text_as_written(extractor):
    doc = extractor.parse(TEXT, "2023-03-06")
    html = claimx.render(doc, jupyter=False)
    assert _article_text(html) == TEXT  # every character, spacing and line break kept
    assert "2023 - 03" not in html and "doesn’t" in html
    assert "white-space:pre-wrap" in html
    assert "claimx-legend" in html and all(COLORS[label] in html for label in COLORS)
    assert "&lt;badly&gt; &amp; fast" in html
    assert "title='QUANTITY: 2,000–3,000 homes'>" in html  # the table's reading, on hover


def test_highlight_overlapping_marks():
    out = render_mod.highlight("abcdef", [("SOURCE", 0, 4), ("QUANTITY", 2, 3)])
    assert out.startswith("<mark") and "title='QUANTITY'>c</mark>" in out
    assert "title='SOURCE'>ab</mark>" in out and "title='SOURCE'>d</mark>" in out
    assert out.endswith("</mark>ef")


def test_claims_pages(tmp_path, doc):
    target = tmp_path / "claims.html"
    page = claimx.claims_html(doc._.claims, path=target)
    assert target.read_text(encoding="utf-8") == page
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert claimx.claims_html(doc._.claims) in page
    other = tmp_path / "view.html"
    view = claimx.render_claims(doc._.claims, path=other, title="Claims & more")
    assert len(view) == len(doc._.claims)
    assert "<title>Claims &amp; more</title>" in other.read_text(encoding="utf-8")


CHROMIUM = next((p for p in (os.environ.get("CLAIMX_CHROMIUM"), "/usr/bin/chromium",
                             shutil.which("chromium"), shutil.which("chromium-browser"),
                             shutil.which("google-chrome")) if p and os.path.exists(p)), None)
#: added to a copy of the page: writes what a reader sees of the article, as JSON, into it
_PROBE = ("<script>window.addEventListener('load',function(){var p=document.createElement("
          "'pre');p.id='claimx-visible';p.textContent=JSON.stringify(document.querySelector("
          "'.claimx-article').innerText);document.body.appendChild(p);});</script></body>")


def _visible_article_text(path, tmp_path):
    probe = tmp_path / "probe.html"
    probe.write_text(path.read_text(encoding="utf-8").replace("</body>", _PROBE),
                     encoding="utf-8")
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
         probe.as_uri()], capture_output=True, text=True, timeout=120)
    dom = proc.stdout
    assert "claimx-visible" in dom, proc.stderr[-2000:]
    raw = dom.split('<pre id="claimx-visible">')[1].split("</pre>")[0]
    return json.loads(htmllib.unescape(raw))


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed "
                    "(apt-get install chromium, or set CLAIMX_CHROMIUM; see CONTRIBUTING.md)")
@pytest.mark.parametrize("which", ["made-up", "example"])
def test_page_in_chromium_shows_the_article_text(tmp_path, which, seed_0313):
    """Chromium's innerText of the article (what a reader sees, laid out with the page's
    CSS) equals the text passed in, character for character, line breaks included."""
    text = TEXT if which == "made-up" else seed_0313
    target = tmp_path / "page.html"
    claimx.render(text, reference_date="2023-03-06", jupyter=False, path=target)
    assert _visible_article_text(target, tmp_path) == text


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
