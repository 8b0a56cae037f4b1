"""The `Ledger`: claims of many documents in one SQLite file, read as a story."""
from __future__ import annotations

import json
import math
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, Optional, Union

from ..types import Claim, iso_text
from . import store
from .frames import Results, group_rows, pair_rows, series_rows, speaker_rows
from .groups import Figure, FigureGroup, Pair, Series, build_groups, make_figure
from .identity import Mention, resolve
from .records import COLUMNS, Extracted, claim_records, extract_document, from_doc

UNATTRIBUTED = "(unattributed)"


def _check_meta(doc_id: Any, outlet: Any, url: Any, title: Any) -> None:
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise TypeError(f"doc_id must be a non-empty str, not {doc_id!r}")
    for name, value in (("outlet", outlet), ("url", url), ("title", title)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name} must be a str or None, not {type(value).__name__}")


def _as_claims(items: Any, doc_id: str) -> list[Claim]:
    if isinstance(items, (str, bytes)) or not isinstance(items, (list, tuple)):
        raise TypeError("Ledger.add takes the text of a document (str) or a list of "
                        f"claimx.Claim / claim dicts, not {type(items).__name__}")
    out = []
    for item in items:
        if isinstance(item, Claim):
            out.append(item)
        elif isinstance(item, dict):
            out.append(Claim.from_dict(item))
        else:
            raise TypeError(f"document {doc_id!r}: expected claimx.Claim or dict items, "
                            f"not {type(item).__name__}")
    return out


