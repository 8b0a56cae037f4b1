"""Shared fixtures: one real English pipeline per test session."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"

#: skip marker for tests that read the project's shared evaluation data (``../shared``),
#: which a clean clone does not have; CI, where it exists, still runs them.
needs_shared = pytest.mark.skipif(
    not (SHARED / "eval").is_dir(),
    reason=f"needs the shared evaluation data at {SHARED} (absent in a clean clone)",
)


@pytest.fixture(scope="session")
def bare_nlp():
    """The default English spaCy pipeline, without claimx components."""
    from claimx.model import load_language

    return load_language(None)


@pytest.fixture(scope="session")
def extractor():
    """The claimx Extractor, loaded once for the whole session."""
    import claimx

    return claimx.load()


@pytest.fixture(scope="session")
def seed_0313() -> str:
    return (EXAMPLES / "bakhmut-2023-03-13.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_0306() -> str:
    return (EXAMPLES / "bakhmut-2023-03-06.txt").read_text(encoding="utf-8")


@pytest.fixture
def ref_date() -> dt.date:
    return dt.date(2023, 3, 13)
