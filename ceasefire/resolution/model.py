"""What cross-report resolution produces: incidents with all their sources, agreements with the
history of their status, and the ordered rounds of talks. Every item keeps its evidence
(document id and character span) so the store, the API and the dashboard can show the words behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ceasefire.records import DocumentRecord, Place

if TYPE_CHECKING:
    from ceasefire.resolution.diplomacy import DiplomacyUpdate
    from ceasefire.resolution.kept import KeptPart

Span = tuple[int, int]


@dataclass
class SourcedRecord:
    """One stored report's record with what resolution needs to know about its source."""

    doc_id: str
    record: DocumentRecord
    published: str | None = None
    publisher: str | None = None
    url: str | None = None


@dataclass
class Evidence:
    doc_id: str
    span: Span
    text: str
    publisher: str | None = None
    published: str | None = None


@dataclass
class CasualtyClaim:
    """One claimant's figure for an incident (from one report)."""

    claimant: str | None  # None: the reporter states it
    killed: int | None
    injured: int | None
    approximate: bool
    victims: str
    side: str | None
    evidence: Evidence


@dataclass
class Incident:
    id: str  # stable: derived from the first source (doc id + span), unchanged when sources are added
    event_type: str
    sub_event_type: str | None
    date: str | None
    location: Place | None
    actor1: str | None
    actor2: str | None
    alleged_by: list[str]  # every party that makes the claim, across reports
    sources: list[Evidence]
    claims: list[CasualtyClaim] = field(default_factory=list)
    fatalities_low: int | None = None  # UCDP GED style over the claims and the events' fatalities
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    disputed: bool = False  # claimants disagree on the toll
    merge_reasons: list[str] = field(default_factory=list)  # why each extra source was merged


@dataclass
class StatusObservation:
    """How one report saw an agreement's status."""

    status: str | None
    as_of: str | None  # the report's publication date
    evidence: Evidence
    expires: str | None = None  # the day the report says it runs until
    extended: str | None = None  # the day the report says it was extended


@dataclass
class ResolvedAgreement:
    id: str
    kind: str
    name: str | None
    parties: list[str]
    mediators: list[str]
    venue: str | None
    signed: str | None
    effective: str | None
    status: str | None  # the latest observation's status
    history: list[StatusObservation]  # oldest first
    sources: list[Evidence]
    effective_time: str | None = None  # "HH:MM" when a report gives the hour it took effect
    expires: str | None = None  # the latest report's word on the day it runs until (after any extension)


@dataclass
class TalksRound:
    id: str
    venue: str | None
    start: str | None
    end: str | None
    parties: list[str]
    mediators: list[str]
    outcome: str | None
    sources: list[Evidence]


@dataclass
class Links:
    """The link keys of incident events (see :mod:`components`): those they are filed under, those they look up."""

    filed: set[str] = field(default_factory=set)
    looked_up: set[str] = field(default_factory=set)

    def add(self, other: Links) -> None:
        self.filed |= other.filed
        self.looked_up |= other.looked_up


@dataclass
class Resolution:
    incidents: list[Incident]
    agreements: list[ResolvedAgreement]
    talks: list[TalksRound]  # ordered by start date
    parts: dict[str, tuple[str, str]] = field(default_factory=dict)  # incident id -> (block, component)
    units: dict[tuple[str, str], str] = field(default_factory=dict)  # (block, document) -> its component
    part_links: dict[tuple[str, str], Links] = field(default_factory=dict)  # (block, component) -> its keys
    days: dict[str, str] = field(default_factory=dict)  # document -> its resolution day (those in units)
    kept: dict[tuple[str, str], KeptPart] = field(default_factory=dict)  # what each part keeps for the next time
    diplomacy: DiplomacyUpdate | None = None  # how the agreements and talks were resolved (None: they were not)
    # Set when the parts went on from kept ones (see ceasefire.resolution.kept): ``incidents`` holds only the
    # incidents that changed; ``units`` and ``part_links`` only what is new.
    extended: bool = False
    renamed: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # kept part -> part it is in now
    replaced: list[str] = field(default_factory=list)  # ids of the kept parts' saved incidents that changed or went