class Ledger:
    """Claims of many documents, kept in an SQLite file (or in memory), read as one story.

        >>> ledger = Ledger("story.db")                                # doctest: +SKIP
        >>> ledger.add(text, doc_id="a1", outlet="Wire", date="2023-03-13")  # doctest: +SKIP
        >>> ledger.figures("deaths").to_frame()                        # doctest: +SKIP

    ``path=None`` keeps the ledger in memory. Adding a ``doc_id`` again replaces that
    document. Each add is one transaction: interrupted, it leaves the file as it was.
    """

    def __init__(self, path: Union[str, os.PathLike[str], None] = None, *,
                 extractor: Any = None,
                 model: Optional[str] = None) -> None:
        if path is not None and not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"Ledger path must be a str, a path or None, not "
                            f"{type(path).__name__}")
        self.path = None if path is None else os.fspath(path)
        self._conn = store.connect(self.path)
        self._extractor = extractor
        self._model = model

    # -- writing ----------------------------------------------------------------------------
    @property
    def extractor(self) -> Any:
        """The claimx Extractor used for texts (loaded on first use)."""
        if self._extractor is None:
            import claimx

            self._extractor = claimx.load(self._model)
        return self._extractor

    def _extract(self, text: str, date: Optional[str]) -> Extracted:
        """The claims of ``text``, its date (given, else found in its header/dateline) and
        the holders of its figures."""
        return extract_document(self.extractor, text, date)

    def add(self, text_or_claims: Union[str, list[Any]], doc_id: str, *,
            outlet: Optional[str] = None, date: Any = None, url: Optional[str] = None,
            title: Optional[str] = None) -> int:
        """Add (or replace) one document from its text or its claims; return its claim count.

        ``date`` (the publication date) is also the reference date for relative times when
        claims are extracted here. Raises TypeError for a wrong type and ValueError for a
        document with no text; the ledger is then unchanged.
        """
        _check_meta(doc_id, outlet, url, title)
        iso = iso_text(date)
        if isinstance(text_or_claims, str):
            if not text_or_claims.strip():
                raise ValueError(f"document {doc_id!r} has no text")
            found = self._extract(text_or_claims, iso)
            return self._write(doc_id, outlet, found.date, url, title, text_or_claims,
                               found.claims, found)
        claims = _as_claims(text_or_claims, doc_id)
        return self._write(doc_id, outlet, iso, url, title, None, claims)

    def _write(self, doc_id: str, outlet: Optional[str], date: Optional[str],
               url: Optional[str], title: Optional[str], text: Optional[str],
               claims: list[Claim], found: Optional[Extracted] = None) -> int:
        """Replace the document; ``found`` gives the holders and lead place of its figures
        when it was extracted here."""
        doc = {"doc_id": doc_id, "outlet": outlet, "date": date, "url": url, "title": title}
        rows = [{"speaker_name": c.speaker.name if c.speaker else None,
                 "speaker_label": c.speaker.label if c.speaker else None,
                 "speaker_title": c.speaker.title if c.speaker else None,
                 "claim": json.dumps(c.to_dict(), ensure_ascii=False)} for c in claims]
        store.write_document(self._conn, doc, text, rows,
                             claim_records(claims, doc, text, found.holders if found else None,
                                           found.doc_place if found else None))
        return len(claims)

    def add_many(self, documents: Iterable[Any], *, progress: Optional[bool] = None,
                 batch_size: int = 16) -> int:
        """Add many documents; return how many. Each is its own transaction.

        ``documents``: dicts with ``text`` and ``doc_id`` (or ``id``), and optionally
        ``outlet``, ``date``, ``url``, ``title``; or ``(doc_id, text)`` pairs. Texts are parsed
        in batches. ``progress``: a tqdm bar on stderr (default: when stderr is a terminal).
        """
        docs = [_document(d) for d in documents]
        for d in docs:
            _check_meta(d["doc_id"], d.get("outlet"), d.get("url"), d.get("title"))
            if not isinstance(d.get("text"), str):
                raise TypeError(f"document {d['doc_id']!r}: text must be a str, not "
                                f"{type(d.get('text')).__name__}")
            if not d["text"].strip():
                raise ValueError(f"document {d['doc_id']!r} has no text")
            d["date"] = iso_text(d.get("date"))
        for d, found in zip(docs, _progress(self._stream(docs, batch_size), len(docs),
                                            progress)):
            self._write(d["doc_id"], d.get("outlet"), found.date, d.get("url"), d.get("title"),
                        d["text"], found.claims, found)
        return len(docs)

    def _stream(self, docs: list[dict[str, Any]], batch_size: int) -> Iterator[Extracted]:
        """Claims, dates and holders of ``docs`` in order: dated runs in spaCy batches,
        others alone."""
        i = 0
        while i < len(docs):
            if docs[i]["date"] is None:
                yield self._extract(docs[i]["text"], None)
                i += 1
                continue
            j = i
            while j < len(docs) and docs[j]["date"] is not None:
                j += 1
            run = docs[i:j]
            parsed = self.extractor.parse_many([d["text"] for d in run],
                                               [d["date"] for d in run], batch_size=batch_size)
            for d, doc in zip(run, parsed):
                yield from_doc(doc, d["date"])
            i = j

    def add_records(self, records: Iterable[dict[str, Any]]) -> int:
        """Add documents from claim records (as written by the Dask job); return how many."""
        by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in records:
            by_doc[str(r["doc_id"])].append({c: _plain(r.get(c)) for c in COLUMNS})
        for doc_id, rows in by_doc.items():
            first = rows[0]
            doc = {"doc_id": doc_id, "outlet": first["outlet"], "date": first["doc_date"],
                   "url": first["url"]}
            claims = {r["claim_index"]: {"claim_index": r["claim_index"],
                                         "speaker_name": r["speaker_name"],
                                         "speaker_label": r["speaker_label"],
                                         "speaker_title": r["speaker_title"], "claim": None}
                      for r in rows}
            store.write_document(self._conn, doc, None, list(claims.values()), rows)
        return len(by_doc)

    def load_parquet(self, path: Union[str, os.PathLike[str]]) -> int:
        """Add the claim records of a Parquet file or folder (see `claimx.ledger.dask`)."""
        import pandas as pd
        import pyarrow.parquet as pq

        # files written before a column existed (q_holder, q_place) lack it: read what is there
        present = set(pq.read_schema(path).names) if os.path.isfile(path) else \
            set(pq.ParquetDataset(path).schema.names)
        frame = pd.read_parquet(path, columns=[c for c in COLUMNS if c in present])
        return self.add_records(frame.to_dict("records"))

    def remove(self, doc_id: str) -> bool:
        """Delete a document and its claims; True when it was there."""
        with store.transaction(self._conn):
            cur = self._conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
        return cur.rowcount > 0

    def close(self) -> None:
        """Close the file."""
        self._conn.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- reading ----------------------------------------------------------------------------
    def documents(self) -> Results:
        """The documents: id, outlet, date, url, title, characters, claims, figures."""
        rows = self._conn.execute(
            "SELECT d.doc_id, d.outlet, d.date, d.url, d.title, d.n_chars, "
            "(SELECT COUNT(*) FROM claims c WHERE c.doc_id = d.doc_id), "
            "(SELECT COUNT(*) FROM figures f WHERE f.doc_id = d.doc_id) "
            "FROM documents d ORDER BY d.date, d.doc_id").fetchall()
        keys = ("doc_id", "outlet", "date", "url", "title", "n_chars", "claims", "figures")
        return Results([dict(zip(keys, r)) for r in rows])

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def _mentions(self) -> list[tuple[Mention, int]]:
        rows = self._conn.execute(
            "SELECT c.doc_id, c.speaker_name, c.speaker_label, c.speaker_title, d.outlet, "
            "COUNT(*) FROM claims c JOIN documents d "
            "USING (doc_id) WHERE c.speaker_name IS NOT NULL "
            "GROUP BY c.doc_id, c.speaker_name, c.speaker_label, c.speaker_title").fetchall()
        return [(Mention(r[0], r[1], r[2] or "PERSON", r[3], r[4]), r[5]) for r in rows]

    def _identities(self) -> dict[tuple[str, str], str]:
        """(doc_id, speaker name) -> speaker id, over the whole story."""
        ids = resolve(m for m, _ in self._mentions())
        out: dict[tuple[str, str], str] = {}
        for m, sid in ids.items():
            out.setdefault((m.doc_id, m.name), sid)
        return out

    def speakers(self) -> Results:
        """One entry per speaker identity: id, label, names, titles, documents, counts."""
        mentions = self._mentions()
        ids = resolve(m for m, _ in mentions)
        n_figures: dict[str, int] = defaultdict(int)
        for f in self.all_figures():
            n_figures[f.speaker] += 1
        acc: dict[str, dict[str, Any]] = {}
        for m, n_claims in mentions:
            sid = ids[m]
            e = acc.setdefault(sid, {"speaker": sid, "label": m.label, "names": [],
                                     "titles": [], "documents": [], "outlets": [],
                                     "claims": 0, "figures": 0})
            for k, v in (("names", m.name), ("titles", m.title), ("documents", m.doc_id),
                         ("outlets", m.outlet)):
                if v and v not in e[k]:
                    e[k].append(v)
            e["claims"] += n_claims
            e["figures"] = n_figures[sid]
        ordered = sorted(acc.values(), key=lambda e: (-len(e["documents"]), -e["claims"],
                                                      e["speaker"]))
        return Results(ordered, speaker_rows)

    def records(self) -> list[dict[str, Any]]:
        """Every claim record (one per figure), as stored."""
        cur = self._conn.execute(f"SELECT {', '.join(COLUMNS)} FROM figures "
                                 "ORDER BY doc_id, claim_index, quantity_index")
        return [dict(zip(COLUMNS, r)) for r in cur]

    def all_figures(self) -> list[Figure]:
        """Every figure, each with its speaker identity (unattributed: the document's voice)."""
        ids = self._identities()
        out, seen = [], set()
        for r in self.records():
            where = (r["doc_id"], r["q_start"], r["q_text"])
            if where in seen:            # one number read into two claims: one figure
                continue
            seen.add(where)
            name = r["speaker_name"]
            speaker = ids.get((r["doc_id"], name)) if name else None
            if speaker is None:
                speaker = f"{UNATTRIBUTED} {r['outlet'] or r['doc_id']}"
            out.append(make_figure(r, speaker))
        return out

    def groups(self) -> list[FigureGroup]:
        """Every figure group, largest first."""
        return build_groups(self.all_figures())

    def figures(self, entity: Optional[str] = None, *, min_size: int = 1) -> Results:
        """Figure groups, optionally only those whose label or entities contain ``entity``."""
        groups = [g for g in self.groups() if len(g.figures) >= min_size
                  and (entity is None or _matches(g, entity))]
        return Results(groups, group_rows)

    def conflicts(self, entity: Optional[str] = None) -> Results:
        """Pairs of figures from different speakers that cannot both be true."""
        return Results([p for g in self.figures(entity) for p in g.conflicts()], pair_rows)

    def corroborations(self, entity: Optional[str] = None) -> Results:
        """Pairs of figures from independent speakers that agree."""
        return Results([p for g in self.figures(entity) for p in g.corroborations()],
                       pair_rows)

    def series(self, entity: Optional[str] = None, speaker: Optional[str] = None) -> Results:
        """One speaker's figures of one group at successive times (a daily toll, a poll)."""
        found: list[Series] = [s for g in self.figures(entity) for s in g.series()
                               if speaker is None or speaker.lower() in s.speaker.lower()]
        return Results(found, series_rows)


def _matches(group: FigureGroup, entity: str) -> bool:
    needle = entity.lower()
    return needle in group.label.lower() or any(
        f.entity and needle in f.entity.lower() for f in group.figures)


def _plain(value: Any) -> Any:
    """numpy/pandas scalars and NaN as plain Python values."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _document(item: Any) -> dict[str, Any]:
    if isinstance(item, dict):
        d = dict(item)
        if "doc_id" not in d and "id" in d:
            d["doc_id"] = d["id"]
        if "doc_id" not in d:
            raise TypeError("each document needs a 'doc_id' (or 'id') key")
        return d
    if isinstance(item, (tuple, list)) and len(item) == 2:
        return {"doc_id": item[0], "text": item[1]}
    raise TypeError(f"add_many takes dicts or (doc_id, text) pairs, not {type(item).__name__}")


def _progress(results: Iterator[Any], total: int, show: Optional[bool]) -> Iterator[Any]:
    import sys

    if show is None:
        show = sys.stderr.isatty() and total > 1
    if not show:
        return results
    from tqdm.auto import tqdm

    return iter(tqdm(results, total=total, unit="doc", desc="ledger add"))


__all__ = ["Figure", "FigureGroup", "Ledger", "Pair", "Series"]
