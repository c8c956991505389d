"""Files, the hotline and patrols, terms, reports, accounts and the audit log, on the border-truce scenario."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from click.testing import CliRunner
from mechanism_setup import PASSWORD

from ceasefire.cli import main
from ceasefire.mechanism import allegations as steps
from ceasefire.mechanism import files, logbook, reports, terms
from ceasefire.mechanism.accounts import authenticate, open_session, session_account
from ceasefire.mechanism.vocabulary import AccessDenied, MechanismInputError

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def submitted(store, account, agreement_id, **changes) -> str:
    values = dict(alleged_by="Kyrgyzstan", against="Tajikistan", occurred_on="2022-09-17", category="shelling",
                  observed="seen", description="Shelling of the village.", place="Pasky-Aryk",
                  agreement_id=agreement_id)
    return steps.submit(store, account, steps.AllegationIn(**{**values, **changes}))


def test_files_are_checked_and_kept_once(store, accounts, agreement_id):
    found = submitted(store, accounts["kg"], agreement_id)
    digest = files.attach(store, accounts["kg"], found, "crater.png", PNG)
    assert files.attach(store, accounts["monitor"], found, "same-photo.png", PNG) == digest
    assert store.connection.execute("SELECT count(*) FROM mechanism_blobs").fetchone()[0] == 1
    assert files.attached(store, accounts["chair"], found, digest) == ("crater.png", "image/png", PNG)
    for name, content, problem in [("photo.png", b"<html>not a picture</html>", "not a image/png"),
                                   ("run.exe", b"MZ", "only"), ("big.pdf", b"%PDF-" + b"0" * files.MAX_BYTES,
                                                                "larger than")]:
        with pytest.raises(MechanismInputError, match=problem):
            files.attach(store, accounts["kg"], found, name, content)


def test_hotline_response_time_and_each_liaison_sees_its_own_calls(store, accounts):
    call = logbook.log_call(store, accounts["kg"], at="2022-09-17T06:10", from_party="Kyrgyzstan",
                            to_party="Tajikistan", channel="phone", subject="Shelling of Pasky-Aryk")
    logbook.respond(store, accounts["monitor"], call, response="Tajik side says it returned fire only",
                    at="2022-09-17T06:55")
    [entry] = logbook.calls(store, accounts["tj"])
    assert entry["response_minutes"] == 45
    logbook.log_call(store, accounts["monitor"], at="2022-09-17T07:00", from_party="Monitors", to_party="Tajikistan",
                     channel="radio", subject="Request for access")
    assert len(logbook.calls(store, accounts["kg"])) == 1 and len(logbook.calls(store, accounts["chair"])) == 2
    with pytest.raises(AccessDenied, match="own side"):
        logbook.log_call(store, accounts["kg"], at="2022-09-17T08:00", from_party="Monitors", to_party="Tajikistan",
                         channel="phone", subject="x")
    with pytest.raises(AccessDenied):
        logbook.calls(store, accounts["observer"])


def test_patrols_record_both_sides_and_a_route(store, accounts):
    route = {"type": "LineString", "coordinates": [[70.60, 40.02], [70.66, 40.05]]}
    logbook.log_patrol(store, accounts["monitor"], date="2022-09-20", observations="No movement of heavy weapons.",
                       participants={"Kyrgyzstan": ["officer A"], "Tajikistan": ["officer B"]}, route=route)
    [patrol] = logbook.patrols(store, accounts["kg"])
    assert set(patrol["participants"]) == {"Kyrgyzstan", "Tajikistan"}
    assert patrol["route"]["type"] == "LineString"
    with pytest.raises(AccessDenied):
        logbook.log_patrol(store, accounts["kg"], date="2022-09-20", observations="x", participants={"A": []})


def test_incidents_are_checked_against_the_terms_and_zones(store, accounts, agreement_id):
    batken = {"type": "Polygon", "coordinates": [[[70.5, 39.9], [70.9, 39.9], [70.9, 40.2], [70.5, 40.2],
                                                  [70.5, 39.9]]]}
    terms.set_terms(store, accounts["chair"], agreement_id, prohibited=["shelling", "fighting"],
                    zones=[{"name": "Batken buffer", "kind": "buffer", "geometry": batken}],
                    effective_at="2022-09-16T16:00")
    alleged = submitted(store, accounts["kg"], agreement_id, latitude=40.03, longitude=70.63)
    assert steps.allegation(store, accounts["monitor"], alleged)["terms"] == {"prohibited": True,
                                                                               "zones": ["Batken buffer"]}
    breaches = terms.check_incidents(store, agreement_id)
    assert breaches and all(b["date"] > "2022-09-16" for b in breaches)  # the morning's shelling came before
    assert {b["category"] for b in breaches} <= {"shelling", "fighting"}
    with pytest.raises(AccessDenied):
        terms.set_terms(store, accounts["monitor"], agreement_id, prohibited=["shelling"])
    with pytest.raises(MechanismInputError, match="zones"):
        terms.set_terms(store, accounts["chair"], agreement_id, prohibited=["shelling"],
                        zones=[{"name": "bad", "kind": "buffer", "geometry": {"type": "Polygon", "coordinates": []}}])


def test_claimed_versus_verified_and_the_periodic_report(store, accounts, agreement_id):
    first = submitted(store, accounts["kg"], agreement_id)
    submitted(store, accounts["tj"], agreement_id, alleged_by="Tajikistan", against="Kyrgyzstan",
              category="fighting", place="Vorukh")
    steps.investigate(store, accounts["monitor"], first)
    steps.rule(store, accounts["chair"], first, outcome="substantiated", finding="Confirmed.", attribution="Tajikistan")
    steps.publish(store, accounts["chair"], first)
    rows = reports.claimed_versus_verified(store, accounts["chair"])
    assert {(r["against"], r["category"], r["claimed"], r["substantiated"], r["open"]) for r in rows} == {
        ("Tajikistan", "shelling", 1, 1, 0), ("Kyrgyzstan", "fighting", 1, 0, 1)}
    # a party's view counts its own submissions and what is published, never the other side's drafts
    assert {r["against"] for r in reports.claimed_versus_verified(store, accounts["kg"])} == {"Tajikistan"}
    text = reports.periodic_report(store, accounts["chair"], end=dt.date(2022, 9, 20), days=7)
    assert "Pasky-Aryk: 1 (previous 7 days: 0)" in text and "Vorukh: 1" in text
    assert "SUBSTANTIATED, attributed to Tajikistan" in reports.periodic_report(
        store, accounts["chair"], end=dt.date.today(), days=7)


def test_sessions_expire_and_wrong_passwords_are_refused(store, accounts):
    with pytest.raises(AccessDenied):
        authenticate(store, "kg", "not the password")
    stored = store.connection.execute("SELECT password_hash FROM mechanism_accounts WHERE name='kg'").fetchone()[0]
    assert stored.startswith("scrypt$") and PASSWORD not in stored
    live = open_session(store, accounts["kg"])
    assert session_account(store, live).name == "kg"
    old = open_session(store, accounts["kg"], now=dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
    with pytest.raises(AccessDenied, match="expired"):
        session_account(store, old)


def test_audit_verify_names_an_edited_row_and_a_deleted_entry(db_path, store, accounts, agreement_id):
    found = submitted(store, accounts["kg"], agreement_id)
    runner = CliRunner()
    assert runner.invoke(main, ["audit", "verify", "--db", str(db_path)]).exit_code == 0
    with sqlite3.connect(db_path) as raw:  # someone edits the file behind the mechanism's back
        raw.execute("UPDATE allegations SET against = 'Kyrgyzstan' WHERE id = ?", (found,))
    result = runner.invoke(main, ["audit", "verify", "--db", str(db_path)])
    assert result.exit_code == 1 and f"allegations row {found} was edited outside the mechanism" in result.output
    with sqlite3.connect(db_path) as raw:
        raw.execute("DELETE FROM audit_log WHERE seq = 2")
    result = runner.invoke(main, ["audit", "verify", "--db", str(db_path)])
    assert "audit entries 2 to 2 are missing" in result.output
