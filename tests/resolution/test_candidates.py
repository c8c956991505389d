"""The candidate index only skips incidents an event could never join: resolving with it gives the
same incidents as comparing every event with every incident."""

from __future__ import annotations

import random

import pytest

from ceasefire.records import DocumentInfo, DocumentRecord, Event, Place
from ceasefire.resolution import incidents
from ceasefire.resolution.model import SourcedRecord
from ceasefire.resolution.resolve import resolve

TOWNS = [Place("Alpha", "North", "AA", 10.0, 20.0), Place("Beta", "North", "AA", 10.2, 20.1),
         Place("Gamma", "North", "AA", 10.9, 20.0), Place("Delta", "South", "AA", 8.0, 21.0),
         Place("Epsilon", "East", "BB", 10.1, 20.35)]
COARSE = [Place("North", "North", "AA", 10.4, 20.2, "province"), Place("AA", None, "AA", 9.0, 20.0, "country"),
          Place("Alpha district", "North", "AA", 10.05, 20.05, "district")]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike")]
ACTORS = ["Red", "Blue", "Green", None]


def random_records(seed: int, count: int = 150) -> list[SourcedRecord]:
    rng = random.Random(seed)
    records = []
    for n in range(count):
        record = DocumentRecord(DocumentInfo(id=f"d{n}"))
        for k in range(rng.randint(1, 3)):
            event_type, sub_type = rng.choice(TYPES)
            day = rng.randint(1, 6)
            date = rng.choice([f"2025-03-{day:02d}", f"2025-03-{day:02d}", "2025-03", "2025", None,
                               f"2025-04-{day:02d}"])
            place = rng.choice([*TOWNS, *TOWNS, *COARSE, None])
            record.events.append(Event(event_type, rng.choice([sub_type, None]), date, place, rng.choice(ACTORS),
                                       rng.choice(ACTORS), None, None, f"e{k}", (10 * k, 10 * k + 2)))
        records.append(SourcedRecord(f"d{n}", record, f"2025-04-{rng.randint(1, 20):02d}"))
    return records


class _EveryCluster:
    """An index that proposes every incident seen so far."""

    def __init__(self) -> None:
        self.clusters: dict[int, object] = {}

    def add(self, kind, date, place, actors, cluster) -> None:
        self.clusters.setdefault(id(cluster), cluster)

    def candidates(self, kind, date, place, actor1) -> list[object]:
        return list(self.clusters.values())


def groups(resolution) -> set[frozenset]:
    return {frozenset((s.doc_id, s.span) for s in incident.sources) for incident in resolution.incidents}


@pytest.mark.parametrize("seed", range(4))
def test_index_gives_the_same_incidents_as_comparing_everything(seed, monkeypatch):
    records = random_records(seed)
    indexed = resolve(records)
    assert any(len(incident.sources) > 2 for incident in indexed.incidents)  # the data does merge
    monkeypatch.setattr(incidents, "CandidateIndex", _EveryCluster)
    assert groups(resolve(records)) == groups(indexed)
