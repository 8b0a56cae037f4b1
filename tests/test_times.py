"""The time engine on the real English model: finding and resolving time expressions."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimx.timex.finder import TimeFinder, TimeHit
from claimx.timex.reference import find_reference_date, reference_header_span
from claimx.timex.resolve import resolve
from conftest import SHARED

D = dt.date
R0313 = D(2023, 3, 13)  # a Monday
R0306 = D(2023, 3, 6)  # a Monday


@pytest.fixture(scope="module")
def finder() -> TimeFinder:
    return TimeFinder()


@pytest.fixture(scope="module")
def times(bare_nlp, finder):
    """text, R -> {surface: (start, end)} of every hit, checking offsets on the way."""

    def run(text: str, ref: dt.date | None) -> dict[str, tuple]:
        doc = bare_nlp(text)
        out = {}
        for h in finder.find(doc, ref):
            assert doc.char_span(h.start_char, h.end_char) is not None
            out[text[h.start_char:h.end_char]] = (h.start, h.end)
        return out

    return run


def one(times, text, ref, surface):
    found = times(text, ref)
    assert surface in found, found
    return found[surface]


# ---------------------------------------------------------------- seed checks


def test_seed_0313(bare_nlp, finder, seed_0313):
    ref = find_reference_date(seed_0313)
    assert ref == R0313
    doc = bare_nlp(seed_0313)
    found = {seed_0313[h.start_char:h.end_char]: (h.start, h.end) for h in finder.find(doc, ref)}
    assert found["the past week"] == ("2023-03-06", "2023-03-13")
    assert found["the past 24 hours"] == ("2023-03-12", "2023-03-13")
    assert found["Monday"] == ("2023-03-13", "2023-03-13")
    assert found["December"] == ("2022-12-01", "2022-12-31")
    assert found["recent days"] == (None, None)
    assert found["the coming months"] == (None, None)
    assert "months" not in found and "2023-03-13" not in found  # duration; the header


def test_seed_0306(bare_nlp, finder, seed_0306):
    ref = find_reference_date(seed_0306)
    assert ref == R0306
    doc = bare_nlp(seed_0306)
    found = {seed_0306[h.start_char:h.end_char]: (h.start, h.end) for h in finder.find(doc, ref)}
    assert found["late on Sunday"] == ("2023-03-05", "2023-03-05")
    assert found["just over a year ago"] == ("2022-03-06", "2022-03-06")
    assert found["February 24, 2022"] == ("2022-02-24", "2022-02-24")
    assert found["Monday"] == ("2023-03-06", "2023-03-06")
    assert "six months" not in found and "months" not in found and "a year" not in found


def test_header_span_is_not_reported(bare_nlp, finder, seed_0313):
    span = reference_header_span(seed_0313)
    for h in finder.find(bare_nlp(seed_0313), R0313):
        assert h.start_char >= span[1] or h.end_char <= span[0]


def test_wikinews_dateline_and_clock_time(times):
    text = ("Monday, July 15, 2019 \n\n\nAt 4:42 local time on Saturday (2024 Friday, UTC), an "
            "earthquake struck Surigao del Sur, injuring at least 25 people.")
    ref = find_reference_date(text)
    assert ref == D(2019, 7, 15)
    found = times(text, ref)
    assert found["4:42 local time on Saturday"] == ("2019-07-13", "2019-07-13")
    # the dateline's date is a time of the text (no claim takes it, see below)
    assert found["Monday, July 15, 2019"] == ("2019-07-15", "2019-07-15")
    assert "2024" not in found  # a UTC clock time, not a year


@pytest.mark.parametrize(
    "text, surface, day",
    [
        ("LAGOS, May 2 (Reuters) -\n\nPolice said 40 people were hurt in the blast.", "May 2",
         D(2023, 5, 2)),
        ("\n\nBRUSSELS, February 10 (Xinhua) --\n\nThe ministers said 12 states would join.",
         "February 10", D(2023, 2, 10)),
    ],
)
def test_a_dateline_date_is_reported_but_is_no_claims_time(times, extractor, text, surface,
                                                             day):
    assert one(times, text, day, surface) == (day.isoformat(), day.isoformat())
    claims = extractor.extract(text, reference_date=day)
    assert claims and all(c.time is None for c in claims), [c.time for c in claims]


# ------------------------------------------------------------------ conventions


def test_full_date_is_that_day(times):
    text = "Moscow's full-scale invasion on February 24, 2022 soon stalled."
    assert one(times, text, R0306, "February 24, 2022") == ("2022-02-24", "2022-02-24")


def test_absolute_date_resolves_without_reference(times):
    text = "Moscow's full-scale invasion on February 24, 2022 soon stalled."
    assert one(times, text, None, "February 24, 2022") == ("2022-02-24", "2022-02-24")


def test_month_is_latest_not_after_r(times):
    text = "Zelensky gave a Bakhmut flag to Congress during a visit to Washington in December."
    assert one(times, text, R0313, "December") == ("2022-12-01", "2022-12-31")


def test_month_and_year(times):
    text = "The Taliban killed 150 security forces in an assault in Ghazni in August 2018."
    assert one(times, text, D(2019, 1, 24), "August 2018") == ("2018-08-01", "2018-08-31")


def test_day_without_year_takes_the_year_of_r(times):
    text = "UpGuard notified Cultura Colectiva on January 10, and again on January 14."
    found = times(text, D(2019, 4, 8))
    assert found["January 10"] == ("2019-01-10", "2019-01-10")
    assert found["January 14"] == ("2019-01-14", "2019-01-14")


def test_near_future_day_stays_in_the_year(times):
    text = "The presidential election is to be held on August 9, officials said."
    assert one(times, text, D(2020, 8, 3), "August 9") == ("2020-08-09", "2020-08-09")


def test_year(times):
    text = "Tesco centralized its management in the Central European region in 2015."
    assert one(times, text, D(2020, 6, 21), "2015") == ("2015-01-01", "2015-12-31")


def test_mid_year_modifier_keeps_the_year(times):
    text = "Deutsche Welle reported in mid-2019 that 62 Tesco outlets had closed."
    assert one(times, text, D(2020, 6, 21), "mid-2019") == ("2019-01-01", "2019-12-31")


def test_weekday_is_r_itself_on_that_weekday(times):
    text = "Four people were injured in the city on Monday alone, the governor said."
    assert one(times, text, R0313, "Monday") == ("2023-03-13", "2023-03-13")


def test_weekday_latest_before_r(times):
    text = "According to a report on Wednesday by UpGuard, two databases were found."
    assert one(times, text, D(2019, 4, 8), "Wednesday") == ("2019-04-03", "2019-04-03")


def test_late_on_weekday(times):
    text = "The tenacious defence of Bakhmut achieved a great deal, Kofman tweeted late on Sunday."
    assert one(times, text, R0306, "late on Sunday") == ("2023-03-05", "2023-03-05")


def test_possessive_weekday(times):
    text = "Monday's attack killed 12 soldiers, the ministry said."
    assert one(times, text, D(2019, 1, 24), "Monday") == ("2019-01-21", "2019-01-21")


def test_relative_times_need_a_reference_date(times):
    text = "On Monday, officials said 47 attacks were recorded in the past week."
    found = times(text, None)
    assert found["Monday"] == (None, None)
    assert found["the past week"] == (None, None)


@pytest.mark.parametrize(
    "text, surface, ref, expected",
    [
        ("Yesterday, confirmed cases surpassed one million, JHU data indicated.", "Yesterday",
         D(2020, 4, 29), ("2020-04-28", "2020-04-28")),
        ("The hotel caught fire yesterday morning, killing 17 people.", "yesterday morning",
         D(2019, 2, 13), ("2019-02-12", "2019-02-12")),
        ("Italy had around 27,000 deaths as of yesterday.", "yesterday",
         D(2020, 4, 29), ("2020-04-28", "2020-04-28")),
        ("Today, the state of Wisconsin held elections.", "Today",
         D(2020, 4, 7), ("2020-04-07", "2020-04-07")),
        ("Police said three men were arrested last night.", "last night",
         R0313, ("2023-03-12", "2023-03-12")),
        ("The minister will speak tonight, officials said.", "tonight",
         R0313, ("2023-03-13", "2023-03-13")),
        ("Markets fell sharply this morning, traders said.", "this morning",
         R0313, ("2023-03-13", "2023-03-13")),
    ],
)
def test_today_yesterday_tonight(times, text, surface, ref, expected):
    assert one(times, text, ref, surface) == expected


def test_past_n_days_hours_months(times):
    ref = D(2020, 6, 21)
    text = ("The chain's press release reported 22 sold units in the last 18 months, and 300 "
            "stores over the past 24 hours, after losses in the past three years.")
    found = times(text, ref)
    assert found["the last 18 months"] == ("2018-12-21", "2020-06-21")
    assert found["the past 24 hours"] == ("2020-06-20", "2020-06-21")
    assert found["the past three years"] == ("2017-06-21", "2020-06-21")


def test_past_year_and_a_half(times):
    text = "The chain's press release reported 22 sold units in the past year and a half."
    found = times(text, D(2020, 6, 21))
    assert found["the past year and a half"] == ("2018-12-21", "2020-06-21")


def test_vague_recent_periods_are_reported_unresolved(times):
    text = ("In recent days both sides reported heavy losses; in the past few years Tesco cut "
            "costs, and in recent weeks prices rose.")
    found = times(text, R0313)
    assert found["recent days"] == (None, None)
    assert found["the past few years"] == (None, None)
    assert found["recent weeks"] == (None, None)


def test_last_week_is_previous_calendar_week(times):
    text = "Last week, Taliban negotiators met the US peace envoy in Qatar."
    assert one(times, text, D(2019, 1, 24), "Last week") == ("2019-01-14", "2019-01-20")


def test_last_month_and_last_year(times):
    text = "Sales fell last month after Tesco closed its Poznan centre last year."
    found = times(text, D(2020, 6, 21))
    assert found["last month"] == ("2020-05-01", "2020-05-31")
    assert found["last year"] == ("2019-01-01", "2019-12-31")


def test_this_year_week_month(times):
    text = ("The parties said they expect a decision this year, prices rose this month and "
            "talks resume this week.")
    found = times(text, R0313)
    assert found["this year"] == ("2023-01-01", "2023-12-31")
    assert found["this month"] == ("2023-03-01", "2023-03-31")
    assert found["this week"] == ("2023-03-13", "2023-03-19")


def test_earlier_this_year(times, extractor):
    """The signal "Earlier" stays outside the span, which is the whole year; the claim
    reads the signal: the year up to R."""
    text = "Earlier this year, northern Philippines suffered a 6.3 magnitude earthquake."
    ref = D(2019, 7, 15)
    assert one(times, text, ref, "this year") == ("2019-01-01", "2019-12-31")
    assert _claim_time(extractor, text, "6.3", ref) == ("2019-01-01", "2019-07-15")


def test_n_units_ago(times):
    text = "The bridge collapsed two weeks ago and the mayor resigned three days ago."
    found = times(text, R0313)
    assert found["two weeks ago"] == ("2023-02-27", "2023-02-27")
    assert found["three days ago"] == ("2023-03-10", "2023-03-10")


def test_just_over_a_year_ago(times):
    text = "Russian forces that invaded Ukraine just over a year ago have been bearing down."
    assert one(times, text, R0306, "just over a year ago") == ("2022-03-06", "2022-03-06")


@pytest.mark.parametrize("mod", ["about", "nearly", "almost", "roughly"])
def test_modifiers_do_not_break_resolution(times, mod):
    text = f"The factory closed {mod} two years ago, the union said."
    assert one(times, text, R0313, f"{mod} two years ago") == ("2021-03-13", "2021-03-13")


def test_the_weekend(times):
    text = "Shelling intensified over the weekend, the governor said."
    assert one(times, text, R0313, "the weekend") == ("2023-03-11", "2023-03-12")


def test_the_previous_day_anchored_on_the_day_before(times):
    text = ("Officials said on Saturday that 12 people had died. The previous day, the army "
            "reported 40 attacks.")
    found = times(text, D(2019, 7, 15))
    assert found["Saturday"] == ("2019-07-13", "2019-07-13")
    assert found["The previous day"] == ("2019-07-12", "2019-07-12")


def test_the_day_before_unanchored_is_r_minus_one(times):
    text = "The day before, the army reported 40 attacks, the ministry said."
    assert one(times, text, R0313, "The day before") == ("2023-03-12", "2023-03-12")


def test_year_range(times):
    text = "Prosecutors said he wrote prescriptions in five different states from 2015 to 2017."
    assert one(times, text, D(2019, 10, 4), "from 2015 to 2017") == ("2015-01-01", "2017-12-31")


def test_month_range(times):
    text = "Prices rose 7% between March and May, the statistics office said."
    assert one(times, text, D(2020, 6, 21), "between March and May") == (
        "2020-03-01", "2020-05-31")


def test_month_of_last_year(times):
    text = "In a DW report in March of last year, Dave Lewis said Tesco would stay."
    assert one(times, text, D(2020, 6, 21), "March of last year") == ("2019-03-01", "2019-03-31")


def test_future_next_year_and_coming_months(times):
    text = "The plant will reopen next year, but no offensives are expected in the coming months."
    found = times(text, R0313)
    assert found["next year"] == ("2024-01-01", "2024-12-31")
    assert found["the coming months"] == (None, None)


# ------------------------------------------------------------ not time expressions


@pytest.mark.parametrize(
    "text",
    [
        "Its defenders denied the Kremlin the prize it has sought for six months.",
        "The months-long battle for Bakhmut has been costly for both sides.",
        "The war in Afghanistan has been ongoing for seventeen years.",
        "Salling intends to merge the stores over 18 months at a cost of one billion zlotys.",
        "Three years of supervised release will follow, the judge said.",
        "Prosecutors had called for at least 20 years in prison.",
        "Smithers, 36 years old, was convicted on 861 counts.",
    ],
)
def test_durations_are_not_reported(times, text):
    assert times(text, R0313) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Officials said prices may rise again, and protesters march to the square.",
        "August Wilson wrote ten plays about African-American life.",
        "The Sunday trade ban, introduced by the government, also hurt sales.",
        "Good Friday services were cancelled, the archdiocese said.",
        "The COVID-19 pandemic cut turnover in the 2019/20 fiscal year by 4%.",
        "The rally started around 18:00 local time (1500 UTC).",
        "Tesco sold its roughly 2000 Thai stores to Charoen Pokphand.",
    ],
)
def test_false_friends_are_not_reported(times, text):
    assert times(text, R0313) == {}


def test_bare_clock_time_is_not_reported(times):
    assert times("Sviatlana Tsikhanouskaya arrived at about 20:00.", R0313) == {}


def test_clock_time_after_a_day(times):
    text = "The polls closed on Tuesday at 8:00 p.m. local time, the commission said."
    found = times(text, R0313)
    assert found["Tuesday at 8:00 p.m. local time"] == ("2023-03-07", "2023-03-07")


# ------------------------------------------------------------------- resolve()


def test_resolve_examples():
    assert resolve("the past week", R0313) == ("2023-03-06", "2023-03-13")
    assert resolve("in August 2018", R0313) == ("2018-08-01", "2018-08-31")
    assert resolve("on January 10", D(2019, 4, 8)) == ("2019-01-10", "2019-01-10")
    assert resolve("the last 18 months", D(2020, 6, 21)) == ("2018-12-21", "2020-06-21")
    assert resolve("recent weeks", R0313) is None
    assert resolve("for six months", R0313) is None
    assert resolve("yesterday", None) is None
    assert resolve("2015", None) == ("2015-01-01", "2015-12-31")


def test_resolve_never_raises():
    for expr in ["", " ", "9" * 20000, "1," * 3000, "<b>May 5</b>", "\x00", "March 99",
                 "February 30, 2023", "in 9999 years", "next year"]:
        resolve(expr, R0313)
    assert resolve("next year", D(9999, 6, 1)) is None
    assert resolve("last year", D(1, 6, 1)) is None


def test_import_does_not_load_dateparser():
    code = ("import sys; import claimx.timex.finder, claimx.timex.resolve, "
            "claimx.timex.reference; print('dateparser' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_dateparser_fallback_for_forms_the_rules_do_not_read():
    assert resolve("March 7 of 2022", R0313) == ("2022-03-07", "2022-03-07")
    assert resolve("7-March-2023", R0313) == ("2023-03-07", "2023-03-07")
    assert resolve("7-March-2023", None) is None  # no dateparser without R


def test_ordinal_day_forms(times):
    text = "The contract was signed on Tuesday the 7th of March, and talks began on March the 2nd."
    found = times(text, R0313)
    assert found["Tuesday the 7th of March"] == ("2023-03-07", "2023-03-07")
    assert found["March the 2nd"] == ("2023-03-02", "2023-03-02")


# ------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    ["9" * 20000, "1," * 5000, "<html><body><p>May 5</p></body></html>" * 50,
     "\x00\x01\x02 March \x7f 2019 \u200b Monday", "Mon Sat Sun Wed " * 200,
     "in May " * 1000, " " * 5000 + "May" + " " * 5000, "COVID-19 2019/20 24/7 9/11"],
)
def test_never_raises_and_linear(bare_nlp, finder, text):
    doc = bare_nlp(text)
    t0 = time.perf_counter()
    hits = finder.find(doc, R0313)
    assert time.perf_counter() - t0 < 5
    for h in hits:
        assert isinstance(h, TimeHit)
        assert doc.char_span(h.start_char, h.end_char) is not None


@settings(
    max_examples=500, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["on Monday", "in May", "2019", "the past week", "late on Sunday",
                             "March 6, 2023", "yesterday", "ago", "two", "years", "from", "to",
                             "between", "and", "—", "\n", ",", "4:42", "(Reuters)", "date",
                             "2023-03-13", "the day before", "last", "may", "Sat"]),
            st.text(max_size=12),
        ),
        max_size=25,
    ),
    st.one_of(st.none(), st.dates(min_value=D(1, 1, 2), max_value=D(9999, 12, 30))),
)
def test_property_find_never_raises_and_offsets_are_valid(bare_nlp, finder, parts, ref):
    text = " ".join(parts)
    doc = bare_nlp(text)
    hits = finder.find(doc, ref)
    last_end = 0
    for h in hits:
        assert 0 <= h.start_char < h.end_char <= len(text)
        assert h.start_char >= last_end
        last_end = h.end_char
        assert doc.char_span(h.start_char, h.end_char) is not None
        assert (h.start is None) == (h.end is None)
        if h.start is not None:
            assert h.start <= h.end


# ----------------------------------------------------------------- dev set


def _dev_records():
    path = SHARED / "eval" / "dev.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_dev_gold_times_are_among_the_hits(bare_nlp, finder):
    """Every gold claim time of the dev set is the resolution of some hit in its article."""
    records = _dev_records()
    if not records:
        pytest.skip(f"needs {SHARED / 'eval' / 'dev.jsonl'} (shared evaluation data, absent "
                    "in a clean clone)")
    missing = []
    for rec in records:
        ref = rec.get("reference_date")
        ref = D.fromisoformat(ref) if ref else find_reference_date(rec["text"])
        found = {(h.start, h.end) for h in finder.find(bare_nlp(rec["text"]), ref)}
        for claim in rec.get("claims", []):
            gold = claim.get("time")
            if gold and (gold["start"], gold["end"]) not in found:
                missing.append((rec["id"], claim["anchor"], gold))
    assert not missing, missing


def test_tokens_only_doc_without_parser_or_ner(bare_nlp, finder):
    text = "Officials said on Monday that 47 attacks took place in the past week."
    doc = bare_nlp.make_doc(text)
    found = {text[h.start_char:h.end_char]: (h.start, h.end) for h in finder.find(doc, R0313)}
    assert found["Monday"] == ("2023-03-13", "2023-03-13")
    assert found["the past week"] == ("2023-03-06", "2023-03-13")


def test_user_rules_file_extends_the_bundled_lists(bare_nlp, tmp_path):
    rules = tmp_path / "my_time_rules.json"
    rules.write_text(json.dumps({"lexicon": {"offset_words": {"overmorrow": 2}}}), "utf-8")
    finder = TimeFinder(rules)
    text = "The minister will visit Kyiv overmorrow, and spoke on Monday."
    found = {text[h.start_char:h.end_char]: (h.start, h.end)
             for h in finder.find(bare_nlp(text), R0313)}
    assert found["overmorrow"] == ("2023-03-15", "2023-03-15")
    assert found["Monday"] == ("2023-03-13", "2023-03-13")


# ------------------------------------------------ issue 16: more forms and classes


@pytest.mark.parametrize(
    "text, surface, expected",
    [
        ("The bridge was closed on Oct. 3, 1994, engineers said.", "Oct. 3, 1994",
         ("1994-10-03", "1994-10-03")),
        ("The treaty was signed on 3 October 2001 in a small town.", "3 October 2001",
         ("2001-10-03", "2001-10-03")),
        ("The form was dated 10/3/94 and signed twice.", "10/3/94", ("1994-10-03", "1994-10-03")),
        ("Ballots were counted on 2/14/2023 in the capital.", "2/14/2023",
         ("2023-02-14", "2023-02-14")),
        ("The plant reopened on the 3rd, the operator said.", "the 3rd",
         ("2023-03-03", "2023-03-03")),
        ("The court ruled on the 20th, lawyers said.", "the 20th", ("2023-02-20", "2023-02-20")),
    ],
)
def test_written_date_forms(times, text, surface, expected):
    assert one(times, text, R0313, surface) == expected


def test_the_20th_century_is_no_day(times):
    found = times("Steel defined the 20th century, a historian wrote.", R0313)
    assert "the 20th" not in found


@pytest.mark.parametrize(
    "text, surface, expected",
    [
        ("Net income rose 8% in the third quarter, the bank said.", "the third quarter",
         ("2022-07-01", "2022-09-30")),
        ("The firm reported a third-quarter loss of $4 million.", "third-quarter",
         ("2022-07-01", "2022-09-30")),
        ("Sales fell in the first quarter of 2021, the chain said.", "the first quarter of 2021",
         ("2021-01-01", "2021-03-31")),
        ("Profit doubled in the latest quarter, analysts said.", "the latest quarter",
         ("2022-10-01", "2022-12-31")),
        ("Revenue was flat in the year-ago quarter.", "the year-ago quarter",
         ("2021-10-01", "2021-12-31")),
        ("In fiscal 2019, the group earned $3 billion.", "fiscal 2019",
         ("2019-01-01", "2019-12-31")),
        ("Output grew 2% in the first half of 2020.", "the first half of 2020",
         ("2020-01-01", "2020-06-30")),
        ("The group expects higher sales for the full year.", "the full year",
         ("2023-01-01", "2023-12-31")),
        ("The merger should close by year-end, the bank said.", "year-end",
         ("2023-12-31", "2023-12-31")),
    ],
)
def test_quarters_halves_and_fiscal_years(times, text, surface, expected):
    assert one(times, text, R0313, surface) == expected


def test_a_quarter_of_is_no_time(times):
    assert times("A quarter of the voters stayed home, officials said.", R0313) == {}


@pytest.mark.parametrize(
    "text, surface, expected",
    [
        ("Rents rose sharply in the 1990s, a study found.", "the 1990s",
         ("1990-01-01", "1999-12-31")),
        ("Rents rose sharply in the late 1980s, a study found.", "the late 1980s",
         ("1980-01-01", "1989-12-31")),
        ("Shops were busy on Christmas Eve, the union said.", "Christmas Eve",
         ("2022-12-24", "2022-12-24")),
        ("Traffic peaked at Thanksgiving 2021, the agency said.", "Thanksgiving 2021",
         ("2021-11-25", "2021-11-25")),
        ("The price was lower in nineteen ninety-six, he recalled.", "nineteen ninety-six",
         ("1996-01-01", "1996-12-31")),
    ],
)
def test_decades_holidays_spelled_years(times, text, surface, expected):
    assert one(times, text, R0313, surface) == expected


def test_now_is_found_as_the_reference_day(times):
    found = times("The fund now holds 40% of the shares, and recently sold more.", R0313)
    assert found["now"] == ("2023-03-13", "2023-03-13")
    assert found["recently"] == (None, None)


@pytest.mark.parametrize(
    "text, surface, expected",
    [
        ("The committee will meet in December, a spokesman said.", "December",
         ("2023-12-01", "2023-12-31")),
        ("The talks are set to resume Thursday in the capital.", "Thursday",
         ("2023-03-16", "2023-03-16")),
        ("The council will vote on Monday, its chair said.", "Monday",
         ("2023-03-13", "2023-03-13")),
        ("The council voted on Thursday, its chair said.", "Thursday",
         ("2023-03-09", "2023-03-09")),
        ("The ministry expects to publish the report on Jan. 9.", "Jan. 9",
         ("2024-01-09", "2024-01-09")),
        ("The shops open tomorrow and close next Tuesday.", "next Tuesday",
         ("2023-03-14", "2023-03-14")),
        ("Ticket sales opened this September, organisers said.", "this September",
         ("2023-09-01", "2023-09-30")),
    ],
)
def test_the_future(times, text, surface, expected):
    assert one(times, text, R0313, surface) == expected


@pytest.mark.parametrize(
    "text, surface, expected",
    [
        # a past verb keeps its own time inside a future clause
        ("Under the deal, agreed Friday, members would get a bonus.", "Friday",
         ("2023-03-10", "2023-03-10")),
        # a marker word under "had" is past
        ("The permit had been due to lapse on Thursday.", "Thursday",
         ("2023-03-09", "2023-03-09")),
        # an infinitival relative clause looks ahead
        ("The rules to be issued in early June will set the fees.", "early June",
         ("2023-06-01", "2023-06-30")),
        # a possessive time names its noun, not the verb's future
        ("They will try to overturn Friday's verdict in the appeal.", "Friday",
         ("2023-03-10", "2023-03-10")),
    ],
)
def test_tense_of_the_governing_verb(times, text, surface, expected):
    assert one(times, text, R0313, surface) == expected


def test_month_in_past_tense_stays_in_the_past(times):
    text = "The committee met in December, a spokesman said."
    assert one(times, text, R0313, "December") == ("2022-12-01", "2022-12-31")


@pytest.mark.parametrize(
    "text, surface, expected",
    [
        ("The mill closed in 2009. The following year, 300 workers left the town.",
         "The following year", ("2010-01-01", "2010-12-31")),
        ("Floods hit the valley in 2014. That year, crops fell by a third.", "That year",
         ("2014-01-01", "2014-12-31")),
        ("The plant was sold in 2011, and two years later it closed.", "two years later",
         ("2013-01-01", "2013-12-31")),
        ("The strike began on May 4, 2018. The previous day, talks had failed.",
         "The previous day", ("2018-05-03", "2018-05-03")),
    ],
)
def test_event_relative_times_count_from_the_named_time(times, text, surface, expected):
    assert one(times, text, R0313, surface) == expected


def test_event_relative_time_without_an_event_time_is_unresolved(times):
    found = times("The following year, 300 workers left the town.", R0313)
    assert found["The following year"] == (None, None)


@pytest.mark.parametrize(
    "text, surface, expected",
    [
        ("Shops have been shut since 1993, residents said.", "1993",
         ("1993-01-01", "1993-12-31")),
        ("Between 2010 and 2015, exports doubled.", "Between 2010 and 2015",
         ("2010-01-01", "2015-12-31")),
        ("The exhibition runs from today through March 30.", "from today through March 30",
         ("2023-03-13", "2023-03-30")),
        ("Prices rose 3% earlier this week, traders said.", "this week",
         ("2023-03-13", "2023-03-19")),
    ],
)
def test_signals_and_ranges(times, text, surface, expected):
    """A signal word ("since", "earlier") stays outside the span, whose interval is the
    time's own; ranges are one span."""
    assert one(times, text, R0313, surface) == expected


