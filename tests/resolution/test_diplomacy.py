"""Agreements and talks across reports: one agreement with its status history, one ordered list of rounds."""

from __future__ import annotations

import json
import os
import pickle
import random
from pathlib import Path

import pytest
from casebook import build_record

from ceasefire.resolution.common import source_order
from ceasefire.resolution.model import SourcedRecord
from ceasefire.resolution.resolve import resolve

REPORTS = json.loads((Path(__file__).parent / "diplomacy_reports.json").read_text(encoding="utf-8"))["reports"]


def records(seed=None):
    out = [SourcedRecord(doc_id=r["id"], record=build_record(r), published=r["published"], publisher=r["publisher"])
           for r in REPORTS]
    if seed is not None:
        random.Random(seed).shuffle(out)
    return out


@pytest.fixture(scope="module")
def resolution():
    return resolve(records())


def by_venue(resolution, venue, kind="ceasefire"):
    return next(a for a in resolution.agreements if a.venue == venue and a.kind == kind)


def test_mentions_of_one_ceasefire_become_one_agreement(resolution):
    doha = by_venue(resolution, "Doha")
    assert [(s.doc_id, s.text[:20]) for s in doha.sources] == [
        ("r1", "The two neighbours a"), ("r2", "Each side accused th"), ("r3", "The ceasefire is bro"),
        ("r5", "Fresh shelling broke"), ("r5", "Analysts recalled th"), ("r6", "Commentators looked ")]
    assert doha.name == "Doha ceasefire"
    assert doha.parties == ["Pakistan", "Afghanistan"]
    assert doha.mediators == ["Qatar", "Turkey"]
    assert (doha.signed, doha.effective) == ("2025-10-19", "2025-10-19")  # the most precise effective date


def test_status_history_is_one_observation_per_report_oldest_first(resolution):
    doha = by_venue(resolution, "Doha")
    assert [(o.as_of, o.status) for o in doha.history] == [
        ("2025-10-19", "in_force"), ("2025-10-22", "violated"), ("2025-10-27", "in_force"), ("2025-11-08", "violated"),
        ("2025-11-12", None)]
    assert doha.status == "violated"  # the latest observation that gives a status
    assert doha.history[1].evidence.doc_id == "r2"
    assert doha.history[3].evidence.text == "Fresh shelling broke the ceasefire on Friday."


def test_extension_signed_elsewhere_is_its_own_agreement(resolution):
    istanbul = by_venue(resolution, "Istanbul")
    assert istanbul.signed == "2025-10-30"
    assert [(o.as_of, o.status) for o in istanbul.history] == [("2025-10-31", "in_force")]
    assert istanbul.status == "in_force"


def test_bare_mention_goes_to_the_latest_agreement_by_the_report_date(resolution):
    bare_r3 = by_venue(resolution, "Doha").sources[2]
    assert (bare_r3.doc_id, bare_r3.text) == ("r3", "The ceasefire is broadly holding, officials say.")
    late = resolve(records()[:4] + [_bare_report("r9", "2025-11-20")])
    assert [s.doc_id for s in by_venue(late, "Istanbul").sources] == ["r4", "r9"]  # the extension, signed later


def test_bare_mention_without_parties_joins_only_an_agreement_of_its_report():
    lone = resolve(records()[:4] + [_bare_report("r9", "2025-11-20", parties=[])])
    assert [len(a.sources) for a in lone.agreements if "r9" in {s.doc_id for s in a.sources}] == [1]


def _bare_report(doc_id, published, parties=("Pakistan",)):
    raw = {"id": doc_id, "published": published,
           "agreements": [{"kind": "ceasefire", "parties": list(parties), "status": "in_force",
                           "evidence": "The truce held overnight."}]}
    return SourcedRecord(doc_id=doc_id, record=build_record(raw), published=published)


def test_other_kinds_and_dates_stay_apart(resolution):
    assert len(resolution.agreements) == 3
    accord = by_venue(resolution, "Doha", kind="peace_agreement")
    assert accord.signed == "2020-02-29" and len(accord.sources) == 1


def test_rounds_are_merged_and_ordered_by_start(resolution):
    assert [(t.venue, t.start, t.end, t.outcome) for t in resolution.talks[:4]] == [
        ("Doha", "2025-10-18", "2025-10-19", "agreement"),
        ("Riyadh", "2025-10-25", None, "ongoing"),
        ("Istanbul", "2025-10-25", "2025-10-30", "agreement"),
        ("Istanbul", "2025-11-06", "2025-11-07", "no_agreement"),
    ]
    assert {(t.venue, t.start, t.outcome) for t in resolution.talks[4:]} == {(None, None, "scheduled"),
                                                                               ("Doha", None, "scheduled")}


def test_scheduled_round_later_held_takes_the_latest_outcome(resolution):
    first_istanbul = resolution.talks[2]
    assert [s.doc_id for s in first_istanbul.sources] == ["r1", "r3", "r4"]
    assert first_istanbul.mediators == ["Turkey", "Qatar"]


