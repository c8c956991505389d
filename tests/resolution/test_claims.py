"""Casualty claims per incident: attaching figures to events, and the low / best / high / disputed summary."""

from __future__ import annotations

import pytest
from casebook import build_record

from ceasefire.resolution.claims import is_neutral
from ceasefire.resolution.model import SourcedRecord
from ceasefire.resolution.resolve import resolve

TOWN = {"name": "Kadugli", "admin1": "South Kordofan", "country": "SD", "lat": 11.01, "lon": 29.72,
        "precision": "exact"}


def report(doc_id, published, *casualties, fatalities=None, sentence="Shells fell on the market in Kadugli.",
           events=1):
    """A report of the same shelling (``events`` = 0 for none) with casualty items given as
    (claimant, killed, injured[, victims[, approximate[, side]]]); each figure is its own sentence unless it is
    written as ``("in", claimant, ...)``, which puts it inside the event's sentence."""
    raw_events = [{"ref": "x", "event_type": "Explosions/Remote violence",
                   "sub_event_type": "Shelling/artillery/missile attack", "date": "2025-03-02", "actor1": "RSF",
                   "location": TOWN, "fatalities": fatalities, "evidence": sentence}][:events]
    raw_casualties = []
    for figure in casualties:
        inside = figure[0] == "in"
        claimant, killed, injured, *rest = figure[1:] if inside else figure
        victims = rest[0] if rest else "unspecified"
        approximate = rest[1] if len(rest) > 1 else False
        side = rest[2] if len(rest) > 2 else None
        item = {"claimant": claimant, "killed": killed, "injured": injured, "victims": victims,
                "approximate": approximate, "side": side}
        item["evidence"] = "Shells fell" if inside else f"{claimant or 'Medics'} counted {killed} dead ({victims})."
        if inside:
            item["event"] = "x"
        raw_casualties.append(item)
    raw = {"id": f"{doc_id}", "published": published, "publisher": doc_id, "events": raw_events,
           "casualties": raw_casualties}
    return SourcedRecord(doc_id=doc_id, record=build_record(raw), published=published, publisher=doc_id)


def toll(*reports):
    (incident,) = resolve(list(reports)).incidents
    return incident, (incident.fatalities_low, incident.fatalities_best, incident.fatalities_high, incident.disputed)


def test_neutral_claimant_gives_the_best_figure():
    _, summary = toll(report("a", "2025-03-03", ("in", "Sudan", 30, None)),
                      report("b", "2025-03-04", ("in", "UN OCHA", 18, None)),
                      report("c", "2025-03-04", ("in", "RSF", 4, None)))
    assert summary == (4, 18, 30, True)


def test_figure_most_claimants_agree_on_is_best():
    _, summary = toll(report("a", "2025-03-03", ("in", "Sudan", 15, None)),
                      report("b", "2025-03-04", ("in", None, 15, None)),
                      report("c", "2025-03-04", ("in", "RSF", 40, None)))
    assert summary == (15, 15, 40, True)


def test_without_majority_best_is_the_lower_median():
    _, summary = toll(report("a", "2025-03-03", ("in", "Sudan", 40, None)),
                      report("b", "2025-03-04", ("in", "RSF", 12, None)))
    assert summary == (12, 12, 40, True)


def test_a_claimant_updating_its_toll_is_not_a_dispute():
    incident, summary = toll(report("a", "2025-03-03", ("in", "Health Ministry", 5, None)),
                             report("b", "2025-03-05", ("in", "Health Ministry", 9, None)))
    assert summary == (9, 9, 9, False)
    assert [c.killed for c in incident.claims] == [5, 9]  # both figures are kept as claims


def test_figures_for_different_victim_groups_add_up():
    _, summary = toll(report("a", "2025-03-03", ("in", "Sudan", 5, None, "security_forces"),
                             ("in", "Sudan", 25, None, "militants")))
    assert summary == (30, 30, 30, False)


def test_same_figure_for_two_victim_groups_is_two_claims():
    incident, summary = toll(report("a", "2025-03-03", ("in", "Sudan", 5, None, "security_forces"),
                                    ("in", "Sudan", 5, None, "militants")))
    assert [c.victims for c in incident.claims] == ["security_forces", "militants"]
    assert summary[:3] == (10, 10, 10)


def test_figures_for_both_sides_add_up():
    soldiers_each_side = report("a", "2025-03-03", ("in", "Sudan", 58, None, "security_forces", False, "SS"),
                                ("in", "Sudan", 9, None, "security_forces", False, "SD"))
    assert toll(soldiers_each_side)[1][:3] == (67, 67, 67)


