"""Loading rule files (JSON and JSONL) bundled under ``claimx/data`` or given by the user."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Union

DATA_DIR = Path(__file__).resolve().parent / "data"

PathLike = Union[str, Path]


def data_path(name: str) -> Path:
    """The path of a bundled data file."""
    return DATA_DIR / name


@lru_cache(maxsize=64)
def _read(path: str) -> Any:
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"claimx could not read the rule file {path!r}: {exc}") from exc
    try:
        if p.suffix == ".jsonl":
            return [json.loads(line) for line in raw.splitlines() if line.strip()]
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"claimx rule file {path!r} is not valid JSON: {exc}") from exc


def load_rows(name: str, extra: Optional[PathLike] = None) -> list[dict[str, Any]]:
    """Rows of a bundled JSONL file, followed by the rows of a user file when given."""
    rows = list(_read(str(data_path(name))))
    if extra:
        more = _read(str(Path(extra)))
        if not isinstance(more, list):
            raise ValueError(f"{extra}: expected JSON lines (one object a line)")
        rows.extend(more)
    return rows


def load_table(name: str) -> dict[str, Any]:
    """A bundled JSON object."""
    return dict(_read(str(data_path(name))))