def test_a_backwards_pair_is_no_range(times):
    found = times("The agency made a revision Friday to December's figures.", R0313)
    assert found["Friday"] == ("2023-03-10", "2023-03-10")
    assert found["December"] == ("2022-12-01", "2022-12-31")


def test_earlier_this_week_ends_the_day_before(extractor):
    text = "Prices rose 3% earlier this week, traders said."
    assert _claim_time(extractor, text, "3%", D(2023, 3, 15)) == ("2023-03-13", "2023-03-14")


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        # "since X": from the start of X to R
        ("Prices have risen 40% since 1993, traders said.", "40%", ("1993-01-01", "2023-03-13")),
        ("Shares have gained 4% since early September, brokers said.", "4%",
         ("2022-09-01", "2023-03-13")),
        ("Exports have fallen 6% since Tuesday, the ministry said.", "6%",
         ("2023-03-07", "2023-03-13")),
        # "later this month": from R to the month's end
        ("The firm will cut 300 jobs later this month, a spokesman said.", "300 jobs",
         ("2023-03-13", "2023-03-31")),
        # a signal that does not change the reading
        ("Stocks held 12% as of Sept. 30, the fund said.", "12%", ("2022-09-30", "2022-09-30")),
    ],
)
def test_a_claim_reads_the_signal_before_its_time(extractor, text, anchor, expected):
    assert _claim_time(extractor, text, anchor) == expected


