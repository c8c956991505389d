"""Actors stage: canonical names, collective nouns, capitals as actors, people and their offices."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasefire.extraction.actors.stage import ActorTable, canonical_actor, state_of_country
from ceasefire.extraction.actors.states import country_of_demonym


def names(report, kind=None):
    return [(m.text, m.name) for m in report.actors if kind is None or m.kind == kind]


def mention(report, text):
    found = [m for m in report.actors if m.text == text]
    assert found, f"no actor mention {text!r} in {names(report)}"
    return found[0]


@pytest.fixture(scope="module")
def table():
    return ActorTable.load()


@pytest.mark.parametrize(("phrase", "name"), [
    ("Afghans", "Afghanistan"),
    ("Pakistani", "Pakistan"),
    ("the Islamic Emirate", "Afghanistan"),
    ("ISPR", "Pakistan"),
    ("Pakistani Taliban", "Tehrik-i-Taliban Pakistan"),
    ("TTP", "Tehrik-i-Taliban Pakistan"),
    ("IDF", "Israel"),
    ("Congolese army", "DR Congo"),
    ("M23/AFC", "M23"),
    ("RSF", "Rapid Support Forces"),
    ("U.N.", "United Nations"),
    ("Red Cross", "International Committee of the Red Cross"),
    ("Türkiye", "Turkey"),
    ("U.S.", "United States"),
    ("Indian Army", "India"),
    ("TPLF", "Tigray People's Liberation Front"),
    ("Karen National Union", "Karen National Union"),
    ("NNA", "National News Agency"),
])
def test_canonical_names(table, phrase, name):
    assert canonical_actor(table, phrase) == name


def test_canonical_actor_rejects_longer_phrases(table):
    assert canonical_actor(table, "Pakistan cricket board") is None
    assert canonical_actor(table, "Pakistan’s army") == "Pakistan"


def test_taliban_means_the_afghan_state_only_after_2021(table):
    assert canonical_actor(table, "Taliban", dt.date(2025, 1, 1)) == "Afghanistan"
    assert canonical_actor(table, "Taliban", dt.date(2019, 1, 1)) == "Taliban"


def test_demonym_with_collective_noun_marks_the_group(analyse):
    report = analyse("Shelling killed three Afghan civilians and wounded two Pakistani soldiers.", upto="actors")
    civilians = mention(report, "Afghan civilians")
    soldiers = mention(report, "Pakistani soldiers")
    assert (civilians.name, civilians.group, civilians.country) == ("Afghanistan", "civilians", "AF")
    assert (soldiers.name, soldiers.group) == ("Pakistan", "security_forces")


@pytest.mark.parametrize(("text", "phrase", "state", "country", "group"), [
    ("Beninese soldiers repelled an attack near Karimama on Monday.", "Beninese soldiers", "Benin", "BJ",
     "security_forces"),
    ("Two Haitians were killed when police fired on a crowd.", "Haitians", "Haiti", "HT", None),
    ("Police of the Togolese Republic dispersed the march.", "Togolese Republic", "Togo", "TG", None),
])
def test_every_state_is_known_by_its_names_and_demonyms(analyse, text, phrase, state, country, group):
    """States the curated table lacks come from countryinfo's table of the world's countries."""
    found = mention(analyse(text, upto="actors"), phrase)
    assert (found.name, found.country, found.group) == (state, country, group)


def test_a_demonym_two_states_share_names_neither():
    assert country_of_demonym("Togolese") == "TG" and country_of_demonym("Afghan") == "AF"
    assert country_of_demonym("Dominican") is None  # Dominica and the Dominican Republic


def test_possessive_institution_is_the_state(analyse):
    report = analyse("Cambodia’s defence ministry accused the Thai army of firing first.", upto="actors")
    assert mention(report, "Cambodia’s defence ministry").name == "Cambodia"
    assert mention(report, "Thai army").group == "security_forces"


def test_pakistani_taliban_is_not_the_afghan_government(analyse):
    report = analyse("The Pakistani Taliban claimed the attack, while the Taliban denied sheltering them.",
                     upto="actors")
    assert names(report) == [("Pakistani Taliban", "Tehrik-i-Taliban Pakistan"), ("Taliban", "Afghanistan")]


def test_capital_is_an_actor_only_when_it_acts(analyse):
    report = analyse("Kabul denies the charge. Talks in Islamabad stalled, and the Doha talks resumed.",
                     upto="actors")
    assert names(report, "state") == [("Kabul", "Afghanistan")]


def test_hyphenated_place_adjective_is_not_an_actor(analyse):
    report = analyse("Troops moved along the Pakistan-administered side of the line.", upto="actors")
    assert names(report) == []


def test_person_with_office_before_the_name(analyse):
    report = analyse("Pakistani Defence Minister Tariq Mahmood Rana said talks had failed. Rana added that "
                     "the army was ready.", upto="actors")
    people = [m for m in report.actors if m.kind == "person"]
    assert [p.text for p in people] == ["Tariq Mahmood Rana", "Rana"]
    assert {p.name for p in people} == {"Tariq Mahmood Rana"}
    assert people[1].office == "Pakistani Defence Minister"
    assert people[1].affiliation == "Pakistan"
    assert people[1].country == "PK"


def test_person_with_appositive_office(analyse):
    report = analyse("Qari Nasrullah Hamdard, a Taliban spokesman, said the strikes hit homes.", upto="actors")
    person = mention(report, "Qari Nasrullah Hamdard")
    assert person.office == "Taliban spokesman"
    assert person.affiliation == "Afghanistan"


def test_well_known_surname_resolves_to_full_name(analyse):
    report = analyse("Trump said the truce would hold.", upto="actors")
    trump = mention(report, "Trump")
    assert (trump.name, trump.kind, trump.affiliation) == ("Donald Trump", "person", "United States")


def test_state_of_country_code():
    assert state_of_country("PK") == "Pakistan"
    assert state_of_country("CD") == "DR Congo"
    assert state_of_country("PE") == "Peru"
    assert state_of_country("XX") is None


@pytest.mark.parametrize(("text", "group"), [
    ("Tamu rebels ambushed a military patrol on Sunday, killing two soldiers.", "Tamu"),
    ("Armed Kalbo separatists torched a school on Friday.", "Kalbo"),
])
def test_group_no_table_lists_is_named_by_its_fighters(analyse, text, group):
    report = analyse(text, upto="actors")
    assert [(m.name, m.kind) for m in report.actors] == [(group, "armed_group")]


def test_descriptive_words_before_fighters_name_no_group(analyse):
    report = analyse("Suspected Islamist militants attacked the village on Monday.", upto="actors")
    assert report.actors == []


@pytest.mark.parametrize("text, names", [
    ("A dissident faction known as the Kalbo Front attacked an outpost. The Kalbo Front later withdrew.",
     ["Kalbo Front", "Kalbo Front"]),
    ("The Popular Defence Army (PDA) seized a town. The PDA said it would hold it.",
     ["Popular Defence Army"] * 3),
    ("Clashes between the ELN and the ZRK killed four fighters.", ["National Liberation Army", "ZRK"]),
])
def test_groups_the_report_introduces_are_actors_at_every_mention(analyse, text, names):
    report = analyse(text, upto="actors")
    assert [m.name for m in report.actors if m.kind == "armed_group"] == names


def test_government_forces_are_the_state_where_the_report_is(analyse):
    text = "Government security forces clashed with Al Shabaab fighters near Afgooye (Lower Shabelle) on Monday."
    forces = mention(analyse(text, upto="actors"), "Government security forces")
    assert (forces.name, forces.kind, forces.group) == ("Somalia", "state", "security_forces")
    # not where the report's places lie in several countries
    text = "Government forces shelled Afgooye in Somalia and Kidal in Mali on Monday."
    assert "Government forces" not in [m.text for m in analyse(text, upto="actors").actors]


def test_a_registered_acronym_of_another_country_is_not_read_there(analyse):
    # "SNA": in the register, Myanmar's Shanni Nationalities Army; in a report on Somalia, not that group
    report = analyse("Government forces (SNA) clashed with Al Shabaab near Afgooye (Lower Shabelle).", upto="actors")
    assert "Shanni Nationalities Army" not in [m.name for m in report.actors]
    report = analyse("The SNA clashed with the army near Homalin in Sagaing region.", upto="actors")
    assert "Shanni Nationalities Army" in [m.name for m in report.actors]


def test_a_borrowed_demonym_names_the_state_the_report_is_placed_in(analyse):
    """Translations call Niger's soldiers "Nigerian": in a report placed in Niger alone, they are Niger's."""
    niger = mention(analyse("Nigerian soldiers repelled an attack near Tillaberi in western Niger.", upto="actors"),
                    "Nigerian soldiers")
    nigeria = mention(analyse("Nigerian soldiers repelled an attack near Maiduguri on Monday.", upto="actors"),
                      "Nigerian soldiers")
    assert (niger.name, nigeria.name) == ("Niger", "Nigeria")


def _coded(text: str, actor1: str, actor2: str = "Military Forces of Burkina Faso (2022-)") -> dict:
    return {"text": text, "gold": {"actor1": actor1, "actor2": actor2, "iso": "BF", "event_type": "Battles"}}


def test_the_register_learns_an_acronym_the_notes_write_for_the_group_it_abbreviates():
    from ceasefire.extraction.training.actor_register import build

    branch = "Islamic State (Greater Sahara)"
    rows = [_coded(f"ISGS militants attacked a patrol near town {n}.", branch) for n in range(6)]
    rows += [_coded(f"An IED hit a convoy near town {n}.", branch) for n in range(6)]
    rows += [_coded("An IED hit a convoy near Djibo.", "JNIM: Group for Support of Islam and Muslims")] * 6
    rows += [_coded("Islamic State fighters attacked a town.", "Islamic State (Iraq)")] * 20
    register = {entry["name"]: entry for entry in build(rows)}
    # the branch keeps its region, since another actor goes by the bare name; "ISGS" is its initials
    # and names it in every note that writes it; "IED" names no group
    assert "ISGS" in register[branch]["aliases"] and "Islamic State" in register
    assert not any("IED" in entry["aliases"] for entry in register.values())


def test_a_surname_with_its_article_joined_on_is_a_name_but_a_groups_is_not(analyse):
    text = "Commander Yusuf al-Amiri met the envoy. Jama’at Nusrat al-Islam wal Muslimeen claimed the attack."
    report = analyse(text, upto="actors")
    assert [m.text for m in report.actors if m.kind == "person"] == ["Yusuf al-Amiri"]


def test_a_name_the_model_calls_an_organisation_after_an_office_is_a_person(analyse):
    report = analyse("Army spokesman Celestin Wilfried Dossavi announced the new toll on Monday.", upto="actors")
    assert [(m.text, m.kind) for m in report.actors] == [("Celestin Wilfried Dossavi", "person")]
