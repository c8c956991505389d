"""Entry point of cross-report resolution: many document records in, one :class:`Resolution` out.

Reports are taken in order of publication (unknown dates last), then document id, so the result
does not depend on the order the store hands them over and the ids (derived from each item's first
source) stay put when later reports arrive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ceasefire.records import Event
from ceasefire.resolution.claims import attach_claims, casualties_by_event, event_claims
from ceasefire.resolution.common import UNDATED, clean_date, evidence_of, published_of, source_order
from ceasefire.resolution.components import Part, Unit, components, part_links, units_in
from ceasefire.resolution.diplomacy import resolve_diplomacy
from ceasefire.resolution.incidents import FirstPass, Member, block_of, build_incident, incident_id
from ceasefire.resolution.kept import KeptPart, boundary_for, digest, dump_clusters, load_clusters, newest_day
from ceasefire.resolution.model import Incident, Links, Resolution, SourcedRecord

if TYPE_CHECKING:
    from ceasefire.extraction.actors.stage import ActorTable

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


def extend_parts(records: list[SourcedRecord], new: dict[Unit, Links], replayed: dict[Unit, Part],
                 kept: dict[Part, KeptPart], kept_links: dict[Part, Links]) -> Resolution:
    """New reports' incidents placed among those of the ``kept`` parts they may join (see :mod:`kept`): every
    new unit (with its links, see :func:`~ceasefire.resolution.components.units_in`) sorts on or after the
    boundaries of those parts. ``records``: the new reports, and the reports of the ``replayed`` units (the kept
    parts' units from their boundaries on, with their part). The result lists only the incidents that changed;
    for the parts it touches it equals :func:`resolve` over all records."""
    ordered = sorted(records, key=source_order)
    component = components({**kept_links, **new})  # a kept part is linked within; new units may join parts
    names: dict[Part, str] = {}  # a part keeps its name as it grows; parts that merge keep the smallest of theirs
    for block, name in kept_links:
        now = (block, component[(block, name)])
        names[now] = min(names.get(now, name), name)
    component = {unit: names.get((unit[0], name), name) for unit, name in component.items()}
    renamed = {part: (part[0], component[part]) for part in kept_links if component[part] != part[1]}
    placed = {unit: component[unit] for unit in new} | {unit: component[part] for unit, part in replayed.items()}
    went_on: dict[Part, list[KeptPart]] = {}
    for part, state in kept.items():
        went_on.setdefault((part[0], component[part]), []).append(state)
    resolution = _resolution(ordered, new, None, placed, went_on)
    resolution.extended, resolution.renamed = True, renamed
    for part in renamed.values():  # the store holds its clusters under another name
        resolution.kept[part].stored = False
    listed = {incident.id for incident in resolution.incidents}  # those that changed or are new
    now = {made_id for state in resolution.kept.values() for made_id in state.incidents}
    resolution.replaced = sorted({made_id for state in kept.values() for made_id in state.incidents
                                  if made_id in listed or made_id not in now})
    for part, renamed_to in renamed.items():  # its keys are saved under its new name
        resolution.part_links.setdefault(renamed_to, Links()).add(kept_links[part])
    return resolution


def _resolution(ordered: list[SourcedRecord], units: dict[Unit, Links], diplomacy: list[SourcedRecord] | None,
                placed: dict[Unit, str] | None = None, kept: dict[Part, list[KeptPart]] | None = None) -> Resolution:
    """The incidents of the parts the ``placed`` units (unit -> component; ``units``, in their components,
    when None) are in, going on from the ``kept`` states of each part."""
    placed = components(units) if placed is None else placed
    parts, states = resolve_parts(ordered, placed, kept or {})
    incidents = [incident for found in parts.values() for incident in found]
    first = {id(i): (i.sources[0].published or UNDATED, i.sources[0].doc_id, i.sources[0].span) for i in incidents}
    update = resolve_diplomacy(diplomacy) if diplomacy is not None else None
    return Resolution(
        incidents=sorted(incidents, key=lambda i: first[id(i)]),  # in order of first report
        agreements=list(update.state.agreements.resolved().values()) if update else [],
        talks=update.state.talks.resolved_in_order() if update else [],
        parts={incident.id: part for part, found in parts.items() for incident in found},
        units={unit: placed[unit] for unit in units},
        part_links=part_links(units, placed),
        days={source.doc_id: source_order(source)[0] for source in ordered},
        kept=states,
        diplomacy=update,
    )


def resolve_parts(ordered: list[SourcedRecord], component: dict[Unit, str],
                  kept: dict[Part, list[KeptPart]]) -> tuple[dict[Part, list[Incident]], dict[Part, KeptPart]]:
    """The incidents of each part (a block's component) that the units of ``component`` make up, from
    ``ordered`` (in resolution order) and the ``kept`` states the part goes on from; and what each part keeps.
    Each part's incidents depend on its events alone."""
    resolved, states = {}, {}
    for block, members in members_of(ordered, set(component)).items():
        by_part: dict[Part, list[Member]] = {}
        for member in members:
            by_part.setdefault((block, component[(block, member.doc_id)]), []).append(member)
        for part, part_members in by_part.items():
            resolved[part], states[part] = _resolve_part(part_members, kept.get(part, []))
    return resolved, states


def _resolve_part(members: list[Member], kept: list[KeptPart]) -> tuple[list[Incident], KeptPart]:
    """The incidents of one part's ``members`` (in resolution order) placed after the ``kept`` clusters, and
    what the part keeps now. Incidents that come out as a kept state saved them are left out."""
    clustering = FirstPass(cluster for state in kept for cluster in load_clusters(state.clusters))
    newest = newest_day([state.newest for state in kept] + [member.order[0] for member in members])
    boundary = boundary_for(newest, max((state.boundary for state in kept), default=""), len(members))
    before, unchanged = None, False  # the clusters when the first event from the boundary on comes
    for n, member in enumerate(members):
        if before is None and member.order[0] >= boundary:
            unchanged = n == 0 and len(kept) == 1 and kept[0].boundary == boundary
            before = kept[0].clusters if unchanged else dump_clusters(clustering.clusters)
        clustering.place(member)
    before = dump_clusters(clustering.clusters) if before is None else before
    saved = {incident_id: made for state in kept for incident_id, made in state.incidents.items()}
    made, incidents, seen = {}, [], {}
    for cluster in clustering.merged():
        first = incident_id(cluster)
        seen[first] = seen.get(first, 0) + 1  # two incidents first told alike in one sentence: -2, -3
        made_id = first if seen[first] == 1 else f"{first}-{seen[first]}"
        made[made_id] = digest(cluster)
        if saved.get(made_id) != made[made_id]:
            incident = build_incident(cluster, made_id)
            attach_claims(incident, cluster)
            incidents.append(incident)
    return incidents, KeptPart(boundary, newest, before, made, stored=unchanged and kept[0].stored)


def members_of(ordered: list[SourcedRecord], units: set[Unit]) -> dict[str, list[Member]]:
    """The events of the ``units`` (block, document key) of ``ordered`` (sources in resolution order) by block,
    each block in resolution order, with the casualty figures each carries."""
    blocks: dict[str, list[Member]] = {}
    for source in ordered:
        published = published_of(source)
        key = source_order(source)
        attached = None
        for n, event in enumerate(sorted(source.record.events, key=_span_of)):
            block = block_of(event, published)
            if (block, source.doc_id) not in units:
                continue
            attached = casualties_by_event(source) if attached is None else attached
            evidence = evidence_of(source, event.span, event.evidence, published)
            claims = event_claims(source, event, evidence, attached.get(id(event), []))
            blocks.setdefault(block, []).append(Member(source.doc_id, source.publisher, event, evidence,
                                                       clean_date(event.date), (*key, n), claims))
    return blocks


def _span_of(event: Event) -> tuple[int, int]:
    return tuple(event.span)
