"""Incremental resolution: a store fed in any order and in any batches, with removals and re-extraction
along the way, holds exactly what one full resolution of its reports gives.

The reports are the hand-coded records of the dev corpus (``../shared``) and of tests/heldout, and copies
of them a few days later (told again by other outlets, so incidents gather several sources and the
blocks of a month fill up)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import pickle
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from ceasefire.ingestion.ingest import ingest_inputs, refresh_resolution, remove, reprocess
from ceasefire.ingestion.inputs import ReportInput
from ceasefire.records import DocumentRecord, record_from_dict
from ceasefire.resolution import diplomacy, kept, resolve
from ceasefire.storage import open_store
from ceasefire.storage.store import Store, StoredDocument, content_hash

TESTS = Path(__file__).resolve().parents[1]
DEV = TESTS.parents[1] / "shared" / "corpus" / "dev"


class Replay:
    """An extractor that hands back the hand-coded record of each text."""

    def __init__(self, records: dict[str, DocumentRecord]) -> None:
        self.records = records

    def extract_many(self, items: Iterable[ReportInput]) -> Iterator[DocumentRecord]:
        for item in items:
            yield self.records[item.text]


def _shifted(value: str | None, days: int) -> str | None:
    if not value or len(value) < 10:
        return value
    return (dt.date.fromisoformat(value[:10]) + dt.timedelta(days=days)).isoformat() + value[10:]


def _reports(extractor) -> list[tuple[ReportInput, DocumentRecord]]:
    """The texts as the extractor reads them, and each again as retold three days later."""
    paths = sorted(DEV.glob("*.json")) + sorted((TESTS / "heldout").glob("*.json"))
    originals = []
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        originals.append(ReportInput(text=data["text"], id=path.stem, published=data["document"].get("published")))
    reports = []
    for original, record in zip(originals, extractor.extract_many(originals), strict=True):
        reports.append((dataclasses.replace(original, publisher="Outlet 0"), record))
        data = record.to_dict()
        for event in data["events"]:
            event["date"] = _shifted(event.get("date"), 3)
        published = _shifted(original.published, 3)
        data["document"].update(id=f"{original.id}-retold", published=published)
        reports.append((ReportInput(text=original.text + "\n(Retold three days later.)", id=f"{original.id}-retold",
                                    published=published, publisher="Outlet 1"), record_from_dict(data)))
    return reports


pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason=f"the dev corpus is not at {DEV}")


def _snapshot(store: Store) -> dict:
    incidents = sorted(store.incidents(), key=lambda incident: incident.id)
    return {"incidents": [dataclasses.asdict(i) for i in incidents],
            "agreements": [dataclasses.asdict(a) for a in store.agreements()],
            "talks": [dataclasses.asdict(t) for t in store.talks()]}


@pytest.fixture(scope="module")
def reports(extractor):
    return _reports(extractor)


@pytest.fixture(scope="module")
def full(reports, tmp_path_factory):
    """The record of one full resolution of every report."""
    with open_store(tmp_path_factory.mktemp("full") / "full.db") as store:
        ingest_inputs([report for report, _ in reports], store, Replay({r.text: rec for r, rec in reports}))
        assert refresh_resolution(store, full=True) is None
        snapshot = _snapshot(store)
    assert len(snapshot["incidents"]) > 50 and snapshot["agreements"] and snapshot["talks"]
    assert any(len(incident["sources"]) > 2 for incident in snapshot["incidents"])
    return snapshot


@pytest.mark.parametrize("seed", range(3))
def test_any_order_and_batching_equals_one_full_resolution(reports, full, new_store, seed):
    rng = random.Random(seed)
    order = rng.sample(reports, len(reports))
    extractor = Replay({r.text: rec for r, rec in reports})
    with open_store(new_store()) as store:
        position = 0
        while position < len(order):
            size = rng.choice([1, 2, 5, 11])
            summary = ingest_inputs([report for report, _ in order[position:position + size]], store, extractor)
            assert summary.resolved and not store.resolution_stale()
            position += size
        assert store.count("documents") == len(reports)
        assert _snapshot(store) == full


def test_with_a_checkpoint_at_every_week_any_order_and_batching_equals_one_full_resolution(reports, full, new_store,
                                                                                           monkeypatch):
    monkeypatch.setattr(diplomacy, "CHECKPOINT_WEEKS", 10_000)  # every ingest starts from a checkpoint
    test_any_order_and_batching_equals_one_full_resolution(reports, full, new_store, seed=3)


def test_a_report_of_the_last_week_resolves_again_only_the_reports_since_its_week_began(reports, tmp_path,
                                                                                        monkeypatch):
    extractor = Replay({r.text: rec for r, rec in reports})
    diplomatic = [r for r, rec in reports if rec.agreements or rec.talks]
    newest = max((r for r in diplomatic if r.published), key=lambda r: (r.published, r.id))
    week = diplomacy.week_start(newest.published)
    since = [r for r in diplomatic if not r.published or r.published >= week]
    taken = []
    take = diplomacy.DiplomacyState.take
    with open_store(tmp_path / "store.db") as store:
        ingest_inputs([r for r, _ in reports if r is not newest], store, extractor)
        monkeypatch.setattr(diplomacy.DiplomacyState, "take", lambda state, source: (taken.append(source.doc_id),
                                                                                      take(state, source)))
        ingest_inputs([newest], store, extractor)
    assert len(taken) == len(since) < len(diplomatic)


def test_removal_and_reextraction_resolve_only_what_they_touch_and_equal_a_full_resolution(reports, full, new_store):
    extractor = Replay({r.text: rec for r, rec in reports})
    with open_store(new_store()) as store:
        ingest_inputs([report for report, _ in reports], store, extractor)
        gone, _ = reports[4]
        removed, _, failure = remove(store, [_doc_key(store, gone.id)])
        assert removed and failure is None
        assert _snapshot(store) != full
        ingest_inputs([gone], store, extractor)
        assert _snapshot(store) == full
        # a re-extraction that changes nothing leaves the record as it was
        summary = reprocess(store, extractor, everything=True)
        assert summary.updated == len(reports) and summary.resolution_error is None
        assert _snapshot(store) == full


def test_an_ingest_touches_only_the_parts_its_events_are_resolved_in(reports, tmp_path):
    extractor = Replay({r.text: rec for r, rec in reports})
    with open_store(tmp_path / "store.db") as store:
        ingest_inputs([report for report, _ in reports[:-1]], store, extractor)
        last, record = reports[-1]
        before = _incident_rows(store)
        ingest_inputs([last], store, extractor)
        touched = store.parts_of([_doc_key(store, last.id)])
        assert touched and len(touched) <= len(record.events)
        after = _incident_rows(store)
        assert {row for row in before if row[-2:] not in touched} == {row for row in after if row[-2:] not in touched}
        assert {row for row in before if row[-2:] in touched} != {row for row in after if row[-2:] in touched}
        # a block holds several parts: incidents of the same month and type elsewhere were left be
        blocks = {block for block, _ in touched}
        assert {row for row in before if row[-2] in blocks and row[-2:] not in touched}


def _incident_rows(store: Store) -> set[tuple]:
    """Every stored incident as a row, its part (block, component) last."""
    return set(store.connection.execute("SELECT *, block, component FROM incidents"))


def _doc_key(store: Store, record_id: str | None) -> str:
    [key] = [doc.doc_key for doc in store.documents() if store.record(doc.doc_key).document.id == record_id]
    return key


def test_a_report_mentioning_no_agreement_or_talks_leaves_them_be(reports, tmp_path):
    extractor = Replay({r.text: rec for r, rec in reports})
    quiet = [(r, rec) for r, rec in reports if rec.events and not (rec.agreements or rec.talks)]
    assert quiet, "the corpus has reports of incidents that name no agreement"
    with open_store(tmp_path / "store.db") as store:
        ingest_inputs([r for r, _ in reports if r is not quiet[0][0]], store, extractor)
        before = store.connection.execute("SELECT * FROM agreements ORDER BY id").fetchall()
        with store.write() as conn:
            store.add_document(conn, _stored(quiet[0][0]), quiet[0][1])
        assert "*" not in store.stale_marks() and store.stale_marks()
        assert refresh_resolution(store) is None
        assert store.connection.execute("SELECT * FROM agreements ORDER BY id").fetchall() == before


def _stored(report: ReportInput) -> StoredDocument:
    return StoredDocument(doc_key="quiet", url=None, content_hash=content_hash(report.text), title=None,
                          publisher=report.publisher, published=report.published, language="en", source="test",
                          extractor_version="test", ingested_at="2025-11-01T00:00:00+00:00", text=report.text)


@pytest.mark.parametrize(("lag_days", "placed_most"), [(0, 0), (7, 0), (10_000, 0), (7, kept.PLACED_MOST)])
def test_newer_reports_go_on_from_the_kept_parts_and_equal_one_full_resolution(reports, full, new_store, monkeypatch,
                                                                                lag_days, placed_most):
    """Reports ingested in order of publication, a few at a time: every ingest of newer reports places their
    events among the clusters the parts kept (with boundaries moved at every ingest, a whole store back, a week
    back or at the newest report's week, or moved only when many events are placed again), and the record equals
    one full resolution."""
    monkeypatch.setattr(kept, "LAG_DAYS", lag_days)
    monkeypatch.setattr(kept, "PLACED_MOST", placed_most)
    went_on = []
    extend = resolve.extend_parts
    monkeypatch.setattr(resolve, "extend_parts", lambda *args: went_on.append(1) or extend(*args))
    extractor = Replay({r.text: rec for r, rec in reports})
    ordered = sorted(reports, key=lambda pair: (pair[0].published or "9999", pair[0].id))
    with open_store(new_store()) as store:
        for start in range(0, len(ordered), 4):
            assert ingest_inputs([r for r, _ in ordered[start:start + 4]], store, extractor).resolved
        assert _snapshot(store) == full
    assert len(went_on) >= len(ordered) // 8


def test_a_report_older_than_a_parts_boundary_resolves_its_parts_from_their_first_reports(reports, full, tmp_path,
                                                                                         monkeypatch):
    """With boundaries at each part's newest report, a report told again three days later is older than the
    boundary of the parts its events join: they are resolved from their first reports, to the same record."""
    monkeypatch.setattr(resolve, "boundary_for", lambda newest, floor, placed: max(floor, newest))
    went_on = []
    extend = resolve.extend_parts
    monkeypatch.setattr(resolve, "extend_parts", lambda *args: went_on.append(1) or extend(*args))
    extractor = Replay({r.text: rec for r, rec in reports})
    late = next(r for r, rec in reports[::2] if r.published and rec.events)  # an original, told again later
    with open_store(tmp_path / "store.db") as store:
        ingest_inputs([r for r, _ in reports if r is not late], store, extractor)
        went_on.clear()
        ingest_inputs([late], store, extractor)
        assert not went_on
        assert _snapshot(store) == full


def test_kept_clusters_holding_anything_but_clusters_are_refused():
    class Payload:
        def __reduce__(self):
            return os.system, ("true",)

    with pytest.raises(pickle.UnpicklingError, match="may not hold"):
        kept.load_clusters(pickle.dumps(Payload()))


def test_checkpoints_store_each_pack_once_and_drop_those_none_names_when_a_week_goes(reports, tmp_path, monkeypatch):
    monkeypatch.setattr(diplomacy, "CHECKPOINT_WEEKS", 2)
    extractor = Replay({r.text: rec for r, rec in reports})
    ordered = sorted(reports, key=lambda pair: (pair[0].published or "9999", pair[0].id))
    shared, collected = 0, 0  # packs two checkpoints name (a group unchanged between two weeks, stored once)
    weeks: list[str] = []
    with open_store(tmp_path / "store.db") as store:
        for start in range(0, len(ordered), 6):
            ingest_inputs([r for r, _ in ordered[start:start + 6]], store, extractor)
            kept_weeks = [row[0] for row in store.connection.execute(
                "SELECT boundary FROM diplomacy_checkpoints ORDER BY boundary")]
            named = [set(row[0].split()) for row in store.connection.execute(
                "SELECT packs FROM diplomacy_checkpoints ORDER BY boundary")]
            stored = {row[0] for row in store.connection.execute("SELECT digest FROM diplomacy_packs")}
            assert stored >= set().union(*named) and len(named) <= 2
            if weeks and kept_weeks and kept_weeks[0] > weeks[0]:  # a week's checkpoint was dropped
                assert stored == set().union(*named)
                collected += 1
            weeks = kept_weeks
            shared = max(shared, len(named[0] & named[1]) if len(named) == 2 else 0)
    assert shared and collected


def test_a_resolution_another_overtook_is_made_again(reports, full, tmp_path, monkeypatch):
    """Two ingests at once: one resolves the reports marked when it began; meanwhile more reports are stored and
    the other ingest resolves everything. Saving the first would undo what the second resolved: it is refused,
    and the first resolves again, to the record of one full resolution."""
    extractor = Replay({r.text: rec for r, rec in reports})
    half = len(reports) // 2
    early, late = reports[half:half + 4], reports[half + 4:]
    path = tmp_path / "store.db"
    overtaken, save = [], Store.save_parts

    def overtaking(store: Store, *args, **kwargs):
        if not overtaken:
            overtaken.append(1)
            with open_store(path) as other:  # the other ingest
                with other.write() as conn:
                    other.add_documents(conn, [(_stored_as_ingested(report), record) for report, record in late])
                assert refresh_resolution(other) is None
        return save(store, *args, **kwargs)

    with open_store(path) as store:
        ingest_inputs([r for r, _ in reports[:half]], store, extractor)
        with store.write() as conn:
            store.add_documents(conn, [(_stored_as_ingested(report), record) for report, record in early])
        monkeypatch.setattr(Store, "save_parts", overtaking)
        assert refresh_resolution(store) is None
        assert overtaken and not store.stale_marks()
        assert _snapshot(store) == full


def _stored_as_ingested(report: ReportInput) -> StoredDocument:
    """The report stored as an ingest stores it (without resolving)."""
    return dataclasses.replace(_stored(report), doc_key=content_hash(report.text)[:16], source=f"api:{report.id}")