@pytest.mark.parametrize(
    "text, surface, expected",
    [
        ("Prices have risen 40% since 1993, traders said.", "1993", ("1993-01-01", "1993-12-31")),
        ("Shares have gained 4% since early September, brokers said.", "early September",
         ("2022-09-01", "2022-09-30")),
        ("Earlier Friday, the council met in the capital.", "Friday",
         ("2023-03-10", "2023-03-10")),
        ("The firm will cut 300 jobs later this month.", "this month",
         ("2023-03-01", "2023-03-31")),
        ("The strike ended on May 4, 2018. Earlier that day, talks had failed.",
         "Earlier that day", ("2018-05-04", "2018-05-04")),
    ],
)
def test_signal_words_stay_outside_the_span(times, text, surface, expected):
    """"since", "earlier", "later" before a time that reads alone are signals: the span and
    its interval are the time's own ("Earlier that day" needs its "earlier": it stays)."""
    assert one(times, text, R0313, surface) == expected


def test_n_hours_ago_is_the_reference_day(times):
    text = "The ministry said 12 hours ago that 40 people were hurt."
    assert one(times, text, R0313, "12 hours ago") == ("2023-03-13", "2023-03-13")


def test_unanchored_durations_stay_durations(times):
    assert times("The upgrade will take two weeks and cost $60 million.", R0313) == {}


