"""The resolution test set: hand-written short reports in tests/resolution/cases/*.json.

A case lists reports (id, published, publisher) with their events, casualties, agreements and
talks, each item written with its evidence sentence; the loader lays the sentences end to end into
the report's text and fills in the spans. An event has a ``ref`` to name it in the expectations; a
casualty with ``"event": ref`` sits inside that event's sentence (its evidence must be part of it).
Expectations: ``incidents`` is the expected partition of event refs; ``tolls`` maps an event ref to
the low / best / high / disputed of its incident.
"""

from __future__ import annotations

import json
from pathlib import Path

from ceasefire.records import Agreement, Casualty, DocumentInfo, DocumentRecord, Event, Place, Talks
from ceasefire.resolution.model import SourcedRecord

CASES = Path(__file__).parent / "cases"


def case_names() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.json"))


def load_case(name: str) -> dict:
    return json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))


def build_records(case: dict) -> tuple[list[SourcedRecord], dict[tuple[str, tuple[int, int]], str]]:
    """The case's reports as SourcedRecords, and each event's (doc id, span) -> ref."""
    records, refs = [], {}
    for report in case["reports"]:
        record = build_record(report)
        for raw, event in zip(report.get("events", []), record.events, strict=True):
            refs[(report["id"], event.span)] = raw["ref"]
        records.append(SourcedRecord(doc_id=report["id"], record=record, published=report.get("published"),
                                     publisher=report.get("publisher")))
    return records, refs


def build_record(report: dict) -> DocumentRecord:
    """One report's record, laying every item's evidence sentence end to end."""
    text = _Text()
    record = DocumentRecord(document=DocumentInfo(id=report["id"], published=report.get("published"),
                                                  publisher=report.get("publisher")))
    event_spans = {}
    for raw in report.get("events", []):
        fields = {k: v for k, v in raw.items() if k not in ("ref", "evidence")}
        fields.setdefault("sub_event_type", None)
        for name in ("date", "actor1", "actor2", "alleged_by", "fatalities"):
            fields.setdefault(name, None)
        fields["location"] = Place(**raw["location"]) if raw.get("location") else None
        span = text.add(raw["evidence"])
        event_spans[raw["ref"]] = span
        record.events.append(Event(**fields, evidence=raw["evidence"], span=span))
    for raw in report.get("casualties", []):
        fields = {"injured": None, "approximate": False, "victims": "unspecified", "side": None, "claimant": None,
                  **{k: v for k, v in raw.items() if k not in ("event", "evidence")}}
        span = text.inside(event_spans[raw["event"]], raw["evidence"]) if raw.get("event") else text.add(
            raw["evidence"])
        record.casualties.append(Casualty(**fields, evidence=raw["evidence"], span=span))
    for raw in report.get("agreements", []):
        fields = {"name": None, "parties": [], "mediators": [], "venue": None, "signed": None, "effective": None,
                  "status": None, **{k: v for k, v in raw.items() if k != "evidence"}}
        record.agreements.append(Agreement(**fields, evidence=raw["evidence"], span=text.add(raw["evidence"])))
    for raw in report.get("talks", []):
        fields = {"venue": None, "start": None, "end": None, "parties": [], "mediators": [], "outcome": None,
                  **{k: v for k, v in raw.items() if k != "evidence"}}
        record.talks.append(Talks(**fields, evidence=raw["evidence"], span=text.add(raw["evidence"])))
    return record


class _Text:
    def __init__(self) -> None:
        self.text = ""

    def add(self, sentence: str) -> tuple[int, int]:
        start = len(self.text) + (1 if self.text else 0)
        self.text = f"{self.text} {sentence}" if self.text else sentence
        return (start, start + len(sentence))

    def inside(self, span: tuple[int, int], part: str) -> tuple[int, int]:
        offset = self.text.index(part, span[0], span[1])
        return (offset, offset + len(part))
