"""The one loader of claimx's rule files (``claimx/data/*.json`` and ``*.jsonl``).

Every rule file ships with claimx, and a user may give a file of their own for any of them
(through a component's ``rules`` config, ``{"hedge_cues.jsonl": "my_cues.jsonl"}``). One
merge rule applies to all of them:

- a JSON file holds an object. The user's object *extends* the bundled one key by key:
  objects are merged the same way, lists get the user's new items appended, and any other
  value is replaced. With ``"replace": true`` among its keys, the user's object *replaces*
  the bundled one instead;
- a JSONL file holds one rule a line. The user's rules are appended to the bundled ones,
  unless its first line is ``{"replace": true}``: then they replace them.

A user file may use only the keys the bundled file uses (for JSONL, the keys of its rules):
an unknown key, a misspelling say, raises `RuleFileError` naming the file and the
key; a replacing object must give every key of the bundled one. Keys starting with ``_``
and ``about`` hold documentation and are allowed anywhere.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Union

DATA_DIR = Path(__file__).resolve().parent / "data"

PathLike = Union[str, Path]
#: a user's rules for one file: a path to a file, or the content itself
Overlay = Union[PathLike, Mapping[str, Any], list[Any], None]
#: the key that makes a user file replace the bundled one
REPLACE = "replace"


class RuleFileError(ValueError):
    """A rule file that cannot be read, is not valid JSON, or holds an unknown key."""


def bundled_files() -> tuple[str, ...]:
    """The names of every bundled rule file."""
    return tuple(sorted(p.name for p in DATA_DIR.iterdir()
                        if p.suffix in (".json", ".jsonl")))


def _is_doc_key(key: str) -> bool:
    return key.startswith("_") or key == "about"


@lru_cache(maxsize=128)
def _read_file(path: str) -> Any:
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleFileError(f"claimx could not read the rule file {path!r}: {exc}") from exc
    try:
        if p.suffix == ".jsonl":
            return [json.loads(line) for line in raw.splitlines() if line.strip()]
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise RuleFileError(f"claimx rule file {path!r} is not valid JSON: {exc}") from exc


def _content(overlay: Overlay) -> tuple[Any, str]:
    """The content of a user overlay and how to name it in an error."""
    if isinstance(overlay, (str, Path)):
        return _read_file(str(Path(overlay))), str(overlay)
    return overlay, "the given rules"


def _check_table(user: Any, base: Mapping[str, Any], where: str) -> None:
    if not isinstance(user, Mapping):
        raise RuleFileError(f"{where}: expected a JSON object, not {type(user).__name__}")
    for key in user:
        if key != REPLACE and key not in base and not _is_doc_key(key):
            known = ", ".join(sorted(k for k in base if not _is_doc_key(k)))
            raise RuleFileError(f"{where}: unknown key {key!r} (known keys: {known})")


def _check_rows(user: Any, base: list[Any], where: str) -> list[Any]:
    if not isinstance(user, list) or not all(isinstance(row, Mapping) for row in user):
        raise RuleFileError(f"{where}: expected JSON lines, one object a line")
    known = {key for row in base for key in row}
    for n, row in enumerate(user, 1):
        for key in row:
            if key not in known and not _is_doc_key(key) and not (n == 1 and key == REPLACE):
                raise RuleFileError(f"{where}: line {n}: unknown key {key!r} "
                                    f"(known keys: {', '.join(sorted(known))})")
    return user


def merge(base: Any, extra: Any) -> Any:
    """``extra`` merged over ``base`` by the one merge rule (see the module docstring)."""
    if isinstance(base, Mapping) and isinstance(extra, Mapping):
        if extra.get(REPLACE) is True:
            return {k: v for k, v in extra.items() if k != REPLACE}
        out = dict(base)
        for key, value in extra.items():
            out[key] = merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


def extend(base: Any, user: Any, where: str) -> Any:
    """``user`` merged over ``base`` (a table or rows) by the one merge rule, after checking
    that ``user`` has the shape of ``base`` and only its keys; ``where`` names ``user``."""
    if isinstance(base, list):
        rows = _check_rows(user, base, where)
        if rows and rows[0].get(REPLACE) is True:
            return [dict(row) for row in rows[1:]]
        return base + [dict(row) for row in rows]
    _check_table(user, base, where)
    merged = merge(base, user)
    missing = [k for k in base if k not in merged and not _is_doc_key(k)]
    if missing:
        raise RuleFileError(f"{where}: a file that replaces the bundled one must give every "
                            f"key; missing {', '.join(map(repr, missing))}")
    return merged


def load(name: str, overlay: Overlay = None) -> Any:
    """The bundled rule file ``name``, with the user's ``overlay`` (a path or the content
    itself) merged over it. Raises `RuleFileError` for an unknown key."""
    base = _read_file(str(DATA_DIR / name))
    if overlay is None:
        return base
    user, where = _content(overlay)
    return extend(base, user, where)


def read_user_file(path: PathLike) -> Any:
    """The content of a user's JSON or JSONL file (cached; never mutate it)."""
    return _read_file(str(Path(path)))


def load_table(name: str, overlay: Overlay = None) -> dict[str, Any]:
    """A JSON rule file (an object), merged with ``overlay``."""
    table = load(name, overlay)
    if not isinstance(table, dict):
        raise RuleFileError(f"{name}: expected a JSON object")
    return table


def load_rows(name: str, overlay: Overlay = None) -> list[dict[str, Any]]:
    """A JSONL rule file (one rule a line), merged with ``overlay``."""
    rows = load(name, overlay)
    if not isinstance(rows, list):
        raise RuleFileError(f"{name}: expected JSON lines")
    return rows


def check_overlays(overlays: Optional[Mapping[str, Overlay]], allowed: tuple[str, ...],
                   component: str) -> dict[str, Overlay]:
    """A component's ``rules`` config, checked: every name is a rule file it uses."""
    out: dict[str, Overlay] = {}
    for name, overlay in (overlays or {}).items():
        if name not in allowed:
            raise RuleFileError(f"{component}: unknown rule file {name!r}; this component "
                                f"reads {', '.join(allowed)}")
        if overlay is not None:
            out[name] = overlay
    return out
