"""claimx.Ledger: figure groups, speakers across documents, conflicts, series, frames."""
from __future__ import annotations

import attrs
import pytest

from claimx.ledger import Ledger
from claimx.ledger.groups import interval, intervals_meet
from claimx.ledger.identity import Mention, resolve
from claimx.ledger.keys import figure_key
from claimx.ledger.records import claim_records
from ledger_helpers import make_claim


def _key(sentence: str, q_text: str, entity: str, unit=None) -> str:
    claim = make_claim(sentence, q_text, entity, 1.0, unit=unit)
    return figure_key(claim_records([claim], {"doc_id": "d"}, sentence)[0])


# -- the figure key ------------------------------------------------------------------------------
def test_key_outcome_of_people_comes_from_the_sentence():
    killed = _key("Rebels said they killed 40 Freedonian soldiers near the river.",
                  "40 Freedonian soldiers", "Freedonian soldiers")
    wounded = _key("Officials said 40 soldiers were wounded in the raid.", "40 soldiers",
                   "soldiers")
    assert killed.startswith("deaths|")
    assert wounded.startswith("injuries|")
    assert killed != wounded


def test_key_side_from_entity_or_earlier_in_sentence():
    a = _key("Russian forces suffered 300 deaths last week.", "300 deaths", "deaths")
    b = _key("The ministry said 300 Ukrainian troops died.", "300 Ukrainian troops",
             "Ukrainian troops")
    assert a.split("|")[:2] == ["deaths", "russia"]
    assert b.split("|")[:2] == ["deaths", "ukraine"]


def test_key_place_after_the_number_and_unit_separate_groups():
    here = _key("Nine residents were injured across the Westmark region on Friday.",
                "Nine residents", "residents")
    there = _key("Nine residents were injured in the city on Friday.", "Nine residents",
                 "residents")
    assert here.split("|")[1] == "westmark" and there.split("|")[1] == ""
    assert _key("Winds reached 90 miles per hour.", "90 miles per hour", "winds",
                unit="mile per hour") != _key("Winds reached 140 km/h.", "140 km/h", "winds",
                                              unit="kilometre per hour")


def test_key_none_for_durations_and_missing_entities():
    assert _key("The siege lasted six months.", "six months", "months") is None
    claim = make_claim("It rose by 12.", "12", None, 12.0)
    assert figure_key(claim_records([claim], {"doc_id": "d"})[0]) is None
    died = make_claim("In all, 81 had lost their lives.", "81", None, 81.0)
    assert figure_key(claim_records([died], {"doc_id": "d"})[0]).startswith("deaths|")


def test_key_world_and_parenthesised_conversion():
    assert _key("Infections worldwide passed 900,000 on Friday.", "900,000", "infections") \
        .split("|")[:2] == ["cases", "world"]
    text = "Gusts of 60 miles per hour (97 kilometers per hour) hit the coast."
    claim = make_claim(text, "60 miles per hour", "gusts", 60.0, unit="mile per hour")
    second = make_claim(text, "97 kilometers per hour", None, 97.0, unit="kilometre per hour")
    both = attrs.evolve(claim, quantities=claim.quantities + second.quantities)
    keys = [figure_key(r) for r in claim_records([both], {"doc_id": "d"}, text)]
    assert keys == ["gust|||mile per hour", "gust|||kilometre per hour"]


def test_key_numbers_listed_together_share_their_side():
    text = "Canadian forces lost 300 soldiers, with an additional 90 wounded."
    first = make_claim(text, "300 soldiers", "soldiers", 300.0)
    second = make_claim(text, "90 wounded", "wounded", 90.0)
    both = attrs.evolve(first, quantities=first.quantities + second.quantities)
    keys = [figure_key(r) for r in claim_records([both], {"doc_id": "d"}, text)]
    assert keys[1] == "injuries|canada||"


def test_key_crowds_linked_measurements_and_bare_percentages():
    assert _key("The rally drew 5,000 people downtown.", "5,000 people", "people") \
        .startswith("crowd|")
    claim = make_claim("Gusts were near 70 mph on the coast.", "70 mph", None, 70.0,
                       unit="mile per hour")
    text = claim.text
    assert figure_key(claim_records([claim], {"doc_id": "d"}, text)[0]) == \
        "gust|||mile per hour"
    bare = make_claim("It had reached 40% by then.", "40%", None, 40.0, unit="percentage")
    assert figure_key(claim_records([bare], {"doc_id": "d"}, bare.text)[0]) is None


def test_key_a_share_is_not_a_count_of_its_entity():
    def key(sentence: str, q_text: str, value: float) -> str:
        claim = make_claim(sentence, q_text, "voters", value)
        return figure_key(claim_records([claim], {"doc_id": "d"}, sentence)[0])

    share = key("About a third of the town's voters backed the plan.", "About a third", 1 / 3)
    count = key("Some 9,000 voters backed the plan.", "9,000", 9000.0)
    assert share.endswith("|fraction") and share.split("|")[0] == count.split("|")[0]
    assert share != count


