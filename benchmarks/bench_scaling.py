"""Cost per character of ``extract`` for texts of 1 kB, 20 kB, 200 kB and 2 MB.

    python benchmarks/bench_scaling.py [--corpus FILE] [--sizes 1000,20000,200000,2000000]

Texts are corpus articles joined by blank lines and cut at a space to the size; small sizes
are run several times, each time on a different text. Texts over claimx's chunk size
(``claimx.chunking.CHUNK_CHARS``) are processed in chunks; every offset of every result is
checked against the text. Target: 2 MB within 1.5x of 20 kB per character.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import load_texts, machine, parser  # noqa: E402


def build(texts: list[str], size: int, first: int = 0) -> str:
    """Articles from ``texts[first]`` on, joined by blank lines and cut to ``size``."""
    parts, total, i = [], 0, first
    while total < size:
        parts.append(texts[i % len(texts)])
        total += len(parts[-1]) + 2
        i += 1
    text = "\n\n".join(parts)[:size]
    cut = text.rfind(" ", 0, size)
    return text[:cut] if cut > size // 2 else text


def offsets_ok(text: str, claims) -> int:
    """Number of spans checked; raises AssertionError at the first one that is off."""
    n = 0

    def check(obj) -> None:
        nonlocal n
        s, e = obj["span"]
        assert 0 <= s <= e <= len(text) and text[s:e] == obj["text"], obj
        n += 1

    for claim in claims:
        d = claim.to_dict()
        check(d)
        s, e = d["sentence"]
        assert 0 <= s <= d["span"][0] <= d["span"][1] <= e <= len(text)
        for key in ("speaker", "cue", "time"):
            if d[key]:
                check(d[key])
        for key in ("quantities", "hedges"):
            for item in d[key]:
                check(item)
    return n


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,20000,200000,2000000")
    p.add_argument("--min-seconds", type=float, default=5.0,
                   help="repeat small texts until this much time is measured")
    args = p.parse_args()

    import claimx
    from claimx.chunking import CHUNK_CHARS

    texts = load_texts(args.corpus)
    ex = claimx.load()
    print(machine())
    print(f"chunk size {CHUNK_CHARS} characters; spaCy max_length {ex.nlp.max_length}",
          flush=True)
    # warm-up: one pass over the corpus, so that every size meets the same caches; each run
    # below then takes a different text (starting at a different article), so no run gains
    # from repeating the one before it
    list(ex.pipe(texts))
    rows = {}
    for size in (int(s) for s in args.sizes.split(",")):
        runs, secs, checked, n_claims, n_chars = 0, 0.0, 0, 0, 0
        while secs < args.min_seconds or runs == 0:
            text = build(texts, size, first=(runs * 7) % len(texts))
            start = time.perf_counter()
            claims = ex.extract(text)
            secs += time.perf_counter() - start
            runs += 1
            n_chars += len(text)
            n_claims += len(claims)
            checked += offsets_ok(text, claims)
        per_run = secs / runs
        rows[size] = secs / n_chars
        print(f"{n_chars // runs:>9} chars  {per_run:8.2f} s/text  {1e6 * rows[size]:7.1f} "
              f"us/char  {n_claims // runs:5d} claims/text  {checked:6d} spans checked exact  "
              f"({runs} runs, different texts)", flush=True)
    if 20000 in rows and 2000000 in rows:
        print(f"per-character cost 2 MB / 20 kB: {rows[2000000] / rows[20000]:.2f} "
              f"(target <= 1.5)")


if __name__ == "__main__":
    main()
