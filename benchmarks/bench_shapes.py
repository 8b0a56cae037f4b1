"""Seconds per 10 kB on hard text shapes, against ordinary news of the same size.

    python benchmarks/bench_shapes.py [--size 50000] [--repeat 3] [--shapes NAME,...]

Every shape (see ``shapes.py``: no sentence punctuation, numbers with no punctuation, one
long sentence, one giant quotation, deep brackets, a numeric table, a hedge cue repeated,
a reporting verb repeated, claims each hedged by "these figures could not be verified"
with no punctuation, short lines) is built synthetically from the bundled
``examples/`` articles at ``--size`` characters; "short lines" is built at 10,000 lines
whatever the size, and compared with news of its own size. For each shape the table gives

- ``total``: CPU time of ``Extractor.extract`` per 10 kB (best of ``--repeat`` runs), and
  its ratio to ordinary news of the same size, timed in turn with the shape (so that a
  machine whose speed drifts affects both alike);
- ``claimx``: the CPU time of the claimx stages alone per 10 kB (each pipeline component
  timed on the same chunks ``extract`` uses), and its ratio to news.

CPU time (``time.process_time``) rather than wall time: other work on the machine counts
little.

Target: every shape within 3x of ordinary news per 10 kB.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine  # noqa: E402
from shapes import SHAPES, best_cpu_seconds, news, short_lines  # noqa: E402

#: "10,000 short lines": the short-lines shape is built to this many lines
SHORT_LINES = 10_000


def build(name: str, size: int) -> str:
    """The text of one shape at ``size`` characters (short lines: 10,000 lines)."""
    if name == "short lines":
        text = short_lines(size)
        per_line = len(text) / (text.count("\n") + 1)
        text = short_lines(int(per_line * SHORT_LINES * 1.02))
        return "\n".join(text.split("\n")[:SHORT_LINES])
    return SHAPES[name](size)


def time_extract(ex, text: str, repeat: int) -> float:
    """Best process time of ``ex.extract(text)`` over ``repeat`` runs."""
    return best_cpu_seconds(ex, text, repeat)


def time_stages(ex, text: str, repeat: int) -> float:
    """Best time of the claimx components alone, run on the chunks ``extract`` uses."""
    from claimx.chunking import chunk_text

    best = float("inf")
    for _ in range(repeat):
        spent = 0.0
        for _, chunk in chunk_text(text, ex.nlp.max_length):
            doc = ex._make_doc(chunk, ex._context(chunk, None))
            for name, proc in ex.nlp.pipeline:
                t0 = time.process_time()
                doc = proc(doc)
                if name.startswith("claimx"):
                    spent += time.process_time() - t0
        best = min(best, spent)
    return best


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=50_000, help="characters per shape")
    p.add_argument("--repeat", type=int, default=3, help="runs per figure (best is kept)")
    p.add_argument("--shapes", default="", help="comma-separated shape names (default: all)")
    args = p.parse_args(argv)
    import claimx

    ex = claimx.load()
    ex.extract(news(5000))  # warm-up
    names = [n for n in args.shapes.split(",") if n] or list(SHAPES)
    print(machine())
    print(f"{'shape':30s} {'kB':>6s} {'total s/10kB':>13s} {'x news':>7s} "
          f"{'claimx s/10kB':>14s} {'x news':>7s}")
    worst = 0.0
    for name in ["ordinary news"] + [n for n in names if n != "ordinary news"]:
        text = build(name, args.size)
        size = len(text)
        ref = news(round(size / 5000) * 5000 or size)  # news of about the same size
        totals, stages = [float("inf")] * 2, [float("inf")] * 2
        for _ in range(args.repeat):  # news and shape in turn
            for k, sample in enumerate((ref, text)):
                totals[k] = min(totals[k], time_extract(ex, sample, 1) / len(sample) * 1e4)
                stages[k] = min(stages[k], time_stages(ex, sample, 1) / len(sample) * 1e4)
        ratio, stage_ratio = totals[1] / totals[0], stages[1] / stages[0]
        worst = max(worst, ratio)
        print(f"{name:30s} {size / 1000:6.1f} {totals[1]:13.3f} {ratio:7.2f} "
              f"{stages[1]:14.4f} {stage_ratio:7.2f}", flush=True)
    print(f"worst total ratio: {worst:.2f} (target: within 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
