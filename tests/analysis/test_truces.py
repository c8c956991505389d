"""What `status` tells of a truce's life, on the scenarios of truces/ (see truces/README.md): the reports are
extracted and resolved for real, and the figures are those a careful reader of the reports would give."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire.analysis.status import CeasefireStatus, ceasefire_status
from ceasefire.analysis.status_text import render_status_text
from ceasefire.ingestion.ingest import ingest
from ceasefire.storage.store import open_store

TRUCES = Path(__file__).parent / "truces"


@pytest.fixture(scope="module")
def statuses(extractor, tmp_path_factory) -> dict[str, CeasefireStatus]:
    found = {}
    for folder in sorted(p for p in TRUCES.iterdir() if p.is_dir()):
        with open_store(tmp_path_factory.mktemp(folder.name) / "store.db") as store:
            ingest([str(folder)], store, extractor)
            found[folder.name] = ceasefire_status(store)
    return found


def test_two_armed_groups_one_truce_with_its_extension(statuses):
    status = statuses["a-two-armed-groups"]
    [truce] = status.agreements  # the announcement, its start, the breaches and the extension: one truce
    assert truce.parties == ["Northern Liberation Front", "Ridge Brigades"]  # not the government, not the church
    assert truce.mediators == ["Catholic Church"]
    assert (truce.signed, truce.effective, truce.effective_time) == ("2026-03-01", "2026-03-07", "00:00")
    assert [(x.agreed, x.until) for x in truce.extensions] == [("2026-04-04", "2026-05-06")]
    assert truce.expires == "2026-05-06" and truce.ended is None


def test_two_armed_groups_incidents_since_and_who_alleges_what(statuses):
    [truce] = statuses["a-two-armed-groups"].agreements
    # the clash of 28 February came before the truce; three incidents followed it
    assert truce.incidents_since == 3 and truce.disputed_since == 1
    alleged = {(a.accuser, a.accused): a.incidents for a in truce.allegations}
    assert alleged == {("Northern Liberation Front", "Ridge Brigades"): 2,
                       ("Ridge Brigades", "Northern Liberation Front"): 1}
    [clash] = [i for i in truce.recent_incidents if i.disputed]  # 14 dead by one side's count, 6 by the other's
    assert (clash.date, clash.fatalities_low, clash.fatalities_high) == ("2026-03-13", 6, 14)


def test_border_truce_clash_hours_before_it_took_effect_is_not_since(statuses):
    [truce] = statuses["b-border-truce"].agreements
    assert set(truce.parties) == {"Kyrgyzstan", "Tajikistan"}
    assert (truce.effective, truce.effective_time) == ("2022-09-16", "16:00")
    # the morning's shelling of Batken is not counted; the shelling of the next day is, alleged by Kyrgyzstan
    assert truce.on_effective_day == 1
    assert truce.incidents_since == 1
    assert [(a.accuser, a.accused) for a in truce.allegations] == [("Kyrgyzstan", "Tajikistan")]
    assert truce.status == "in_force"
    assert "perhaps before it took effect at 16:00" in render_status_text(statuses["b-border-truce"])


def test_an_extended_truce_expires_and_a_new_one_is_another_agreement(statuses):
    status = statuses["c-expiry-and-new-truce"]
    jeddah, day_truce = sorted(status.agreements, key=lambda a: a.effective or "")
    assert set(jeddah.parties) == set(day_truce.parties) == {"Sudan", "Rapid Support Forces"}
    assert set(jeddah.mediators) == {"Saudi Arabia", "United States"} and jeddah.venue == "Jeddah"
    assert (jeddah.signed, jeddah.effective, jeddah.effective_time) == ("2023-05-20", "2023-05-22", "21:45")
    assert [(x.agreed, x.until) for x in jeddah.extensions] == [("2023-05-29", "2023-06-03")]
    assert (jeddah.status, jeddah.ended) == ("expired", "2023-06-03")
    assert (day_truce.effective, day_truce.effective_time, day_truce.expires) == ("2023-06-10", "06:00", "2023-06-11")
    assert day_truce.status == "expired" and not day_truce.contested_by  # its earlier "in force" is not a contest


def test_as_of_a_day_of_the_first_truce_knows_nothing_of_the_second(statuses, extractor, tmp_path):
    with open_store(tmp_path / "store.db") as store:
        ingest([str(TRUCES / "c-expiry-and-new-truce")], store, extractor)
        [jeddah] = ceasefire_status(store, as_of="2023-05-31").agreements
    assert jeddah.status == "in_force" and jeddah.expires == "2023-06-03"


def test_a_truce_ends_when_strikes_end_it_and_the_strikes_count_as_alleged(statuses):
    [truce] = statuses["d-collapse"].agreements  # "in place since January" is the truce of 19 January
    assert set(truce.parties) == {"Israel", "Hamas"}
    assert set(truce.mediators) == {"Qatar", "Egypt", "United States"}
    assert (truce.effective, truce.effective_time) == ("2025-01-19", "11:15")
    assert (truce.status, truce.ended, truce.days_in_force) == ("collapsed", "2025-03-18", 58)
    assert [(a.accuser, a.accused, a.incidents) for a in truce.allegations] == [("Hamas", "Israel", 1)]
