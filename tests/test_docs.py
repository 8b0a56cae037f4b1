"""The documentation builds with ``mkdocs build --strict`` (warnings are errors)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("mkdocs")
pytest.importorskip("mkdocstrings_handlers.python")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Build from a copy of the docs, so the build never writes into the checkout."""
    work = tmp_path_factory.mktemp("docs")
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", work / "docs")
    (work / "src").symlink_to(ROOT / "src", target_is_directory=True)
    if not (work / "docs" / "performance.md").exists():
        # written by another part of the project; a stand-in keeps this build meaningful
        (work / "docs" / "performance.md").write_text("# Performance\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml"),
         "-d", str(work / "site")],
        capture_output=True, text=True, cwd=work, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return work / "site"


def test_every_nav_page_is_built(site):
    for page in ("index", "claims", "pipeline", "cli", "notebooks", "dask", "ledger", "performance",
                 "guidelines", "api", "changelog"):
        target = site / "index.html" if page == "index" else site / page / "index.html"
        assert target.exists(), page


def test_api_reference_comes_from_docstrings(site):
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    import claimx

    for doc in (claimx.extract.__doc__, claimx.to_frame.__doc__.splitlines()[0],
                claimx.render.__doc__.splitlines()[0]):
        first_words = " ".join(doc.split()[:4])
        assert first_words.split("`")[0] in api, first_words
    assert "to_schema_org" in api


ROLES = re.compile(r":(meth|attr|func|class|data|mod|exc|obj):")


def test_no_page_shows_a_sphinx_role(site):
    shown = {str(page.relative_to(site)): sorted(set(ROLES.findall(page.read_text(
        encoding="utf-8")))) for page in site.rglob("*.html")}
    assert not {page: roles for page, roles in shown.items() if roles}


def test_api_reference_lists_every_public_name_and_field(site):
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    import importlib

    import attrs

    import claimx
    from claimx import records

    names = [n for n in claimx.__all__ if not n.startswith("_")]
    for name in ("distributed", "export", "formatting", "render"):
        module = importlib.import_module(f"claimx.{name}")  # claimx.render is the function
        names += [n for n in module.__all__ if not n.isupper()]
    missing = [n for n in names if not re.search(rf'id="claimx\.[\w.]*\b{n}"', api)]
    assert not missing, f"not in the API reference: {missing}"
    for cls in (claimx.Claim, claimx.Speaker, claimx.Cue, claimx.Quantity, claimx.TimeRef,
                claimx.Hedge, records.TextContext, records.Attribution, records.HedgeCue):
        for field in attrs.fields(cls):
            shown = f'title="{cls.__module__}.{cls.__name__}.{field.name}">{field.name}<'
            assert shown in api, (cls.__name__, field.name)
    for attribute in ("nlp", "zone_texts", "zone_texts_mp", "warm_strings"):
        assert f'title="claimx.api.Extractor.{attribute}">' in api, attribute
