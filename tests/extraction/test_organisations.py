"""Organisations the actor table does not know: found, named as written, and kept apart from states' organs,
outlets, places, events and headlines."""

from __future__ import annotations

import pytest


def organisations(analyse, text):
    report = analyse(text, upto="actors")
    return [(m.name, m.kind) for m in report.actors if m.kind in ("organisation", "armed_group")]


@pytest.mark.parametrize(("text", "found"), [
    ("The Lakeside Relief Network said the camps were full.", [("Lakeside Relief Network", "organisation")]),
    ("The Northern Emergency Doctors' Committee warned of cholera.",
     [("Northern Emergency Doctors' Committee", "organisation")]),
    ("Aid was handed out by the Riverside Civil Society Coordination.",
     [("Riverside Civil Society Coordination", "organisation")]),
    ("The Committee to Protect Journalists counted two deaths.",
     [("Committee to Protect Journalists", "organisation")]),
    ("The Union of Medical Care and Relief Organizations closed clinics.",
     [("Union of Medical Care and Relief Organizations", "organisation")]),
    ("Al-Aqsa Martyrs Brigades claimed the attack.", [("Al-Aqsa Martyrs Brigades", "armed_group")]),
    ("The Lakeside Relief Network's director spoke to reporters.", [("Lakeside Relief Network", "organisation")]),
    ("The Emergency Lawyers group counted the dead.", [("Emergency Lawyers group", "organisation")]),
    ("Mercy Corps sent trucks.", [("Mercy Corps", "organisation")]),
    ("The El Obeid Emergency Response Room said 40 died.", [("El Obeid Emergency Response Room", "organisation")]),
])
def test_capitalised_phrase_with_an_organisational_head(analyse, text, found):
    assert organisations(analyse, text) == found


def test_two_names_joined_by_and(analyse):
    text = "Hamas and the Palestinian Prisoners Society said detainees were freed."
    assert organisations(analyse, text) == [("Hamas", "armed_group"), ("Palestinian Prisoners Society", "organisation")]


def test_a_state_in_the_name_of_a_body_of_its_own(analyse):
    report = analyse("The Sudan Doctors Network and the Syrian Network for Human Rights issued figures.",
                     upto="actors")
    assert [(m.name, m.kind) for m in report.actors] == [("Sudan Doctors Network", "organisation"),
                                                          ("Syrian Network for Human Rights", "organisation")]


def test_the_table_wins_inside_a_longer_name(analyse):
    report = analyse("The Houthi Media Office spoke after the UN Security Council met.", upto="actors")
    assert [m.name for m in report.actors] == ["Houthis", "United Nations Security Council"]


@pytest.mark.parametrize("text", [
    "The Foreign Ministry said talks would resume.",
    "Sudan's Sovereignty Council said it would attend.",
    "The Sudanese Sovereignty Council said it would attend.",
    "The Israeli Security Cabinet approved the plan.",
    "Explosions hit the Tehran Police Command overnight.",
    "The Central Committee met on Monday.",
    "The Ministry of Refugees and Repatriation said families returned.",
])
def test_a_states_organ_is_no_organisation(analyse, text):
    assert [m for m in analyse(text, upto="actors").actors if m.kind == "organisation"] == []


@pytest.mark.parametrize("text", [
    "Relief Network Warns Of Famine In Darfur Camps\nThe network said food had run out.",
    "Local Council members said four people died.",
    "The Kabul Times Weekly printed the letter.",
    "Troops crossed the Durand Line at dawn.",
    "Under the Doha Framework Agreement the sides agreed to stop firing.",
    "An attack by the Baloch group killed three.",
    "The US-based Human Rights group published a report.",
])
def test_headlines_sentence_openers_outlets_places_and_agreements(analyse, text):
    assert organisations(analyse, text) == []


def test_a_person_of_the_organisation_stays_a_person(analyse):
    report = analyse("Ahmed Hassan, head of the Lakeside Relief Network, spoke on Monday.", upto="actors")
    assert [(m.name, m.kind) for m in report.actors] == [("Ahmed Hassan", "person"),
                                                          ("Lakeside Relief Network", "organisation")]


@pytest.mark.parametrize("text", [
    "M23 shelled the town on Monday. At least 40 civilians were killed, according to the Lakeside Relief Network.",
    "M23 shelled the town on Monday, killing 40 civilians, the Lakeside Relief Network said.",
])
def test_organisation_is_the_casualty_claimant(analyse, text):
    report = analyse(text, upto="casualties")
    assert [c.claimant for c in report.record.casualties] == ["Lakeside Relief Network"]


def test_an_entity_without_an_organisational_head_counts_where_it_speaks(analyse):
    assert organisations(analyse, "M23 shelled the camp. Oxfam International said the camp was cut off.") == [
        ("M23", "armed_group"), ("Oxfam International", "organisation")]
    assert organisations(analyse, "The Islamabad High Court adjourned the case.") == []


def test_an_acronym_that_speaks_is_an_organisation(analyse):
    text = 'Drones hit the oil field on Monday. "Production will restart once repairs are done," DNO said.'
    assert ("DNO", "organisation") in organisations(analyse, text)


@pytest.mark.parametrize("text", [
    "Aid was handed to the Lakeside Relief Network on Monday.",
    "Aid was sent by the Lakeside Relief Network to Goma.",
    "The Lakeside Relief Network told Reuters it was out of fuel.",
])
def test_a_name_does_not_run_on_into_a_date_place_or_outlet(analyse, text):
    assert organisations(analyse, text) == [("Lakeside Relief Network", "organisation")]


def test_an_article_opening_the_sentence_is_not_part_of_the_name(analyse):
    assert organisations(analyse, "A Lakeside Relief Network spokesman spoke.") == [
        ("Lakeside Relief Network", "organisation")]
