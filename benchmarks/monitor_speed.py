"""Monitor speed: ingest throughput against bare extraction, and status / incident queries on a store
of 100,000 generated incidents.

    .venv/bin/python benchmarks/monitor_speed.py [--documents 200] [--incidents 100000] [--rounds 3]

Targets (issue 3): ingest >= 0.8x bare extraction throughput; `status` and an incidents query by
country and month each under 1 s with 100,000 incidents.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ceasefire import default_extractor
from ceasefire.analysis.status import ceasefire_status
from ceasefire.ingestion.ingest import ingest, refresh_resolution
from ceasefire.ingestion.inputs import ReportInput
from ceasefire.records import DocumentRecord, Place
from ceasefire.resolution.model import (
    CasualtyClaim,
    Evidence,
    Incident,
    Resolution,
    ResolvedAgreement,
    StatusObservation,
    TalksRound,
)
from ceasefire.storage import open_store

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT.parent / "shared" / "corpus" / "dev", ROOT / "examples" / "reports"]


def _texts() -> list[ReportInput]:
    items = []
    for folder in CORPORA:
        for path in sorted(folder.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            items.append(ReportInput(text=data["text"], published=(data.get("document") or {}).get("published")))
        for path in sorted(folder.glob("*.md")):
            items.append(ReportInput(text=path.read_text(encoding="utf-8").split("---", 2)[-1]))
    return items


class _Replay:
    """Hands back records already extracted: what ingest costs beyond extraction."""

    def __init__(self, records: list[DocumentRecord]) -> None:
        self.records = iter(records)

    def extract_many(self, items: list[ReportInput]) -> Iterator[DocumentRecord]:
        for _ in items:
            yield next(self.records)


def bench_ingest(count: int, workdir: Path, rounds: int = 3) -> None:
    """Bare extraction and ingest alternate, best of ``rounds`` each, so a busy machine skews neither."""
    base = _texts()
    inputs = [ReportInput(text=f"{base[n % len(base)].text}\n\n(Copy {n}.)", published=base[n % len(base)].published)
              for n in range(count)]
    source = workdir / "bench.jsonl"
    source.write_text("".join(json.dumps({"text": i.text, "published": i.published}) + "\n" for i in inputs))
    extractor = default_extractor()
    list(extractor.extract_many(inputs[:8]))  # warm up
    bare, total, records = [], [], []
    for round_ in range(rounds):
        started = time.perf_counter()
        records = list(extractor.extract_many(inputs))
        bare.append(time.perf_counter() - started)
        with open_store(workdir / f"ingest-{round_}.db") as store:
            started = time.perf_counter()
            summary = ingest([str(source)], store, extractor)
            total.append(time.perf_counter() - started)
    with open_store(workdir / f"ingest-{round_}.db") as store:
        started = time.perf_counter()
        refresh_resolution(store)
        resolving = time.perf_counter() - started
        started = time.perf_counter()
        again = ingest([str(source)], store, extractor)
        rerun = time.perf_counter() - started
    with open_store(workdir / "replay.db") as store:
        started = time.perf_counter()
        ingest([str(source)], store, _Replay(records))
        overhead = time.perf_counter() - started
    print(f"documents: {count} (from {len(base)} texts); best of {rounds} rounds")
    print(f"bare extraction: {count / min(bare):.1f} docs/s ({min(bare):.2f} s)")
    print(f"ingest into SQLite, resolution included: {summary.ingested / min(total):.1f} docs/s ({min(total):.2f} s); "
          f"ratio {min(bare) / min(total):.2f}x of bare extraction")
    print(f"  ingest without extraction (records replayed): {overhead:.2f} s, "
          f"{overhead / count * 1000:.1f} ms a document, resolution included")
    print(f"  cross-report resolution of all {count} documents: {resolving:.2f} s")
    print(f"re-ingest of the same {again.duplicates} documents (all duplicates): {rerun:.2f} s")


COUNTRIES = [("AF", "Kabul", 34.5, 69.2), ("PK", "Islamabad", 33.7, 73.0), ("SY", "Damascus", 33.5, 36.3),
             ("SD", "Khartoum", 15.5, 32.5), ("UA", "Kyiv", 50.4, 30.5), ("YE", "Sanaa", 15.4, 44.2),
             ("ML", "Bamako", 12.6, -8.0), ("MM", "Yangon", 16.8, 96.2), ("SO", "Mogadishu", 2.0, 45.3),
             ("CD", "Goma", -1.7, 29.2)]
ACTORS = ["Afghanistan", "Pakistan", "Tehrik-i-Taliban Pakistan", "Syria", "Rapid Support Forces", "Sudan",
          "Russia", "Ukraine", "Houthis", "JNIM", "Myanmar", "al-Shabaab", "M23"]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"), ("Violence against civilians", "Attack")]


def _evidence(n: int, date: str) -> Evidence:
    return Evidence(doc_id=f"doc{n % 5000}", span=(0, 40), text=f"Generated evidence sentence number {n}.",
                    publisher=f"Outlet {n % 17}", published=date)


def generate_resolution(count: int, seed: int = 7) -> Resolution:
    rng = random.Random(seed)
    incidents = []
    for n in range(count):
        country, town, lat, lon = rng.choice(COUNTRIES)
        day = 730 - rng.randrange(730)
        date = time.strftime("%Y-%m-%d", time.gmtime(1_700_000_000 + day * 86400))
        event_type, sub = rng.choice(TYPES)
        actor1, actor2 = rng.sample(ACTORS, 2)
        claims = [CasualtyClaim(claimant, rng.randrange(20), rng.randrange(30), False, "mixed", None,
                                _evidence(n, date)) for claimant in rng.sample([actor1, actor2, None], 2)]
        killed = [c.killed for c in claims]
        incidents.append(Incident(
            id=f"inc-{n:06d}", event_type=event_type, sub_event_type=sub, date=date,
            location=Place(town, None, country, lat + rng.random(), lon + rng.random(), "exact"),
            actor1=actor1, actor2=actor2, alleged_by=[actor2] if rng.random() < 0.5 else [],
            sources=[_evidence(n + k, date) for k in range(rng.randint(1, 3))], claims=claims,
            fatalities_low=min(killed), fatalities_best=max(killed), fatalities_high=max(killed),
            disputed=min(killed) != max(killed)))
    agreement = ResolvedAgreement(
        id="agr-1", kind="ceasefire", name="Generated ceasefire", parties=["Afghanistan", "Pakistan"],
        mediators=["Qatar", "Turkey"], venue="Doha", signed="2024-06-01", effective="2024-06-01", status="violated",
        history=[StatusObservation("in_force", "2024-06-02", _evidence(1, "2024-06-02")),
                 StatusObservation("violated", "2024-07-01", _evidence(2, "2024-07-01"))],
        sources=[_evidence(1, "2024-06-02")])
    talks = [TalksRound(id=f"tlk-{k}", venue="Istanbul", start=f"2024-0{k + 5}-10", end=None,
                        parties=["Afghanistan", "Pakistan"], mediators=["Turkey"], outcome="partial",
                        sources=[_evidence(k, f"2024-0{k + 5}-11")]) for k in range(3)]
    return Resolution(incidents=incidents, agreements=[agreement], talks=talks)


def bench_queries(count: int, workdir: Path) -> None:
    db = workdir / "large.db"
    resolution = generate_resolution(count)
    with open_store(db) as store:
        started = time.perf_counter()
        store.save_resolution(resolution)
        print(f"\nsaved {count:,} incidents in {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        status = ceasefire_status(store, as_of="2025-11-01")
        elapsed = time.perf_counter() - started
        print(f"status (in process): {elapsed * 1000:.0f} ms; {status.agreements[0].incidents_since:,} incidents "
              "since the effective date")
        started = time.perf_counter()
        found = store.incidents(country="AF", since="2024-03", until="2024-03")
        print(f"incidents --country AF --since 2024-03 --until 2024-03 (in process): "
              f"{(time.perf_counter() - started) * 1000:.0f} ms, {len(found)} incidents with sources and claims")
    cli = str(Path(sys.executable).with_name("ceasefire"))
    for args in (["status", "--as-of", "2025-11-01"], ["incidents", "--country", "AF", "--since", "2024-03",
                                                       "--until", "2024-03"]):
        started = time.perf_counter()
        subprocess.run([cli, *args, "--db", str(db)], check=True, capture_output=True)
        print(f"ceasefire {' '.join(args)} (whole command, process start included): "
              f"{(time.perf_counter() - started) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="Alternating extraction/ingest rounds (best kept).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        bench_ingest(args.documents, Path(workdir), args.rounds)
        bench_queries(args.incidents, Path(workdir))


if __name__ == "__main__":
    main()
