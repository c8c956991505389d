"""Entry point of cross-report resolution: many document records in, one :class:`Resolution` out.

Reports are taken in order of publication (unknown dates last), then document id, so the result
does not depend on the order the store hands them over and the ids (derived from each item's first
source) stay put when later reports arrive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from ceasefire.resolution.claims import attach_claims, casualties_by_event
from ceasefire.resolution.common import UNDATED, source_order
from ceasefire.resolution.components import Part, Unit, components, part_links, units_in
from ceasefire.resolution.diplomacy import resolve_diplomacy
from ceasefire.resolution.incidents import Member, build_incident, cluster_events, members_of
from ceasefire.resolution.model import Incident, Links, Resolution, ResolvedAgreement, SourcedRecord, TalksRound

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
    return _resolution(ordered, units_in(ordered), ordered)


def resolve_part(records: list[SourcedRecord], units: set[Unit]) -> Resolution:
    """What changed reports make resolve again: the incidents of ``units`` (whole components, and the
    changed reports' units) from ``records`` (every record with a unit among them). Equal, for those
    parts, to :func:`resolve` over all records; agreements and talks are resolved again apart (see
    :func:`~ceasefire.resolution.diplomacy.resolve_diplomacy`)."""
    ordered = sorted(records, key=source_order)
    return _resolution(ordered, units_in(ordered, units), None)


def _resolution(ordered: list[SourcedRecord], units: dict[Unit, Links],
                diplomacy: list[SourcedRecord] | None) -> Resolution:
    component = components(units)
    parts = resolve_parts(ordered, component)
    incidents = [incident for found in parts.values() for incident in found]
    first = {id(i): (i.sources[0].published or UNDATED, i.sources[0].doc_id, i.sources[0].span) for i in incidents}
    update = resolve_diplomacy(diplomacy) if diplomacy is not None else None
    return Resolution(
        incidents=sorted(incidents, key=lambda i: first[id(i)]),  # in order of first report
        agreements=list(update.state.agreements.resolved().values()) if update else [],
        talks=update.state.talks.resolved_in_order() if update else [],
        parts={incident.id: part for part, found in parts.items() for incident in found},
        units=component,
        part_links=part_links(units, component),
        diplomacy=update,
    )


def resolve_parts(ordered: list[SourcedRecord], component: dict[Unit, str]) -> dict[Part, list[Incident]]:
    """The incidents of each part (a block's component) that the units of ``component`` make up, from
    ``ordered`` (in resolution order); each part's incidents depend on its events alone."""
    attached = {}
    for source in ordered:
        attached.update(casualties_by_event(source))
    resolved = {}
    for block, members in members_of(ordered, set(component)).items():
        by_part: dict[Part, list[Member]] = {}
        for member in members:
            by_part.setdefault((block, component[(block, member.source.doc_id)]), []).append(member)
        for part, part_members in by_part.items():
            incidents = []
            for cluster in cluster_events(part_members):
                incident = build_incident(cluster)
                attach_claims(incident, cluster, attached)
                incidents.append(incident)
            resolved[part] = _unique_ids(incidents)
    return resolved


def _unique_ids(items: list[T]) -> list[T]:
    """Two items whose first sources coincide (one sentence, same details) get ``-2``, ``-3`` suffixes."""
    seen: dict[str, int] = {}
    for item in items:
        seen[item.id] = seen.get(item.id, 0) + 1
        if seen[item.id] > 1:
            item.id = f"{item.id}-{seen[item.id]}"
    return items
