"""Time spent in each pipeline component (spaCy's and claimx's) over the corpus.

    python benchmarks/bench_stages.py [--corpus FILE] [--limit N]

Each component runs over all documents in turn (batched ``pipe`` where the component has
one), so the per-stage figures add up to the whole pipeline.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import load_texts, machine, parser, words  # noqa: E402


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--limit", type=int, default=None, help="only the first N texts")
    p.add_argument("--batch-size", type=int, default=64)
    args = p.parse_args()

    import claimx

    texts = load_texts(args.corpus)[: args.limit]
    ex = claimx.load()
    nlp = ex.nlp
    n_words = words(texts)
    print(machine())
    print(f"{len(texts)} texts, {n_words} words, pipeline {nlp.pipe_names}")
    # warm-up: first calls of lazily initialised helpers (quantulum3, dateparser) off the clock
    ex.extract(texts[0])

    timings = {}
    start = time.perf_counter()
    t0 = time.perf_counter()
    docs = [ex._make_doc(t, ex._context(t, None)) for t in texts]
    timings["tokenizer (make_doc)"] = time.perf_counter() - t0
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=args.batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        timings[name] = time.perf_counter() - t0
    total = time.perf_counter() - start

    width = max(map(len, timings))
    print(f"{'stage':<{width}}  {'seconds':>8}  {'share':>6}  {'ms/doc':>7}  {'us/word':>8}")
    for name, secs in timings.items():
        print(f"{name:<{width}}  {secs:8.2f}  {100 * secs / total:5.1f}%  "
              f"{1000 * secs / len(texts):7.2f}  {1e6 * secs / n_words:8.1f}")
    spacy_s = sum(s for n, s in timings.items() if not n.startswith("claimx"))
    claimx_s = total - spacy_s
    print(f"{'total':<{width}}  {total:8.2f}  100.0%")
    print(f"spaCy components: {spacy_s:.2f} s; claimx components: {claimx_s:.2f} s "
          f"({100 * claimx_s / total:.1f}% of the pipeline)")


if __name__ == "__main__":
    main()
