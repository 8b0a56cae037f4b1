"""Every ```python block of README.md runs, in order, from the repository root."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)

#: CI runs these two commands itself; the README must keep them as they are
FIRST_BASH = ('pip install . && claimx examples/bakhmut-2023-03-13.txt --format jsonl\n'
              'pip install ".[test]" && python -m pytest\n')


def _blocks(language):
    return [body for lang, body in FENCE.findall(README) if lang == language]


def test_first_bash_block_is_unchanged():
    assert _blocks("bash")[0] == FIRST_BASH


def test_python_blocks_run(monkeypatch, capsys):
    blocks = _blocks("python")
    assert len(blocks) >= 4
    monkeypatch.chdir(ROOT)
    namespace: dict = {"__name__": "__readme__"}
    for number, code in enumerate(blocks, 1):
        try:
            exec(compile(code, f"README.md python block {number}", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message names the block
            raise AssertionError(f"README python block {number} failed: {exc!r}\n{code}") from exc
    out = capsys.readouterr().out
    assert "Volodymyr Zelensky" in out
    assert '"@type": "Claim"' in out
