"""Figure-key classes of the second round: measure synonyms, ranks, rates, stances, causes,
places, linked and elliptical counts; speaker names with trailers and spelling variants."""
from __future__ import annotations

from typing import Any, Optional

import attrs

from claimx.ledger.identity import Mention, clean_name, org_key, resolve
from claimx.ledger.keys import figure_key
from claimx.ledger.records import claim_records
from claimx.types import Claim
from ledger_helpers import claim_with_quantities, make_claim


def _key(sentence: str, q_text: str, entity: Optional[str], unit: Optional[str] = None) -> Any:
    claim = make_claim(sentence, q_text, entity, 1.0, unit=unit)
    return figure_key(claim_records([claim], {"doc_id": "d"}, sentence)[0])


def _keys(sentence: str, quantities: list[tuple[str, Optional[str], Optional[str]]]) -> list:
    """The keys of several (text, entity, unit) quantities read into one claim."""
    claim = claim_with_quantities(sentence, quantities)
    return [figure_key(r) for r in claim_records([claim], {"doc_id": "d"}, sentence)]


def _parts(key: str) -> dict[str, str]:
    measure, where, mods, unit = key.split("|")
    return {"measure": measure, "where": where, "mods": mods, "unit": unit}


def test_measure_synonyms_share_a_key_and_a_rank_keeps_thresholds_apart():
    mph = "mile per hour"
    gusts = _key("The storm's wind speeds reached 140 mph overnight.", "140 mph", "wind speeds",
                 unit=mph)
    top = _key("It had maximum sustained winds of 150 mph.", "150 mph",
               "maximum sustained winds", unit=mph)
    rank = _key("A level 3 storm must sustain winds of at least 111 mph.", "at least 111 mph",
                "winds", unit=mph)
    assert gusts == top == f"wind|||{mph}"
    assert _parts(rank)["mods"] == "level 3"


def test_rates_changes_stances_targets_and_causes_are_modifiers():
    per_day = _key("Deaths rose by 300 deaths per day in the north.", "300 deaths", "deaths")
    assert "daily" in _parts(per_day)["mods"]
    more = _key("The model projects 5,000 more deaths by June.", "5,000 more deaths",
                "more deaths")
    assert "additional" in _parts(more)["mods"]
    higher = _key("Attendance was 40%, some 10% higher than last year.", "10%", None,
                  unit="percentage")
    assert higher is None or "change" in _parts(higher)["mods"]
    yes = _key("The motion passed with 210 delegates supporting it.", "210 delegates",
               "delegates")
    no = _key("The motion passed, with 12 delegates opposed.", "12 delegates", "delegates")
    assert _parts(yes)["mods"] == "for" and _parts(no)["mods"] == "against"
    goal = _key("The council called for a 98% recycling rate.", "98% recycling rate",
                "recycling rate", unit="percentage")
    assert "target" in _parts(goal)["mods"]
    cause = _key("Last year three workers died from a gas leak.", "three workers", "workers")
    plain = _key("Last year three workers died on the site.", "three workers", "workers")
    assert _parts(cause)["mods"] == "leak,worker" and _parts(plain)["mods"] == "worker"


def test_where_elsewhere_hedged_place_and_a_nation_leading_the_clause():
    out = _key("There were 40 cases in other countries.", "40 cases", "cases")
    assert _parts(out)["where"] == "elsewhere"
    mostly = _key("Officials confirmed 300 cases mostly in Eastport.", "300 cases", "cases")
    assert _parts(mostly)["where"] == ""
    lead = _key("The next worst hit country, Italy, reported 9,000 deaths.", "9,000 deaths",
                "deaths")
    assert _parts(lead)["where"] == "italy"
    named = _key("The United States Senate Library recorded 9,000 visitors.", "9,000 visitors",
                 "visitors")
    assert named is None or _parts(named)["where"] == ""
    weekday = _key("Some 3 million voters turned out in Sunday's poll.", "3 million voters",
                   "voters")
    assert _parts(weekday)["where"] == ""


