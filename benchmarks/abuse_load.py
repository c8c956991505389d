"""/api/incidents latency while clients hammer /api/status, over a store of generated reports with many
agreements (issue: "/api/status is unbounded work for anyone").

Loopback only, bounded in time: ingests N generated reports (our own template sentences: agreements
in many venues, clashes, statements), starts `ceasefire serve` on 127.0.0.1, then for a fixed time
runs 4 clients asking /api/status in a loop and 20 clients asking filtered /api/incidents pages, and
prints the latency of each.

    .venv/bin/python benchmarks/abuse_load.py [--reports 2000] [--seconds 20] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_speed import free_port, timed_get, wait_until_up  # noqa: E402

BIN = Path(sys.executable).parent
VENUES = ["Doha", "Istanbul", "Nairobi", "Addis Ababa", "Geneva", "Jeddah", "Cairo", "Muscat", "Riyadh", "Kampala"]
PAIRS = [("Sudan", "Rapid Support Forces"), ("Pakistan", "Afghanistan"), ("Thailand", "Cambodia"),
         ("Armenia", "Azerbaijan"), ("India", "Pakistan")]
QUERIES = ["country=PK&limit=100", "type=Battles&limit=50", "since=2025-04&until=2025-06&limit=100",
           "actor=Sudan&limit=100&offset=50"]


def write_reports(path: Path, count: int) -> None:
    rng = random.Random(5)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            a, b = rng.choice(PAIRS)
            venue, day, month = rng.choice(VENUES), 1 + n % 28, 1 + (n // 28) % 12
            text = (f"{a} and {b} signed a ceasefire agreement in {venue} on {day} March 2025 after talks "
                    f"mediated by Qatar. \"We will respect the truce,\" a spokesman for {a} said. Clashes between "
                    f"{a} and {b} forces were reported near the border on {day} April 2025, killing {n % 7 + 1} "
                    f"people, officials of {b} said. \"{a} violated the ceasefire,\" a {b} spokesman said. "
                    f"Report {n}.")
            out.write(json.dumps({"id": f"r{n}", "text": text, "published": f"2025-{month:02d}-{day:02d}"}) + "\n")


def hammer(url: str, until: float, latencies: list[float]) -> None:
    while time.monotonic() < until:
        latencies.append(timed_get(url))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        reports, db = Path(tmp) / "reports.jsonl", Path(tmp) / "load.db"
        write_reports(reports, args.reports)
        started = time.perf_counter()
        summary = subprocess.run([BIN / "ceasefire", "ingest", str(reports), "--db", str(db)],
                                 capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        print(f"{summary} ({time.perf_counter() - started:.0f} s to ingest)")
        port = free_port()
        server = subprocess.Popen([BIN / "ceasefire", "serve", "--db", str(db), "--port", str(port),
                                   "--workers", str(args.workers)], stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(f"{base}/api/documents?limit=1")
            print(f"/api/status alone: {timed_get(f'{base}/api/status') * 1000:.0f} ms")
            until = time.monotonic() + args.seconds
            status, pages = [], []
            threads = [threading.Thread(target=hammer, args=(f"{base}/api/status", until, status)) for _ in range(4)]
            threads += [threading.Thread(target=hammer, args=(f"{base}/api/incidents?{QUERIES[k % 4]}", until, pages))
                        for k in range(20)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
    for name, found in (("/api/incidents", pages), ("/api/status", status)):
        found.sort()
        p95 = found[int(0.95 * (len(found) - 1))]
        print(f"{name}: {len(found)} requests in {args.seconds} s, p50 {statistics.median(found) * 1000:.0f} ms, "
              f"p95 {p95 * 1000:.0f} ms, max {found[-1] * 1000:.0f} ms")
    print("target: /api/incidents p95 under 200 ms while 4 clients ask /api/status")


if __name__ == "__main__":
    main()
