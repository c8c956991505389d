"""Incidents across reports: the cases in tests/resolution/cases group and keep apart as expected."""

from __future__ import annotations

import random

import pytest
from casebook import build_records, case_names, load_case

from ceasefire.records import Event, Place
from ceasefire.resolution.incidents import actor_relation, compare_actors
from ceasefire.resolution.resolve import resolve


def partition(name: str, shuffle_seed: int | None = None) -> tuple[set[frozenset[str]], dict]:
    case = load_case(name)
    records, refs = build_records(case)
    if shuffle_seed is not None:
        random.Random(shuffle_seed).shuffle(records)
    incidents = resolve(records).incidents
    groups = {frozenset(refs[(s.doc_id, s.span)] for s in incident.sources) for incident in incidents}
    return groups, {refs[(s.doc_id, s.span)]: incident for incident in incidents for s in incident.sources}


@pytest.mark.parametrize("name", case_names())
def test_case_partition(name):
    groups, _ = partition(name)
    assert groups == {frozenset(group) for group in load_case(name)["incidents"]}


@pytest.mark.parametrize("name", case_names())
def test_case_partition_does_not_depend_on_input_order(name):
    groups, by_ref = partition(name)
    for seed in range(3):
        shuffled_groups, shuffled_by_ref = partition(name, shuffle_seed=seed)
        assert shuffled_groups == groups
        assert {ref: inc.id for ref, inc in shuffled_by_ref.items()} == {ref: inc.id for ref, inc in by_ref.items()}


@pytest.mark.parametrize("name", [n for n in case_names() if "tolls" in load_case(n)])
def test_case_tolls(name):
    _, by_ref = partition(name)
    for ref, expected in load_case(name)["tolls"].items():
        incident = by_ref[ref]
        got = {"low": incident.fatalities_low, "best": incident.fatalities_best, "high": incident.fatalities_high,
               "disputed": incident.disputed}
        assert got == expected, ref


def test_merged_incident_takes_the_most_precise_date_and_place():
    _, by_ref = partition("missile_strike_three_outlets")
    incident = by_ref["a1"]
    assert incident.date == "2025-10-15"
    assert incident.location.name == "Kramatorsk"
    assert incident.sub_event_type == "Shelling/artillery/missile attack"
    assert incident.actor1 == "Russia" and incident.actor2 == "Civilians (Ukraine)"
    assert [s.doc_id for s in incident.sources] == ["wire-a", "agency-c", "paper-b"]  # by publication date


def test_merge_reasons_say_why():
    _, by_ref = partition("missile_strike_three_outlets")
    reasons = by_ref["a1"].merge_reasons
    assert len(reasons) == 2
    assert reasons[0].startswith("agency-c: same type Shelling/artillery/missile attack, date 2025-10-15, ")
    assert "km apart" in reasons[0] and "actors Russia/Civilians (Ukraine)" in reasons[0]
    assert "dates 2025-10~2025-10-15" in reasons[1] and "Kramatorsk within Donetsk" in reasons[1]


def test_battle_sides_listed_either_way_round_are_one_incident():
    _, by_ref = partition("border_clash_swapped_sides")
    incident = by_ref["l1"]
    assert incident is by_ref["k1"]
    assert {incident.actor1, incident.actor2} == {"Pakistan", "Afghanistan"}
    assert incident.alleged_by == ["Afghanistan", "Pakistan"]
    assert "11 km apart" in " ".join(incident.merge_reasons)


def test_incident_id_is_kept_when_later_reports_arrive():
    records, refs = build_records(load_case("missile_strike_three_outlets"))
    first_only = resolve([r for r in records if r.doc_id == "wire-a"]).incidents
    everything = resolve(records).incidents
    assert first_only[0].id in {incident.id for incident in everything}
    assert len({incident.id for incident in everything}) == len(everything)


def _battle(actor1, actor2, event_type="Battles"):
    return Event(event_type, None, "2025-01-01", Place("X"), actor1, actor2, None, None, "", (0, 0))


@pytest.mark.parametrize(("a", "b", "level"), [
    ("Pakistan", "pakistan", "strong"),
    ("Pakistan", None, "weak"),
    ("Civilians (Afghanistan)", "Afghanistan", "weak"),
    ("Civilians (Afghanistan)", "Civilians", "weak"),
    ("Civilians (Afghanistan)", "Civilians (Pakistan)", "conflict"),
    ("Pakistan", "Afghanistan", "conflict"),
])
def test_actor_relation(a, b, level):
    assert actor_relation(a, b) == level


def test_only_battles_may_swap_sides():
    assert compare_actors(_battle("A", "B"), _battle("B", "A"))[0] == "strong"
    strike = "Explosions/Remote violence"
    assert compare_actors(_battle("A", "B", strike), _battle("B", "A", strike))[0] == "conflict"


def test_two_events_of_one_sentence_get_distinct_ids():
    records, _ = build_records(load_case("near_misses"))
    east = next(r for r in records if r.doc_id == "east-news")
    east.record.events[1].span = east.record.events[0].span  # one sentence telling of both waves
    east.record.events[1].evidence = east.record.events[0].evidence
    ids = [incident.id for incident in resolve([east]).incidents]
    assert len(ids) == 2 and len(set(ids)) == 2