# --------------------------------------------- issue 16: the time each claim takes


def _claim_time(extractor, text: str, anchor: str, ref=R0313):
    claims = extractor.extract(text, reference_date=ref)
    i = text.index(anchor)
    holding = [c for c in claims if c.span[0] <= i < c.span[1]]
    assert holding, [c.text for c in claims]
    c = min(holding, key=lambda c: c.span[1] - c.span[0])
    return None if c.time is None or c.time.start is None else (
        c.time.start.isoformat(), c.time.end.isoformat())


def test_comparison_point_is_not_the_claims_time(extractor):
    text = "Exports rose 4% from a year ago, the ministry said on Friday."
    assert _claim_time(extractor, text, "4%") == ("2023-03-10", "2023-03-10")
    text = "Attendance was about 61%, some 6% lower than last year."
    assert _claim_time(extractor, text, "61%") is None


def test_date_of_a_source_is_not_the_claims_time(extractor):
    text = ("According to a 2020 survey by the agency, 3,000 farms closed in 2019, "
            "the report said.")
    assert _claim_time(extractor, text, "3,000") == ("2019-01-01", "2019-12-31")


def test_time_of_a_relative_clause_stays_with_its_noun(extractor):
    text = ("The clinic used 12 vaccines, including one first tested on patients in 2004, "
            "a doctor said.")
    assert _claim_time(extractor, text, "12 vaccines") is None


