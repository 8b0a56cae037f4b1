"""Synthetic text shapes that real pipelines feed in, built to any size.

Ordinary news is made of the bundled ``examples/`` articles; every other shape is made
from their words (or from made-up rows), so nothing depends on data outside the
repository. Used by ``bench_shapes.py`` and ``tests/test_shapes.py``.
"""
from __future__ import annotations

import random
import re
import time
from pathlib import Path
from typing import Any, Callable

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _articles() -> list[str]:
    """The example articles without their ``date`` header line."""
    out = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip()
        first, _, rest = text.partition("\n")
        out.append(rest.strip() if first.strip().startswith("date ") else text)
    return out


def _words() -> list[str]:
    """Every word of the example articles, without punctuation, in text order."""
    return re.findall(r"[A-Za-z]+", " ".join(_articles()))


def _fill(piece: Callable[[int], str], size: int, sep: str = " ") -> str:
    """``piece(0) + sep + piece(1) + ...`` until ``size`` characters, cut at a separator."""
    parts, total, i = [], 0, 0
    while total < size:
        parts.append(piece(i))
        total += len(parts[-1]) + len(sep)
        i += 1
    text = sep.join(parts)
    if len(text) > size:
        cut = text.rfind(sep, 0, size)
        text = text[:cut] if cut > 0 else text[:size]
    return text


def news(size: int) -> str:
    """Ordinary news: the example articles, repeated, paragraphs kept."""
    articles = _articles()
    return _fill(lambda i: articles[i % len(articles)], size, "\n\n")


def no_punctuation(size: int) -> str:
    """News words with every sentence mark and line break taken out."""
    words = _words()
    return _fill(lambda i: words[i % len(words)], size)


def numbers_no_punctuation(size: int) -> str:
    """Words and numbers with no punctuation, like a pasted listing of results."""
    rng = random.Random(7)
    words = _words()
    return _fill(lambda i: f"{words[i % len(words)]} {rng.randint(0, 999)} "
                           f"{rng.randint(1, 99)}", size)


def one_sentence(size: int) -> str:
    """One long sentence: news clauses joined by commas and 'and', one full stop."""
    words = _words()
    body = _fill(lambda i: " ".join(words[(i * 9) % len(words):(i * 9) % len(words) + 9])
                 + (", and" if i % 2 else ","), size - 1)
    return body.rstrip(",") + "."


def giant_quotation(size: int) -> str:
    """One quotation holding all the text, then its attribution."""
    tail = "\u201d the minister said on Monday."
    return "\u201c" + news(size - len(tail) - 1).replace("\n\n", " ") + tail


def deep_brackets(size: int) -> str:
    """Brackets nested ever deeper, each level a few words and a number."""
    words = _words()
    parts: list[str] = []
    total = 0
    while total < size:
        i = len(parts)
        parts.append(f"({words[i % len(words)]} {words[(i + 3) % len(words)]} {i * 3 % 1000} ")
        total += len(parts[-1]) + 1  # the level's closing bracket
    return "".join(parts).rstrip() + ")" * len(parts)


def numeric_table(size: int) -> str:
    """Rows of a table: a name and numeric columns with separators and per cents."""
    rng = random.Random(11)
    words = _words()
    return _fill(lambda i: f"{words[i % len(words)].title()}\t{rng.randint(1, 99999):,}\t"
                           f"{rng.randint(0, 999) / 10}%\t{rng.randint(-50, 50)}", size, "\n")


def hedge_repeated(size: int) -> str:
    """One hedge cue repeated with nothing between."""
    return _fill(lambda i: "reportedly", size)


def reporting_verb_repeated(size: int) -> str:
    """One reporting verb repeated with nothing between."""
    return _fill(lambda i: "said", size)


def hedged_claims_no_punctuation(size: int) -> str:
    """Claims each followed by a hedge that points back at them, with no sentence marks."""
    return _fill(lambda i: f"the officials said {i % 90 + 10} people were hurt and these "
                           "figures could not be independently verified", size)


def short_lines(size: int) -> str:
    """Many short lines, a word and a number each."""
    words = _words()
    return _fill(lambda i: f"{words[i % len(words)]} {i % 100}", size, "\n")


#: every shape by name, ordinary news first
SHAPES: dict[str, Callable[[int], str]] = {
    "ordinary news": news,
    "no sentence punctuation": no_punctuation,
    "numbers, no punctuation": numbers_no_punctuation,
    "one long sentence": one_sentence,
    "one giant quotation": giant_quotation,
    "deep brackets": deep_brackets,
    "numeric table": numeric_table,
    "hedge cue repeated": hedge_repeated,
    "reporting verb repeated": reporting_verb_repeated,
    "hedged claims, no punctuation": hedged_claims_no_punctuation,
    "short lines": short_lines,
}


def best_cpu_seconds(extractor: Any, text: str, runs: int) -> float:
    """Best process time of ``extractor.extract(text)`` over ``runs`` runs."""
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        extractor.extract(text)
        best = min(best, time.process_time() - t0)
    return best
