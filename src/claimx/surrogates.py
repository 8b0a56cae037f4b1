"""Lone surrogates: text that Python holds but that cannot be encoded (spaCy cannot take it).

``json.loads`` gives such text from a valid line (``"\\ud83d"`` alone). claimx reads it with
each lone surrogate replaced by U+FFFD, one character for one, so every offset stays exact;
the ``text`` of every result is then taken back from the text as given, so that
``text[start:end] == result.text`` still holds.
"""
from __future__ import annotations

import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def replace_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (the same length)."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub(REPLACEMENT, text)
    return text


def restore_texts(record: Any, text: str) -> Any:
    """A copy of a result record whose every ``text`` with a ``span`` is read from ``text``."""
    if isinstance(record, dict):
        out = {key: restore_texts(value, text) for key, value in record.items()}
        span = record.get("span")
        if isinstance(record.get("text"), str) and isinstance(span, (list, tuple)) \
                and len(span) == 2:
            out["text"] = text[span[0]:span[1]]
        return out
    if isinstance(record, list):
        return [restore_texts(item, text) for item in record]
    return record