def test_now_is_never_a_claims_time(extractor):
    text = "The fund now holds 40% of the shares, its manager said."
    assert _claim_time(extractor, text, "40%") is None


@pytest.mark.parametrize(
    "text, surface, expected",
    [
        ("Exports fell in the first week of February.", "the first week of February",
         ("2023-02-01", "2023-02-07")),
        ("Profits doubled in the first six months of 2021.",
         "the first six months of 2021", ("2021-01-01", "2021-06-30")),
        ("Hiring slowed over the last two quarters of 2020.",
         "the last two quarters of 2020", ("2020-07-01", "2020-12-31")),
        ("Orders picked up in the final 10 days of January.",
         "the final 10 days of January", ("2023-01-22", "2023-01-31")),
    ],
)
def test_part_of_a_named_time(times, text, surface, expected):
    assert one(times, text, R0313, surface) == expected


def test_vague_part_keeps_the_whole_time(times):
    found = times("Rain fell in the last days of February.", R0313)
    assert found["February"] == ("2023-02-01", "2023-02-28")


def test_approximate_ago_and_later(times):
    assert one(times, "The firm moved a month or so ago.", R0313,
               "a month or so ago") == ("2023-02-13", "2023-02-13")
    found = times("The plant shut in 2015. A year or so later, it reopened.", R0313)
    assert found["A year or so later"] == ("2016-01-01", "2016-12-31")


