"""The one formatter of quantities and times, shared by the CLI table and the HTML views."""
from __future__ import annotations

import pytest

from claimx import Quantity, TimeRef
from claimx.formatting import format_number, format_quantity, format_time


def q(**fields):
    return Quantity(text="x", span=(0, 1), **fields)


QUANTITIES = [
    (q(value=4.2, unit="percentage"), "4.2%"),
    (q(value=4.5e9, bound="about", unit="United States dollar"), "~$4.5 billion"),
    (q(value=4.5e9, unit="USD"), "$4.5 billion"),
    (q(value=12, unit="EUR", bound="more_than"), ">€12"),
    (q(value=300, unit="pound sterling"), "£300"),
    (q(value=2e6, unit="CHF"), "CHF 2 million"),
    (q(low=24, bound="at_least", entity="people"), "≥24 people"),  # vague: "dozens of people"
    (q(low=2000, bound="at_least", entity="lives"), "≥2,000 lives"),
    (q(low=20000, high=30000, bound="range", entity="troops"), "20,000–30,000 troops"),
    (q(low=2e7, high=3e7, bound="range", unit="United States dollar"), "$20–30 million"),
    (q(low=20, high=30, bound="range", unit="percentage"), "20–30%"),
    (q(value=1100, bound="more_than", entity="deaths"), ">1,100 deaths"),
    (q(high=5, bound="less_than", unit="kilometre"), "<5 km"),
    (q(value=1, unit="mile"), "1 mile"),
    (q(value=3, unit="mile"), "3 miles"),
    (q(value=6, unit="foot"), "6 feet"),
    (q(value=2.5, unit="percentage point"), "2.5 percentage points"),
    (q(value=1234567), "1,234,567"),
    (q(value=0.25, unit="bitcoin"), "0.25 bitcoins"),
    (q(value=48, bound="about", unit="percentage", entity="vote"), "~48% of vote"),
    (q(value=42.195, unit="kilometre"), "42.195 km"),
    (q(value=2.5e9, unit="EUR", entity="loan"), "€2.5 billion loan"),
    (q(bound="about"), "~?"),
]


@pytest.mark.parametrize(("quantity", "shown"), QUANTITIES)
def test_quantities_read_as_people_write_them(quantity, shown):
    assert format_quantity(quantity) == shown


def t(start, end, text="then"):
    return TimeRef(text=text, span=(0, 1), start=start, end=end)


TIMES = [
    (t("2023-03-06", "2023-03-13"), "2023-03-06 → 03-13"),
    (t("2023-03-06", "2023-03-06"), "2023-03-06"),
    (t("2023-02-01", "2023-02-28"), "2023-02"),
    (t("2022-01-01", "2022-12-31"), "2022"),
    (t("2022-12-30", "2023-01-02"), "2022-12-30 → 2023-01-02"),
    (t(None, None, "some  time"), "“some time”"),
]


@pytest.mark.parametrize(("time", "shown"), TIMES)
def test_times_read_as_intervals(time, shown):
    assert format_time(time) == shown


def test_numbers():
    assert format_number(None) == "?"
    assert format_number(1100) == "1,100"
    assert format_number(4.25) == "4.25"
    assert format_number(1.5e12) == "1.5 trillion"
    assert format_number(0.001) == "0.001"
