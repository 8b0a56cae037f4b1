"""The quantity engine, on the real English model (no claimx components)."""
from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimx.quantities.finder import BOUNDS, QuantityFinder, QuantityHit
from claimx.quantities.numbers import NumberParser


@pytest.fixture(scope="module")
def finder() -> QuantityFinder:
    return QuantityFinder()


@pytest.fixture(scope="module")
def find(bare_nlp, finder):
    def run(text: str, exclude=()) -> list[tuple[str, QuantityHit]]:
        doc = bare_nlp(text)
        return [(doc.text[h.start_char:h.end_char], h) for h in finder.find(doc, exclude)]

    return run


def one(find, text: str, surface: str) -> QuantityHit:
    """The hit whose surface contains ``surface``."""
    got = [h for s, h in find(text) if surface in s]
    assert got, f"{surface!r} not found in {[s for s, _ in find(text)]}"
    return got[0]


def surfaces(find, text: str) -> list[str]:
    return [s for s, _ in find(text)]


# -- numbers, without spaCy ----------------------------------------------------------------
@pytest.fixture(scope="module")
def numbers(finder) -> NumberParser:
    return finder.numbers


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["1,100"], 1100),
        (["2,000.75"], 2000.75),
        (["4.5", "billion"], 4.5e9),
        (["5", "thousand"], 5000),
        (["3bn"], 3e9),
        (["seventeen"], 17),
        (["twenty", "-", "five"], 25),
        (["a", "dozen"], 12),
        (["two", "dozen"], 24),
        (["half", "a", "million"], 500_000),
        (["a", "quarter", "of", "a", "million"], 250_000),
        (["one", "billion"], 1e9),
        (["two", "-", "thirds"], 2 / 3),
        (["1/2"], 0.5),
        (["½"], 0.5),
        (["-5"], -5),
        (["\u22125"], -5),
        (["minus", "5"], -5),
        (["one", "hundred", "and", "twenty"], 120),
    ],
)
def test_number_surfaces(numbers, words, value):
    p = numbers.parse(words, 0, [False] * len(words))
    assert p is not None and p.end == len(words)
    assert p.value == pytest.approx(value)


@pytest.mark.parametrize("word", ["3rd", "2019/20", "COVID-19", "1.2.3", "million", "a", "half"])
def test_not_number_surfaces(numbers, word):
    assert numbers.parse([word], 0) is None


def test_huge_digit_string_is_no_number(numbers):
    assert numbers.parse(["9" * 20_000], 0) is None
    assert numbers.digit_value("9" * 400) is None


