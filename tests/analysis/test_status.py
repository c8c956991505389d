"""Status figures on the hand-checked store (see conftest.py for the incidents and the sums)."""

from __future__ import annotations

from ceasefire.analysis.status import ceasefire_status
from ceasefire.analysis.status_text import render_status_text


def test_status_as_of_latest_report(hand_store):
    status = ceasefire_status(hand_store)
    assert status.as_of == "2025-11-05"
    assert (status.documents, status.incidents) == (4, 7)
    [doha] = status.agreements
    assert doha.name == "Doha ceasefire"
    assert doha.parties == ["Afghanistan", "Pakistan"] and doha.mediators == ["Qatar", "Turkey"]
    assert doha.days_in_force == 17
    assert doha.status == "violated"
    assert [r.publisher for r in doha.status_reports] == ["Paper C"]


def test_incidents_since_effective_date_exclude_earlier_and_unrelated(hand_store):
    [doha] = ceasefire_status(hand_store).agreements
    # i3, i4, i5 after 19 October; not i1/i2 (before), i6 (dated only to October), i7 (no party involved)
    assert doha.incidents_since == 3
    assert doha.disputed_since == 1
    assert [i.id for i in doha.recent_incidents] == ["i5", "i4", "i3"]


def test_violations_each_side_alleges_with_figures_per_claimant(hand_store):
    [doha] = ceasefire_status(hand_store).agreements
    by_pair = {(a.accuser, a.accused): a for a in doha.allegations}
    afghan = by_pair[("Afghanistan", "Pakistan")]
    assert afghan.incidents == 1 and afghan.disputed == 1
    assert {(t.claimant, t.killed, t.injured, t.incidents) for t in afghan.figures} == {
        ("Afghanistan", 10, 4, 1), ("Pakistan", 2, 0, 1)}
    pakistani = by_pair[("Pakistan", "Afghanistan")]
    assert pakistani.incidents == 2 and pakistani.disputed == 0
    assert [(t.claimant, t.killed, t.injured, t.incidents) for t in pakistani.figures] == [("Pakistan", 8, 2, 2)]


def test_weekly_counts_around_effective_date(hand_store):
    [doha] = ceasefire_status(hand_store).agreements
    weeks = {w.week: w.incidents for w in doha.weekly}
    assert min(weeks) == -8 and max(weeks) == 2
    assert weeks[-1] == 2 and weeks[0] == 1 and weeks[1] == 2 and weeks[2] == 0
    assert sum(weeks.values()) == 5
    assert doha.weekly[8].start == "2025-10-19"


def test_talks_and_statements_by_side(hand_store):
    [doha] = ceasefire_status(hand_store).agreements
    assert [(t.venue, t.start, t.outcome) for t in doha.talks] == [
        ("Istanbul", "2025-10-25", "partial"), ("Istanbul", "2025-11-06", "scheduled")]
    sides = {s.side: s.speaker for s in doha.statements}
    assert sides == {"Afghanistan": "Hamid Rahimi", "Pakistan": "Tariq Hameed"}


def test_as_of_an_earlier_date_sees_only_what_was_known(hand_store):
    [doha] = ceasefire_status(hand_store, as_of="2025-10-28").agreements
    assert doha.status == "in_force"
    assert [r.publisher for r in doha.status_reports] == ["Wire A", "Paper B"]
    assert doha.days_in_force == 9
    assert doha.incidents_since == 2  # i3 and i4; i5 is on 31 October
    assert [t.id for t in doha.talks] == ["tlk-1"]
    assert [s.speaker for s in doha.statements] == ["Hamid Rahimi"]


def test_agreement_filter_and_text_rendering(hand_store):
    assert ceasefire_status(hand_store, agreement="nowhere").agreements == []
    text = render_status_text(ceasefire_status(hand_store, agreement="doha"))
    assert "Doha ceasefire" in text and "17 days in force" in text and "VIOLATED" in text
    assert "Afghanistan accuses Pakistan: 1 incident(s), 1 with disputed tolls" in text
    assert "Pakistan count 8 killed, 2 injured over 2 incident(s)" in text
    assert "DISPUTED" in text
    assert ("Status: VIOLATED, 17 days after it took effect. 3 incident(s) involving the parties since then "
            "(1.0 a week, against 0.2 a week in the 8 weeks before), 1 with disputed tolls.") in " ".join(text.split())
    assert "Latest talks: Istanbul, 2025-11-06, scheduled." in " ".join(text.split())


