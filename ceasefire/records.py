"""The document record (format ``ceasefire.document/1``): what the extractor emits for one report.

The field names and their order follow ``shared/spec/document-record.md``; every item also
carries ``span``, the ``[start, end)`` character offsets of its evidence in the document text.
Serialise with :func:`to_dict` (or ``record.to_json()``) and read back with :func:`record_from_dict`.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

SCHEMA = "ceasefire.document/1"

Span = tuple[int, int]


@dataclass
class Place:
    name: str
    admin1: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    precision: str = "exact"  # exact | district | province | country


@dataclass
class Event:
    event_type: str
    sub_event_type: str | None
    date: str | None
    location: Place | None
    actor1: str | None
    actor2: str | None
    alleged_by: str | None
    fatalities: int | None
    evidence: str
    span: Span


@dataclass
class Casualty:
    killed: int | None
    injured: int | None
    approximate: bool
    victims: str  # civilians | security_forces | militants | mixed | unspecified
    side: str | None
    claimant: str | None
    evidence: str
    span: Span


@dataclass
class Quote:
    speaker: str
    text: str
    evidence: str
    span: Span


@dataclass
class Agreement:
    kind: str  # ceasefire | peace_agreement | other
    name: str | None
    parties: list[str]
    mediators: list[str]
    venue: str | None
    signed: str | None
    effective: str | None
    status: str | None  # in_force | violated | collapsed | expired
    evidence: str
    span: Span
    # Beyond the spec's fields (readers of the spec ignore them): the hour it took effect ("00:00" for
    # "at midnight"), the day it runs until ("a 30-day truce", "extended until 6 May"), and for a report of
    # an extension, the day the extension was agreed (``signed`` gives it too, as the spec's examples code
    # an extension; resolution then knows the truce itself is older).
    effective_time: str | None = None
    expires: str | None = None
    extended: str | None = None


@dataclass
class Talks:
    venue: str | None
    start: str | None
    end: str | None
    parties: list[str]
    mediators: list[str]
    outcome: str | None  # agreement | partial | no_agreement | scheduled | ongoing
    evidence: str
    span: Span


@dataclass
class DocumentInfo:
    id: str | None = None
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str | None = None


@dataclass
class DocumentRecord:
    document: DocumentInfo
    events: list[Event] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    talks: list[Talks] = field(default_factory=list)
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)


SECTIONS = ("events", "casualties", "quotes", "agreements", "talks")
_ITEM_TYPES = {"events": Event, "casualties": Casualty, "quotes": Quote, "agreements": Agreement,
               "talks": Talks}


def to_dict(record: DocumentRecord) -> dict[str, Any]:
    """The record as plain JSON data, ``schema`` first as in the spec."""
    out: dict[str, Any] = {"schema": record.schema, "document": dataclasses.asdict(record.document)}
    for section in SECTIONS:
        items = []
        for item in getattr(record, section):
            data = dataclasses.asdict(item)
            data["span"] = list(item.span)
            items.append(data)
        out[section] = items
    return out


def record_from_dict(data: dict[str, Any]) -> DocumentRecord:
    """Read a record back from its JSON form (unknown fields are ignored)."""
    record = DocumentRecord(document=_build(DocumentInfo, data.get("document") or {}))
    for section, cls in _ITEM_TYPES.items():
        items = []
        for raw in data.get(section) or []:
            raw = dict(raw)
            if isinstance(raw.get("location"), dict):
                raw["location"] = _build(Place, raw["location"])
            raw["span"] = tuple(raw.get("span") or (0, 0))
            items.append(_build(cls, raw))
        setattr(record, section, items)
    return record


def _build(cls: type, raw: dict[str, Any]) -> Any:
    names = _field_names(cls)
    return cls(**{k: v for k, v in raw.items() if k in names})


@cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))
