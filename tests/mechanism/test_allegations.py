"""Submission, verification and what each account sees, on the border-truce scenario."""

from __future__ import annotations

import threading

import pytest

from ceasefire.mechanism import allegations as steps
from ceasefire.mechanism.audit import verify
from ceasefire.mechanism.vocabulary import AccessDenied, MechanismInputError, NotFound


def allegation(agreement: str, **changes) -> steps.AllegationIn:
    values = dict(alleged_by="Kyrgyzstan", against="Tajikistan", occurred_on="2022-09-17", category="shelling",
                  observed="heard", description="Shells landed near the school of the village.", latitude=40.03,
                  longitude=70.63, place="Pasky-Aryk", agreement_id=agreement)
    return steps.AllegationIn(**{**values, **changes})


def test_an_allegation_goes_from_submission_to_a_published_finding(store, accounts, agreement_id):
    kg, tj, monitor, chair, observer = (accounts[n] for n in ("kg", "tj", "monitor", "chair", "observer"))
    found = steps.submit(store, kg, allegation(agreement_id))
    assert [a["id"] for a in steps.allegations(store, kg)] == [found]
    assert steps.allegations(store, tj) == [] and steps.allegations(store, observer) == []  # not published
    with pytest.raises(NotFound):
        steps.allegation(store, tj, found)  # another party's submission does not exist for it
    steps.investigate(store, monitor, found, "team sent to the village")
    steps.draft(store, monitor, found, finding="Two craters and fragments of 120 mm shells.", attribution="Tajikistan")
    assert steps.allegation(store, kg, found)["finding"] is None  # the draft is the chair's to rule on
    steps.rule(store, chair, found, outcome="substantiated", finding="Shelling from the Tajik side confirmed.",
               attribution="Tajikistan")
    steps.publish(store, chair, found)
    published = steps.allegation(store, observer, found)
    assert (published["state"], published["attribution"], published["adjudicator"]) == (
        "substantiated", "Tajikistan", "chair")
    assert [(t["from_state"], t["to_state"], t["account"]) for t in published["transitions"]] == [
        (None, "alleged", "kg"), ("alleged", "under_investigation", "monitor"),
        ("under_investigation", "substantiated", "chair")]
    assert [a["id"] for a in steps.allegations(store, tj)] == [found]  # published: every party sees it
    assert verify(store.connection) == []


def test_moves_the_state_machine_does_not_allow_are_refused(store, accounts, agreement_id):
    found = steps.submit(store, accounts["monitor"], allegation(agreement_id, source="public"))
    with pytest.raises(MechanismInputError, match="alleged cannot become substantiated"):
        steps.rule(store, accounts["chair"], found, outcome="substantiated", finding="x")
    with pytest.raises(MechanismInputError, match="only a ruled allegation"):
        steps.publish(store, accounts["chair"], found)
    steps.investigate(store, accounts["monitor"], found)
    with pytest.raises(MechanismInputError, match="alleged cannot become under investigation|under investigation "
                                                  "cannot become under investigation"):
        steps.investigate(store, accounts["monitor"], found)
    with pytest.raises(MechanismInputError, match="reason"):
        steps.rule(store, accounts["chair"], found, outcome="unable_to_verify", finding="No access.")
    steps.rule(store, accounts["chair"], found, outcome="unable_to_verify", finding="The team could not reach it.",
               reason="access denied at the checkpoint")
    ruled = steps.allegation(store, accounts["chair"], found)
    assert (ruled["state"], ruled["attribution"], ruled["reason"]) == (
        "unable_to_verify", "undetermined", "access denied at the checkpoint")


@pytest.mark.parametrize("changes, field", [
    ({"occurred_on": "2999-01-01"}, "occurred_on"),
    ({"occurred_on": "2022-09-01"}, "occurred_on"),  # before the truce of 16 September
    ({"occurred_on": "17/09/2022"}, "occurred_on"),
    ({"latitude": 123.0}, "latitude"),
    ({"longitude": None}, "latitude"),
    ({"category": "rudeness"}, "category"),
    ({"observed": "dreamt"}, "observed"),
    ({"description": "   "}, "description"),
    ({"description": "x" * 20_000}, "description"),
    ({"killed": -3}, "killed"),
    ({"agreement_id": "agr-nope"}, "agreement_id"),
    ({"area": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}}, "area"),
])
def test_bad_submissions_are_refused_naming_the_field(store, accounts, agreement_id, changes, field):
    with pytest.raises(MechanismInputError) as refused:
        steps.submit(store, accounts["kg"], allegation(agreement_id, **changes))
    assert refused.value.field == field
    assert steps.allegations(store, accounts["chair"]) == []  # nothing half-written


def test_markup_in_text_is_kept_as_text(store, accounts, agreement_id):
    text = '<script>alert(1)</script> and <img src=x onerror="alert(2)">'
    found = steps.submit(store, accounts["kg"], allegation(agreement_id, description=text))
    assert steps.allegation(store, accounts["kg"], found)["description"] == text


def test_a_liaison_speaks_for_its_own_side_only(store, accounts, agreement_id):
    with pytest.raises(AccessDenied, match="own side"):
        steps.submit(store, accounts["kg"], allegation(agreement_id, alleged_by="Tajikistan"))
    with pytest.raises(AccessDenied):
        steps.submit(store, accounts["observer"], allegation(agreement_id))


def test_incidents_from_the_reports_are_suggested_and_linked(store, accounts, agreement_id):
    found = steps.submit(store, accounts["kg"], allegation(agreement_id))
    suggested = steps.suggest_incidents(store, accounts["monitor"], found)
    assert suggested and all(abs(int(s["date"][-2:]) - 17) <= 2 for s in suggested)
    steps.link(store, accounts["monitor"], found, suggested[0]["id"])
    assert steps.allegation(store, accounts["chair"], found)["incidents"] == [suggested[0]["id"]]
    with pytest.raises(MechanismInputError, match="no incident"):
        steps.link(store, accounts["monitor"], found, "inc-none")


def test_concurrent_submissions_lose_nothing(db_path, accounts, agreement_id):
    from ceasefire.storage.store import open_store

    def submit_many(count: int) -> None:
        with open_store(db_path) as own:
            for _ in range(count):
                steps.submit(own, accounts["monitor"], allegation(agreement_id, source="public"))

    threads = [threading.Thread(target=submit_many, args=(10,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with open_store(db_path) as store:
        assert len(steps.allegations(store, accounts["chair"])) == 30
        assert verify(store.connection) == []