def test_linked_elliptical_and_converted_counts():
    crowd = _key("The marchers, at times numbering in the tens of thousands, stayed.",
                 "in the tens of thousands", None)
    assert _parts(crowd)["measure"] == "crowd"
    daily = _keys("Officials have logged 900 flu cases, with 40 recorded in the last 24 hours.",
                  [("900 flu cases", "flu cases", None), ("40", None, None)])
    assert _parts(daily[0])["measure"] == _parts(daily[1])["measure"] == "cases"
    assert "daily" in _parts(daily[1])["mods"] and "daily" not in _parts(daily[0])["mods"]
    conv = _keys("Its top winds were near 100 mph (160 km/h).",
                 [("100 mph", None, "mile per hour"), ("160 km/h", None, "kilometre per hour")])
    assert _parts(conv[0])["measure"] == _parts(conv[1])["measure"] == "wind"
    share = _keys("She called for a 90% turnout rate, and said 70% had been reached.",
                  [("90% turnout rate", "turnout rate", "percentage"), ("70%", None, "percentage")])
    assert _parts(share[1])["measure"] == _parts(share[0])["measure"]
    assert "target" in _parts(share[0])["mods"] and "target" not in _parts(share[1])["mods"]


def test_function_word_entities_and_demonym_heads():
    assert _key("The bill passed 200-to-180.", "200-to-180", "to") is None
    share = _key("The drive covered 60 percent of Canadians.", "60 percent", "Canadians",
                 unit="percentage")
    assert share is None or _parts(share)["measure"] != "canadian"


def test_speaker_names_lose_trailing_times_and_media_and_spellings_meet():
    assert clean_name("officials on Saturday") == "officials"
    assert clean_name("Ana Ruiz on Twitter") == "Ana Ruiz"
    assert org_key("Global Health Organisation") == org_key("the Global Health Organization")
    ms = [Mention("a", "Northern Defence Centre", "ORG"),
          Mention("b", "Northern Defense Center", "ORG"),
          Mention("c", "Ana Ruiz on Twitter", "PERSON"), Mention("d", "Ana Ruiz", "PERSON")]
    ids = resolve(ms)
    assert ids[ms[0]] == ids[ms[1]] and ids[ms[2]] == ids[ms[3]]


def test_a_role_named_institution_stays_apart_when_the_story_names_two_such_bodies():
    ms = [Mention("a", "Eastland Court of Appeal", "ORG"), Mention("b", "High Court of Westland",
                                                                 "ORG"),
          Mention("a", "the court", "GROUP"), Mention("b", "the court", "GROUP"),
          Mention("a", "the government", "GROUP"), Mention("b", "the government", "GROUP")]
    ids = resolve(ms)
    assert ids[ms[2]] != ids[ms[3]]          # two named courts: "the court" is ambiguous
    assert ids[ms[4]] == ids[ms[5]]          # one government, named by its role


def _doc_keys(text: str, claims: list[tuple[str, str, list[Any]]]) -> list[Any]:
    """The keys of a document's claims, each (claim text, its sentence, its quantities as
    (text, entity, unit))."""
    made = []
    for claim_text, sentence, quantities in claims:
        c0, s0 = text.index(claim_text), text.index(sentence)
        qs = []
        for q_text, entity, unit in quantities:
            start = text.index(q_text, c0)
            qs.append({"text": q_text, "span": [start, start + len(q_text)], "value": 1.0,
                       "low": 1.0, "high": 1.0, "bound": "exact", "unit": unit,
                       "entity": entity})
        made.append(Claim.from_dict({"text": claim_text, "span": [c0, c0 + len(claim_text)],
                                     "sentence": [s0, s0 + len(sentence)], "speaker": None,
                                     "cue": None, "quantities": qs, "time": None,
                                     "hedges": []}))
    return [figure_key(r) for r in claim_records(made, {"doc_id": "d"}, text)]


def test_a_bare_measure_noun_refers_back_to_the_measure_it_names():
    pct = "percentage"
    first = "Officials reported a 40% literacy rate in May."
    later = "By June the rate had reached 45%."
    other = "Turnout was 70% and the share of young voters was 20%."
    text = " ".join([first, later, other])
    keys = _doc_keys(text, [(first, first, [("40% literacy rate", "literacy rate", pct)]),
                            (later, later, [("45%", "rate", pct)]),
                            (other, other, [("70%", "Turnout", pct),
                                            ("20%", "share of young voters", pct)])])
    assert keys[0] == keys[1]             # "the rate" is the literacy rate named before
    assert keys[2] != keys[0]