def test_week_holding_a_day(times):
    assert one(times, "The hearing took place in the week of Feb. 15.", R0313,
               "the week of Feb. 15") == ("2023-02-13", "2023-02-19")
    found = times("Sales rose in the month of February.", R0313)
    assert found["February"] == ("2023-02-01", "2023-02-28")


def test_the_quarter_is_the_quarter_named_before(times):
    text = "Profit rose 5% in the second quarter. In the quarter, sales rose 2%."
    found = times(text, R0313)
    assert found["the second quarter"] == ("2022-04-01", "2022-06-30")
    assert found["the quarter"] == found["the second quarter"]
    text = "Revenue fell in the first quarter. The latest period included a charge."
    found = times(text, R0313)
    assert found["The latest period"] == ("2023-01-01", "2023-03-31")


def test_the_year_quarter_takes_the_quarter_named_before(times):
    text = "Sales rose in the third quarter, against a loss in the 2021 quarter."
    found = times(text, R0313)
    assert found["the 2021 quarter"] == ("2021-07-01", "2021-09-30")
    alone = times("The 2021 period was weak.", R0313)
    assert alone["The 2021 period"] == ("2021-01-01", "2021-12-31")


# ------------------------------------- issue 16: earnings reports, look-ahead, datelines


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Net income rose to $5 million in the third quarter. In the year-ago period, it "
         "earned $4 million.", "the year-ago period"),
        ("The bank posted a third-quarter loss, against year-earlier profit of $3 million.",
         "year-earlier"),
        ("Profit rose 4% in the third quarter. Revenue fell to $80 million, from $90 million a "
         "year earlier.", "a year earlier"),
        ("Sales grew in the third quarter. In the year-earlier third quarter, the chain lost "
         "money.", "the year-earlier third quarter"),
        ("Net rose in the third quarter, against $2 million for the corresponding period last "
         "year.", "the corresponding period last year"),
        ("Earnings grew in the third quarter. For the quarter a year ago, the mill lost "
         "$8 million.", "the quarter a year ago"),
        ("Profit rose in the third quarter. Sales for last year's quarter were $3 million.",
         "last year's quarter"),
    ],
)
def test_year_before_the_reported_quarter(times, text, surface):
    """"the year-ago period", "year-earlier", "a year earlier" (unanchored) and the like name
    the quarter the report is about, a year earlier."""
    assert one(times, text, D(2023, 11, 2), surface) == ("2022-07-01", "2022-09-30")


