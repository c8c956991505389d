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


def test_mediators_and_host_country(analyse):
    [round_] = talks(analyse, "Pakistan and Afghanistan resumed talks in Istanbul on Thursday, "
                              "mediated by Qatar.")
    assert set(round_.mediators) == {"Qatar", "Turkey"}


def test_round_that_produced_an_agreement_ends_when_signed(analyse):
    [round_] = talks(analyse, "Ethiopia and Eritrea agreed to a ceasefire on Monday during talks in Nairobi.")
    assert (round_.venue, round_.outcome, round_.end) == ("Nairobi", "agreement", "2025-11-03")


@pytest.mark.parametrize("text", [
    "The UN Security Council held an emergency meeting in New York on Friday, attended by both countries.",
    "A new round of fighting broke out in Khartoum on Monday.",
    "Border talks could resume in Doha next year, analysts said.",
])
def test_not_a_round_of_negotiation(analyse, text):
    assert talks(analyse, text) == []
