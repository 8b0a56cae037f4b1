"""Throughput of claimx against the bare spaCy pipeline of the same model, same texts, same run.

    python benchmarks/bench_throughput.py [--corpus FILE] [--limit N] [--batch-size 64]
                                          [--rounds 2] [--slice 16] [--skip-mp] [--mp-only]

1. The ratio (target >= 0.90). On a shared virtual machine the speed of the CPU drifts by 20%
   and more over minutes, so two whole-corpus runs one after the other compare the machine's
   moods as much as the pipelines. Here the corpus is cut into slices of ``--slice`` texts,
   and each slice is run through the bare pipeline and through claimx back to back (the
   order alternating from slice to slice); each pipeline's time is summed over the slices.
   Round 1 starts from cold vocabularies and caches; later rounds are warm. The ratio is
   printed per round and over all rounds.
2. Whole-corpus runs for the absolute figures, words/s and docs/s: bare ``nlp.pipe``,
   ``Extractor.pipe``, and ``claimx.extract_many`` with ``n_process`` 1 and 2 (with the bare
   pipeline at ``n_process=2`` beside it).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import load_texts, machine, parser, words  # noqa: E402


def timed(label: str, run, n_docs: int, n_words: int) -> float:
    start = time.perf_counter()
    run()
    secs = time.perf_counter() - start
    print(f"{label:<42} {secs:8.1f} s  {n_words / secs:8.0f} words/s  {n_docs / secs:6.2f} docs/s",
          flush=True)
    return secs


def interleaved(bare, ex, texts: list[str], rounds: int, size: int) -> None:
    """Slices of the corpus through both pipelines back to back; prints the ratios."""
    slices = [texts[i:i + size] for i in range(0, len(texts), size)]
    all_bare = all_claimx = 0.0
    for r in range(1, rounds + 1):
        t_bare = t_claimx = 0.0
        for k, part in enumerate(slices):
            runs = [("bare", lambda p=part: [d for d in bare.pipe(p, batch_size=size)]),
                    ("claimx", lambda p=part: list(ex.pipe(p, batch_size=size)))]
            for name, run in runs if k % 2 == 0 else reversed(runs):
                start = time.perf_counter()
                run()
                secs = time.perf_counter() - start
                if name == "bare":
                    t_bare += secs
                else:
                    t_claimx += secs
        all_bare += t_bare
        all_claimx += t_claimx
        print(f"round {r} ({'cold' if r == 1 else 'warm'}), {len(slices)} slices of {size}: "
              f"bare {t_bare:.1f} s, claimx {t_claimx:.1f} s, ratio claimx/bare "
              f"{t_bare / t_claimx:.2f}", flush=True)
    print(f"ratio claimx/bare throughput, all {rounds} rounds: {all_bare / all_claimx:.2f} "
          f"(target >= 0.90)", flush=True)


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--limit", type=int, default=None, help="only the first N texts")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--rounds", type=int, default=2, help="interleaved rounds for the ratio")
    p.add_argument("--slice", type=int, default=16, help="texts per interleaved slice")
    p.add_argument("--skip-mp", action="store_true", help="skip the n_process=2 runs")
    p.add_argument("--mp-only", action="store_true", help="only the n_process=2 runs")
    args = p.parse_args()

    import claimx
    from claimx.model import load_language

    texts = load_texts(args.corpus)[: args.limit]
    n_docs, n_words = len(texts), words(texts)
    bare = load_language(None)
    ex = claimx.load()
    print(machine())
    print(f"{n_docs} texts, {n_words} words, {sum(map(len, texts))} characters; "
          f"batch_size={args.batch_size}; model {bare.meta['lang']}_{bare.meta['name']} "
          f"{bare.meta['version']}", flush=True)
    # warm-up: lazy initialisation (quantulum3, dateparser) off the clock
    list(bare.pipe(texts[:5]))
    list(ex.pipe(texts[:5]))
    bs = args.batch_size

    def two_processes() -> float:
        """bare and claimx with n_process=2; prints their ratio, returns claimx's time."""
        t_bare2 = timed("spaCy nlp.pipe(n_process=2) (bare model)",
                        lambda: [d for d in bare.pipe(texts, batch_size=bs, n_process=2)],
                        n_docs, n_words)
        t_mp = timed("claimx.extract_many(n_process=2)",
                     lambda: list(claimx.extract_many(texts, batch_size=bs, n_process=2)),
                     n_docs, n_words)
        print(f"ratio claimx/bare with n_process=2: {t_bare2 / t_mp:.2f}", flush=True)
        return t_mp

    if args.mp_only:
        two_processes()
        return
    interleaved(bare, ex, texts, args.rounds, args.slice)
    print("whole-corpus runs (absolute figures; each pipeline warm from the rounds above):")
    timed("spaCy nlp.pipe (bare model)",
          lambda: [d for d in bare.pipe(texts, batch_size=bs)], n_docs, n_words)
    t_claimx = timed("claimx Extractor.pipe", lambda: list(ex.pipe(texts, batch_size=bs)),
                     n_docs, n_words)
    timed("claimx.extract_many(n_process=1)",
          lambda: list(claimx.extract_many(texts, batch_size=bs, n_process=1)), n_docs, n_words)
    if not args.skip_mp:
        t_mp = two_processes()
        print(f"speed-up of n_process=2 over Extractor.pipe: {t_claimx / t_mp:.2f}x")


if __name__ == "__main__":
    main()
