"""Cross-report resolution speed (and grouping quality) on generated reports.

A synthetic world of incidents (5,000 a year over a dozen regions) is reported by outlets
that each see a few incidents and describe them with noise: dates at day or month precision or
missing, the town or a place nearby, the province, or nothing, one side left unnamed, battle
sides swapped, differing tolls. Resolution time (wall and CPU: the CPU figure is the one to
compare on a busy machine) is measured for growing numbers of reports at constant density (it
should grow about linearly), and the grouping is checked against the generated truth with
pairwise precision and recall (two reports of the same true incident in one incident = a hit).

    .venv/bin/python benchmarks/resolution_speed.py [--records 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from dataclasses import dataclass

from ceasefire.records import Agreement, Casualty, DocumentInfo, DocumentRecord, Event, Place, Talks
from ceasefire.resolution.model import SourcedRecord
from ceasefire.resolution.resolve import resolve

TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest")]
REGIONS = [(f"R{i}", f"C{i % 6}", 10.0 + 3 * i, 20.0 + 2.5 * i) for i in range(12)]  # admin1, country, lat, lon
ACTORS = ["Northland", "Southland", "Eastern Front", "Western Army", "Free Militia", "People's Guard"]
START = dt.date(2025, 1, 1)


@dataclass
class Truth:
    event_type: str
    sub_type: str
    day: dt.date
    region: tuple[str, str, float, float]
    lat: float
    lon: float
    actor1: str
    actor2: str
    killed: int


def world(count: int, rng: random.Random) -> list[Truth]:
    """``count`` incidents over a period growing with the count (5,000 a year), so density stays constant."""
    days = max(30, 365 * count // 5000)
    out = []
    for _ in range(count):
        event_type, sub_type = rng.choice(TYPES)
        region = rng.choice(REGIONS)
        actor1, actor2 = rng.sample(ACTORS, 2)
        out.append(Truth(event_type, sub_type, START + dt.timedelta(days=rng.randrange(days)), region,
                         region[2] + rng.uniform(-1.2, 1.2), region[3] + rng.uniform(-1.2, 1.2),
                         actor1, actor2, rng.randrange(0, 40)))
    return out


def report_event(truth: Truth, rng: random.Random, start: int) -> Event:
    roll = rng.random()
    date = truth.day.isoformat() if roll < 0.7 else truth.day.isoformat()[:7] if roll < 0.9 else None
    roll = rng.random()
    admin1, country, _, _ = truth.region
    if roll < 0.7:
        jitter = rng.uniform(-0.1, 0.1)
        place = Place(f"T{truth.lat:.2f}", admin1, country, truth.lat + jitter, truth.lon + jitter, "exact")
    elif roll < 0.85:
        place = Place(admin1, admin1, country, truth.region[2], truth.region[3], "province")
    else:
        place = None if date else Place(f"T{truth.lat:.2f}", admin1, country, truth.lat, truth.lon, "exact")
    actor1, actor2 = truth.actor1, truth.actor2 if rng.random() < 0.8 else None
    if truth.event_type == "Battles" and rng.random() < 0.3:
        actor1, actor2 = actor2, actor1
    evidence = f"Event text {start}."
    return Event(truth.event_type, truth.sub_type if rng.random() < 0.8 else None, date, place, actor1, actor2,
                 None, None, evidence, (start, start + len(evidence)))


def make_records(count: int, truths: list[Truth], rng: random.Random) -> tuple[list[SourcedRecord], dict]:
    records, truth_of = [], {}
    for n in range(count):
        picks = rng.sample(range(len(truths)), rng.randint(1, 3))
        latest = max(truths[i].day for i in picks)
        record = DocumentRecord(DocumentInfo(id=f"doc{n}"))
        for k, i in enumerate(picks):
            event = report_event(truths[i], rng, 100 * k)
            record.events.append(event)
            truth_of[(f"doc{n}", event.span)] = i
            killed = max(0, truths[i].killed + rng.choice([0, 0, 0, -2, 3]))
            record.casualties.append(Casualty(killed, None, False, "unspecified", None,
                                              rng.choice([None, "Northland", "Southland", "United Nations"]),
                                              event.evidence, event.span))
        if rng.random() < 0.2:
            record.agreements.append(Agreement("ceasefire", rng.choice([None, "Lake truce"]), ["Northland"], [],
                                               rng.choice([None, "Lakeside"]), None, None,
                                               rng.choice(["in_force", "violated", None]), "Agreement.", (900, 910)))
        if rng.random() < 0.1:
            day = START + dt.timedelta(days=30 * rng.randrange(12))
            record.talks.append(Talks(rng.choice(["Lakeside", "Hilltown"]), day.isoformat(), None, ["Northland"],
                                      [], "ongoing", "Talks.", (950, 956)))
        published = (latest + dt.timedelta(days=rng.randrange(1, 5))).isoformat()
        records.append(SourcedRecord(f"doc{n}", record, published, f"outlet{n % 40}"))
    return records, truth_of


def pairwise_quality(incidents: list, truth_of: dict) -> tuple[float, float]:
    """Precision and recall over pairs of reported events: together in an incident vs the same true incident."""
    def pairs(groups: list[list[int | str]]) -> set[tuple]:
        return {(a, b) for group in groups for i, a in enumerate(group) for b in group[i + 1:]}

    found = [[(s.doc_id, s.span) for s in inc.sources] for inc in incidents]
    found_pairs = {tuple(sorted(p)) for p in pairs(found)}
    by_truth: dict[int, list] = {}
    for key, i in truth_of.items():
        by_truth.setdefault(i, []).append(key)
    true_pairs = {tuple(sorted(p)) for p in pairs(list(by_truth.values()))}
    hits = len(found_pairs & true_pairs)
    return hits / max(1, len(found_pairs)), hits / max(1, len(true_pairs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for count in (args.records // 4, args.records // 2, args.records):
        rng = random.Random(args.seed)
        truths = world(count // 2, rng)
        records, truth_of = make_records(count, truths, rng)
        started, cpu_started = time.perf_counter(), time.process_time()
        resolution = resolve(records)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        precision, recall = pairwise_quality(resolution.incidents, truth_of)
        print(f"{count:>6} reports, {len(truth_of):>6} events -> {len(resolution.incidents):>6} incidents, "
              f"{len(resolution.agreements)} agreements, {len(resolution.talks)} rounds in {elapsed:6.2f} s "
              f"(CPU {cpu:6.2f} s, {count / cpu:,.0f} reports/s); pairwise precision {precision:.3f} "
              f"recall {recall:.3f}")


if __name__ == "__main__":
    main()
