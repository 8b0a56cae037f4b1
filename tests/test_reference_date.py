"""The article's reference date: a 'date YYYY-MM-DD' header or a dateline at the top."""
from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from claimx.timex.reference import find_reference_date, reference_header_span
from conftest import EXAMPLES, SHARED

D = dt.date


def test_seed_0313_header(seed_0313):
    assert find_reference_date(seed_0313) == D(2023, 3, 13)
    s, e = reference_header_span(seed_0313)
    assert seed_0313[s:e] == "date 2023-03-13"


def test_seed_0306_header(seed_0306):
    assert find_reference_date(seed_0306) == D(2023, 3, 6)


def test_example_articles():
    for name, day in [("bakhmut-2023-03-13.txt", D(2023, 3, 13)),
                      ("bakhmut-2023-03-06.txt", D(2023, 3, 6))]:
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        assert find_reference_date(text) == day


def test_wikinews_dateline_with_weekday():
    text = "Monday, July 15, 2019 \n\n\nAt 4:42 local time on Saturday an earthquake struck."
    assert find_reference_date(text) == D(2019, 7, 15)
    s, e = reference_header_span(text)
    assert text[s:e] == "Monday, July 15, 2019"


def test_dateline_followed_by_blank_lines():
    text = "Thursday, January 24, 2019 \n\nA car bomb was on Monday rammed into a military base."
    assert find_reference_date(text) == D(2019, 1, 24)


@pytest.mark.parametrize(
    "text, day, header",
    [
        ("March 6, 2023 — Russian forces pressed on.", D(2023, 3, 6), "March 6, 2023 —"),
        ("KYIV, March 6, 2023 (Reuters) - Russian forces pressed on.", D(2023, 3, 6),
         "KYIV, March 6, 2023 (Reuters) -"),
        ("NEW YORK, Jan. 9, 2020 (AP) — Stocks fell.", D(2020, 1, 9),
         "NEW YORK, Jan. 9, 2020 (AP) —"),
        ("6 March 2023\nRussian forces pressed on.", D(2023, 3, 6), "6 March 2023"),
    ],
)
def test_press_datelines(text, day, header):
    assert find_reference_date(text) == day
    s, e = reference_header_span(text)
    assert text[s:e] == header


def test_dateline_without_year_gives_no_date_but_a_span():
    text = "KYIV, March 6 (Reuters) - Russian forces pressed on Bakhmut."
    assert find_reference_date(text) is None
    s, e = reference_header_span(text)
    assert text[s:e] == "KYIV, March 6 (Reuters) -"


def test_header_preferred_over_dateline():
    text = "date 2023-03-13\nMonday, July 15, 2019\nBody text."
    assert find_reference_date(text) == D(2023, 3, 13)


def test_date_in_body_is_not_a_dateline():
    text = "The war started on March 6, 2023 — and it has not stopped since."
    assert find_reference_date(text) is None
    assert reference_header_span(text) is None


def test_only_the_top_of_the_text_is_read():
    text = "x " * 300 + "\ndate 2023-03-13 late header"
    assert find_reference_date(text) is None


def test_invalid_calendar_date_is_ignored():
    assert find_reference_date("date 2023-02-30 Something happened.") is None
    assert find_reference_date("February 30, 2023 — Something happened.") is None


def test_article_without_dateline():
    assert find_reference_date("On Thursday, Tesco announced a sale.") is None
    assert reference_header_span("On Thursday, Tesco announced a sale.") is None


@pytest.mark.parametrize(
    "text", ["", " ", "\x00\x01\n", "1," * 5000, "9" * 20000, "<html><b>May</b>", "日本語 2023",
             "\ud800 lone surrogate", "date ", "date 9999-99-99"],
)
def test_never_raises_and_fast(text):
    t0 = time.perf_counter()
    find_reference_date(text)
    reference_header_span(text)
    assert time.perf_counter() - t0 < 0.5


def test_non_str_input_gives_none():
    assert find_reference_date(None) is None  # type: ignore[arg-type]
    assert reference_header_span(12) is None  # type: ignore[arg-type]


def test_dev_records_without_reference_date_have_a_dateline():
    path = SHARED / "eval" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"needs {path} (shared evaluation data, absent in a clean clone)")
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("reference_date") is None:
            assert find_reference_date(rec["text"]) is not None, rec["id"]


def test_wikinews_datelines_agree_with_metadata():
    path = SHARED / "corpus" / "wikinews.jsonl"
    if not path.exists():
        pytest.skip(f"needs {path} (shared corpus, absent in a clean clone)")
    found = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        day = find_reference_date(rec["text"])
        if day is not None:
            found += 1
            assert day.isoformat() == rec["date"][:10], rec["id"]
    assert found > 100