def test_a_percentage_without_entity_takes_the_one_named_earlier_in_its_sentence():
    pct = "percentage"
    text = "The agency called for a 90% literacy rate, and said 80% had been reached."
    keys = _doc_keys(text, [("The agency called for a 90% literacy rate", text,
                             [("90% literacy rate", "literacy rate", pct)]),
                            ("said 80% had been reached", text, [("80%", None, pct)])])
    assert keys[1] is not None and keys[1].split("|")[0] == keys[0].split("|")[0]
    # a bare noun with nothing named before it keeps its own word
    alone = "By June the rate had reached 45%."
    assert _doc_keys(alone, [(alone, alone, [("45%", "rate", pct)])])[0].startswith("rate|")


def test_a_place_named_by_its_kind_is_the_one_after_of_and_a_body_is_no_place():
    assert _parts(_key("Thousands of people rallied in the Freedonian capital city of "
                       "Westmark on Saturday.", "Thousands of people", "people"))["where"] \
        == "westmark"
    assert _parts(_key("Thousands of people rallied in the Freedonian capital on Saturday.",
                       "Thousands of people", "people"))["where"] == "freedonian"
    needed = _parts(_key("The party won 212 seats, surpassing the 201 seats needed for a "
                         "majority in Parliament.", "201 seats", "seats"))
    assert needed["where"] == "" and needed["mods"] == "target"


def test_party_members_counted_by_party_are_that_partys():
    keys = _keys("The new members include 235 Democrats and 199 Republicans.",
                 [("235 Democrats", "Democrats", None), ("199 Republicans", "Republicans",
                                                          None)])
    assert [_parts(k)["where"] for k in keys] == ["democratic", "republican"]


def test_a_change_said_with_by_is_not_the_level():
    keys = _keys("Voter turnout was down by about 1.5% from the last election, with this "
                 "time about 67.3%.", [("about 1.5%", "Voter turnout", "percentage"),
                                       ("about 67.3%", "Voter turnout", "percentage")])
    assert [_parts(k)["mods"] for k in keys] == ["change", ""]


def test_a_bare_number_closing_its_clause_counts_what_the_one_before_it_counts():
    keys = _keys("The Harbour Party gained 66 seats, while the River Alliance lost 42.",
                 [("66 seats", "seats", None), ("42", None, None)])
    assert [_parts(k)["measure"] for k in keys] == ["seat", "seat"]
    # not when the number runs on into its own noun phrase
    keys = _keys("Officials said 66 seats changed hands and 42 were kept.",
                 [("66 seats", "seats", None), ("42", None, None)])
    assert keys[1] is None


def test_what_befalls_a_later_number_is_not_the_earlier_ones():
    keys = _keys("He claimed 85,000 Americans were unemployed and millions had died.",
                 [("85,000 Americans", "Americans", None), ("millions", None, None)])
    assert keys[0] is None or _parts(keys[0])["measure"] != "deaths"
    assert _parts(keys[1])["measure"] == "deaths"
    keys = _keys("Two Americans and three Britons were killed.",
                 [("Two Americans", "Americans", None), ("three Britons", "Britons", None)])
    assert [_parts(k)["measure"] for k in keys] == ["deaths", "deaths"]


def test_an_outlets_descriptor_and_a_country_prefix_do_not_split_a_speaker():
    assert org_key("the Westmark Press news agency") == org_key("Westmark Press")
    ids = resolve([Mention("a", "United States National Storm Office", "ORG", None, None),
                   Mention("b", "National Storm Office", "ORG", None, None),
                   Mention("c", "National Rail Office", "ORG", None, None)])
    assert ids[Mention("a", "United States National Storm Office", "ORG", None, None)] == \
        ids[Mention("b", "National Storm Office", "ORG", None, None)]
    assert len(set(ids.values())) == 2


