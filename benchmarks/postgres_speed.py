"""The same store on SQLite and on PostgreSQL: ingest and queries side by side.

Ingest: a store of retold pool reports written and resolved in full, then an ingest of 100 new reports
(records replayed, as in incremental_speed.py: storing and resolution, not extraction). Queries: over
100,000 generated incidents (as in monitor_speed.py), saving them, ``status``, a country-and-month
query with sources and claims, and a filtered page of the API's list. PostgreSQL runs on this machine
over a Unix socket: the server named by ``--url`` (where databases may be created), else a throw-away
one started as the tests start it (tests/postgres_server.py). Target (issue 11): PostgreSQL within 2x
of SQLite.

    .venv/bin/python benchmarks/postgres_speed.py [--reports 5000] [--incidents 100000] [--url URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from incremental_speed import END, Replay, build, read_pool, retold
from monitor_speed import generate_resolution

from ceasefire.analysis.status import ceasefire_status
from ceasefire.ingestion.ingest import ingest_inputs, refresh_resolution
from ceasefire.storage import IncidentFilter, open_store
from ceasefire.storage.queries import incident_summaries

ROOT = Path(__file__).resolve().parents[1]


def timed(action: Callable[[], object], repeat: int = 1) -> float:
    """The best of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def ingest_figures(location: str, pool: list[dict], reports: int) -> dict[str, float]:
    rng = random.Random(3)
    figures = {f"write {reports:,} reports": timed(lambda: build(location, pool, reports, rng))}
    with open_store(location) as store:
        figures[f"full resolution of {reports:,} reports"] = timed(lambda: refresh_resolution(store, full=True))
        new = [retold(rng.choice(pool), 10**6 + k, END - dt.timedelta(days=rng.randrange(7))) for k in range(100)]
        replay = Replay({report.text: record for report, record in new})
        figures["ingest of 100 new reports"] = timed(lambda: ingest_inputs([r for r, _ in new], store, replay))
    return figures


def query_figures(location: str, incidents: int) -> dict[str, float]:
    resolution = generate_resolution(incidents)
    with open_store(location) as store:
        figures = {f"save {incidents:,} incidents": timed(lambda: store.save_resolution(resolution))}
        figures["status"] = timed(lambda: ceasefire_status(store, as_of="2025-11-01"), repeat=3)
        figures["incidents of a country and month"] = timed(
            lambda: store.incidents(country="AF", since="2024-03", until="2024-03"), repeat=3)
        page = IncidentFilter(country="SD", event_type="Battles", limit=50, newest_first=True)
        figures["a filtered page of 50"] = timed(lambda: incident_summaries(store.connection, page), repeat=5)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=5000)
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--url", help="a PostgreSQL server where databases may be created")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    import postgres_server

    server = postgres_server.Server(args.url) if args.url else postgres_server.start()
    if isinstance(server, str):
        sys.exit(f"no PostgreSQL server: {server}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            pool = read_pool(Path(tmp) / "pool.jsonl")
            rows: dict[str, dict[str, float]] = {}
            for backend, location in (("SQLite", str(Path(tmp) / "a.db")), ("PostgreSQL", server.new_database())):
                rows[backend] = ingest_figures(location, pool, args.reports)
            for backend, location in (("SQLite", str(Path(tmp) / "q.db")), ("PostgreSQL", server.new_database())):
                rows[backend].update(query_figures(location, args.incidents))
            print(f"{'':42} {'SQLite':>10} {'PostgreSQL':>11} {'ratio':>7}")
            for name, seconds in rows["SQLite"].items():
                other = rows["PostgreSQL"][name]
                print(f"{name:42} {seconds * 1000:9.0f}ms {other * 1000:10.0f}ms {other / seconds:6.2f}x")
            print(json.dumps({backend: {k: round(v, 4) for k, v in r.items()} for backend, r in rows.items()}))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