def test_round_mentioned_without_date_or_venue_joins_the_round(resolution):
    doha = resolution.talks[0]
    assert [s.doc_id for s in doha.sources] == ["r1", "r2"]  # same start day, a party in common
    assert doha.mediators == ["Qatar", "Turkey"]
    second_istanbul = resolution.talks[3]
    assert [s.doc_id for s in second_istanbul.sources] == ["r4", "r5", "r5"]  # undated Istanbul mention
    assert second_istanbul.outcome == "no_agreement"  # a mention without dates does not overturn it


def test_talks_announced_at_a_venue_are_a_new_round_not_the_past_one(resolution):
    announced = next(t for t in resolution.talks if t.venue == "Doha" and t.start is None)
    assert [s.doc_id for s in announced.sources] == ["r5"]
    assert "r5" not in [s.doc_id for s in resolution.talks[0].sources]


@pytest.mark.parametrize("seed", range(3))
def test_result_does_not_depend_on_input_order(resolution, seed):
    shuffled = resolve(records(seed))
    assert shuffled.agreements == resolution.agreements
    assert shuffled.talks == resolution.talks


def test_a_round_named_by_its_first_day_and_one_named_by_its_last_are_one_round():
    def talks_report(doc_id, published, start, end):
        raw = {"id": doc_id, "published": published,
               "talks": [{"venue": "Istanbul", "start": start, "end": end, "parties": ["Afghanistan", "Pakistan"],
                          "evidence": "The delegations met in Istanbul."}]}
        return SourcedRecord(doc_id=doc_id, record=build_record(raw), published=published)

    rounds = resolve([talks_report("a", "2025-10-31", "2025-11-06", None),
                      talks_report("b", "2025-11-12", None, "2025-11-07"),
                      talks_report("c", "2025-12-01", None, "2025-11-30")]).talks
    assert [(r.start, r.end) for r in rounds] == [("2025-11-06", "2025-11-07"), (None, "2025-11-30")]


def generated_mentions(count: int, seed: int = 7) -> list[SourcedRecord]:
    """Agreement mentions of many pairs of sides in many countries: dated, bare, and naming no party."""
    from ceasefire.records import Agreement, DocumentInfo, DocumentRecord, Event, Place

    rng = random.Random(seed)
    countries = ["AF", "PK", "SD", "SS", "MM", "CO", "UA", "LB", "YE", "SO", "ML", "CD"]
    sources = []
    for n in range(count):
        pair = rng.randrange(60)
        sides, country = [f"Side {pair} A", f"Side {pair} B"], countries[pair % len(countries)]
        day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        roll = rng.random()
        agreement = Agreement("ceasefire", None, sides if roll < 0.8 else [], [], None,
                              day if roll < 0.2 else None, day if roll < 0.4 else None,
                              "violated" if roll > 0.5 else "in_force", "x", (0, 1))
        incident = Event("Battles", "Armed clash", day, Place("X", None, country, 1.0, 1.0, "exact"), *sides,
                         None, None, "x", (0, 1))
        record = DocumentRecord(document=DocumentInfo(id=f"d{n}", published=day), agreements=[agreement],
                                events=[incident])
        sources.append(SourcedRecord(doc_id=f"d{n}", record=record, published=day))
    return sorted(sources, key=lambda s: (s.published, s.doc_id))


def test_the_index_finds_every_agreement_and_round_a_full_comparison_would(monkeypatch):
    from ceasefire.resolution import diplomacy

    def everything(index: diplomacy._Index, keys: set) -> list:  # every live group, in the order made
        return [index.groups[n] for n in sorted(index.groups)]

    def agreements_and_rounds() -> tuple[list, list]:
        agreements = diplomacy.resolve_diplomacy(generated_mentions(600)).state.agreements.resolved().values()
        rounds = diplomacy.resolve_diplomacy(sorted(records(), key=source_order)).state.talks.resolved_in_order()
        return ([(a.id, len(a.sources), a.status) for a in agreements],
                [(r.id, len(r.sources), r.outcome) for r in rounds])

    agreements, rounds = agreements_and_rounds()
    monkeypatch.setattr(diplomacy._Index, "in_order", everything)  # what candidates() reads too
    assert agreements_and_rounds() == (agreements, rounds)
    assert 60 <= len(agreements) < 600  # the mentions did resolve into agreements


def test_a_state_read_back_takes_the_later_reports_as_if_it_had_never_been_put_away(resolution):
    from ceasefire.resolution.diplomacy import DiplomacyState

    ordered = sorted(records(), key=source_order)
    state = DiplomacyState()
    for source in ordered[:3]:
        state.take(source)
    checkpoint = state.dumps()
    state = DiplomacyState.loads(checkpoint.state, checkpoint.packs.__getitem__)
    for source in ordered[3:]:
        state.take(source)
    assert list(state.agreements.resolved().values()) == resolution.agreements
    assert state.talks.resolved_in_order() == resolution.talks


def test_a_checkpoint_holding_anything_but_a_state_is_refused():
    from ceasefire.resolution.diplomacy import DiplomacyState

    class Payload:
        def __reduce__(self):
            return os.system, ("true",)

    with pytest.raises(pickle.UnpicklingError, match="may not hold"):
        DiplomacyState.loads(pickle.dumps(Payload()), {}.__getitem__)