# -- values, bounds, entities from the annotated news ----------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "value", "bound", "entity"),
    [
        (
            "Russian forces have suffered more than 1,100 deaths in the past week.",
            "1,100", 1100, "more_than", "deaths",
        ),
        (
            "Russia suffered heavy losses, with an additional 1,500 seriously injured.",
            "1,500", 1500, "exact", "injured",
        ),
        (
            "Russia claims to have killed more than 220 Ukrainian service members.",
            "220", 220, "more_than", "service members",
        ),
        ("Four people were injured in the city on Monday.", "Four", 4, "exact", "people"),
        (
            "The earthquake struck the region, injuring at least 25 people and damaging homes.",
            "25", 25, "at_least", "people",
        ),
        (
            "Phivolcs reported the earthquake's magnitude was 5.5 on Saturday.",
            "5.5", 5.5, "exact", "magnitude",
        ),
        (
            "The north suffered a 6.3 magnitude earthquake causing eleven deaths.",
            "6.3", 6.3, "exact", "magnitude",
        ),
        (
            "The north suffered a 6.3 magnitude earthquake causing eleven deaths.",
            "eleven", 11, "exact", "deaths",
        ),
        (
            "The total number of confirmed cases in the country surpassed one million on Sunday.",
            "one million", 1e6, "more_than", "cases",
        ),
        (
            "Some estimated death tolls, provided anonymously by officials, exceeded 100.",
            "100", 100, "more_than", "death tolls",
        ),
        (
            "Deaths were rising by over one 1,000 deaths per day, the website said.",
            "1,000", 1000, "more_than", "deaths",
        ),
        (
            "In the scandal, over 50 million Facebook profiles were harvested.",
            "50 million", 5e7, "more_than", "profiles",
        ),
        (
            "The chain plans, over 18 months at a cost of one billion złotys, to merge the stores.",
            "18", 18, "exact", "months",
        ),
        (
            "The company takes over about 7000 employees from Tesco.",
            "7000", 7000, "about", "employees",
        ),
        (
            "Tesco sold its roughly 2000 Thai and 74 Malaysian stores to Charoen Pokphand.",
            "2000", 2000, "about", "stores",
        ),
        (
            "Tesco sold its roughly 2000 Thai and 74 Malaysian stores to Charoen Pokphand.",
            "74", 74, "exact", "stores",
        ),
        (
            "Firefighters dispatched around 30 vehicles to the hotel.",
            "30", 30, "about", "vehicles",
        ),
        (
            "At least seventeen people died and 35 were rescued, according to officials.",
            "seventeen", 17, "at_least", "people",
        ),
        (
            "One child was, according to the fire service, among the dead.",
            "One", 1, "exact", "child",
        ),
        (
            "Buildings can only be constructed up to four floors in Delhi.",
            "four", 4, "at_most", "floors",
        ),
        (
            "The doctor was jailed after prescribing over half a million doses.",
            "half a million", 5e5, "more_than", "doses",
        ),
        (
            "Mandatory sentencing called for at least 20 years in prison.",
            "20", 20, "at_least", "years",
        ),
        ("Smithers is married and has five children.", "five", 5, "exact", "children"),
        (
            "The civil war has been ongoing for seventeen years.",
            "seventeen", 17, "exact", "years",
        ),
        (
            "The sale price, to be paid in cash, is 900 million złotys.",
            "900", 9e8, "exact", "price",
        ),
        (
            "He was given a fine of US$86,000 on Friday.",
            "86,000", 86000, "exact", "fine",
        ),
        (
            "The infections in Spain were totaling to around a quarter of a million.",
            "quarter", 250_000, "about", None,
        ),
        (
            "The chain has no fewer than 40 stores and no more than 3 warehouses.",
            "40", 40, "at_least", "stores",
        ),
        (
            "Officials said fewer than 12 patients remained in the ward.",
            "12", 12, "less_than", "patients",
        ),
        (
            "The airline will carry a maximum of 180 passengers per flight.",
            "180", 180, "at_most", "passengers",
        ),
        (
            "Nearly 400 homes were destroyed and an estimated 2,500 residents fled.",
            "2,500", 2500, "about", "residents",
        ),
        ("The blaze killed twelve and injured twelve more.", "twelve", 12, "exact", "killed"),
    ],
)
def test_news_quantities(find, text, surface, value, bound, entity):
    h = one(find, text, surface)
    assert h.value == pytest.approx(value)
    assert h.bound == bound
    if entity is not None:
        assert h.entity is not None and entity in h.entity


def test_bounds_set_low_high(find):
    h = one(find, "More than 1,100 soldiers died.", "1,100")
    assert (h.low, h.high) == (1100, None)
    h = one(find, "Up to 40 people were trapped.", "40")
    assert (h.low, h.high) == (None, 40)
    h = one(find, "About 40 people were trapped.", "40")
    assert (h.value, h.low, h.high) == (40, None, None)
    h = one(find, "Exactly 47 attacks were recorded.", "47")
    assert (h.value, h.low, h.high, h.bound) == (47, 47, 47, "exact")


def test_hit_spans_cover_bound_number_and_noun(find):
    got = surfaces(
        find,
        "Zelensky said more than 1,100 deaths occurred, while analysts estimate between "
        "20,000 and 30,000 Russian troops were killed or injured.",
    )
    assert "more than 1,100 deaths" in got
    assert "between 20,000 and 30,000 Russian troops" in got


def test_counted_predicate_and_bare_numbers(find):
    text = "Last week a car bombing killed five and wounded 110, officials said."
    assert one(find, text, "110").value == 110
    assert one(find, text, "five").value == 5
    h = one(find, "Taliban spokesperson Zabiullah Mujahid claimed 190 were dead.", "190")
    assert (h.value, h.bound) == (190, "exact")


def test_subject_of_copula_and_or_so(find):
    h = one(find, "The final bill came to 300 dollars or so, the owner said.", "300")
    assert h.bound == "about"


