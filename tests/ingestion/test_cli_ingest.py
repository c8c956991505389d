"""`ceasefire ingest`, `failures` and `reprocess` run in-process, with the fast stand-in extractor."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fake_extractor import FakeExtractor

import ceasefire
from ceasefire.cli import main


@pytest.fixture(autouse=True)
def fake_extractor(monkeypatch):
    monkeypatch.setattr(ceasefire, "default_extractor", lambda: FakeExtractor())


def test_ingest_summary_failures_and_idempotence(tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("---\npublished: 2025-10-20\n---\nShelling hit Chaman at dawn.", encoding="utf-8")
    (folder / "b.md").write_text("Shelling resumed near Torkham on Tuesday.", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "cli.db"
    monkeypatch.setenv("CEASEFIRE_DB", str(db))
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(folder), "-"], input='{"text": "Shelling from stdin."}\n')
    assert result.exit_code == 1  # a source failed; the others went in
    assert "ingested 3, duplicates skipped 0, failed 1" in result.output
    assert "empty.txt: the report is empty" in result.output
    assert "store " + str(db) + ": 3 reports" in result.output
    again = runner.invoke(main, ["ingest", str(folder / "a.txt"), str(folder / "b.md")])
    assert again.exit_code == 0 and "ingested 0, duplicates skipped 2, failed 0" in again.output
    failures = runner.invoke(main, ["failures", "--json"])
    assert [f["source"] for f in json.loads(failures.output)] == [str(folder / "empty.txt")]
    reprocessed = runner.invoke(main, ["reprocess", "--all"])
    assert reprocessed.exit_code == 0 and "reprocessed 3, failed 0" in reprocessed.output


def test_remove_takes_a_document_out_and_resolves_again(tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("---\npublished: 2025-10-20\n---\nShelling hit Chaman at dawn.", encoding="utf-8")
    (folder / "b.md").write_text("Shelling resumed near Torkham on Tuesday.", encoding="utf-8")
    db = tmp_path / "cli.db"
    monkeypatch.setenv("CEASEFIRE_DB", str(db))
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(folder)]).exit_code == 0
    result = runner.invoke(main, ["remove", str(folder / "a.txt"), "no-such-document"])
    assert result.exit_code == 1
    assert result.output.startswith("removed ") and "no document 'no-such-document'" in result.output
    with ceasefire.open_store(db) as store:
        assert [d.source for d in store.documents()] == [str(folder / "b.md")]
        assert not store.resolution_stale()
        sources = {e.doc_id for i in store.incidents() for e in i.sources}
        assert sources <= {d.doc_key for d in store.documents()}