def test_an_amount_gained_or_lost_is_a_change_but_people_lost_are_deaths():
    keys = _keys("The Harbour Party won 48 seats, gained 13 seats and lost all 5 of its seats "
                 "in the north.", [("48 seats", "seats", None), ("13 seats", "seats", None),
                                   ("5 of its seats", "seats", None)])
    assert [_parts(k)["mods"] for k in keys] == ["", "change", "change"]
    lost = _parts(_key("The town lost 1,100 residents who died in the flood.",
                       "1,100 residents", "residents"))
    assert lost["measure"] == "deaths" and lost["mods"] == ""


def test_refugees_are_displaced_and_a_peak_counts_what_the_figure_before_it_counts():
    keys = _keys("The country has two million Syrian refugees, down from a peak of over "
                 "three million.", [("two million Syrian refugees", "Syrian refugees", None),
                                    ("over three million", "peak", None)])
    assert [_parts(k)["measure"] for k in keys] == ["displaced", "displaced"]
    assert _parts(keys[1])["where"] == "syria"


def test_a_running_total_counts_what_the_figure_before_it_counts():
    keys = _keys("She came in second, earning 15 delegates for a running total of 60.",
                 [("15 delegates", "delegates", None), ("60", "running total", None)])
    assert [_parts(k)["measure"] for k in keys] == ["delegate", "delegate"]


def test_a_ranked_bare_number_counts_what_the_superlative_names():
    keys = _keys("Ana Kowalski had the most delegates, with 60, followed by Ben Ode, with 54.",
                 [("60", None, None), ("54", None, None)])
    assert [_parts(k)["measure"] for k in keys] == ["delegate", "delegate"]


def test_a_role_before_an_outcome_is_kept_as_when_the_role_is_counted():
    assert _key("There were 40 civilian deaths.", "40 civilian deaths", "civilian deaths") \
        == _key("Officials said 40 civilians were killed.", "40 civilians", "civilians")
    assert _parts(_key("Medics put the protester death count in the hundreds.", "hundreds",
                       "protester death count"))["mods"] == "protester"


def test_a_vague_amount_closing_its_clause_is_not_elliptical():
    keys = _keys("This was one of the five demands of the protesters, sometimes numbering in "
                 "the millions, who have filled the streets.",
                 [("five demands", "demands", None), ("millions", None, None)])
    assert _parts(keys[1])["measure"] == "crowd"


def test_a_country_inside_another_places_name_is_not_that_country():
    from claimx.ledger.keys import countries_in

    assert countries_in("The governor of a U.S. state on the Gulf of Mexico spoke.") == \
        {"america"}
    assert countries_in("Officials in New Mexico and in Mexico City met.") == set()
    assert countries_in("Flights to Mexico and Canada resumed.") == {"mexico", "canada"}


def test_a_body_named_by_its_owner_is_one_speaker_across_articles():
    a = Mention("a", "Kowalski campaign", "GROUP", None, None)
    b = Mention("b", "Kowalski campaign", "GROUP", None, None)
    c = Mention("c", "Kowalski supporters", "GROUP", None, None)
    d = Mention("d", "Kowalski supporters", "GROUP", None, None)
    ids = resolve([a, b, c, d])
    assert ids[a] == ids[b] and ids[c] != ids[d]


def test_nations_beyond_the_stories_seen_are_sides_but_ambiguous_names_are_not():
    from claimx.ledger.keys import countries_in

    keys = _keys("Officials said 790 Azerbaijani soldiers and 103 Armenian soldiers were killed.",
                 [("790 Azerbaijani soldiers", "Azerbaijani soldiers", None),
                  ("103 Armenian soldiers", "Armenian soldiers", None)])
    assert [_parts(k)["where"] for k in keys] == ["azerbaijan", "armenia"]
    assert countries_in("Voters in Georgia and fans of Michael Jordan") == set()
    assert countries_in("the Alliance Party of Northern Ireland") == set()


def test_an_amount_per_hour_or_month_is_a_rate():
    assert _parts(_key("She backs a minimum wage of US$20 an hour.", "US$20", "wage",
                       "United States dollar"))["mods"] == "hourly"
    assert _parts(_key("He pays US$1,000 a month in rent.", "US$1,000", None,
                       "United States dollar"))["mods"] == "monthly"


