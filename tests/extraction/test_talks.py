"""Talks stage: hand-written reports, published 2025-11-08 (a Saturday) unless stated."""

from __future__ import annotations

import pytest


def talks(analyse, text: str, published: str = "2025-11-08"):
    return analyse(text, published=published).record.talks


def test_range_of_days_gives_start_and_end(analyse):
    [round_] = talks(analyse, "Talks between Pakistan and Afghanistan in Istanbul on 6 and 7 November "
                              "ended without an agreement.")
    assert (round_.venue, round_.start, round_.end) == ("Istanbul", "2025-11-06", "2025-11-07")
    assert round_.outcome == "no_agreement"
    assert set(round_.parties) == {"Pakistan", "Afghanistan"}


def test_future_meeting_is_scheduled(analyse):
    [round_] = talks(analyse, "Thailand and Cambodia will meet again in Kuala Lumpur on 20 November.")
    assert (round_.venue, round_.start, round_.outcome) == ("Kuala Lumpur", "2025-11-20", "scheduled")


def test_failed_round_is_no_agreement(analyse):
    [round_] = talks(analyse, "Delegations from Russia and Ukraine met in Istanbul on Monday. "
                              "The talks collapsed after an hour.")
    assert (round_.venue, round_.start, round_.outcome) == ("Istanbul", "2025-11-03", "no_agreement")


def test_earlier_round_is_a_separate_item(analyse):
    found = talks(analyse, "Pakistan and Afghanistan held talks in Istanbul on Thursday. "
                           "The previous round in Doha in September yielded partial progress on prisoners.")
    by_venue = {t.venue: t for t in found}
    assert set(by_venue) == {"Istanbul", "Doha"}
    assert by_venue["Doha"].start == "2025-09"
    assert by_venue["Doha"].outcome == "partial"
    assert by_venue["Istanbul"].outcome == "ongoing"


def test_mediators_and_host_country_the_report_names(analyse):
    [round_] = talks(analyse, "Pakistan and Afghanistan resumed talks in Istanbul on Thursday, "
                              "mediated by Qatar. Turkey said the talks were constructive.")
    assert set(round_.mediators) == {"Qatar", "Turkey"}


def test_a_host_city_alone_names_no_mediator(analyse):
    [round_] = talks(analyse, "Russian and Ukrainian delegations held talks in Istanbul on Monday.")
    assert (round_.venue, round_.mediators) == ("Istanbul", [])


@pytest.mark.parametrize("text", [
    "Sudan and South Sudan resumed talks in Jeddah on Monday, with Egypt and Qatar acting as mediators.",
    "Mediators from Egypt and Qatar joined the talks between Sudan and South Sudan in Jeddah on Monday.",
])
def test_mediators_named_before_the_cue_or_after_from(analyse, text):
    [round_] = talks(analyse, text)
    assert set(round_.mediators) == {"Egypt", "Qatar"}


def test_mediators_come_from_the_clause_of_the_round(analyse):
    found = talks(analyse, "Serbia and Kosovo agreed to a truce in Doha on Monday, with Qatar mediating, "
                           "and will hold a second round of talks, hosted by Turkey, in Istanbul on 20 November.")
    by_venue = {t.venue: t for t in found}
    assert by_venue["Istanbul"].mediators == ["Turkey"]
    assert by_venue["Istanbul"].outcome == "scheduled"


def test_town_of_and_two_weekdays(analyse):
    [round_] = talks(analyse, "Delegations from Armenia and Azerbaijan held talks in the Armenian town of Ijevan "
                              "on Tuesday and Wednesday.")
    assert (round_.venue, round_.start, round_.end) == ("Ijevan", "2025-11-04", "2025-11-05")


def test_place_and_date_before_for_a_round(analyse):
    [round_] = talks(analyse, "Negotiators from Sudan and the RSF are expected back in Jeddah next week "
                              "for a new round of Saudi-mediated talks.")
    assert (round_.venue, round_.start, round_.outcome) == ("Jeddah", "2025-11", "scheduled")


def test_plural_rounds_on_two_days_are_two_rounds(analyse):
    found = talks(analyse, "Earlier rounds between Russia and Ukraine in Istanbul on May 16 and June 2 "
                           "produced prisoner swaps.", published="2025-07-24")
    assert sorted((t.start, t.end) for t in found) == [("2025-05-16", "2025-05-16"), ("2025-06-02", "2025-06-02")]