# -- ranges ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "entity"),
    [
        (
            "Analysts estimate between 20,000 and 30,000 Russian troops were killed.",
            "20,000", 20000, 30000, "troops",
        ),
        (
            "On Thursday, around 18,250 to 63,000 visitors attended the rally.",
            "18,250", 18250, 63000, "visitors",
        ),
        ("Police said 20-30 people were detained overnight.", "20", 20, 30, "people"),
        ("Organisers expect two to three thousand people.", "two", 2000, 3000, "people"),
        ("The repairs will cost from $5 million to $8 million.", "5", 5e6, 8e6, None),
        ("Nike was asked for about 15\u201325 million dollars.", "15", 15e6, 25e6, None),
    ],
)
def test_ranges(find, text, surface, low, high, entity):
    h = one(find, text, surface)
    assert h.bound == "range"
    assert h.value is None
    assert (h.low, h.high) == (pytest.approx(low), pytest.approx(high))
    if entity:
        assert entity in (h.entity or "")


def test_change_is_not_a_range(find):
    hits = [h for _, h in find("Unemployment rose from 5 percent to 7 percent last year.")]
    assert [h.bound for h in hits] == ["exact", "exact"]
    assert [h.value for h in hits] == [5, 7]


def test_score_is_not_a_range(find):
    hits = [h for _, h in find("The lawmakers voted 66 to 27 to legalize the measure.")]
    assert all(h.bound != "range" for h in hits)


# -- units and currencies --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Revenue reached $4.5 billion in the year.", "4.5", 4.5e9, "United States dollar"),
        ("He was given a fine of US$86,000.", "86,000", 86000, "United States dollar"),
        ("The bank lost €3bn on the deal.", "3bn", 3e9, "euro"),
        ("The club paid £5 million for the player.", "5", 5e6, "pound sterling"),
        ("The fund raised A$5 million in May.", "5", 5e6, "Australian dollar"),
        ("Tickets were sold for HK$10 each.", "10", 10, "Hong Kong dollar"),
        ("Inflation rose 3.2% in March.", "3.2", 3.2, "percentage"),
        ("About 30 per cent of voters stayed home.", "30", 30, "percentage"),
        ("Support fell to 42 percent in the poll.", "42", 42, "percentage"),
        ("The sale price is 900 million złotys.", "900", 9e8, "Polish złoty"),
        ("It had a 24 million pounds operating loss.", "24", 2.4e7, "pound sterling"),
        ("The epicenter was roughly nine kilometers east of the town.", "nine", 9, "kilometre"),
        ("The town lies 73 km (45 miles) north of the city.", "73", 73, "kilometre"),
        ("The town lies 73 km (45 miles) north of the city.", "45", 45, "mile"),
        ("The baby weighed 7 pounds at birth.", "7", 7, "pound-mass"),
        ("Winds reached 120 kph on the coast.", "120", 120, "kilometre per hour"),
        ("The ship carried 10 tonnes of rice.", "10", 10, "tonne"),
    ],
)
def test_units(find, text, surface, value, unit):
    h = one(find, text, surface)
    assert h.value == pytest.approx(value)
    assert h.unit == unit


def test_plain_counts_have_no_unit(find):
    for _, h in find("Four people and 47 attacks and six months and 12 dollars-free days."):
        if h.value in (4, 47, 6):
            assert h.unit is None


def test_measure_nouns(find):
    assert one(find, "A value of 681 million pounds was booked.", "681").entity == "value"
    assert "turnover" in one(
        find, "Only 0.5% of Polish grocery turnover comes from online sales.", "0.5"
    ).entity
    assert one(find, "The company held a 4% share of the market.", "4%").entity == "share"


# -- vague amounts ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "low", "entity"),
    [
        ("The siege has cost thousands of lives.", "thousands", 2000, "lives"),
        ("Dozens of protesters were arrested.", "Dozens", 24, "protesters"),
        ("Tens of thousands of people marched in Minsk.", "Tens of thousands", 20000, "people"),
        ("Several hundred soldiers were deployed.", "Several hundred", 300, "soldiers"),
        ("Officials reported hundreds of Taliban killed.", "hundreds", 200, "Taliban"),
        ("Millions of doses were delivered last month.", "Millions", 2e6, "doses"),
        ("Scores of homes were flattened.", "Scores", 40, "homes"),
    ],
)
def test_vague_amounts(find, text, surface, low, entity):
    h = one(find, text, surface)
    assert h.value is None
    assert h.bound == "at_least"
    assert h.low == pytest.approx(low)
    assert h.high is None
    assert entity in (h.entity or "")


def test_scores_without_of_is_not_vague(find):
    assert surfaces(find, "The test scores improved this year.") == []


