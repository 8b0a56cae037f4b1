"""Every code block of docs/ either runs here or says it is not Python.

Each page's ```python blocks run in order in one namespace, in a scratch directory that holds
the example articles (as ``examples/...`` and beside the page's own files), so the examples
run as written on a claimx-only install. Blocks that must not run (shell commands,
configuration, output) carry another language; a fence without a language fails.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.S | re.M)
#: optional libraries a page may need; without them the page is skipped, saying which
OPTIONAL = {"pandas", "jsonschema", "dask", "distributed"}


def _blocks(page: Path) -> list[tuple[str, str]]:
    return FENCE.findall(page.read_text(encoding="utf-8"))


PAGES = sorted(DOCS.glob("*.md"))
RUNNABLE = [p for p in PAGES if any(lang == "python" for lang, _ in _blocks(p))]


def test_every_fence_names_its_language():
    unnamed = [p.name for p in PAGES for lang, _ in _blocks(p) if not lang]
    assert not unnamed, f"code blocks without a language in {unnamed}"


def test_the_pages_with_python_are_found():
    assert {"index.md", "claims.md", "pipeline.md", "notebooks.md", "dask.md"} <= \
        {p.name for p in RUNNABLE}


@pytest.mark.parametrize("page", RUNNABLE, ids=lambda p: p.name)
def test_python_blocks_run(page, tmp_path, monkeypatch):
    (tmp_path / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    for article in (ROOT / "examples").glob("*.txt"):
        (tmp_path / article.name).symlink_to(article)
    monkeypatch.chdir(tmp_path)
    if page.name == "dask.md":
        dask = pytest.importorskip("dask")
        monkeypatch.setitem(dask.config.config, "scheduler", "synchronous")
    namespace: dict = {"__name__": f"__docs_{page.stem}__"}
    blocks = [code for lang, code in _blocks(page) if lang == "python"]
    for number, code in enumerate(blocks, 1):
        try:
            exec(compile(code, f"docs/{page.name} python block {number}", "exec"), namespace)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.split(".")[0] in OPTIONAL:
                pytest.skip(f"docs/{page.name} needs {exc.name}")
            raise
        except Exception as exc:  # the message names the page and the block
            raise AssertionError(
                f"docs/{page.name} python block {number} failed: {exc!r}\n{code}") from exc


def test_docstrings_use_no_sphinx_roles():
    """mkdocstrings shows ``:meth:`x``` literally: docstrings name objects in backticks."""
    import ast

    roles = re.compile(r":(meth|attr|func|class|data|mod|exc|obj):`")
    found = []
    for path in sorted((ROOT / "src" / "claimx").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                 ast.AsyncFunctionDef)):
                doc = ast.get_docstring(node) or ""
                if roles.search(doc):
                    found.append(f"{path.relative_to(ROOT)}:{getattr(node, 'name', '')}")
    assert not found, found
