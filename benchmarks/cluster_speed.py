"""Archive ingest on a local Dask cluster: one worker against two, and what one worker does per hour.

The archive is the pool's reports (``../shared/corpus/pool``) written as JSON Lines, repeated with a
marker line so every copy is a report of its own. Each run ingests it into a new store with
``ceasefire.ingestion.archive.ingest_archive`` (extraction on the workers, storing and resolution
here); the cluster's start (the workers loading the extractor) is timed apart from the work at full
speed (from the first chunk back to the last stored). Target
(issue 11): two workers at >= 1.7x one worker on this 2-core machine.

    .venv/bin/python benchmarks/cluster_speed.py [--reports 1200] [--chunk 32]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from ceasefire.ingestion.archive import ingest_archive
from ceasefire.storage import open_store

ROOT = Path(__file__).resolve().parents[1]
POOL = ROOT.parent / "shared" / "corpus" / "pool"


def write_archive(path: Path, count: int) -> int:
    """``count`` reports from the pool as JSON Lines; the number of words in them."""
    pool = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(POOL.glob("*.json"))]
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            report = pool[number % len(pool)]
            text = report["text"] + ("" if number < len(pool) else f"\n\n(Copy {number}.)")
            words += len(text.split())
            out.write(json.dumps({"id": f"r{number}", "text": text, "published": report.get("published")}) + "\n")
    return words


def run(archive: Path, db: Path, workers: int, chunk: int) -> dict[str, float]:
    """Seconds in all, until the first chunk came back (cluster start, extractor load), from then to the last
    chunk stored (extraction at full speed), and the reports stored."""
    started = time.perf_counter()
    back: list[float] = []
    with open_store(db) as store:
        summary = ingest_archive([str(archive)], store, workers=workers, chunk=chunk,
                                 on_chunk=lambda _: back.append(time.perf_counter()))
    return {"all": time.perf_counter() - started, "start": back[0] - started, "steady": back[-1] - back[0],
            "steady_reports": summary.ingested - chunk, "stored": summary.ingested}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1200)
    parser.add_argument("--chunk", type=int, default=32)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive.jsonl"
        words = write_archive(archive, args.reports)
        print(f"archive: {args.reports} reports, {words:,} words; chunks of {args.chunk}")
        results = {}
        for workers in (1, 2):
            got = results[workers] = run(archive, Path(tmp) / f"store-{workers}.db", workers, args.chunk)
            rate = got["steady_reports"] / got["steady"]
            print(f"{workers} worker(s): {got['all']:.1f} s in all ({got['stored'] / got['all']:.1f} reports/s); "
                  f"first chunk back after {got['start']:.1f} s (cluster start, extractor load); then "
                  f"{rate:.1f} reports/s, {rate / workers * 3600:,.0f} reports an hour a worker", flush=True)
        steady = {w: r["steady_reports"] / r["steady"] for w, r in results.items()}
        print(f"two workers against one: {steady[2] / steady[1]:.2f}x at full speed, "
              f"{results[1]['all'] / results[2]['all']:.2f}x in all")


if __name__ == "__main__":
    main()