def test_ended_on_gives_the_last_day_not_the_first(analyse):
    [round_] = talks(analyse, "Pakistan and Afghanistan ended talks in Istanbul on 7 November without a deal.")
    assert (round_.start, round_.end, round_.outcome) == (None, "2025-11-07", "no_agreement")


def test_ended_with_an_agreement_after_a_date(analyse):
    [round_] = talks(analyse, "The Nairobi talks between Ethiopia and Eritrea ended on 6 November with an "
                              "agreement to keep the truce.")
    assert (round_.venue, round_.outcome, round_.end) == ("Nairobi", "agreement", "2025-11-06")


def test_next_sentence_about_the_sides_gives_the_outcome(analyse):
    [round_] = talks(analyse, "Russia and Ukraine held talks in Istanbul on Wednesday. The two sides agreed to "
                              "swap prisoners but remained far apart on a ceasefire.")
    assert (round_.outcome, round_.end) == ("partial", "2025-11-05")


def test_a_scheduled_round_keeps_no_past_date(analyse):
    [round_] = talks(analyse, "Mediators from Egypt and Qatar were due to meet the two sides in Cairo "
                              "at the weekend.", published="2025-11-05")
    assert (round_.venue, round_.start, round_.outcome) == ("Cairo", None, "scheduled")


def test_round_that_produced_an_agreement_ends_when_signed(analyse):
    [round_] = talks(analyse, "Ethiopia and Eritrea agreed to a ceasefire on Monday during talks in Nairobi.")
    assert (round_.venue, round_.outcome, round_.end) == ("Nairobi", "agreement", "2025-11-03")


@pytest.mark.parametrize("text", [
    "The UN Security Council held an emergency meeting in New York on Friday, attended by both countries.",
    "A new round of fighting broke out in Khartoum on Monday.",
    "Border talks could resume in Doha next year, analysts said.",
    "Pakistan and Afghanistan traded fire on Monday. Pakistan's army chief met US officials in Washington "
    "on Tuesday. Afghanistan blamed Pakistan for the shelling.",
    "Taliban leaders met in Kandahar on Tuesday to discuss the border clashes with Pakistan.",
    "Pakistan's prime minister chaired a meeting of the National Security Committee in Islamabad on Friday.",
    "Indian mortar rounds landed on homes in Kotli on Monday, Pakistan said.",
    "Ukraine proposed a meeting of the two presidents in Geneva in December.",
])
def test_not_a_round_of_negotiation(analyse, text):
    assert talks(analyse, text) == []


def test_a_place_in_a_later_clause_is_no_venue(analyse):
    assert talks(analyse, "After the talks collapsed, Pakistani jets struck targets in Kabul.") == []


@pytest.mark.parametrize(("text", "outcome"), [
    ("Negotiators from Sudan and the RSF met in Jeddah on Monday and made progress on aid access.", "partial"),
    ("Truce talks between Israel and Hamas in Cairo broke down on Tuesday.", "no_agreement"),
    ("Talks between Ethiopia and Eritrea in Nairobi on Monday failed to reach a deal.", "no_agreement"),
    ("The dialogue between Serbia and Kosovo will resume in Brussels on 20 November.", "scheduled"),
    ("Consultations between Armenia and Azerbaijan in Geneva on Thursday ended without agreement.", "no_agreement"),
])
def test_outcome_wording(analyse, text, outcome):
    [round_] = talks(analyse, text)
    assert round_.outcome == outcome


def test_an_appositive_is_skipped_for_the_outcome_and_date(analyse):
    found = talks(analyse, "Envoys of Sudan and the RSF held talks in Jeddah this week. The talks, the first since "
                           "negotiations broke down in December 2023, ended on Wednesday without a ceasefire.",
                  published="2025-11-06")
    current = next(t for t in found if t.venue == "Jeddah")
    assert (current.end, current.outcome) == ("2025-11-05", "no_agreement")
    assert all(t.start != "2023-12" for t in found if t.venue == "Jeddah")


def test_auspices_name_mediators(analyse):
    [round_] = talks(analyse, "Sudan and the RSF held indirect talks in Jeddah on Monday under Saudi and US auspices.")
    assert set(round_.mediators) == {"Saudi Arabia", "United States"}


