"""Incremental ingest and full resolution on stores of varied real reports.

The reports are the pool's (``../shared/corpus/pool``), read once by the extractor, then retold: each
copy moves every date of its report by the same random number of days, so the store holds 5,000
reports a year whatever its size (a store of 50,000 spans ten years, each month as busy as in a
store of 1,000). A store of each size is built, resolved in full (timed), and then takes three
ingests of 100 new reports of the last days (timed, each in a fresh process whose peak RSS is read).
The extractor is replayed, so the figures are what ingest costs beyond extraction: storing and
resolving. Target (issue 11): the time of an ingest grows by less than 2x from the smallest store to
the largest, and a full resolution of 50,000 reports takes under 60 s.

    .venv/bin/python benchmarks/incremental_speed.py [--sizes 1000 10000 50000] [--new 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ceasefire.ingestion.ingest import ingest_inputs, refresh_resolution
from ceasefire.ingestion.inputs import ReportInput
from ceasefire.records import DocumentRecord, record_from_dict
from ceasefire.storage import open_store
from ceasefire.storage.store import StoredDocument, content_hash, now_iso

ROOT = Path(__file__).resolve().parents[1]
POOL = ROOT.parent / "shared" / "corpus" / "pool"
PER_YEAR = 5000
END = dt.date(2026, 6, 30)  # the newest reports of every store are of the days before this


class Replay:
    """Hands back the records already made for each text."""

    def __init__(self, records: dict[str, DocumentRecord]) -> None:
        self.records = records

    def extract_many(self, items: list[ReportInput]) -> list[DocumentRecord]:
        return [self.records[item.text] for item in items]


def read_pool(cache: Path) -> list[dict]:
    """Each pool report with its record, extracted once and kept in ``cache``."""
    if cache.is_file():
        return [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]
    from ceasefire import default_extractor

    inputs = []
    for path in sorted(POOL.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        inputs.append(ReportInput(text=data["text"], id=path.stem, published=data.get("published")))
    base = [{"text": item.text, "published": item.published, "record": record.to_dict()}
            for item, record in zip(inputs, default_extractor().extract_many(inputs), strict=True)]
    cache.write_text("".join(json.dumps(b) + "\n" for b in base), encoding="utf-8")
    return base


def _moved(value: str | None, days: int) -> str | None:
    """A date of any precision moved by ``days`` (a month or year by where its middle lands)."""
    if not isinstance(value, str) or len(value) not in (4, 7) and len(value) < 10:
        return value
    try:
        middle = dt.date.fromisoformat(value[:10] if len(value) >= 10 else f"{value}-15" if len(value) == 7
                                       else f"{value}-07-01")
    except ValueError:
        return value
    moved = (middle + dt.timedelta(days=days)).isoformat()
    return moved + value[10:] if len(value) >= 10 else moved[:len(value)]


def retold(base: dict, number: int, published: dt.date) -> tuple[ReportInput, DocumentRecord]:
    """Copy ``number`` of a pool report, published on ``published`` with every date moved alike."""
    original = dt.date.fromisoformat(base["published"][:10]) if base["published"] else published
    days = (published - original).days
    data = json.loads(json.dumps(base["record"]))
    for event in data["events"]:
        event["date"] = _moved(event.get("date"), days)
    for agreement in data["agreements"]:
        for key in ("signed", "effective", "expires", "extended"):
            agreement[key] = _moved(agreement.get(key), days)
    for talks in data["talks"]:
        talks["start"], talks["end"] = _moved(talks.get("start"), days), _moved(talks.get("end"), days)
    data["document"].update(id=f"copy-{number}", published=published.isoformat())
    text = f"{base['text']}\n\n(Copy {number}.)"
    report = ReportInput(text=text, id=f"copy-{number}", published=published.isoformat(),
                         publisher=f"Outlet {number % 50}")
    return report, record_from_dict(data)


def build(location: str | Path, pool: list[dict], size: int, rng: random.Random) -> None:
    """A store of ``size`` retold reports over ``size / PER_YEAR`` years up to END (written directly, not
    extracted or resolved)."""
    days = max(30, 365 * size // PER_YEAR)
    with open_store(location) as store:
        for start in range(0, size, 1000):
            documents = []
            for number in range(start, min(size, start + 1000)):
                report, record = retold(rng.choice(pool), number, END - dt.timedelta(days=rng.randrange(7, days)))
                documents.append((StoredDocument(
                    doc_key=f"d{number:07d}", url=None, content_hash=content_hash(report.text), title=None,
                    publisher=report.publisher, published=report.published, language="en", source="bench",
                    extractor_version="bench", ingested_at=now_iso(), text=report.text), record))
            with store.write() as conn:
                store.add_documents(conn, documents)


def ingest_new(db: Path, batch: Path) -> None:
    """Ingest the reports of ``batch`` (JSON Lines of text, published, record) into ``db``: run in a
    fresh process, it prints its time and peak RSS as JSON."""
    lines = [json.loads(line) for line in batch.read_text(encoding="utf-8").splitlines()]
    reports = [ReportInput(text=x["text"], published=x["published"], publisher="Outlet new") for x in lines]
    replay = Replay({x["text"]: record_from_dict(x["record"]) for x in lines})
    with open_store(db) as store:
        started = time.perf_counter()
        summary = ingest_inputs(reports, store, replay)
        elapsed = time.perf_counter() - started
    print(json.dumps({"seconds": elapsed, "ingested": summary.ingested, "resolved": summary.resolved,
                      "rss_mb": peak_rss_mb()}))


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started its program. (getrusage's figure would not do:
    it keeps the peak of the process it was forked from, which built the store.)"""
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1)) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 50_000])
    parser.add_argument("--new", type=int, default=100, help="reports per ingest")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ingest", nargs=2, metavar=("DB", "BATCH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingest:
        ingest_new(Path(args.ingest[0]), Path(args.ingest[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        pool = read_pool(Path(tmp) / "pool.jsonl")
        print(f"{len(pool)} pool reports read; {args.new} new reports an ingest, {args.rounds} ingests a store")
        for size in args.sizes:
            rng = random.Random(args.seed)
            db = Path(tmp) / f"store-{size}.db"
            started = time.perf_counter()
            build(db, pool, size, rng)
            built = time.perf_counter() - started
            with open_store(db) as store:
                started, cpu = time.perf_counter(), time.process_time()
                assert refresh_resolution(store, full=True) is None
                full, full_cpu = time.perf_counter() - started, time.process_time() - cpu
                counts = (store.count("incidents"), store.count("agreements"), store.count("talks_rounds"))
            runs = []
            for round_ in range(args.rounds):
                batch = Path(tmp) / "batch.jsonl"
                with batch.open("w", encoding="utf-8") as out:
                    for k in range(args.new):
                        number = size + round_ * args.new + k
                        report, record = retold(rng.choice(pool), number, END - dt.timedelta(days=rng.randrange(7)))
                        out.write(json.dumps({"text": report.text, "published": report.published,
                                              "record": record.to_dict()}) + "\n")
                done = subprocess.run([sys.executable, __file__, "--ingest", str(db), str(batch)], check=True,
                                      capture_output=True, text=True)
                runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            seconds = sorted(run["seconds"] for run in runs)
            print(f"{size:>7,} reports ({built:.0f} s to write): full resolution {full:.1f} s "
                  f"(CPU {full_cpu:.1f} s) -> "
                  f"{counts[0]:,} incidents, {counts[1]:,} agreements, {counts[2]:,} rounds; ingest of {args.new}: "
                  f"median {seconds[len(seconds) // 2]:.2f} s (runs {', '.join(f'{s:.2f}' for s in seconds)}), "
                  f"peak RSS {max(run['rss_mb'] for run in runs):.0f} MB", flush=True)


if __name__ == "__main__":
    main()