# -- not quantities --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The invasion began on February 24, 2022, and the company was founded in 2015.",
        "He has lived there since 1995 and returned on August 9.",
        "The quake struck at 4:42 local time on Saturday (2024 Friday, UTC).",
        "The rally started around 18:00 local time (1500 UTC) and ended at 20:00.",
        "The meeting starts at 8:00am tomorrow.",
        "Tesco said that in the 2019/20 fiscal year sales fell; in mid-2019 it closed shops.",
        "The COVID-19 pandemic is caused by SARS-CoV-2.",
        "Leaders of the G7 met on Route 66 near Room 101.",
        "The airline flies the Boeing 737 and runs Windows 10 at its desks.",
        "The team finished second and was the first to arrive; he came 3rd.",
        "Call the office on 555-1234 or +1-202-555-0123.",
        "The software was upgraded to version 3.8.0 this week.",
        "One of the databases was public, and they helped one another.",
    ],
)
def test_not_quantities(find, text):
    assert surfaces(find, text) == []


def test_list_numbering_is_not_a_quantity(find):
    text = "Demands:\n1. Free elections\n2. Release prisoners\n(3) End violence"
    assert surfaces(find, text) == []


def test_exclude_spans_drop_numbers_inside_time_expressions(find):
    text = "Russia claims to have killed 220 soldiers over the past 24 hours."
    start = text.index("the past 24 hours")
    got = surfaces(find, text)
    assert any("24" in s for s in got)
    got = [s for s, _ in find(text, [(start, start + len("the past 24 hours"))])]
    assert not any("24" in s for s in got)
    assert any("220" in s for s in got)


def test_over_before_duration_is_not_a_bound(find):
    h = one(find, "The chain will merge the stores over 18 months.", "18")
    assert h.bound == "exact"


# -- ages ------------------------------------------------------------------------------------
def test_ages_are_quantities(find):
    h = one(find, "Smithers, 36 years old, is married.", "36")
    assert h.value == 36
    h = one(find, "An estimated 120 people were in the 25-year-old building.", "25")
    assert h.value == 25
    assert one(find, "An estimated 120 people were in the 25-year-old building.", "120")


# -- robustness ------------------------------------------------------------------------------
def _check_hits(text: str, hits: list[QuantityHit]) -> None:
    last_end = -1
    for h in hits:
        assert 0 <= h.start_char < h.end_char <= len(text)
        assert text[h.start_char:h.end_char].strip()
        assert h.start_char >= last_end
        last_end = h.end_char
        assert h.bound in BOUNDS
        for v in (h.value, h.low, h.high):
            assert v is None or (isinstance(v, float) and math.isfinite(v))
        if h.bound == "range":
            assert h.value is None and h.low is not None and h.high is not None
            assert h.low <= h.high
        else:
            assert h.value is not None or h.bound == "at_least"


@pytest.mark.parametrize(
    "text",
    [
        "9" * 20_000 + " people died.",
        "1," * 5000,
        "<p>More than <b>1,100</b> deaths&nbsp;reported</p>\x00\x07\x1b[0m",
        "$" * 300 + "5" + "%" * 300,
        "- " * 2000 + "5",
        "between " * 500 + "5 and 7",
        "one " * 3000,
        "\u2212" * 100 + "5",
        "\ud7ff\ufffe\U0001f600 12 \u202e 13 \u0660\u0661",
    ],
)
def test_never_raises_on_hostile_text(bare_nlp, finder, text):
    doc = bare_nlp(text)
    _check_hits(doc.text, finder.find(doc))


_ALPHABET = st.sampled_from(
    list("0123456789,.-%$€£½ ") + ["\n", "\u2212", "\u2013"]
    + [" million ", " more than ", " between ", " and ", " to ", " a dozen ", " half a ",
       " thousands of ", " people ", " in 2019 ", " about ", " km ", " pounds ", " over ",
       " one ", " twenty-five ", " per cent ", " at least ", " US$", " (", ")", " years old "]
)


@settings(
    max_examples=500, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(_ALPHABET, max_size=40).map("".join) | st.text(max_size=120))
