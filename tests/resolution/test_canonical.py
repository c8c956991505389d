"""Resolution with an actor table: reports naming the sides differently are seen to agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from casebook import build_records

from ceasefire.extraction.actors.stage import ActorTable
from ceasefire.resolution.canonical import canonicalise
from ceasefire.resolution.resolve import resolve

CASE = json.loads((Path(__file__).parent / "canonical_reports.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def table():
    return ActorTable.load()


def test_sides_named_differently_are_one_incident_once_canonical(table):
    records, _ = build_records(CASE)
    assert len(resolve(records).incidents) == 3  # "Taliban" vs "Pakistan Army": no two agree as written
    (incident,) = resolve(records, actors=table).incidents
    assert {incident.actor1, incident.actor2} == {"Afghanistan", "Pakistan"}
    assert [(c.claimant, c.killed) for c in incident.claims] == [("Afghanistan", 9), ("Pakistan", 23)]
    expected = CASE["tolls"]["f1"]
    assert (incident.fatalities_low, incident.fatalities_best, incident.fatalities_high, incident.disputed) == (
        expected["low"], expected["best"], expected["high"], expected["disputed"])


def test_canonicalise_keeps_unknown_names_and_names_victims(table):
    records, _ = build_records(CASE)
    event = records[0].record.events[0]
    event.actor2 = "Afghan civilians"
    event.alleged_by = "Local elders of Torkham"
    (copy,) = canonicalise(records[:1], table)
    assert (copy.record.events[0].actor1, copy.record.events[0].actor2) == ("Afghanistan", "Civilians (Afghanistan)")
    assert copy.record.events[0].alleged_by == "Local elders of Torkham"
    assert records[0].record.events[0].actor1 == "Taliban"  # the input is not changed