def test_year_before_skips_a_forecast_quarter(times):
    text = ("Profit fell in the third quarter. Analysts expect losses through the second "
            "quarter of 2024. In the year-ago period, the firm earned $9 million.")
    assert one(times, text, D(2023, 11, 2), "the year-ago period") == (
        "2022-07-01", "2022-09-30")


def test_year_before_without_a_quarter_keeps_its_reading(times):
    found = times("Sales were $9 million, from $8 million a year earlier.", R0313)
    assert found["a year earlier"] == (None, None)


@pytest.mark.parametrize(
    "text, surface, expected",
    [
        # a forward signal before a movable time looks ahead from R
        ("Officials postponed the vote until Tuesday, the board said.", "Tuesday",
         ("2023-03-14", "2023-03-14")),
        ("The council named a new chair, effective Feb. 1.", "Feb. 1",
         ("2024-02-01", "2024-02-01")),
        ("The envoy could arrive as soon as Friday, aides said.", "Friday",
         ("2023-03-17", "2023-03-17")),
        ("The regulator gave the firm until mid-April to reply.", "mid-April",
         ("2023-04-01", "2023-04-30")),
        # not after a negation, nor under a past perfect
        ("It was not until Thursday that the army admitted the strike.", "Thursday",
         ("2023-03-09", "2023-03-09")),
        ("Until Thursday, the police had refused to comment.", "Thursday",
         ("2023-03-09", "2023-03-09")),
        # "until" under a past verb looks ahead only for a deferral
        ("The curfew lasted until Thursday, officials said.", "Thursday",
         ("2023-03-09", "2023-03-09")),
        ("Shops remain closed until Thursday, the union said.", "Thursday",
         ("2023-03-16", "2023-03-16")),
        # "is to" + infinitive looks ahead; a verb a few phrases up still counts
        ("The bank is to resume trading on Thursday.", "Thursday",
         ("2023-03-16", "2023-03-16")),
        ("The dividend would be paid on a still unspecified date in January, it said.",
         "January", ("2024-01-01", "2024-01-31")),
    ],
)
def test_times_that_look_ahead(times, text, surface, expected):
    assert one(times, text, R0313, surface) == expected


