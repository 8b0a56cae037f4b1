"""Growth, not wall time: every text shape costs about 4x on 16 kB what it costs on 4 kB.

A stage that is quadratic in the length of a sentence or of the document gives a ratio of
16 or more on these shapes; the test fails above 8. Times are CPU times of this process
(the small text's best of two runs), so other work on the machine counts little. Marked
``slow`` (about 2 s a shape); the default run of the suite includes it.
"""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from shapes import SHAPES, best_cpu_seconds  # noqa: E402

SMALL, LARGE = 4_000, 16_000
MAX_RATIO = 8.0


@pytest.mark.slow
@pytest.mark.parametrize("shape", list(SHAPES))
def test_run_time_grows_linearly(extractor, shape):
    make = SHAPES[shape]
    small, large = make(SMALL), make(LARGE)
    assert abs(len(small) - SMALL) < 200 and abs(len(large) - LARGE) < 200
    extractor.extract(make(1_000))  # warm the tokenizer cache on the shape's words
    # the best of two runs on each side: one slow run (a collection, a busy core) must not
    # pass for a quadratic stage, which would take about 16 times as long
    ratio = best_cpu_seconds(extractor, large, 2) / max(best_cpu_seconds(extractor, small, 2), 1e-3)
    assert ratio <= MAX_RATIO, f"{shape}: 16 kB takes {ratio:.1f}x the time of 4 kB"