def test_key_qualifiers_kept_plain_modifiers_dropped():
    suspected = _key("There were 20 suspected cases.", "20 suspected cases", "suspected cases")
    measles = _key("There were 20 measles cases.", "20 measles cases", "measles cases")
    plain = _key("There were 20 cases.", "20 cases", "cases")
    assert measles == plain != suspected


# -- intervals ------------------------------------------------------------------------------------
def test_intervals():
    assert not intervals_meet(interval("more_than", 1100, 1100, None),
                              interval("exact", 300, 300, 300))
    assert intervals_meet(interval("more_than", 1100, 1100, None),
                          interval("exact", 1500, 1500, 1500))
    assert not intervals_meet(interval("more_than", 10, 10, None),
                              interval("exact", 10, 10, 10))
    assert intervals_meet(interval("at_least", 10, 10, None), interval("exact", 10, 10, 10))
    assert intervals_meet(interval("about", 100, 100, 100), interval("exact", 105, 105, 105))
    assert intervals_meet(interval("range", None, 20, 30), interval("at_most", 20, 0, 20))


# -- speakers across documents --------------------------------------------------------------------
def test_identity_titles_and_surnames():
    ms = [Mention("a", "Maria Kovalenko", "PERSON", "Westmark Gov."),
          Mention("b", "Maria Kovalenko", "PERSON", "regional governor"),
          Mention("c", "Kovalenko", "PERSON", None),
          Mention("a", "Peter Lind", "PERSON"), Mention("b", "Paula Lind", "PERSON"),
          Mention("c", "Lind", "PERSON"),
          Mention("a", "analysts", "GROUP"), Mention("b", "analysts", "GROUP"),
          Mention("a", "Eastern Weather Office", "ORG"), Mention("b", "EWO", "ORG")]
    ids = resolve(ms)
    assert ids[ms[0]] == ids[ms[1]] == ids[ms[2]] == "Maria Kovalenko"
    assert len({ids[ms[3]], ids[ms[4]], ids[ms[5]]}) == 3  # two Linds, an ambiguous "Lind"
    assert ids[ms[6]] != ids[ms[7]]                          # unnamed groups never join
    assert ids[ms[8]] == ids[ms[9]]                          # acronym


def test_identity_a_title_word_ending_a_name_is_a_surname():
    ms = [Mention("a", "Tom Brand", "PERSON", "Speaker"),
          Mention("b", "Tom General", "PERSON", "former premier"),
          Mention("b", "Mr. General", "PERSON"), Mention("c", "Gov. Tom Brand", "PERSON")]
    ids = resolve(ms)
    assert ids[ms[0]] == ids[ms[3]] != ids[ms[1]]             # not joined to the other Tom
    assert ids[ms[1]] == ids[ms[2]]                           # "Mr. General" is Tom General


def test_identity_an_organisation_named_with_its_place():
    ms = [Mention("a", "Court of Appeal in Westmark", "ORG"),
          Mention("b", "Court of Appeal", "ORG"),
          Mention("a", "Trade Office in Eastport", "ORG"), Mention("b", "Trade Office", "ORG"),
          Mention("c", "Trade Office in Northvale", "ORG")]
    ids = resolve(ms)
    assert ids[ms[0]] == ids[ms[1]]
    assert len({ids[ms[2]], ids[ms[3]], ids[ms[4]]}) == 3     # two places: "Trade Office" unclear


def test_identity_ambiguous_surname_settled_by_title():
    ms = [Mention("a", "Peter Lind", "PERSON", "Mayor"), Mention("b", "Paula Lind", "PERSON",
                                                                 "Senator"),
          Mention("c", "Lind", "PERSON", "the senator")]
    ids = resolve(ms)
    assert ids[ms[2]] == "Paula Lind"


# -- the ledger on made-up claims ------------------------------------------------------------------
def _story() -> Ledger:
    ledger = Ledger()
    ledger.add([make_claim("The governor, Ana Ruiz, said 12 people were killed on Monday.",
                           "12 people", "people", 12.0, speaker="Ana Ruiz", title="governor",
                           time=("2024-05-06", "2024-05-06"))],
               doc_id="d1", outlet="Wire A", date="2024-05-06")
    ledger.add([make_claim("Ruiz said 19 people were killed by Tuesday.", "19 people",
                           "people", 19.0, speaker="Ana Ruiz", time=("2024-05-07", "2024-05-07")),
                make_claim("Rebels said about 40 people were killed on Tuesday.", "about 40 people",
                           "people", 40.0, bound="about", speaker="Rebels", label="ORG",
                           time=("2024-05-07", "2024-05-07"), hedge="unverified"),
                make_claim("A hospital said more than 15 people were killed on Tuesday.",
                           "more than 15 people", "people", 15.0, bound="more_than",
                           speaker="City Hospital", label="ORG",
                           time=("2024-05-07", "2024-05-07"))],
               doc_id="d2", outlet="Wire B", date="2024-05-07")
    return ledger


