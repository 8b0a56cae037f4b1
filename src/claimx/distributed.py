"""Claims at scale with Dask: a bag of texts or a DataFrame column, one Extractor per worker.

    >>> import dask.bag as db
    >>> from claimx.distributed import extract_bag
    >>> records = extract_bag(db.from_sequence(texts, npartitions=8)).compute()  # doctest: +SKIP

Each worker process loads the spaCy pipeline once (a module-level cache keyed by model name)
and streams its partitions through `claimx.Extractor.pipe`. Results are plain data:
for every text, a list of ``Claim.to_dict()`` dicts, which pickle and serialise cheaply.

Needs the ``dask`` extra: ``pip install 'claimx[dask]'``.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Optional, Union

try:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "claimx.distributed needs Dask and pandas; install them with "
        "`pip install 'claimx[dask]'`"
    ) from exc

from .api import DateLike, model_key, worker_extractor

__all__ = ["extract_bag", "extract_dataframe", "extract_records", "figure_groups",
           "worker_extractor"]

def _claims_of_partition(texts: Iterable[str], reference_date: DateLike,
                         model: Optional[str], batch_size: int) -> list[list[dict[str, Any]]]:
    texts = list(texts)
    extractor = worker_extractor(model)
    dates = None if reference_date is None else [reference_date] * len(texts)
    return [[claim.to_dict() for claim in claims]
            for claims in extractor.pipe(texts, dates, batch_size=batch_size)]


def extract_bag(bag_of_texts: db.Bag, *, reference_date: DateLike = None,
                model: Union[str, Path, None] = None, batch_size: int = 64) -> db.Bag:
    """A bag with, for each text of ``bag_of_texts``, the list of its claims as dicts.

    ``reference_date`` applies to every text (texts with a dateline or ``date`` header find
    their own when it is None). ``model`` is a package name or path, loaded once per worker.
    """
    if not isinstance(bag_of_texts, db.Bag):
        raise TypeError(f"extract_bag expects a dask.bag.Bag, not {type(bag_of_texts).__name__}")
    if reference_date is not None:
        from .api import coerce_reference_date

        reference_date = coerce_reference_date(reference_date)
    return bag_of_texts.map_partitions(_claims_of_partition, reference_date, model_key(model),
                                       batch_size)


def _claims_of_frame(frame: pd.DataFrame, text_column: str, date_column: Optional[str],
                     model: Optional[str], claims_column: str,
                     batch_size: int) -> pd.DataFrame:
    texts = ["" if _missing(t) else t for t in frame[text_column].tolist()]
    dates = None
    if date_column is not None:
        dates = [None if _missing(d) else d for d in frame[date_column].tolist()]
    extractor = worker_extractor(model)
    claims = [[claim.to_dict() for claim in found]
              for found in extractor.pipe(texts, dates, batch_size=batch_size)]
    out = frame.copy()
    out[claims_column] = pd.Series(claims, index=frame.index, dtype=object)
    return out


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def extract_dataframe(df: dd.DataFrame, text_column: str = "text", *,
                      date_column: Optional[str] = None, model: Union[str, Path, None] = None,
                      claims_column: str = "claims", batch_size: int = 64) -> dd.DataFrame:
    """``df`` with a ``claims_column`` holding, per row, the list of its claims as dicts.

    Missing texts (None/NaN) give no claims. ``date_column`` holds each row's reference date
    (``datetime.date``, ``Timestamp`` or ISO string; missing means "find it in the text").
    """
    if not isinstance(df, dd.DataFrame):
        raise TypeError(f"extract_dataframe expects a dask DataFrame, not {type(df).__name__}")
    for column in (text_column, date_column):
        if column is not None and column not in df.columns:
            raise KeyError(f"no column {column!r} in the DataFrame; columns: {list(df.columns)}")
    meta = df._meta.copy()
    meta[claims_column] = pd.Series([], index=meta.index, dtype=object)
    return df.map_partitions(_claims_of_frame, text_column, date_column, model_key(model),
                             claims_column, batch_size, meta=meta)


def extract_records(df: dd.DataFrame, text_column: str = "text", **options: Any) -> dd.DataFrame:
    """Claim records of the story ledger, one row per figure with its figure ``key``.

    See `claimx.ledger.scale.extract_records` (options: ``id_column``, ``date_column``,
    ``outlet_column``, ``url_column``, ``model``) and `figure_groups` for the groupby.
    """
    from .ledger.scale import extract_records as _extract_records

    return _extract_records(df, text_column, **options)


def figure_groups(records: dd.DataFrame) -> dd.DataFrame:
    """The ledger's figure groups of claim records, by a distributed ``groupby`` on the key."""
    from .ledger.scale import figure_groups as _figure_groups

    return _figure_groups(records)
