"""Archives on a local Dask cluster of two workers: the same store as a single-process ingest, Parquet as
JSON Lines, and a killed run that resumes where it stopped.

The archive is written for each test from the dev corpus's texts (``../shared``), as a news archive
would hold them: a report a line or a row."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ceasefire.ingestion.archive import ingest_archive
from ceasefire.ingestion.ingest import ingest
from ceasefire.storage import open_store
from ceasefire.storage.store import Store

DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason=f"the dev corpus is not at {DEV}")


def _rows(count: int) -> list[dict]:
    rows = []
    for path in sorted(DEV.glob("*.json"))[:count]:
        data = json.loads(path.read_text(encoding="utf-8"))
        document = data["document"]
        rows.append({"id": document["id"], "text": data["text"], "published": document.get("published"),
                     "url": document.get("url"), "title": document.get("title"),
                     "publisher": document.get("publisher")})
    return rows


def _jsonl(path: Path, rows: list[dict], *, bad_line: bool = False) -> Path:
    lines = [json.dumps(row) for row in rows] + (["{not json"] if bad_line else [])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _contents(store: Store) -> dict:
    """What a store holds: each report's record (by its text) and the resolved record."""
    records = {text: json.loads(record) for text, record in store.connection.execute(
        "SELECT text, record_json FROM documents")}
    for record in records.values():
        record["document"].pop("id", None)  # named after the file or line it came from
    return {"records": records,
            "incidents": sorted((dataclasses.asdict(i) for i in store.incidents()), key=lambda i: i["id"]),
            "agreements": [dataclasses.asdict(a) for a in store.agreements()],
            "talks": [dataclasses.asdict(t) for t in store.talks()]}


@pytest.fixture(scope="module")
def single(extractor, tmp_path_factory):
    """The archive's JSON Lines file ingested in this process, and what the store then holds."""
    folder = tmp_path_factory.mktemp("single")
    archive = _jsonl(folder / "reports.jsonl", _rows(8), bad_line=True)
    with open_store(folder / "single.db") as store:
        summary = ingest([str(archive)], store, extractor)
        assert summary.ingested == 8 and len(summary.failed) == 1
        return archive, _contents(store)


def test_two_workers_store_what_one_process_stores(single, tmp_path):
    archive, expected = single
    with open_store(tmp_path / "cluster.db") as store:
        summary = ingest_archive([str(archive)], store, workers=2, chunk=3)
        assert (summary.workers, summary.chunks, summary.ingested) == (2, 3, 8)
        assert [reason for _, reason in summary.failed] == ["not valid JSON (Expecting property name enclosed in "
                                                            "double quotes at line 1 column 2)"]
        assert summary.resolved
        assert _contents(store) == expected
        again = ingest_archive([str(archive)], store, workers=1, chunk=3)
        assert (again.resumed, again.chunks, again.ingested) == (3, 0, 0)
        assert _contents(store) == expected


def test_parquet_rows_are_reports_like_json_lines(single, tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    archive, expected = single
    rows = [json.loads(line) for line in archive.read_text(encoding="utf-8").splitlines()[:-1]]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "reports.parquet", row_group_size=3)
    with open_store(tmp_path / "parquet.db") as store:
        summary = ingest_archive([str(tmp_path)], store, workers=2, chunk=5)
        assert (summary.chunks, summary.ingested, summary.failed) == (2, 8, [])
        assert _contents(store) == expected


def test_a_killed_run_resumes_where_it_stopped(single, tmp_path):
    archive, expected = single
    db = tmp_path / "killed.db"
    command = [str(Path(sys.executable).with_name("ceasefire")), "ingest-archive", str(archive), "--db", str(db),
               "--workers", "2", "--chunk", "1"]  # nine chunks: time to stop it before the last
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while _chunks_done(db) < 2:
            assert run.poll() is None and time.monotonic() < deadline, "the run ended before it could be killed"
            time.sleep(0.05)
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
    stopped_at = _chunks_done(db)
    assert 2 <= stopped_at < 9
    with open_store(db) as store:
        summary = ingest_archive([str(archive)], store, workers=2, chunk=1)
        assert summary.resumed == stopped_at and summary.chunks == 9 - stopped_at
        assert _contents(store) == expected


def _chunks_done(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM archive_chunks").fetchone()[0]
    except sqlite3.OperationalError:  # the table is not made yet
        return 0


def test_workers_running_another_extractor_are_refused(single, tmp_path):
    archive, _ = single
    with open_store(tmp_path / "mixed.db") as store:
        summary = ingest_archive([str(archive)], store, workers=1, chunk=8, version="0.0.0+elsewhere")
        assert summary.ingested == 0 and store.count("documents") == 0
        reasons = {reason for _, reason in summary.failed}
        assert len(summary.failed) == 9 and any("install the same version everywhere" in r for r in reasons)
        assert store.archive_chunks_done() == {f"{archive.resolve()}#8+8"}  # the bad line's: the rest is redone
        again = ingest_archive([str(archive)], store, workers=1, chunk=8)
        assert (again.resumed, again.ingested) == (1, 8)


def test_a_scheduler_that_is_no_address_is_a_clear_error(single, tmp_path):
    from ceasefire.errors import CeasefireError

    archive, _ = single
    with open_store(tmp_path / "none.db") as store, pytest.raises(CeasefireError, match="--scheduler no-address"):
        ingest_archive([str(archive)], store, scheduler="no-address")
    with open_store(tmp_path / "none.db") as store:
        assert store.count("documents") == 0
