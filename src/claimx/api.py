"""The public entry points: load(), Extractor, extract() and extract_many()."""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from .chunking import chunk_text, merge_claims
from .types import Claim

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DateLike = Union[dt.date, dt.datetime, str, None]
ModelLike = Union[str, Path, "Language", None]


def coerce_reference_date(value: DateLike) -> Optional[dt.date]:
    """A ``date``, ``datetime``, ISO ``"YYYY-MM-DD"`` string or None, as a date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]) if len(value.strip()) == 10 \
                else _bad_date(value)
        except ValueError:
            _bad_date(value)
    raise TypeError(
        "reference_date must be a datetime.date, a datetime.datetime, an ISO date string "
        f"'YYYY-MM-DD' or None, not {type(value).__name__}"
    )


def _bad_date(value: str) -> dt.date:
    raise ValueError(
        f"reference_date {value!r} is not an ISO date; give 'YYYY-MM-DD', a datetime.date, "
        "a datetime.datetime or None"
    )


def _check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise TypeError(f"claimx expects text as str, not {type(text).__name__}")
    return text


class Extractor:
    """A loaded spaCy pipeline with the claimx stages; reuse it for many texts."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._lock = threading.Lock()

    # -- single texts ------------------------------------------------------------------
    def parse(self, text: str, reference_date: DateLike = None) -> Doc:
        """Run every component on ``text`` and return the Doc (``doc._.claims`` etc.)."""
        text = _check_text(text)
        ref = coerce_reference_date(reference_date)
        docs = [self._run(chunk, ref) for _, chunk in chunk_text(text, self.nlp.max_length)]
        if len(docs) == 1:
            return docs[0]
        from .chunking import merge_docs

        return merge_docs(self.nlp, docs)

    def extract(self, text: str, reference_date: DateLike = None) -> list[Claim]:
        """The claims of ``text``, in text order."""
        text = _check_text(text)
        ref = coerce_reference_date(reference_date)
        if not text.strip():
            return []
        return next(self._extract_stream([(text, ref)], batch_size=1, n_process=1))

    # -- many texts ----------------------------------------------------------------------
    def pipe(self, texts: Iterable[str], reference_dates: Optional[Iterable[DateLike]] = None,
             batch_size: int = 64, n_process: int = 1) -> Iterator[list[Claim]]:
        """One list of claims per text, in input order, streamed through ``nlp.pipe``."""
        if isinstance(texts, str):
            raise TypeError("extract_many expects an iterable of str, not a single str")
        if reference_dates is None:
            pairs = ((_check_text(t), None) for t in texts)
        else:
            pairs = ((_check_text(t), coerce_reference_date(r))
                     for t, r in zip(texts, reference_dates))
        return self._extract_stream(pairs, batch_size=batch_size, n_process=n_process)

    def _extract_stream(self, pairs, batch_size: int, n_process: int) -> Iterator[list[Claim]]:
        """Split long texts into chunks, run them through nlp.pipe, and reassemble."""
        plan: list[list[int]] = []  # per text: the chunk offsets

        def docs():
            for text, ref in pairs:
                chunks = chunk_text(text, self.nlp.max_length) if text.strip() else []
                plan.append([offset for offset, _ in chunks])
                for _, chunk in chunks:
                    yield self._make_doc(chunk, ref)

        stream = self.nlp.pipe(docs(), batch_size=batch_size, n_process=n_process)
        index = 0
        pending: list[list[dict]] = []
        for doc in stream:
            while index < len(plan) and not plan[index]:
                yield []
                index += 1
            offsets = plan[index]
            pending.append(list((doc._.claimx_store or {}).get("claims", ())))
            if len(pending) == len(offsets):
                yield merge_claims(pending, offsets)
                pending = []
                index += 1
        while index < len(plan):
            yield []
            index += 1

    # -- internals -------------------------------------------------------------------------
    def _make_doc(self, text: str, ref: Optional[dt.date]) -> Doc:
        from .pipeline.store import store

        doc = self.nlp.make_doc(text)
        store(doc)["given_reference_date"] = ref.isoformat() if ref else None
        return doc

    def _run(self, text: str, ref: Optional[dt.date]) -> Doc:
        return self.nlp(self._make_doc(text, ref))

    def __repr__(self) -> str:
        meta = self.nlp.meta
        return f"<claimx.Extractor {meta.get('lang')}_{meta.get('name')} {self.nlp.pipe_names}>"


def load(model: ModelLike = None) -> Extractor:
    """Load a spaCy pipeline (package name, path or Language) and add the claimx stages."""
    from .model import load_language
    from .pipeline.factories import STAGES

    nlp = load_language(model)
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise ValueError(f"claimx needs a pipeline with a parser and NER; missing {missing}")
    if "claimx" not in nlp.pipe_names:
        for name in STAGES:
            if name not in nlp.pipe_names:
                nlp.add_pipe(name)
    return Extractor(nlp)


_DEFAULT: Optional[Extractor] = None
_DEFAULT_LOCK = threading.Lock()


def default_extractor() -> Extractor:
    """The process-wide Extractor used by the module-level functions, loaded on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = load()
    return _DEFAULT


def extract(text: str, reference_date: DateLike = None) -> list[Claim]:
    """The claims of ``text`` (see :meth:`Extractor.extract`)."""
    _check_text(text)
    coerce_reference_date(reference_date)
    if not text.strip():
        return []
    return default_extractor().extract(text, reference_date)


def extract_many(texts: Iterable[str], reference_dates: Optional[Iterable[DateLike]] = None,
                 batch_size: int = 64, n_process: int = 1) -> Iterator[list[Claim]]:
    """A generator of claim lists, one per text, in input order."""
    if isinstance(texts, str):
        raise TypeError("extract_many expects an iterable of str, not a single str")
    yield from default_extractor().pipe(texts, reference_dates, batch_size=batch_size,
                                        n_process=n_process)
