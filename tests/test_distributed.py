"""claimx.distributed on a local cluster of worker processes gives the serial results."""
from __future__ import annotations

import subprocess
import sys

import pytest

dask = pytest.importorskip("dask")
pytest.importorskip("dask.bag")
pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")


TEXTS = [
    "Friday, January 4, 2019\n\nThe mayor, John Smith, said more than 300 homes were "
    "damaged on Tuesday. According to the fire department, about 40 people were injured.",
    "",
    "Officials said 12 soldiers were killed last week, a figure that could not be "
    "independently verified.",
    "No claims here, only a sentence about the weather.",
    "The company reported revenue of $4.5 billion in 2022, analysts said.",
    "   ",
    "Police said at least 7 people were arrested on Monday, according to Reuters.",
    "\"We will not leave,\" the minister, Anna Berg, told reporters on March 3.",
]
DATES = ["2019-01-04", None, "2023-03-13", None, "2023-02-01", None, "2023-03-13",
         "2023-03-06"]


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


def _serial(extractor, texts, dates=None):
    dates = dates or [None] * len(texts)
    return [[c.to_dict() for c in extractor.extract(t, d)] for t, d in zip(texts, dates)]


def test_bag_equals_serial(client, extractor):
    import dask.bag as db

    from claimx.distributed import extract_bag

    expected = _serial(extractor, TEXTS)
    assert any(expected), "the sample texts must give claims, or this test proves nothing"
    bag = db.from_sequence(TEXTS, npartitions=4)
    got = extract_bag(bag, batch_size=2).compute()
    assert got == expected
    # both workers took part
    assert len(client.scheduler_info()["workers"]) == 2


def test_bag_with_reference_date(client, extractor):
    import dask.bag as db

    from claimx.distributed import extract_bag

    expected = _serial(extractor, TEXTS, ["2023-03-13"] * len(TEXTS))
    got = extract_bag(db.from_sequence(TEXTS, npartitions=3),
                      reference_date="2023-03-13").compute()
    assert got == expected


def test_dataframe_equals_serial(client, extractor):
    import dask.dataframe as dd

    from claimx.distributed import extract_dataframe

    frame = pd.DataFrame({"id": range(len(TEXTS)), "text": TEXTS, "date": DATES})
    ddf = dd.from_pandas(frame, npartitions=3)
    out = extract_dataframe(ddf, "text", date_column="date")
    assert "claims" in out.columns and list(out.columns[:3]) == ["id", "text", "date"]
    assert out._meta["claims"].dtype == object
    result = out.compute().sort_values("id")
    expected = _serial(extractor, TEXTS, DATES)
    assert any(expected)
    assert result["claims"].tolist() == expected
    assert result["text"].tolist() == TEXTS


def test_dataframe_custom_column_and_missing_text(client, extractor):
    import dask.dataframe as dd

    from claimx.distributed import extract_dataframe

    frame = pd.DataFrame({"body": [TEXTS[0], None, TEXTS[2]]})
    out = extract_dataframe(dd.from_pandas(frame, npartitions=2), "body",
                            claims_column="found").compute()
    assert out["found"].tolist() == [_serial(extractor, [TEXTS[0]])[0], [],
                                     _serial(extractor, [TEXTS[2]])[0]]


def test_bad_arguments(extractor):
    import dask.dataframe as dd

    from claimx.distributed import extract_bag, extract_dataframe

    with pytest.raises(TypeError, match="dask.bag.Bag"):
        extract_bag(TEXTS)
    ddf = dd.from_pandas(pd.DataFrame({"text": TEXTS}), npartitions=1)
    with pytest.raises(KeyError, match="nope"):
        extract_dataframe(ddf, "nope")
    with pytest.raises(TypeError, match="Language"):
        extract_bag(dd.from_pandas(pd.DataFrame({"text": TEXTS}), npartitions=1)
                    .text.to_bag(), model=extractor.nlp)


def test_import_claimx_does_not_import_dask():
    code = "import sys, claimx; claimx.Claim; print('dask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_clear_import_error_without_dask():
    code = (
        "import sys\n"
        "sys.modules['dask'] = None\n"  # makes `import dask...` raise ImportError
        "try:\n"
        "    import claimx.distributed\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert "pip install 'claimx[dask]'" in out.stdout