def test_empty_store_says_no_agreement(tmp_path):
    from ceasefire.storage import open_store

    with open_store(tmp_path / "empty.db") as store:
        text = render_status_text(ceasefire_status(store, as_of="2025-11-01"))
    assert "No ceasefire or peace agreement was found" in text


def test_a_collapsed_agreement_counts_days_until_it_ended(hand_store):
    import dataclasses

    from handbuilt import AGREEMENT, INCIDENTS, TALKS, ev

    from ceasefire.resolution.model import Resolution, StatusObservation

    collapsed = dataclasses.replace(AGREEMENT, history=[
        *AGREEMENT.history,
        StatusObservation("collapsed", "2025-11-02", ev("docC", "The truce has collapsed.")),
        StatusObservation("collapsed", "2025-11-05", ev("docD", "The truce is over."))])
    hand_store.save_resolution(Resolution(incidents=INCIDENTS, agreements=[collapsed], talks=TALKS))
    [doha] = ceasefire_status(hand_store).agreements
    assert (doha.status, doha.ended, doha.days_in_force) == ("collapsed", "2025-11-02", 14)
    assert "ended 2025-11-02 after 14 days in force" in render_status_text(ceasefire_status(hand_store))


def test_without_an_effective_date_counts_start_from_the_day_it_was_agreed(hand_store):
    import dataclasses

    from handbuilt import AGREEMENT, INCIDENTS, TALKS

    from ceasefire.resolution.model import Resolution

    unstated = dataclasses.replace(AGREEMENT, effective=None)
    hand_store.save_resolution(Resolution(incidents=INCIDENTS, agreements=[unstated], talks=TALKS))
    [doha] = ceasefire_status(hand_store).agreements
    assert (doha.effective, doha.in_force_from, doha.days_in_force, doha.incidents_since) == (
        None, "2025-10-19", 17, 3)
    assert "not stated; counted from the day it was agreed, 2025-10-19" in render_status_text(
        ceasefire_status(hand_store))


def test_reports_of_the_last_week_that_disagree_with_the_status_are_shown(hand_store):
    import dataclasses

    from handbuilt import AGREEMENT, INCIDENTS, TALKS, ev

    from ceasefire.resolution.model import Resolution, StatusObservation

    disputed = dataclasses.replace(AGREEMENT, history=[
        *AGREEMENT.history, StatusObservation("in_force", "2025-11-05", ev("docD", "Islamabad says the truce holds."))])
    hand_store.save_resolution(Resolution(incidents=INCIDENTS, agreements=[disputed], talks=TALKS))
    [doha] = ceasefire_status(hand_store).agreements
    assert doha.status == "in_force"
    assert [(r.status, r.publisher) for r in doha.contested_by] == [("violated", "Paper C")]
    assert "but violated per 2025-11-02, Paper C" in render_status_text(ceasefire_status(hand_store))
    [later] = ceasefire_status(hand_store, as_of="2025-11-20").agreements
    assert later.contested_by == []


def test_regression_as_of_counts_and_agreements_are_those_known_then(hand_store):
    from handbuilt import AGREEMENT, INCIDENTS, TALKS, ev

    from ceasefire.resolution.model import Resolution, ResolvedAgreement

    later = ResolvedAgreement(id="agr-later", kind="ceasefire", name="A later truce", parties=["Afghanistan"],
                              mediators=[], venue=None, signed="2025-11-05", effective=None, status="in_force",
                              history=[], sources=[ev("docD")])
    hand_store.save_resolution(Resolution(incidents=INCIDENTS, agreements=[AGREEMENT, later], talks=TALKS))
    assert "agr-later" in {a.id for a in ceasefire_status(hand_store).agreements}
    early = ceasefire_status(hand_store, as_of="2025-10-28")
    assert "agr-later" not in {a.id for a in early.agreements}  # agreed after that date
    assert (early.documents, early.incidents) == (2, 7)  # Wire A of 20 and Paper B of 25 October
    before_any = ceasefire_status(hand_store, as_of="2025-10-19")
    assert (before_any.documents, before_any.incidents, before_any.agreements) == (0, 0, [])


def test_silence_of_the_reports_is_told_apart_from_calm(hand_store):
    latest = ceasefire_status(hand_store, as_of="2025-11-05")
    assert (latest.latest_report, latest.silent_days) == ("2025-11-05", 0)
    weeks_later = ceasefire_status(hand_store, as_of="2025-11-20")
    assert (weeks_later.latest_report, weeks_later.silent_days) == ("2025-11-05", 15)
    text = render_status_text(weeks_later)
    assert "No report received since 2025-11-05 (15 days)" in text
    assert "No report received" not in render_status_text(latest)
