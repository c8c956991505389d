"""Events stage: trigger typing, filters for talk that is not an incident, fields and merging."""

from __future__ import annotations

import pytest

from ceasefire.extraction.event_typing import find_triggers


def events_of(analyse, text: str, published: str = "2025-11-08"):
    return analyse(text, published=published).record.events


@pytest.mark.parametrize(("sentence", "event_type", "sub_event_type"), [
    ("Fighter jets carried out airstrikes on the outskirts of the town on Monday.",
     "Explosions/Remote violence", "Air/drone strike"),
    ("Heavy artillery and mortar shelling hit border villages overnight.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Troops and rebels were locked in an exchange of fire near the river crossing.", "Battles", "Armed clash"),
    ("A suicide bomber blew himself up outside a police station, killing four officers.",
     "Explosions/Remote violence", "Suicide bomb"),
    ("A roadside bomb struck a military convoy, wounding three soldiers.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Gunmen abducted eleven aid workers from a camp on Tuesday.",
     "Violence against civilians", "Abduction/forced disappearance"),
    ("Thousands of students staged a protest outside parliament on Friday.", "Protests", "Peaceful protest"),
    ("Police fired tear gas to disperse hundreds of protesters in the capital on Sunday.",
     "Protests", "Protest with intervention"),
    ("A mob lynched two men accused of theft in the market.", "Riots", "Mob violence"),
    ("Gunmen killed 12 villagers in an attack on Friday.", "Violence against civilians", "Attack"),
    ("Militants attacked an army checkpoint on Friday, killing four soldiers.", "Battles", "Armed clash"),
    ("Rebels seized control of the district headquarters on Tuesday.",
     "Battles", "Non-state actor overtakes territory"),
])
def test_each_trigger_gets_its_acled_type(analyse, sentence, event_type, sub_event_type):
    events = events_of(analyse, sentence)
    assert [(e.event_type, e.sub_event_type) for e in events] == [(event_type, sub_event_type)]
    assert events[0].evidence == sentence[events[0].span[0]:events[0].span[1]]


def test_background_incident_is_dated_to_its_month(analyse):
    events = events_of(analyse, "Airstrikes in March destroyed a bridge, the ministry said.")
    assert len(events) == 1
    assert events[0].date == "2025-03"


def test_aggregate_count_is_not_an_event(analyse):
    assert events_of(analyse, "The army counted 300 attacks from across the frontier in 2024.") == []


@pytest.mark.parametrize("sentence", [
    "A breakdown of the truce risks renewed artillery duels along the frontier.",
    "The foreign ministry lodged a strong protest with the envoy over the remarks.",
    "Teachers went on strike on Monday over unpaid wages.",
    "The government vowed to keep fighting corruption.",
    "Officials warned that the rebels could strike the capital within weeks.",
    "The ministry denied carrying out any airstrikes in the province.",
])
def test_hypothetical_denied_or_non_violent_mention_is_not_an_event(analyse, sentence):
    assert events_of(analyse, sentence) == []


def test_weapons_talk_is_not_an_incident():
    text = "The deal would limit the missile programme, and soldiers were armed with rocket-propelled grenades."
    assert find_triggers(text, 0, len(text)) == []


def test_claim_names_who_alleges_it(analyse):
    events = events_of(analyse, "Kabul blames Pakistani shelling for the deaths of two farmers on Sunday.")
    assert len(events) == 1
    assert events[0].actor1 == "Pakistan"
    assert events[0].alleged_by == "Afghanistan"


def test_incident_stated_as_fact_has_no_claimant(analyse):
    events = events_of(analyse, "Pakistani airstrikes hit sites near Kabul on Monday.")
    assert len(events) == 1
    assert events[0].alleged_by is None
    assert events[0].date == "2025-11-03"


def test_repeated_incident_is_one_event(analyse):
    text = ("Pakistani airstrikes hit Kandahar on Monday, officials said. "
            "The airstrikes on Monday destroyed several homes in Kandahar.")
    events = events_of(analyse, text)
    assert len(events) == 1
    assert events[0].sub_event_type == "Air/drone strike"


def test_separate_places_in_one_sentence_are_separate_incidents(analyse):
    text = "On Saturday, fighter jets struck targets in Kandahar and in Khost."
    events = events_of(analyse, text)
    assert sorted(e.location.name for e in events if e.location) == ["Kandahar", "Khost"]


def test_talks_venue_does_not_locate_an_incident(analyse):
    events = events_of(analyse, "Clashes erupted on the border on Friday as delegations held talks in Istanbul.")
    assert len(events) == 1
    assert events[0].location is None
