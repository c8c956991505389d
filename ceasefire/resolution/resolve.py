"""Entry point of cross-report resolution: many document records in, one :class:`Resolution` out.

Reports are taken in order of publication (unknown dates last), then document id, so the result
does not depend on the order the store hands them over and the ids (derived from each item's first
source) stay put when later reports arrive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from ceasefire.resolution.claims import attach_claims, casualties_by_event
from ceasefire.resolution.common import source_order
from ceasefire.resolution.diplomacy import resolve_agreements, resolve_talks
from ceasefire.resolution.incidents import blocks_of, build_incident, cluster_events
from ceasefire.resolution.model import Incident, Resolution, ResolvedAgreement, SourcedRecord, TalksRound

if TYPE_CHECKING:
    from ceasefire.extraction.actors.stage import ActorTable

T = TypeVar("T", Incident, ResolvedAgreement, TalksRound)
# what each part of resolution reads of a record (the rest of it need not be loaded)
INCIDENT_SECTIONS = ("events", "casualties")
DIPLOMACY_SECTIONS = ("events", "agreements", "talks")  # events: the countries a report's incidents are in


def resolve(records: list[SourcedRecord], actors: ActorTable | None = None) -> Resolution:
    """Resolve the records of many reports into incidents, agreements and talks rounds.

    With an actor table, actor names are first made canonical (:mod:`canonical`), for records that
    did not come from this project's extractor; the input records are not changed.
    """
    if actors is not None:
        from ceasefire.resolution.canonical import canonicalise  # the actor table's module loads spaCy

        records = canonicalise(records, actors)
    ordered = sorted(records, key=source_order)
    return _resolution(resolve_blocks(ordered), ordered)


def resolve_part(records: list[SourcedRecord], blocks: set[str], diplomacy: list[SourcedRecord]) -> Resolution:
    """What a new report makes resolve again: the incidents of ``blocks`` from ``records`` (every
    record with an event in them), and every agreement and talks round from ``diplomacy`` (every
    record that mentions one). Equal, for those parts, to :func:`resolve` over all records."""
    return _resolution(resolve_blocks(sorted(records, key=source_order), blocks),
                       sorted(diplomacy, key=source_order))


def _resolution(blocks: dict[str, list[Incident]], diplomacy: list[SourcedRecord]) -> Resolution:
    incidents = [incident for block in blocks.values() for incident in block]
    first = {id(i): (i.sources[0].published or "9999", i.sources[0].doc_id, i.sources[0].span) for i in incidents}
    return Resolution(
        incidents=sorted(incidents, key=lambda i: first[id(i)]),  # in order of first report
        agreements=_unique_ids(resolve_agreements(diplomacy)),
        talks=_unique_ids(resolve_talks(diplomacy)),
        blocks={incident.id: block for block, found in blocks.items() for incident in found},
    )


def resolve_blocks(ordered: list[SourcedRecord], only: set[str] | None = None) -> dict[str, list[Incident]]:
    """The incidents of each block (see :mod:`incidents`), of every block the records' events fall in
    or of ``only`` those; each block's incidents depend on its events alone."""
    attached = {}
    for source in ordered:
        attached.update(casualties_by_event(source))
    resolved = {}
    for block, members in blocks_of(ordered, only).items():
        incidents = []
        for cluster in cluster_events(members):
            incident = build_incident(cluster)
            attach_claims(incident, cluster, attached)
            incidents.append(incident)
        resolved[block] = _unique_ids(incidents)
    return resolved


def _unique_ids(items: list[T]) -> list[T]:
    """Two items whose first sources coincide (one sentence, same details) get ``-2``, ``-3`` suffixes."""
    seen: dict[str, int] = {}
    for item in items:
        seen[item.id] = seen.get(item.id, 0) + 1
        if seen[item.id] > 1:
            item.id = f"{item.id}-{seen[item.id]}"
    return items
