"""The public entry points: load(), Extractor, extract() and extract_many()."""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from .chunking import chunk_text, merge_claims
from .context import text_context
from .records import TextContext
from .surrogates import replace_surrogates, restore_texts
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
    """A loaded spaCy pipeline with the claimx stages; reuse it for many texts.

    Thread safety: spaCy pipelines are not safe to run from several threads at once (the
    tokenizer cache, the vocabulary and memory zones are shared state), so every call that
    runs the pipeline holds the Extractor's lock: threads sharing one Extractor take turns
    and get the same results as a serial run. For parallel speed use ``n_process`` or
    `claimx.distributed`.

    Memory: `extract` and `pipe` run inside ``nlp.memory_zone()`` (spaCy >= 3.8),
    a block of at most `zone_texts` texts at a time, so the strings and lexemes of a
    long stream are freed as it goes and memory stays flat. With ``n_process > 1`` the worker
    processes are started afresh for every block of `zone_texts_mp` texts, which
    bounds their memory too. `parse` returns a Doc and so runs outside any zone.

    Warm-up: inside a memory zone spaCy's tokenizer caches nothing, so every word of every
    block would be split afresh. Until the vocabulary has learnt `warm_strings` new
    strings, each block is therefore first run through the tokenizer alone, outside the
    zone: the words of the texts seen first stay in the tokenizer cache for the rest of the
    process. Only the tokenizer's lexemes and cache entries are kept, so memory stays bounded
    (by that budget plus one block). Set ``warm_strings = 0`` to skip the warm-up.

    Attributes:
        nlp: The spaCy pipeline, with the claimx components.
        zone_texts: Texts per memory zone when streaming in one process (results are
            yielded per block); 256 by default.
        zone_texts_mp: Texts per block (and per set of worker processes) when
            ``n_process > 1``; 4096 by default.
        warm_strings: New strings the tokenizer may keep for good (outside zones) to warm
            its cache; 20,000 by default.
    """

    #: texts per memory zone when streaming in one process (results are yielded per block)
    zone_texts = 256
    #: texts per block (and per set of worker processes) when ``n_process > 1``
    zone_texts_mp = 4096
    #: new strings the tokenizer may keep for good (outside zones) to warm its cache
    warm_strings = 20_000

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._lock = threading.RLock()
        from .pipeline.annotations import LABELS, register_extensions

        register_extensions()
        # strings the components attach to every doc: permanent, never freed with a zone
        for label in LABELS:
            nlp.vocab.strings.add(label)
        self._base_strings = len(nlp.vocab.strings)

    # -- single texts ------------------------------------------------------------------
    def parse(self, text: str, reference_date: DateLike = None) -> Doc:
        """Run every component on ``text`` and return the Doc (``doc._.claims`` etc.).

        Lone surrogates are replaced by U+FFFD in the Doc's text (same length, same offsets).
        """
        text = replace_surrogates(_check_text(text))
        context = self._context(text, coerce_reference_date(reference_date))
        with self._lock:
            docs = [self.nlp(self._make_doc(chunk, context.for_chunk(offset, len(chunk))))
                    for offset, chunk in chunk_text(text, self.nlp.max_length)]
            if len(docs) == 1:
                return docs[0]
            from .chunking import merge_docs

            return merge_docs(self.nlp, docs, context)

    def parse_many(self, texts: Iterable[str],
                   reference_dates: Optional[Iterable[DateLike]] = None,
                   batch_size: int = 64) -> Iterator[Doc]:
        """One Doc per text, in input order, as `parse` gives it, run in batches through
        ``nlp.pipe``. The Docs stay valid after they are yielded (no memory zone is used:
        for claims alone over a large stream, `pipe` is leaner)."""
        if isinstance(texts, str):
            raise TypeError("parse_many expects an iterable of str, not a single str")
        dates = iter(reference_dates) if reference_dates is not None else None
        batch: list[tuple[str, Optional[dt.date]]] = []
        for text in texts:
            ref = coerce_reference_date(next(dates, None)) if dates is not None else None
            batch.append((replace_surrogates(_check_text(text)), ref))
            if len(batch) >= batch_size:
                yield from self._parse_batch(batch, batch_size)
                batch = []
        if batch:
            yield from self._parse_batch(batch, batch_size)

    def _parse_batch(self, batch: list[tuple[str, Optional[dt.date]]],
                     batch_size: int) -> list[Doc]:
        """Texts that fit ``nlp.max_length`` through ``nlp.pipe`` together; longer ones
        chunked by `parse`."""
        short = [(i, self._make_doc(text, self._context(text, ref).for_chunk(0, len(text))))
                 for i, (text, ref) in enumerate(batch) if len(text) <= self.nlp.max_length]
        out: dict[int, Doc] = {}
        with self._lock:
            for (i, _), doc in zip(short, self.nlp.pipe((d for _, d in short),
                                                        batch_size=batch_size)):
                out[i] = doc
        for i, (text, ref) in enumerate(batch):
            if i not in out:
                out[i] = self.parse(text, ref)
        return [out[i] for i in range(len(batch))]

    def extract(self, text: str, reference_date: DateLike = None) -> list[Claim]:
        """The claims of ``text``, in text order.

        Any ``str`` is accepted. Lone surrogates (as ``json.loads`` returns for ``"\\ud83d"``)
        are read as U+FFFD, one character for one, so offsets stay exact and every result's
        ``text`` is still ``text[start:end]`` of the text as given.
        """
        text = _check_text(text)
        ref = coerce_reference_date(reference_date)
        if not text.strip():
            return []
        return self._extract_block([(text, ref)], batch_size=1, n_process=1)[0]

    # -- many texts ----------------------------------------------------------------------
    def pipe(self, texts: Iterable[str], reference_dates: Optional[Iterable[DateLike]] = None,
             batch_size: int = 64, n_process: int = 1) -> Iterator[list[Claim]]:
        """One list of claims per text, in input order, streamed through ``nlp.pipe``."""
        if isinstance(texts, str):
            raise TypeError("extract_many expects an iterable of str, not a single str")
        pairs: Iterator[tuple[str, Optional[dt.date]]]
        if reference_dates is None:
            pairs = ((_check_text(t), None) for t in texts)
        else:
            pairs = ((_check_text(t), coerce_reference_date(r))
                     for t, r in zip(texts, reference_dates))
        return self._extract_stream(pairs, batch_size=batch_size, n_process=n_process)

    def _extract_stream(self, pairs: Iterable[tuple[str, Optional[dt.date]]], batch_size: int,
                        n_process: int) -> Iterator[list[Claim]]:
        """Blocks of texts, each run in a memory zone; results yielded as blocks finish."""
        block = self.zone_texts_mp if n_process != 1 else max(self.zone_texts, batch_size)
        pairs = iter(pairs)
        while True:
            chunk = list(islice(pairs, block))
            if not chunk:
                return
            yield from self._extract_block(chunk, batch_size, n_process)

    def _extract_block(self, pairs: list[tuple[str, Optional[dt.date]]], batch_size: int,
                       n_process: int) -> list[list[Claim]]:
        """The claims of a list of texts: long texts are split into chunks, run through
        ``nlp.pipe`` inside one memory zone, and reassembled with exact offsets."""
        plan: list[list[int]] = []  # per text: the offsets of its chunks
        chunks: list[tuple[str, TextContext]] = []
        originals: dict[int, str] = {}  # texts read with lone surrogates replaced
        for text, ref in pairs:
            clean = replace_surrogates(text)
            if clean is not text:
                originals[len(plan)] = text
            parts = chunk_text(clean, self.nlp.max_length) if text.strip() else []
            plan.append([offset for offset, _ in parts])
            if parts:
                context = self._context(clean, ref)
                chunks.extend((part, context.for_chunk(offset, len(part)))
                              for offset, part in parts)
        from .pipeline.annotations import claim_records

        records: list[list[dict[str, Any]]] = []
        if chunks:
            with self._lock:
                self._warm_tokenizer(part for part, _ in chunks)
                with self._zone():
                    docs = (self._make_doc(part, context) for part, context in chunks)
                    for doc in self.nlp.pipe(docs, batch_size=batch_size,
                                             n_process=n_process if len(chunks) > 1 else 1):
                        records.append(claim_records(doc))
        results = []
        done = 0
        for offsets in plan:
            results.append(merge_claims(records[done:done + len(offsets)], offsets)
                           if offsets else [])
            done += len(offsets)
        for k, original in originals.items():
            results[k] = [Claim.from_dict(restore_texts(c.to_dict(), original))
                          for c in results[k]]
        return results

    # -- internals -------------------------------------------------------------------------
    def _zone(self) -> AbstractContextManager[Any]:
        """``nlp.memory_zone()``, unless one is open already (zones do not nest)."""
        zone = getattr(self.nlp, "memory_zone", None)
        if zone is None or getattr(self.nlp.vocab, "in_memory_zone", False):
            return nullcontext()
        manager: AbstractContextManager[Any] = zone()
        return manager

    def _warm_tokenizer(self, texts: Iterable[str]) -> None:
        """Tokenize ``texts`` outside any zone while the `warm_strings` budget lasts,
        so that their words stay in the tokenizer cache (the docs are thrown away)."""
        vocab = self.nlp.vocab
        if getattr(vocab, "in_memory_zone", True):
            return
        for text in texts:
            if len(vocab.strings) - self._base_strings >= self.warm_strings:
                return
            self.nlp.tokenizer(text)

    def _context(self, text: str, reference_date: Optional[dt.date]) -> TextContext:
        """The per-text context of a whole text, computed once for all its chunks, by the
        pipeline's dateline stage (its rules and ``detect``) when it has one."""
        from .pipeline.dateline import DatelineStage

        for _, pipe in self.nlp.pipeline:
            for stage in getattr(pipe, "stages", [pipe]):
                if isinstance(stage, DatelineStage):
                    return stage.context(text, reference_date)
        return text_context(text, reference_date)

    def _make_doc(self, text: str, context: TextContext) -> Doc:
        from .pipeline.annotations import set_context

        doc = self.nlp.make_doc(text)
        set_context(doc, context)
        return doc

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
    """The claims of ``text`` (see `Extractor.extract`).

    Any ``str`` is accepted: lone surrogates are read as U+FFFD with offsets kept exact, and
    each result's ``text`` is ``text[start:end]`` of the text as given.
    """
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


_EXTRACTORS: dict[Optional[str], Extractor] = {}


def model_key(model: Union[str, Path, None]) -> Optional[str]:
    """A model as a name a worker process can load: a package name or a path string."""
    if model is None or isinstance(model, str):
        return model
    if isinstance(model, Path):
        return str(model)
    raise TypeError(
        "claimx.distributed takes a model as a package name or a path (a spacy.Language "
        f"cannot be shipped to workers), not {type(model).__name__}"
    )


def worker_extractor(model: Union[str, Path, None] = None) -> Extractor:
    """The Extractor for ``model`` in this process (a Dask worker, say), loaded on first use
    and then reused."""
    key = model_key(model)
    extractor = _EXTRACTORS.get(key)
    if extractor is None:
        with _DEFAULT_LOCK:
            extractor = _EXTRACTORS.get(key)
            if extractor is None:
                extractor = load(key)
                _EXTRACTORS[key] = extractor
    return extractor
