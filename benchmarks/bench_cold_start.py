"""Cold start: a fresh process doing ``import claimx`` + first extract, against one doing
``spacy.load`` + first parse; wall time and peak RSS of each.

    python benchmarks/bench_cold_start.py [--corpus FILE] [--repeat 3]

Each measurement is a new Python process; it reports its own time since interpreter start
(``time.perf_counter`` from before any import) and its peak RSS (``ru_maxrss``). The parent
also times the whole process, interpreter start-up included. Medians over ``--repeat`` runs,
alternating bare and claimx. Targets: claimx <= bare + 1.0 s, peak RSS <= bare + 150 MB.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import load_texts, machine, parser  # noqa: E402

CHILD = r"""
import time
t0 = time.perf_counter()
import json, resource, sys
text = sys.stdin.read()
if sys.argv[1] == "claimx":
    import claimx
    t_import = time.perf_counter() - t0
    n = len(claimx.extract(text))
else:
    import spacy
    name = sys.argv[2]  # the model claimx picks, found by the parent
    t_import = time.perf_counter() - t0
    nlp = spacy.load(name)
    n = len(nlp(text))
total = time.perf_counter() - t0
print(json.dumps({"import": t_import, "total": total, "n": n,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_child(kind: str, text: str, model: str) -> dict:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, kind, model], input=text,
                         capture_output=True,
                         text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - start
    return result


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--doc", type=int, default=0, help="index of the corpus text to extract")
    args = p.parse_args()
    from claimx.model import default_model_name

    text = load_texts(args.corpus)[args.doc]
    model = default_model_name()
    print(machine())
    print(f"first text: {len(text)} characters, {len(text.split())} words; "
          f"{args.repeat} runs each; model {model}", flush=True)
    runs: dict[str, list[dict]] = {"bare": [], "claimx": []}
    run_child("bare", text, model)  # warm the OS file cache: both sides then read from memory
    for _ in range(args.repeat):
        for kind in ("bare", "claimx"):
            runs[kind].append(run_child(kind, text, model))

    def med(kind: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[kind])

    for kind, label in (("bare", "spacy.load + first parse"),
                        ("claimx", "import claimx + first extract")):
        print(f"{label:<32} in-process {med(kind, 'total'):5.2f} s, whole process "
              f"{med(kind, 'wall'):5.2f} s, peak RSS {med(kind, 'maxrss_mb'):6.0f} MB")
    dt_ = med("claimx", "wall") - med("bare", "wall")
    drss = med("claimx", "maxrss_mb") - med("bare", "maxrss_mb")
    print(f"import claimx alone: {med('claimx', 'import'):.2f} s")
    print(f"claimx - bare: {dt_:+.2f} s (target <= +1.0 s), peak RSS {drss:+.0f} MB "
          f"(target <= +150 MB)")


if __name__ == "__main__":
    main()