def test_short_and_long_forms_of_a_city_are_one_place():
    from claimx.ledger.keys import place_key
    assert {place_key(p) for p in ("Washington, D.C.", "D.C.", "Washington DC")} == {"washington"}
    assert place_key("New York City") == place_key("NYC") == "new york"
    assert place_key("Paris") == "paris"


def test_candidates_are_people_counted_with_nothing_befalling_them():
    assert _key("Four candidates took the stage in October.", "Four candidates",
                "candidates") is None
    assert _parts(_key("Four candidates were arrested in October.", "Four candidates",
                       "candidates"))["measure"] == "arrests"


def test_contests_named_three_ways_are_one_measure_and_both_parties_are_no_side():
    one = _key("On March 3, both parties are to hold more than a dozen primary elections, the "
               "next Republican caucus among them.", "more than a dozen primary elections",
               "primary elections")
    two = _key("Fourteen state nominating contests were held that day.",
               "Fourteen state nominating contests", "state nominating contests")
    assert one == two and _parts(one)["measure"] == "contest"
    assert _parts(_key("The Republican Party will hold 12 primaries.", "12 primaries",
                       "primaries"))["where"] == "republican"


def test_a_crowd_from_somewhere_with_its_place_set_before_it():
    key = _key('The mayor tweeted, "Here in London, thousands of people from across our city '
               'and country have come together to send a message."', "thousands of people",
               "people")
    assert key == "crowd|london||"


def test_a_place_after_an_aside_and_an_abbreviated_place():
    key = _key("Reportedly several thousand supporters turned out, with flags and hats, in D.C. "
               "to protest.", "several thousand supporters", "supporters")
    assert key == "crowd|washington||"


def test_the_options_of_a_vote_are_kept_apart():
    sentence = "In 2016, about 52% of participating voters voted to leave and 48% to stay."
    keys = _keys(sentence, [("about 52% of participating voters", "voters", "percentage"),
                            ("48%", None, "percentage")])
    assert _parts(keys[0])["mods"] == "leave" and _parts(keys[1])["mods"] == "stay"
    assert _parts(_key("Three pundits to give their predictions on the election.",
                       "Three pundits", "pundits"))["mods"] == ""


def test_the_place_inside_a_topic_is_not_the_place_of_what_is_said_about_it():
    on_topic = _key("The candidates received 13 questions on the war in Norway.",
                    "13 questions", "questions")
    assert _parts(on_topic)["where"] == ""
    assert _parts(_key("The candidates received 13 questions in Norway.", "13 questions",
                       "questions"))["where"] == "norway"


def test_a_goal_is_a_target_for_the_measure_given_last_in_its_unit():
    text = ("Officials said coverage had risen to 55 percent. According to the minister, the "
            "goal for the shutdown was to exceed 90 percent.")
    first = make_claim(text, "55 percent", "coverage", 55, unit="percentage")
    second = make_claim(text, "90 percent", "goal", 90, unit="percentage")
    records = claim_records([first, second], {"doc_id": "d"}, text)
    assert records[1]["q_restates"] == "coverage"
    goal, level = _parts(figure_key(records[1])), _parts(figure_key(records[0]))
    assert goal["measure"] == level["measure"] == "vaccinated"
    assert goal["mods"] == "target" and level["mods"] == ""


def test_a_bare_number_going_on_with_the_ranking_of_the_sentence_before():
    text = ("Ana Ruiz had the most pledged delegates, with 60. In second place, Tom Vale "
            "had 54. Officials said 12.")
    second, third = text.index("In second"), text.index("Officials")
    sentences = ((0, second - 1), (second, third - 1), (third, len(text)))
    claims = [attrs.evolve(make_claim(text, q, None, float(q)), sentence=bounds)
              for q, bounds in zip(("60", "54", "12"), sentences)]
    records = claim_records(claims, {"doc_id": "d"}, text)
    assert records[1]["q_restates"] == "pledged delegates"
    assert records[2]["q_restates"] is None          # no ranking goes on in its sentence