def test_property_find_never_raises(bare_nlp, finder, text):
    doc = bare_nlp(text)
    _check_hits(doc.text, finder.find(doc))
    # arbitrary exclude spans are accepted too
    _check_hits(doc.text, finder.find(doc, [(0, len(text) // 2), (5, 3), (-4, 2)]))


def test_find_is_linear(bare_nlp, finder):
    import time

    small = bare_nlp("Officials said more than 1,100 people died and 3.2% were injured. " * 20)
    big = bare_nlp("Officials said more than 1,100 people died and 3.2% were injured. " * 200)
    t0 = time.perf_counter()
    finder.find(small)
    t1 = time.perf_counter()
    finder.find(big)
    t2 = time.perf_counter()
    assert (t2 - t1) < 40 * max(t1 - t0, 1e-3)


# -- lexicon ---------------------------------------------------------------------------------
def test_user_lexicon_extends_bundled_data(bare_nlp, tmp_path):
    path = tmp_path / "lex.json"
    path.write_text(
        json.dumps(
            {
                "bounds": {"before": [{"text": "a whopping", "bound": "more_than"}]},
                "currencies": {"words": {"quatloos": "quatloo"}},
            }
        ),
        encoding="utf-8",
    )
    finder = QuantityFinder(path)
    doc = bare_nlp("The fee was a whopping 400 quatloos, and more than 5 people paid.")
    hits = finder.find(doc)
    assert (hits[0].bound, hits[0].unit, hits[0].value) == ("more_than", "quatloo", 400)
    assert hits[1].bound == "more_than"


def test_unknown_lexicon_section_is_rejected(tmp_path):
    path = tmp_path / "lex.json"
    path.write_text('{"nonsense": {}}', encoding="utf-8")
    with pytest.raises(ValueError, match="nonsense"):
        QuantityFinder(path)


def test_import_is_light_and_silent():
    code = (
        "import sys, warnings\n"
        "warnings.simplefilter('error')\n"
        "import claimx.quantities\n"
        "from claimx.quantities.finder import QuantityFinder\n"
        "f = QuantityFinder()\n"
        "f.units.lookup('kilometres')\n"
        "assert 'quantulum3' not in sys.modules, 'quantulum3 imported'\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""


# -- issue 15: numbers in every written form ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The startup raised $40million from investors.", "$40million", 40e6,
         "United States dollar"),
        ("The utility issued bonds worth EUR2bn last week.", "EUR2bn", 2e9, "euro"),
        ("The new bridge will cost Rs 5 crore.", "Rs 5 crore", 5e7, "Indian rupee"),
        ("Each winner receives US$75,000.", "US$75,000", 75_000, "United States dollar"),
        ("The club paid ₿12 for the domain.", "₿12", 12, "bitcoin"),
        ("Unemployment stood at 31.4% in the district.", "31.4%", 31.4, "percentage"),
    ],
)
def test_glued_scales_and_currencies(find, text, surface, value, unit):
    h = one(find, text, surface)
    assert math.isclose(h.value, value) and h.unit == unit
    assert any(s.startswith(surface) for s in surfaces(find, text))  # the symbol is in the span


@pytest.mark.parametrize(
    ("text", "surface", "value", "entity"),
    [
        ("Roughly half of the nurses voted to strike.", "half", 0.5, "nurses"),
        ("Two thirds of the councillors backed the plan.", "Two thirds", 2 / 3, "councillors"),
        ("A quarter of the shops closed early.", "A quarter", 0.25, "shops"),
        ("One in five drivers ignored the limit.", "One in five", 0.2, "drivers"),
        ("The path is two and a half miles long.", "two and a half miles", 2.5, None),
        ("The pipe is 3 1/2 inches wide.", "3 1/2", 3.5, None),
        # a whole number and a half takes the scale after it, hyphenated or not
        ("The country hosts three and a half million refugees.",
         "three and a half million refugees", 3.5e6, "refugees"),
        ("The country hosts over three-and-a-half million refugees.",
         "over three-and-a-half million refugees", 3.5e6, "refugees"),
    ],
)
def test_fractions_and_shares(find, text, surface, value, entity):
    h = one(find, text, surface)
    assert math.isclose(h.value, value)
    if entity:
        assert entity in h.entity


def test_one_unit_after_a_bound(find):
    h = one(find, "The glacier now covers under a hectare.", "under a hectare")
    assert (h.value, h.bound, h.unit) == (1.0, "less_than", "hectare")
    assert not [s for s in surfaces(find, "It is a hectare of woods.") if "hectare" in s]


def test_in_the_hundreds_counts_what_is_placed_there(find):
    h = one(find, "Medics put the casualty count in the hundreds.", "hundreds")
    assert h.entity and "casualty count" in h.entity


def test_a_fraction_of_a_period_is_no_quantity(find):
    assert not [s for s in surfaces(find, "He scored twice in the second half of the game.")
                if "half" in s]


# -- bounds and ranges ---------------------------------------------------------------------------
def test_margin_of_error_is_unsigned(find):
    h = one(find, "The survey has a margin of error of plus or minus 2.8 points.", "2.8")
    assert (h.value, h.bound, h.unit) == (2.8, "exact", "point")
    assert h.entity == "margin of error"
    h = one(find, "Its margin of error is ±4%.", "4")
    assert (h.value, h.bound, h.unit) == (4, "exact", "percentage")


@pytest.mark.parametrize(
    ("text", "surface", "bound"),
    [
        ("Prices rose by as high as 70% in some towns.", "as high as 70%", "at_most"),
        ("Upwards of 500 acres burned.", "Upwards of 500 acres", "more_than"),
        ("Just under 3,000 runners finished.", "Just under 3,000", "less_than"),
        ("Nearly 80 flights were cancelled.", "Nearly 80", "about"),
        ("Rents fell to as low as $900 a month.", "as low as $900", "at_least"),
    ],
)
def test_bound_phrases(find, text, surface, bound):
    assert one(find, text, surface).bound == bound


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Between 40 and 60 volunteers turned up.", 40, 60),
        ("Rescuers found 12\u201315 boats.", 12, 15),
        ("Seven-eight trucks were stuck on the pass.", 7, 8),
        ("Fees rose 5 to 10 percent.", 5, 10),
    ],
)
def test_range_forms(find, text, low, high):
    hits = [h for _, h in find(text) if h.bound == "range"]
    assert hits and (hits[0].low, hits[0].high) == (low, high)


