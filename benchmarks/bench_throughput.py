"""Throughput of claimx against the bare spaCy pipeline of the same model, same texts, same run.

    python benchmarks/bench_throughput.py [--corpus FILE] [--limit N] [--batch-size 64]

Prints words/s and docs/s of ``nlp.pipe`` (bare model) and ``Extractor.pipe`` (claimx) in
alternating rounds, their ratio (target >= 0.85) on the best round of each, and
``claimx.extract_many`` with ``n_process`` 1 and 2.
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


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--limit", type=int, default=None, help="only the first N texts")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--skip-mp", action="store_true", help="skip the n_process=2 runs")
    p.add_argument("--mp-only", action="store_true", help="only the n_process=2 runs")
    p.add_argument("--rounds", type=int, default=2,
                   help="alternating bare/claimx rounds; the best of each is compared")
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
    # warm-up: lazy initialisation (quantulum3, dateparser, tokenizer caches) off the clock
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
    # Rounds alternate bare and claimx so that both see the same machine; the first round
    # starts from cold vocabularies and caches. The ratio is taken on the best round of each.
    bare_times, claimx_times = [], []
    for r in range(1, args.rounds + 1):
        bare_times.append(timed(f"round {r}: spaCy nlp.pipe (bare model)",
                                lambda: [d for d in bare.pipe(texts, batch_size=bs)],
                                n_docs, n_words))
        claimx_times.append(timed(f"round {r}: claimx Extractor.pipe",
                                  lambda: list(ex.pipe(texts, batch_size=bs)), n_docs, n_words))
        print(f"round {r}: ratio claimx/bare {bare_times[-1] / claimx_times[-1]:.2f}", flush=True)
    t_bare, t_claimx = min(bare_times), min(claimx_times)
    print(f"best round: bare {t_bare:.1f} s ({n_words / t_bare:.0f} words/s), claimx "
          f"{t_claimx:.1f} s ({n_words / t_claimx:.0f} words/s)")
    print(f"ratio claimx/bare throughput: {t_bare / t_claimx:.2f} (target >= 0.85)", flush=True)
    timed("claimx.extract_many(n_process=1)",
          lambda: list(claimx.extract_many(texts, batch_size=bs, n_process=1)), n_docs, n_words)
    if not args.skip_mp:
        t_mp = two_processes()
        print(f"speed-up of n_process=2 over Extractor.pipe: {t_claimx / t_mp:.2f}x")

if __name__ == "__main__":
    main()