def test_vague_injured_figure_does_not_make_the_death_toll_vague():
    _, summary = toll(report("a", "2025-03-03", ("in", "Sudan", 12, 100, "civilians", True)),
                      report("b", "2025-03-04", ("in", "RSF", 15, None, "civilians")))
    assert summary == (12, 12, 15, True)


def test_overall_figure_is_not_added_to_the_part_it_includes():
    _, summary = toll(report("a", "2025-03-03", ("in", "Sudan", 12, None, "unspecified"),
                             ("in", "Sudan", 5, None, "civilians")))
    assert summary[:3] == (12, 12, 12)


@pytest.mark.parametrize(("other", "disputed"), [(20, False), (12, False), (30, True), (10, True)])
def test_vague_figure_agrees_up_to_twice_its_value(other, disputed):
    _, summary = toll(report("a", "2025-03-03", ("in", "Sudan", 12, None, "unspecified", True)),
                      report("b", "2025-03-04", ("in", "RSF", other, None)))
    assert summary[3] is disputed


def test_injured_figures_are_compared_when_no_one_gives_a_death_toll():
    _, summary = toll(report("a", "2025-03-03", ("in", "Sudan", None, 10)),
                      report("b", "2025-03-04", ("in", "RSF", None, 25)))
    assert summary == (None, None, None, True)


def test_event_fatalities_count_as_the_reporters_claim():
    incident, summary = toll(report("a", "2025-03-03", fatalities=7))
    assert [(c.claimant, c.killed) for c in incident.claims] == [(None, 7)]
    assert summary == (7, 7, 7, False)


def test_event_fatalities_given_by_a_casualty_item_are_not_counted_twice():
    incident, _ = toll(report("a", "2025-03-03", ("in", "Sudan", 7, 3), fatalities=7))
    assert [(c.claimant, c.killed, c.injured) for c in incident.claims] == [("Sudan", 7, 3)]


def test_figure_in_another_sentence_attaches_by_equal_toll():
    incident, _ = toll(report("a", "2025-03-03", ("Sudan", 7, 3), fatalities=7))
    assert [(c.claimant, c.killed) for c in incident.claims] == [("Sudan", 7)]
    assert incident.claims[0].evidence.text == "Sudan counted 7 dead (unspecified)."


def test_figure_in_the_next_sentence_attaches_to_the_event():
    incident, _ = toll(report("a", "2025-03-03", ("Sudan", 300, None)))
    assert [(c.claimant, c.killed) for c in incident.claims] == [("Sudan", 300)]


def test_figure_further_away_is_not_attached():
    record = report("a", "2025-03-03", ("Sudan", 300, None), ("RSF", 40, None))
    incident, summary = toll(record)
    assert [(c.claimant, c.killed) for c in incident.claims] == [("Sudan", 300)]
    assert summary == (300, 300, 300, False)


def test_one_claim_per_claimant_per_figure():
    incident, summary = toll(report("a", "2025-03-03", ("in", "Sudan", 15, None)),
                             report("b", "2025-03-04", ("in", "Sudan", 15, 20)))
    assert [(c.claimant, c.killed, c.injured) for c in incident.claims] == [("Sudan", 15, 20)]
    assert summary == (15, 15, 15, False)


def test_outlets_reporting_different_tolls_disagree():
    _, summary = toll(report("a", "2025-03-03", ("in", None, 8, None)),
                      report("b", "2025-03-03", ("in", None, 11, None)))
    assert summary == (8, 8, 11, True)


@pytest.mark.parametrize(("name", "neutral"), [
    ("United Nations", True), ("UN human rights office", True), ("ICRC", True), ("unama", True),
    ("Sudan", False), ("Rapid Support Forces", False), (None, False), ("Unity State", False),
])
def test_neutral_claimants(name, neutral):
    assert is_neutral(name) is neutral



@pytest.mark.parametrize(("figure_a", "figure_b", "disputed"), [
    (("in", "Sudan", 12, None, "civilians"), ("in", "RSF", 30, None, "militants"), False),  # two groups of victims
    (("in", "Sudan", 12, None, "civilians"), ("in", "RSF", 30, None, "civilians"), True),
    (("in", "Sudan", 9, None, "security_forces"), ("in", "RSF", 23, None, "militants"), True),  # the same fighters
    (("in", "Sudan", 12, None, "unspecified"), ("in", "RSF", 30, None, "civilians"), True),  # an overall toll
])
def test_regression_a_dispute_is_over_the_same_victims(figure_a, figure_b, disputed):
    _, summary = toll(report("a", "2025-03-03", figure_a), report("b", "2025-03-04", figure_b))
    assert summary[3] is disputed