def test_change_and_level_are_two_quantities(find):
    hits = [h for _, h in find("Revenue fell 3.4 percent to $120.6 million.")]
    assert [(h.value, h.unit) for h in hits] == [
        (3.4, "percentage"), (120.6e6, "United States dollar")]
    assert all(h.entity == "Revenue" for h in hits)


# -- units ---------------------------------------------------------------------------------------
def test_magnitude_and_race_times(find):
    h = one(find, "A magnitude 6.2 earthquake hit the coast.", "6.2")
    assert (h.unit, h.entity) == ("magnitude", "magnitude")
    h = one(find, "A 5.8-magnitude quake followed.", "5.8")
    assert h.unit == "magnitude"
    h = one(find, "She won the race in 2:11:02, a course record.", "2:11:02")
    assert (h.value, h.unit) == (7862, "second")


def test_bracketed_conversion_is_a_second_quantity(find):
    hits = [h for _, h in find("Gusts reached winds of 150 km/h (93 mph) overnight.")]
    assert [h.unit for h in hits] == ["kilometre per hour", "mile per hour"]
    assert hits[0].entity == hits[1].entity == "winds"
    hits = [h for _, h in find("The village is 40 miles (64 km) from the border.")]
    assert [h.unit for h in hits] == ["mile", "kilometre"]
    assert hits[1].entity == hits[0].entity


def test_unit_is_always_from_the_vocabulary(finder, find):
    cur = finder.currencies
    known = {*cur.names, *finder.percent.values(), *finder.units_before.values(),
             finder.duration_unit, *finder.units._table.values()}
    text = ("The farm covers 12 hectares and 30 acres. It lost 4 kg, $3m, EUR2bn and 5 km. "
            "Winds hit 90 km/h (56 mph) and 40 degrees Celsius; a magnitude 5 quake; 3 points.")
    units = [h.unit for _, h in find(text) if h.unit]
    assert len(units) >= 10 and set(units) <= known


def test_clock_times_are_not_units(find):
    assert not [h for _, h in find("The doors open at 2.15 am and close at 11 pm.") if h.unit]