def varied_mentions(count: int, seed: int = 11) -> list[SourcedRecord]:
    """Reports mentioning agreements and talks with names, venues, days of any precision, hours, extensions and
    outcomes drawn from small pools, so that mentions join one another and votes tie."""
    from ceasefire.records import Agreement, DocumentInfo, DocumentRecord, Talks

    rng = random.Random(seed)
    pick = rng.choice
    days = [None, "2025", "2025-10", "2025-10-19", "2025-10-20", "2025-11"]
    sources = []
    for n in range(count):
        published = f"2025-{rng.randint(10, 12):02d}-{rng.randint(1, 28):02d}"
        sides = pick([["Side A", "Side B"], ["side a"], [], ["Side C", "Side D"]])
        agreements = [Agreement(pick(["ceasefire", "peace_agreement"]), pick([None, "Harbour truce", "truce"]),
                                sides, pick([[], ["Mediator M"], ["mediator m", "Mediator N"]]),
                                pick([None, "Doha", "doha", "Lome"]), pick(days), pick(days),
                                pick([None, "in_force", "violated"]), "x", (10 * k, 10 * k + 5),
                                effective_time=pick([None, "00:00", "06:00"]), expires=pick([None, "2025-12-01"]),
                                extended=pick([None, None, "2025-11-15"]))
                      for k in range(rng.randint(1, 3))]
        talks = [Talks(pick([None, "Geneva", "geneva", "Jeddah"]), pick(days), pick(days), sides,
                       pick([[], ["Mediator M"]]), pick([None, "ongoing", "no_agreement", "scheduled"]), "x",
                       (100 + 10 * k, 105 + 10 * k))
                 for k in range(rng.randint(0, 2))]
        record = DocumentRecord(document=DocumentInfo(id=f"v{n}", published=published), agreements=agreements,
                                talks=talks)
        sources.append(SourcedRecord(doc_id=f"v{n}", record=record, published=published))
    return sorted(sources, key=source_order)


def test_the_votes_counted_report_by_report_give_what_voting_over_all_mentions_gives():
    from ceasefire.resolution import diplomacy
    from ceasefire.resolution.common import clean_date, finest, most_common, union

    state = diplomacy.resolve_diplomacy(varied_mentions(400)).state
    checked = 0
    for group in state.agreements.groups.values():
        mentions = group.ordered().mentions
        own = [m for m in mentions if m.item.extended is None] or mentions
        effective = finest(clean_date(m.item.effective) for m in own)
        hours = [m.item.effective_time for m in own
                 if m.item.effective_time and effective and clean_date(m.item.effective) == effective]
        history = diplomacy._history(mentions)
        assert group.votes.agreement() == {
            "name": most_common(m.item.name for m in own), "venue": most_common(m.item.venue for m in own),
            "parties": union(m.item.parties for m in mentions), "mediators": union(m.item.mediators for m in mentions),
            "signed": finest(clean_date(m.item.signed) for m in own), "effective": effective,
            "effective_time": most_common(hours),
            "status": next((o.status for o in reversed(history) if o.status), None),
            "expires": next((o.expires for o in reversed(history) if o.expires), None)}
        checked += len(mentions) > 2
    for group in state.talks.groups.values():
        mentions = group.ordered().mentions
        latest_first = sorted(mentions, key=lambda m: (bool(m.item.start or m.item.end), m.published or "", m.order),
                              reverse=True)
        assert group.votes.round() == {
            "venue": most_common(m.item.venue for m in mentions),
            "start": finest(clean_date(m.item.start) for m in mentions),
            "end": finest(clean_date(m.item.end) for m in mentions), "parties": union(m.item.parties for m in mentions),
            "mediators": union(m.item.mediators for m in mentions),
            "outcome": next((m.item.outcome for m in latest_first if m.item.outcome), None)}
        checked += len(mentions) > 2
    assert checked > 20  # groups of several mentions were compared


def test_a_state_put_away_after_every_report_gives_what_one_run_gives(monkeypatch):
    """Read back after each report (its mentions packed in chunks, packed again as one at the third, the index in
    buckets of which only some are read), the state gives the agreements and rounds of one run."""
    from ceasefire.resolution import diplomacy

    monkeypatch.setattr(diplomacy._Group, "_CHUNKS", 3)
    sources = varied_mentions(150)
    whole = diplomacy.resolve_diplomacy(sources).state
    state, stored = diplomacy.DiplomacyState(), {}
    for source in sources:
        state.take(source)
        checkpoint = state.dumps()
        stored.update((digest, data) for digest, data in checkpoint.packs.items() if data is not None)
        assert set(checkpoint.packs) <= set(stored)
        state = diplomacy.DiplomacyState.loads(checkpoint.state, stored.__getitem__)
    assert list(state.agreements.resolved().values()) == list(whole.agreements.resolved().values())
    assert state.talks.resolved_in_order() == whole.talks.resolved_in_order()