def test_a_round_that_produced_the_ceasefire(analyse):
    found = talks(analyse, "A first round of indirect talks between Israel and Hamas in Sharm el-Sheikh in early "
                           "October produced the ceasefire.", published="2025-10-29")
    assert [(t.venue, t.start, t.outcome) for t in found] == [("Sharm el-Sheikh", "2025-10", "agreement")]


def test_dates_in_a_relative_clause_belong_to_the_talks(analyse):
    [round_] = talks(analyse, "Yemen and the Houthis held UN-sponsored talks in Muscat this month. The talks, which "
                              "opened on June 13 and closed on June 17, failed to produce an agreement.",
                     published="2025-06-19")
    assert (round_.venue, round_.start, round_.end, round_.outcome) == (
        "Muscat", "2025-06-13", "2025-06-17", "no_agreement")
    assert round_.mediators == ["United Nations"]


def test_agreeing_on_procedures_is_partial(analyse):
    [round_] = talks(analyse, "Border commissions of Armenia and Azerbaijan held talks in Ijevan on Tuesday and "
                              "agreed on working procedures for mapping the frontier.")
    assert round_.outcome == "partial"


def test_talks_in_a_sentence_about_an_earlier_meeting_are_that_round(analyse):
    found = talks(analyse, "Negotiators from Ethiopia and Eritrea last met in Mekelle in January, when talks on "
                           "disarmament stalled.", published="2025-03-03")
    assert [(t.venue, t.start, t.outcome) for t in found] == [("Mekelle", "2025-01", "no_agreement")]


def test_a_called_meeting_is_scheduled(analyse):
    [round_] = talks(analyse, "The African Union called an emergency meeting of Ethiopia and Eritrea in Addis Ababa "
                              "for 20 November.")
    assert (round_.venue, round_.start, round_.outcome) == ("Addis Ababa", "2025-11-20", "scheduled")


def test_a_led_mechanism_names_its_leader_as_mediator(analyse):
    [round_] = talks(analyse, "A US-led mechanism that monitors the truce between Israel and Hezbollah will meet "
                              "again in Naqoura on 12 November.")
    assert (round_.venue, round_.outcome, round_.mediators) == ("Naqoura", "scheduled", ["United States"])


@pytest.mark.parametrize("text", [
    "The offensive by Ethiopia against Eritrea met fierce resistance in Badme on Sunday.",
    "Israel and Hamas traded accusations; shelling went on year-round in Rafah, residents told a meeting on Friday.",
])
def test_other_senses_of_met_and_round(analyse, text):
    assert talks(analyse, text) == []


def test_going_back_to_a_venue_places_the_earlier_round_there(analyse):
    found = talks(analyse, "Delegations from Sudan and the RSF are expected back in Jeddah next week for a new round "
                           "of talks. The previous round ended on 19 October without a deal.")
    by_outcome = {t.outcome: t for t in found}
    assert (by_outcome["scheduled"].venue, by_outcome["scheduled"].start) == ("Jeddah", "2025-11")
    assert (by_outcome["no_agreement"].venue, by_outcome["no_agreement"].end) == ("Jeddah", "2025-10-19")


def test_two_sides_wrap_up_talks_that_ran_over_a_range(analyse):
    text = ("Militants of the Tehrik-i-Taliban Pakistan attacked a police post in Bannu, Pakistan said. The TTP "
            "had attacked Pakistan before. The attack came as Pakistani and Afghan delegations wrapped up talks in "
            "Istanbul that ran from October 25 to 30, hosted by Turkey.")
    [round_] = talks(analyse, text, published="2025-10-31")
    assert (round_.venue, round_.start, round_.end) == ("Istanbul", "2025-10-25", "2025-10-30")


def test_meeting_without_agreeing_is_no_agreement(analyse):
    [round_] = talks(analyse, "Sudan and RSF delegations met in Jeddah in August without agreeing on a "
                              "prisoner exchange.", published="2025-09-12")
    assert (round_.start, round_.outcome) == ("2025-08", "no_agreement")


def test_meeting_counterparts_from_several_countries(analyse):
    text = ("Israel struck Iran again overnight. Iran's foreign minister is due to meet his counterparts from "
            "Britain, France and Germany, along with the European Union's foreign policy chief, in Geneva on Friday.")
    [round_] = talks(analyse, text, published="2025-06-20")
    assert (round_.venue, round_.start, round_.outcome) == ("Geneva", "2025-06-20", "scheduled")
