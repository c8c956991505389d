"""Ingesting into the store: idempotent re-ingest, broken files, a killed ingest resumed, reprocess."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from fake_extractor import FakeExtractor

from ceasefire.ingestion.ingest import ingest, reprocess
from ceasefire.storage import open_store

HERE = Path(__file__).resolve().parent


def _write_reports(folder: Path, count: int, start: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        (folder / f"report-{n:03d}.txt").write_text(
            f"---\npublished: 2025-10-{n % 28 + 1:02d}\npublisher: Outlet {n % 3}\n---\n"
            f"Report number {n}. Shelling hit the border town at dawn. Residents fled.\n", encoding="utf-8")


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "ingest.db") as opened:
        yield opened


def _unique_documents(db: Path | str) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*), count(DISTINCT content_hash) FROM documents").fetchone()


def test_reingest_adds_nothing(store, tmp_path):
    _write_reports(tmp_path / "in", 5)
    first = ingest([str(tmp_path / "in")], store, FakeExtractor(), batch_size=2)
    assert (first.ingested, first.duplicates, first.failed, first.resolved) == (5, 0, [], True)
    assert store.count("incidents") > 0
    incidents = store.count("incidents")
    again = ingest([str(tmp_path / "in")], store, FakeExtractor())
    assert (again.ingested, again.duplicates, again.resolved) == (0, 5, False)
    assert store.count("documents") == 5 and store.count("incidents") == incidents


def test_same_text_rewrapped_or_same_url_is_a_duplicate(store, tmp_path):
    text = "Shelling hit Chaman on Monday, officials said."
    lines = [f'{{"text": "{text}", "url": "https://example.org/1"}}',
             f'{{"text": "  {text.upper()}  "}}',
             '{"text": "A different text entirely.", "url": "https://example.org/1"}']
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = ingest([str(tmp_path / "batch.jsonl")], store, FakeExtractor())
    assert (summary.ingested, summary.duplicates) == (1, 2)


def test_broken_files_are_recorded_and_the_rest_go_in(store, tmp_path):
    folder = tmp_path / "mixed"
    _write_reports(folder, 3)
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "choke.md").write_text("This one makes the extractor fail.", encoding="utf-8")
    summary = ingest([str(folder), str(tmp_path / "missing.txt")], store,
                     FakeExtractor(fail_on="extractor fail"), batch_size=4)
    assert summary.ingested == 3
    failed = dict(summary.failed)
    assert set(failed) == {str(folder / n) for n in ("empty.txt", "binary.txt", "broken.json", "choke.md")} | {
        str(tmp_path / "missing.txt")}
    assert "empty" in failed[str(folder / "empty.txt")] and "binary" in failed[str(folder / "binary.txt")]
    assert "extraction failed" in failed[str(folder / "choke.md")]
    assert {f.source for f in store.failures()} == set(failed)
    (folder / "empty.txt").write_text("Now there is a report here about shelling.", encoding="utf-8")
    ingest([str(folder)], store, FakeExtractor(fail_on="extractor fail"))
    assert str(folder / "empty.txt") not in {f.source for f in store.failures()}


def test_interrupted_ingest_resumes_without_duplicates(store, tmp_path):
    _write_reports(tmp_path / "in", 9)
    with pytest.raises(KeyboardInterrupt):
        ingest([str(tmp_path / "in")], store, FakeExtractor(interrupt_after=5), batch_size=2)
    assert store.count("documents") == 4  # two whole batches committed, the third lost whole
    assert store.resolution_stale()
    summary = ingest([str(tmp_path / "in")], store, FakeExtractor(), batch_size=2)
    assert (summary.ingested, summary.duplicates, summary.resolved) == (5, 4, True)
    assert _unique_documents(store.path) == (9, 9)
    assert not store.resolution_stale()


_KILLED_SCRIPT = """
import sys
sys.path.insert(0, {here!r})
from fake_extractor import FakeExtractor
from ceasefire.ingestion.ingest import ingest
from ceasefire.storage import open_store
ingest([{folder!r}], open_store({db!r}), FakeExtractor(delay=0.1), batch_size=2)
"""


def test_killed_process_leaves_a_consistent_store(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "killed.db"
    _write_reports(folder, 30)
    script = textwrap.dedent(_KILLED_SCRIPT).format(here=str(HERE), folder=str(folder), db=str(db))
    process = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if db.exists() and _count_documents(db) >= 4:
                break
            time.sleep(0.05)
        assert process.poll() is None, "the ingest finished before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    done, unique = _unique_documents(db)
    assert 4 <= done < 30 and done == unique and done % 2 == 0  # whole batches only
    with open_store(db) as store:
        assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        summary = ingest([str(folder)], store, FakeExtractor(), batch_size=2)
        assert (summary.ingested, summary.duplicates) == (30 - done, done)
    assert _unique_documents(db) == (30, 30)


def _count_documents(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_reprocess_replaces_records_of_older_extractors(store, tmp_path):
    _write_reports(tmp_path / "in", 3)
    ingest([str(tmp_path / "in")], store, FakeExtractor(tag="v1"), version="v1")
    assert reprocess(store, FakeExtractor(tag="v2"), version="v1").updated == 0
    summary = reprocess(store, FakeExtractor(tag="v2"), version="v2")
    assert (summary.updated, summary.failed) == (3, [])
    assert {doc.extractor_version for doc in store.documents()} == {"v2"}
    assert {i.actor1 for i in store.incidents()} == {"v2"}
    assert store.count("documents") == 3


def test_real_extractor_items_point_into_the_stored_text(store, tmp_path, extractor):
    report = tmp_path / "one.txt"
    report.write_text("---\npublished: 2025-10-13\n---\nPakistani shelling killed three civilians in the Afghan "
                      'border town of Spin Boldak on Sunday, officials said. "We will respond," a spokesman said.\n',
                      encoding="utf-8")
    assert ingest([str(report)], store, extractor).ingested == 1
    [doc] = store.documents()
    text = store.document_text(doc.doc_key)
    assert text.startswith("Pakistani shelling") and doc.published == "2025-10-13"
    for start, end, evidence in store.connection.execute("SELECT span_start, span_end, evidence FROM items"):
        assert text[start:end] == evidence


def test_a_failing_resolution_keeps_the_documents_and_is_retried(store, tmp_path, monkeypatch):
    import ceasefire.resolution.resolve as resolve_module

    _write_reports(tmp_path / "in", 2)
    real_resolve = resolve_module.resolve

    def broken(records):
        raise RuntimeError("resolver bug")

    monkeypatch.setattr(resolve_module, "resolve", broken)
    summary = ingest([str(tmp_path / "in")], store, FakeExtractor())
    assert summary.ingested == 2 and not summary.resolved
    assert "resolver bug" in summary.resolution_error and "resolution failed" in summary.render()
    assert store.resolution_stale()
    monkeypatch.setattr(resolve_module, "resolve", real_resolve)
    retry = ingest([str(tmp_path / "in")], store, FakeExtractor())
    assert (retry.ingested, retry.duplicates, retry.resolved) == (0, 2, True)
    assert store.count("incidents") > 0


def test_a_report_stored_by_a_concurrent_ingest_is_not_stored_twice(store, tmp_path):
    _write_reports(tmp_path / "in", 3)

    class RacingExtractor(FakeExtractor):
        """Another process ingests the same folder while this one is extracting."""

        def extract_many(self, items):
            items = list(items)
            with open_store(store.path) as other:
                ingest([str(tmp_path / "in")], other, FakeExtractor())
            yield from super().extract_many(items)

    summary = ingest([str(tmp_path / "in")], store, RacingExtractor())
    assert (summary.ingested, summary.duplicates) == (0, 3)
    assert _unique_documents(store.path) == (3, 3)


def test_regression_local_reports_are_stored_before_any_url_is_fetched(tmp_path, store, monkeypatch):
    from ceasefire.errors import InputError
    from ceasefire.ingestion import sources

    _write_reports(tmp_path / "reports", 3)
    stored_when_fetched = []

    def slow_server(url, options):
        stored_when_fetched.append(store.count("documents"))
        raise InputError(url, "download took too long")

    monkeypatch.setattr(sources, "fetch", slow_server)
    summary = ingest(["https://news.example.org/slow", str(tmp_path / "reports")], store, FakeExtractor())
    assert stored_when_fetched == [3]
    assert summary.ingested == 3 and [source for source, _ in summary.failed] == ["https://news.example.org/slow"]
