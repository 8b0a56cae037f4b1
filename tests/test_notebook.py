"""examples/quickstart.ipynb runs end to end in a real Jupyter kernel."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "examples" / "quickstart.ipynb"

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")


@pytest.fixture(scope="module")
def executed(tmp_path_factory, monkeypatch_module):
    """The notebook, executed with a kernel that runs this very interpreter."""
    spec_dir = tmp_path_factory.mktemp("jupyter") / "kernels" / "claimx-test"
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": f"claimx test ({sys.executable})", "language": "python"}))
    monkeypatch_module.setenv("JUPYTER_PATH", str(spec_dir.parent.parent))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="claimx-test", timeout=300,
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    return nb


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def _outputs(nb, needle):
    cell = next(c for c in nb.cells if c.cell_type == "code" and needle in c.source)
    return cell.outputs


def test_notebook_has_no_errors(executed):
    for cell in executed.cells:
        if cell.cell_type == "code":
            assert all(o.output_type != "error" for o in cell.outputs), cell.source


def test_claims_show_as_html(executed):
    html = [o for o in _outputs(executed, "render_claims") if "text/html" in o.get("data", {})]
    assert len(html) == 1 and "claimx-table" in html[0]["data"]["text/html"]
    card = _outputs(executed, "Zelensky\")\nzelensky")[0]["data"]["text/html"]
    assert "Volodymyr Zelensky" in card


def test_article_is_rendered_once(executed):
    outputs = _outputs(executed, "claimx.render(text)")
    html = [o for o in outputs if "text/html" in o.get("data", {})]
    assert len(html) == 1, [o.get("data", {}).keys() for o in outputs]
    assert "QUANTITY" in html[0]["data"]["text/html"]
    assert all("text/plain" not in o.get("data", {}) or "text/html" in o.get("data", {})
               for o in outputs)


def test_frame_is_shown(executed):
    outputs = _outputs(executed, "to_frame")
    assert any("speaker" in o.get("data", {}).get("text/html", "") for o in outputs)