def test_current_is_the_present_and_no_claims_time(times, extractor):
    text = "The chain blamed current market conditions for a 9% drop in sales."
    assert one(times, text, R0313, "current") == ("2023-03-13", "2023-03-13")
    assert _claim_time(extractor, text, "9%") is None


@pytest.mark.parametrize(
    "text, surface, expected",
    [
        ("Investors under a June agreement must hold the shares.", "June",
         ("2022-06-01", "2022-06-30")),
        ("Police said the October attack killed 12 people.", "October",
         ("2022-10-01", "2022-10-31")),
    ],
)
def test_a_month_modifying_a_noun_after_a_determiner(times, text, surface, expected):
    assert one(times, text, R0313, surface) == expected


def test_the_year_two_thousand(times):
    text = "The party promised full employment by the year two thousand."
    assert one(times, text, R0313, "the year two thousand") == ("2000-01-01", "2000-12-31")


@pytest.mark.parametrize(
    "text",
    [
        "He was last seen Nov. 3, the day before police issued a warrant.",
        "She spent five hours in Nairobi later in the day before returning home.",
        "Markets rallied the day after the election, dealers said.",
    ],
)
def test_the_day_before_an_event_is_no_time(times, text):
    found = times(text, R0313)
    assert not any(k.lower().startswith(("the day before", "the day after")) for k in found)


def test_the_day_before_a_time_still_counts_from_it(times):
    text = "The strike began the day before last Tuesday, union leaders said."
    assert one(times, text, R0313, "the day before last Tuesday") == ("2023-03-06", "2023-03-06")


def test_later_in_the_day_is_the_day_named_before(times):
    text = "The minister flew to Kyiv on Saturday. Later in the day, he met the mayor."
    found = times(text, R0313)
    assert found["Later in the day"] == found["Saturday"] == ("2023-03-11", "2023-03-11")


def test_the_latest_fiscal_year_is_the_last_whole_one(times):
    text = "Exports made up a third of sales in the latest fiscal year, the group said."
    assert one(times, text, R0313, "the latest fiscal year") == ("2022-01-01", "2022-12-31")


def test_time_in_a_subjects_relative_clause_and_a_present_claim(extractor):
    """The subject's relative clause dates the noun, not a present or modal claim; with a past
    claim verb it is the claim's time ("an accident followed by a fire on Thursday killed
    five")."""
    text = ("Experts noted that the outbreak, which began in the city in December, may call "
            "for containment measures.")
    assert _claim_time(extractor, text, "containment") is None
    text = "An accident followed by a fire on Thursday killed five people, police said."
    assert _claim_time(extractor, text, "five people") == ("2023-03-09", "2023-03-09")
