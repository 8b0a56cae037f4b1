"""The Dask path of the ledger gives the same figure groups as the in-process ledger."""
from __future__ import annotations

import json

import pytest

from conftest import SHARED

pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

CORPUS = SHARED / "corpus" / "wikinews.jsonl"
#: a small outbreak story followed over weeks (kept small: CI has 2 cores)
WORDS = ("coronavirus", "measles")


@pytest.fixture(scope="module")
def articles():
    if not CORPUS.exists():
        pytest.skip(f"needs the shared corpus at {CORPUS}")
    rows = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    picked = [r for r in rows if any(w in r["id"].lower() for w in WORDS)
              and len(r["text"]) < 3000][:4]
    assert len(picked) == 4
    return picked


def test_dask_groups_equal_ledger_groups(articles, extractor, tmp_path):
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    from claimx.distributed import extract_records, figure_groups
    from claimx.ledger import Ledger

    local = Ledger(extractor=extractor)
    local.add_many([{k: a[k] for k in ("id", "text", "url", "date")} for a in articles],
                   progress=False)
    expected = {g.key: sorted(f.id for f in g.figures) for g in local.figures()}
    assert len(expected) >= 3, "too few groups for a meaningful comparison"

    frame = pd.DataFrame(articles)[["id", "text", "url", "date"]]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        records = extract_records(dd.from_pandas(frame, npartitions=2), "text",
                                  id_column="id", date_column="date", url_column="url")
        records.to_parquet(tmp_path / "records", write_index=False)
        groups = figure_groups(dd.read_parquet(tmp_path / "records"))
        groups.to_parquet(tmp_path / "groups", write_index=False)
    got = pd.read_parquet(tmp_path / "groups")
    assert {k: v.split() for k, v in zip(got["key"], got["figure_ids"])} == expected
    assert (got["size"] == got["figure_ids"].str.split().str.len()).all()

    loaded = Ledger()
    assert loaded.load_parquet(tmp_path / "records") == len(articles)
    assert {g.key: sorted(f.id for f in g.figures) for g in loaded.figures()} == expected
