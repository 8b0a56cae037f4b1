"""The ledger at scale with Dask: claim records to Parquet, figure groups by a ``groupby``.

    >>> import dask.dataframe as dd
    >>> from claimx.distributed import extract_records, figure_groups
    >>> articles = dd.read_json("corpus.jsonl", lines=True, blocksize="16MB")  # doctest: +SKIP
    >>> records = extract_records(articles, "text", id_column="id", date_column="date")
    >>> records.to_parquet("records/")                                         # doctest: +SKIP
    >>> figure_groups(dd.read_parquet("records/")).to_parquet("groups/")      # doctest: +SKIP
    >>> Ledger("story.db").load_parquet("records/")                            # doctest: +SKIP

Each worker turns its partition of articles into claim records (one row per figure, the
columns of `claimx.ledger.records.COLUMNS` plus ``key``, the figure key). The groups
are a ``groupby("key")`` over those records: no step gathers them on one machine. A ledger
loading the same records forms exactly the same groups, since the key is a pure function
of a record.
"""
from __future__ import annotations

import math
from typing import Any, Optional

import dask.dataframe as dd
import pandas as pd

from .keys import figure_key
from .records import COLUMNS, claim_records, extract_document

RECORD_COLUMNS = (*COLUMNS, "key", "figure_id")
_FLOATS = {"q_value", "q_low", "q_high"}
_INTS = {"claim_index", "quantity_index", "claim_start", "sentence_start", "q_start"}


def _value(row: Any, column: Optional[str]) -> Optional[str]:
    if column is None:
        return None
    value = row[column]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "date") and not isinstance(value, str):
        day = value.date() if hasattr(value, "hour") else value
        return str(day.isoformat())
    return str(value)


def empty_records() -> pd.DataFrame:
    """The schema of a records frame, with no rows."""
    return pd.DataFrame({c: pd.Series([], dtype=_dtype(c)) for c in RECORD_COLUMNS})


def _dtype(column: str) -> str:
    return "float64" if column in _FLOATS else "int64" if column in _INTS else "string"


def records_of_partition(frame: pd.DataFrame, text_column: str, id_column: str,
                         date_column: Optional[str], outlet_column: Optional[str],
                         url_column: Optional[str], model: Optional[str]) -> pd.DataFrame:
    """Claim records with keys for one partition of articles (runs on a worker)."""
    from ..api import worker_extractor

    extractor = worker_extractor(model)
    rows: list[dict[str, Any]] = []
    for _, row in frame.iterrows():
        text = row[text_column]
        if not isinstance(text, str) or not text.strip():
            continue
        found = extract_document(extractor, text, _value(row, date_column))
        doc = {"doc_id": str(row[id_column]), "date": found.date,
               "outlet": _value(row, outlet_column), "url": _value(row, url_column)}
        rows.extend(claim_records(found.claims, doc, text, found.holders, found.doc_place))
    for r in rows:
        r["key"] = figure_key(r)
        r["figure_id"] = f"{r['doc_id']}#{r['claim_index']}.{r['quantity_index']}"
    if not rows:
        return empty_records()
    out = pd.DataFrame.from_records(rows, columns=list(RECORD_COLUMNS))
    return out.astype({c: _dtype(c) for c in RECORD_COLUMNS})


def extract_records(df: dd.DataFrame, text_column: str = "text", *, id_column: str = "id",
                    date_column: Optional[str] = None, outlet_column: Optional[str] = None,
                    url_column: Optional[str] = None, model: Optional[str] = None) -> dd.DataFrame:
    """A Dask DataFrame of claim records (one row per figure, with ``key``) of ``df``'s texts."""
    if not isinstance(df, dd.DataFrame):
        raise TypeError(f"extract_records expects a dask DataFrame, not {type(df).__name__}")
    for column in (text_column, id_column, date_column, outlet_column, url_column):
        if column is not None and column not in df.columns:
            raise KeyError(f"no column {column!r} in the DataFrame; columns: {list(df.columns)}")
    out: dd.DataFrame = df.map_partitions(
        records_of_partition, text_column, id_column, date_column, outlet_column, url_column,
        model, meta=empty_records())
    return out


def _groups_of_partition(frame: pd.DataFrame) -> pd.DataFrame:
    """Groups of one shuffled partition (every figure of a key sits in one partition)."""
    grouped = frame.groupby("key", sort=True)["figure_id"]
    out = pd.DataFrame({"size": grouped.size(),
                        "figure_ids": grouped.agg(lambda ids: " ".join(sorted(ids)))})
    return out.reset_index().astype(_GROUP_DTYPES)


_GROUP_DTYPES = {"key": "string", "size": "int64", "figure_ids": "string"}


def figure_groups(records: dd.DataFrame) -> dd.DataFrame:
    """One row per figure group: ``key``, ``size`` and ``figure_ids`` (space-separated, sorted).

    A distributed groupby on the key: the records are shuffled by ``key`` so that each group
    lands in one partition, then grouped there (figures without a key are left out).
    """
    keyed = records[records["key"].notnull()][["key", "figure_id"]]
    meta = pd.DataFrame({c: pd.Series([], dtype=t) for c, t in _GROUP_DTYPES.items()})
    groups: dd.DataFrame = keyed.shuffle("key").map_partitions(_groups_of_partition, meta=meta)
    return groups