def test_groups_conflicts_corroboration_series():
    ledger = _story()
    groups = ledger.figures()
    assert len(groups) == 1 and len(groups[0].figures) == 4
    assert {f.speaker for f in groups[0].figures} == {"Ana Ruiz", "Rebels", "City Hospital"}
    conflicts = {(p.a.text, p.b.text) for p in ledger.conflicts()}
    assert ("19 people", "about 40 people") in conflicts
    assert ("about 40 people", "more than 15 people") not in conflicts  # 40 > 15: both hold
    assert ("12 people", "about 40 people") not in conflicts    # different days
    corroborated = {(p.a.text, p.b.text) for p in ledger.corroborations()}
    assert corroborated == {("19 people", "more than 15 people"),
                            ("about 40 people", "more than 15 people")}
    series = ledger.series()
    assert len(series) == 1 and series[0].speaker == "Ana Ruiz"
    assert [f.value for f in series[0].figures] == [12.0, 19.0]


def test_same_id_replaces_and_frames():
    pd = pytest.importorskip("pandas")
    ledger = _story()
    ledger.add([make_claim("Ruiz said 20 people were killed.", "20 people", "people", 20.0,
                           speaker="Ana Ruiz")], doc_id="d2")
    assert len(ledger) == 2
    assert sorted(f.value for f in ledger.all_figures()) == [12.0, 20.0]
    frame = ledger.figures().to_frame()
    assert isinstance(frame, pd.DataFrame) and len(frame) == 2
    assert {"group", "speaker", "bound", "start", "hedges", "doc_id"} <= set(frame.columns)
    assert len(ledger.speakers().to_frame()) == 1
    assert ledger.conflicts().to_frame().empty
    assert ledger.remove("d2") and not ledger.remove("d2")


def test_entity_filter():
    ledger = _story()
    assert len(ledger.figures("death")) == 1
    assert len(ledger.figures("wombat")) == 0


# -- the seed articles ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds(extractor, seed_0306, seed_0313):
    ledger = Ledger(extractor=extractor)
    ledger.add(seed_0306, doc_id="seed-0306", outlet="outlet A")
    ledger.add(seed_0313, doc_id="seed-0313", outlet="outlet B")
    return ledger


def _group_of(ledger, fragment):
    found = [g for g in ledger.figures() if any(fragment in f.text for f in g.figures)]
    assert len(found) == 1, fragment
    return found[0]


def test_seeds_loss_figures_in_separate_groups(seeds):
    ukraine_says = _group_of(seeds, "1,100")
    russia_says = _group_of(seeds, "220")
    analysts_say = _group_of(seeds, "20,000")
    assert len({ukraine_says.key, russia_says.key, analysts_say.key}) == 3
    for group, speaker in ((ukraine_says, "Volodymyr Zelensky"), (russia_says, "Russia"),
                           (analysts_say, "analysts")):
        fig = next(f for f in group.figures if f.speaker.startswith(speaker))
        assert fig.doc_date is not None and fig.doc_date.isoformat() == "2023-03-13"
        assert fig.hedged
    assert any(f.hedges == ("unverified",) or "unverified" in f.hedges
               for f in ukraine_says.figures + russia_says.figures)


def test_seeds_no_false_conflict(seeds):
    # the president's injured count is about one side; the governor's about one city
    assert list(seeds.conflicts()) == []
    injured = _group_of(seeds, "1,500")
    assert [f.speaker for f in injured.figures] == ["Volodymyr Zelensky"]


def test_seeds_one_governor_across_articles(seeds):
    speakers = {s["speaker"]: s for s in seeds.speakers()}
    governor = speakers["Pavlo Kyrylenko"]
    assert governor["documents"] == ["seed-0306", "seed-0313"]
    injured = [f for f in seeds.all_figures() if f.speaker == "Pavlo Kyrylenko"]
    assert sorted(f.value for f in injured) == [4.0, 7.0]
    assert all(f.key.startswith("injuries|") for f in injured)


def test_a_number_shared_by_two_claims_is_one_figure():
    text = "Officials said 30 people were injured, and the mayor repeated it."
    claim = make_claim(text, "30 people", "people", 30.0, speaker="Officials", label="GROUP")
    records = claim_records([claim, claim], {"doc_id": "d"}, text)
    assert [(r["claim_index"], r["quantity_index"]) for r in records] == [(0, 0)]
