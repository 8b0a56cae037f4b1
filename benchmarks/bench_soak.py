"""Soak: a long stream through ``extract_many``; resident memory must level off.

    python benchmarks/bench_soak.py [--corpus FILE] [--docs 20000] [--unit paragraph]

Documents cycle through the corpus (by default its paragraphs, so that 20,000 documents run
in minutes; ``--unit article`` uses whole articles), each perturbed so that strings differ:
every number is replaced by a random one and a made-up name is inserted, which is what makes
spaCy's StringStore grow on a stream. RSS is printed every ``--every`` documents, with the
size of the StringStore. Target: RSS growth < 10% between document 2,000 and the last.
``--no-zone`` switches claimx's memory zones off, to show what they prevent.
"""
from __future__ import annotations

import random
import re
import sys
import time
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import load_texts, machine, parser, rss_mb  # noqa: E402

_NUMBER = re.compile(r"\d+")
_SYLLABLES = ("ka", "zor", "vel", "mi", "dra", "quo", "lin", "tesh", "bar", "nov", "ri", "sul")


def stream(units: list[str], n: int, seed: int = 0):
    rng = random.Random(seed)
    for i in range(n):
        text = _NUMBER.sub(lambda m: str(rng.randrange(1, 10 ** len(m.group()))),
                           units[i % len(units)])
        name = "".join(rng.choice(_SYLLABLES) for _ in range(3)).title()
        yield f"{name} {rng.choice(_SYLLABLES).title()}ski said on Monday: {text}"


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--docs", type=int, default=20000)
    p.add_argument("--every", type=int, default=1000)
    p.add_argument("--unit", choices=("paragraph", "article"), default="paragraph")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--n-process", type=int, default=1)
    p.add_argument("--no-zone", action="store_true", help="disable claimx's memory zones")
    p.add_argument("--warm-strings", type=int, default=None,
                   help="set Extractor.warm_strings (the strings kept before zones start)")
    args = p.parse_args()

    import claimx

    texts = load_texts(args.corpus)
    if args.unit == "paragraph":
        units = [p.strip() for t in texts for p in re.split(r"\n\s*\n", t)
                 if len(p.split()) >= 8]
    else:
        units = texts
    ex = claimx.load()
    if args.no_zone:
        ex._zone = nullcontext
    if args.warm_strings is not None:
        ex.warm_strings = args.warm_strings
    print(machine())
    print(f"{args.docs} documents cycling {len(units)} corpus {args.unit}s "
          f"(mean {sum(map(len, units)) / len(units):.0f} characters), perturbed; "
          f"memory zones {'OFF' if args.no_zone else 'on'} (warm_strings={ex.warm_strings}); "
          f"n_process={args.n_process}",
          flush=True)
    print(f"{'docs':>6}  {'RSS MB':>7}  {'strings':>8}  {'claims':>7}  {'seconds':>7}",
          flush=True)
    start = time.perf_counter()
    base = rss_mb()
    print(f"{0:>6}  {base:7.0f}  {len(ex.nlp.vocab.strings):>8}  {0:>7}  {0.0:7.0f}",
          flush=True)
    marks = {}
    claims = 0
    for i, found in enumerate(ex.pipe(stream(units, args.docs), batch_size=args.batch_size,
                                      n_process=args.n_process), 1):
        claims += len(found)
        if i % args.every == 0 or i == args.docs:
            marks[i] = rss_mb()
            print(f"{i:>6}  {marks[i]:7.0f}  {len(ex.nlp.vocab.strings):>8}  {claims:>7}  "
                  f"{time.perf_counter() - start:7.0f}", flush=True)
    first = 2000 if 2000 in marks else min(marks)
    last = max(marks)
    growth = 100 * (marks[last] - marks[first]) / marks[first]
    print(f"RSS growth from doc {first} to doc {last}: {marks[first]:.0f} -> {marks[last]:.0f} "
          f"MB = {growth:+.1f}% (target < 10%)")


if __name__ == "__main__":
    main()