# -- what the number counts ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        ("Exports slipped 1.8 percent.", "1.8", "Exports"),
        ("The death toll climbed to 31.", "31", "death toll"),
        ("Among women, 61 percent backed the plan.", "61", "women"),
        ("The mayor leads with 44 percent among renters.", "44", "renters"),
        ("With the jobless rate at 4 percent, wages rose.", "4", "jobless rate"),
        ("The army sent a 20,000-strong force north.", "20,000", "force"),
        ("A total of 38 are dead.", "38", "dead"),
        ("More than 700 injured were treated.", "700", "injured"),
        ("The charity sent $2.5 million in relief.", "2.5", "relief"),
        ("Judges serve four-year terms.", "four", "terms"),
        ("She sent a two-page letter.", "two", "page"),
        ("It won 14 out of 20 of the region's councils.", "14", "councils"),
        ("The bank cut the number of branches from 90 to 12.", "90", "branches"),
        ("The city has the largest number of nurses, 412, in the state.", "412", "nurses"),
        ("The party won the most seats, at 22, in the vote.", "22", "seats"),
        ("The turnout was about 58%, some 6% higher than in the spring.", "6%", "turnout"),
        ("Shops limited sales to two and one ticket per customer.", "one", "ticket"),
        ("The lake's depth is 40 metres (131 feet).", "131", "depth"),
        ("An auctioneer put the price of the vase in the range of 3 to 4 million euros.",
         "3 to 4", "price"),
        ("The flu has a growth rate estimated in the range 1.2–1.5 this winter.", "1.2",
         "growth rate"),
    ],
)
def test_entity_beyond_the_next_noun(find, text, surface, entity):
    h = one(find, text, surface)
    assert h.entity and entity in h.entity, (h.entity, entity)


def test_listed_numbers_share_the_entity(find):
    hits = [h for _, h in find("Survival rates were 31% for group A, 44% for group B, "
                               "and 18% for group C.")]
    assert len(hits) == 3 and all(h.entity and "rates" in h.entity for h in hits)


# -- no false quantities -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["1. Collect the forms from the desk.", "One of the guards said the gate was open."],
)
def test_no_false_quantities(find, text):
    assert find(text) == []


def test_number_in_an_index_name_is_no_quantity(find):
    assert [h.value for _, h in find("The S&P 500 gained 1.2% on the day.")] == [1.2]


def test_an_age_after_a_noun_restates_nothing(find):
    h = one(find, "On Friday the bishop, 67, announced his retirement.", "67")
    assert h.entity is None


@pytest.mark.parametrize("text", ["Sales of the Boeing 737 fell last year.",
                                  "Apple's iPhone 12 sold well in the spring."])
def test_numbers_inside_product_names_are_no_quantities(find, text):
    assert find(text) == []


def test_a_party_and_its_seat_count_stay_a_quantity(find):
    h = one(find, "Results: Green Party - 14 seats", "14")
    assert (h.value, h.entity) == (14, "seats")


def test_unit_vocabulary_is_documented(finder):
    """Every unit claimx itself names (beyond quantulum3's table) has a row in docs/claims.md."""
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "claims.md").read_text(encoding="utf-8")
    doc = re.sub(r"```.*?```", "", doc, flags=re.S)
    documented = set(re.findall(r"`([^`\n]+)`", doc))
    own = {*finder.currencies.names, *finder.percent.values(), *finder.units_before.values(),
           finder.duration_unit}
    assert own <= documented, sorted(own - documented)


def test_an_approximate_sign_is_the_bound_about(extractor):
    claim = extractor.extract("Its winds reached 185 mph (~295 km/h), officials said.")[0]
    approx = [q for q in claim.quantities if q.text.startswith("~")]
    assert [(q.text, q.bound, q.value) for q in approx] == [("~295 km/h", "about", 295.0)]


def test_a_quantity_never_leaves_a_bracket_open(extractor):
    text = "The cut-off for the category is 157 miles per hour (mph), officials said."
    q = extractor.extract(text)[0].quantities[0]
    assert q.text == "157 miles per hour" and q.entity == "miles per hour"


def test_a_vague_amount_heading_its_own_sentence_keeps_what_it_counts(extractor):
    claims = extractor.extract('She wrote: "Wow! Thousands of people forming in the square."')
    assert [(q.text, q.entity) for c in claims for q in c.quantities] == \
        [("Thousands of people", "people")]


def test_the_first_side_of_a_scoreline_shares_the_unit_written_after_the_second(find):
    found = dict(find("Polls showed her leading him in the average, 50.1 to 42.9 percent."))
    assert found["50.1"].unit == found["42.9 percent"].unit == "percentage"
    found = dict(find("The pundit predicted 362 to 176."))
    assert found["362"].unit is None
    assert [s for s, _ in find("Prices rose 5 to 7 percent.")] == ["5 to 7 percent"]
