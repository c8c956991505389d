"""Agreements stage: hand-written reports, published 2025-11-08 (a Saturday) unless stated."""

from __future__ import annotations

import pytest


def agreements(analyse, text: str, published: str = "2025-11-08"):
    return analyse(text, published=published).record.agreements


def test_repeated_mentions_merge_into_one_agreement(analyse):
    found = agreements(analyse, "Ethiopia and Eritrea signed a ceasefire in Nairobi on Monday. "
                                "The truce remains in place, officials said. "
                                "Traders said the ceasefire had reopened the roads.")
    assert len(found) == 1
    agreement = found[0]
    assert (agreement.kind, agreement.venue, agreement.signed) == ("ceasefire", "Nairobi", "2025-11-03")
    assert agreement.status == "in_force"
    assert set(agreement.parties) == {"Ethiopia", "Eritrea"}


def test_effective_date_comes_from_took_effect(analyse):
    [agreement] = agreements(analyse, "Armenia and Azerbaijan agreed to a truce that took effect on 2 November.")
    assert agreement.effective == "2025-11-02"


def test_mediators_named_after_mediated_by(analyse):
    [agreement] = agreements(analyse, "Sudan and South Sudan agreed a ceasefire in Doha on Tuesday, "
                                      "mediated by Qatar and Turkey.")
    assert set(agreement.mediators) == {"Qatar", "Turkey"}
    assert agreement.venue == "Doha"


@pytest.mark.parametrize(("text", "status"), [
    ("The ceasefire between India and Pakistan collapsed on Sunday after heavy shelling.", "collapsed"),
    ("India and Pakistan accused each other of violating the ceasefire on Friday.", "violated"),
    ("Despite violations on both sides, the ceasefire between India and Pakistan still holds.", "in_force"),
])
def test_status_as_of_publication(analyse, text, status):
    [agreement] = agreements(analyse, text)
    assert agreement.status == status


@pytest.mark.parametrize("text", [
    "The United Nations urged an immediate ceasefire in Sudan.",
    "France called on both sides to agree to a truce.",
    "Hamas said it had accepted an Egyptian ceasefire proposal.",
    "A ceasefire could be agreed within days, officials said.",
])
def test_calls_proposals_and_hypotheticals_are_not_agreements(analyse, text):
    assert agreements(analyse, text) == []


def test_extension_is_a_separate_agreement(analyse):
    found = agreements(analyse, "Pakistan and Afghanistan agreed on Thursday to extend the ceasefire during talks "
                                "in Istanbul. The ceasefire began on 19 October.", published="2025-10-30")
    assert sorted((a.venue or "", a.signed or "", a.effective or "") for a in found) == [
        ("", "", "2025-10-19"), ("Istanbul", "2025-10-30", "")]


def test_unilateral_truce_binds_only_its_declarer(analyse):
    [agreement] = agreements(analyse, "Russia and Ukraine traded accusations. On Saturday Russia declared a "
                                      "unilateral truce, but Ukraine said attacks went on.", published="2025-04-20")
    assert agreement.parties == ["Russia"]
    assert agreement.signed == "2025-04-19"


def test_fresh_agreement_is_dated_to_publication(analyse):
    [agreement] = agreements(analyse, "Thailand and Cambodia have agreed to a ceasefire from midnight.")
    assert agreement.signed == "2025-11-08"
    assert agreement.effective == "2025-11-08"


def test_old_accord_keeps_its_year_and_no_status(analyse):
    [agreement] = agreements(analyse, "The Taliban insisted on the 2020 Doha accord.")
    assert (agreement.kind, agreement.venue, agreement.signed, agreement.status) == (
        "peace_agreement", "Doha", "2020", None)


def test_evidence_is_the_most_informative_mention(analyse):
    report = analyse("The ceasefire holds. The Doha ceasefire, effective 15 October, ended the fighting.")
    [agreement] = report.record.agreements
    assert agreement.effective == "2025-10-15"
    assert report.text[agreement.span[0]:agreement.span[1]] == agreement.evidence
    assert agreement.evidence.startswith("The Doha ceasefire")
