"""Dask with 2 worker processes against serial ``Extractor.pipe`` on the same articles.

    python benchmarks/bench_dask.py [--corpus FILE] [--articles 1000] [--workers 2]

The corpus is cycled to ``--articles`` texts. The cluster is started and each worker's model
loaded (a warm-up task) before the clock starts, as in a long-running job. Target >= 1.6x.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import load_texts, machine, parser, words  # noqa: E402


def _warm_worker(text: str) -> int:
    """Load this worker's Extractor and run it once (lazy helpers initialised)."""
    from claimx.distributed import worker_extractor

    return len(worker_extractor().extract(text))


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--partitions", type=int, default=None,
                   help="bag partitions (default: 8 per worker)")
    args = p.parse_args()

    import dask.bag as db
    from distributed import Client, LocalCluster

    import claimx
    from claimx.distributed import extract_bag

    corpus = load_texts(args.corpus)
    texts = [corpus[i % len(corpus)] for i in range(args.articles)]
    n_words = words(texts)
    print(machine())
    print(f"{len(texts)} articles ({n_words} words)", flush=True)

    ex = claimx.load()
    list(ex.pipe(corpus[:3]))
    start = time.perf_counter()
    serial = [[c.to_dict() for c in found] for found in ex.pipe(texts)]
    t_serial = time.perf_counter() - start
    print(f"serial Extractor.pipe: {t_serial:7.1f} s  {len(texts) / t_serial:6.2f} docs/s  "
          f"{n_words / t_serial:7.0f} words/s", flush=True)
    del ex

    partitions = args.partitions or 8 * args.workers
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        # load the model in every worker, and run it once, before timing
        client.run(_warm_worker, corpus[0])
        start = time.perf_counter()
        got = extract_bag(db.from_sequence(texts, npartitions=partitions)).compute()
        t_dask = time.perf_counter() - start
    print(f"dask {args.workers} workers, {partitions} partitions: {t_dask:7.1f} s  "
          f"{len(texts) / t_dask:6.2f} docs/s  {n_words / t_dask:7.0f} words/s", flush=True)
    print(f"speed-up: {t_serial / t_dask:.2f}x (target >= 1.6); results equal serial: "
          f"{got == serial}")


if __name__ == "__main__":
    main()
