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
from ceasefire.resolution.incidents import build_incident, cluster_events
from ceasefire.resolution.model import Incident, Resolution, ResolvedAgreement, SourcedRecord, TalksRound

if TYPE_CHECKING:
    from ceasefire.extraction.actors import ActorTable

T = TypeVar("T", Incident, ResolvedAgreement, TalksRound)


def resolve(records: list[SourcedRecord], actors: ActorTable | None = None) -> Resolution:
    """Resolve the records of many reports into incidents, agreements and talks rounds.

    With an actor table, actor names are first made canonical (:mod:`canonical`), for records that
    did not come from this project's extractor; the input records are not changed.
    """
    if actors is not None:
        from ceasefire.resolution.canonical import canonicalise  # the actor table's module loads spaCy

        records = canonicalise(records, actors)
    ordered = sorted(records, key=source_order)
    return Resolution(
        incidents=_unique_ids(resolve_incidents(ordered)),
        agreements=_unique_ids(resolve_agreements(ordered)),
        talks=_unique_ids(resolve_talks(ordered)),
    )


def resolve_incidents(ordered: list[SourcedRecord]) -> list[Incident]:
    """Incidents with their sources and casualty claims, in order of first report."""
    attached = {}
    for source in ordered:
        attached.update(casualties_by_event(source))
    incidents = []
    for cluster in cluster_events(ordered):
        incident = build_incident(cluster)
        attach_claims(incident, cluster, attached)
        incidents.append(incident)
    return incidents


def _unique_ids(items: list[T]) -> list[T]:
    """Two items whose first sources coincide (one sentence, same details) get ``-2``, ``-3`` suffixes."""
    seen: dict[str, int] = {}
    for item in items:
        seen[item.id] = seen.get(item.id, 0) + 1
        if seen[item.id] > 1:
            item.id = f"{item.id}-{seen[item.id]}"
    return items
