"""A fast, deterministic stand-in for the extractor, for ingestion tests: one shelling event per sentence
that mentions shelling, dated by the report's publication date. It can be told to fail or to be
interrupted, and to be slow, so tests can break an ingest in the middle."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator

from ceasefire.ingestion.inputs import ReportInput
from ceasefire.records import DocumentInfo, DocumentRecord, Event, Place

SENTENCE = re.compile(r"[^.!?]+[.!?]")


class FakeExtractor:
    def __init__(self, *, fail_on: str | None = None, interrupt_after: int | None = None, delay: float = 0.0,
                 tag: str = "v1") -> None:
        self.fail_on, self.interrupt_after, self.delay, self.tag = fail_on, interrupt_after, delay, tag
        self.calls = 0

    def extract_many(self, items: Iterable[ReportInput]) -> Iterator[DocumentRecord]:
        for item in items:
            self.calls += 1
            if self.interrupt_after is not None and self.calls > self.interrupt_after:
                raise KeyboardInterrupt("simulated kill")
            if self.fail_on and self.fail_on in item.text:
                raise ValueError("the extractor choked")
            time.sleep(self.delay)
            yield self.record(item)

    def record(self, item: ReportInput) -> DocumentRecord:
        record = DocumentRecord(document=DocumentInfo(id=item.id, url=item.url, title=item.title,
                                                      publisher=item.publisher, published=item.published,
                                                      language="en"))
        for match in SENTENCE.finditer(item.text):
            if "shelling" in match.group().lower():
                evidence = match.group().strip()
                start = item.text.index(evidence, match.start())
                record.events.append(Event(
                    "Explosions/Remote violence", "Shelling/artillery/missile attack", item.published,
                    Place("Chaman", "Balochistan", "PK", 30.92, 66.45), self.tag, None, None, None,
                    evidence, (start, start + len(evidence))))
        return record
