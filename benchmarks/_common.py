"""Helpers shared by the benchmark scripts: the corpus, the machine, and formatting."""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
from pathlib import Path

#: ../shared/corpus/wikinews.jsonl next to the repository
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared/corpus/wikinews.jsonl"


def parser(description: str) -> argparse.ArgumentParser:
    """An argument parser with the ``--corpus`` option every benchmark takes."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                   help="JSON lines file with a 'text' field (default: %(default)s)")
    return p


#: used when the corpus is absent (a checkout without ../shared): the bundled examples
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def load_texts(path: Path) -> list[str]:
    """The non-empty ``text`` fields of a JSON lines corpus; without the corpus file, the
    bundled example articles (with a note on stderr)."""
    if not Path(path).exists():
        print(f"note: {path} not found; using the example articles in {EXAMPLES}",
              file=sys.stderr)
        return [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                text = json.loads(line).get("text") or ""
                if text.strip():
                    texts.append(text)
    if not texts:
        sys.exit(f"no texts in {path}")
    return texts


def words(texts: list[str]) -> int:
    """Whitespace-separated words: the unit of the words/s figures."""
    return sum(len(t.split()) for t in texts)


def machine() -> str:
    """One line describing the machine and the versions the figures were measured with."""
    import spacy

    cpu = platform.processor() or "unknown CPU"
    try:
        info = Path("/proc/cpuinfo").read_text()
        m = re.search(r"^model name\s*:\s*(.+)$", info, re.M)
        if m:
            cpu = m.group(1).strip()
    except OSError:
        pass
    ram = "?"
    try:
        mem = Path("/proc/meminfo").read_text()
        m = re.search(r"^MemTotal:\s*(\d+) kB", mem, re.M)
        if m:
            ram = f"{int(m.group(1)) / 1024 ** 2:.1f} GB"
    except OSError:
        pass
    return (f"nproc={os.cpu_count()}, CPU={cpu}, RAM={ram}, Python {platform.python_version()}, "
            f"spaCy {spacy.__version__}, {platform.system()} {platform.release()}")


def rss_mb() -> float:
    """Resident set size of this process now, in MB (from /proc, else ru_maxrss)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
