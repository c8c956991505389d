"""Entry point of cross-report resolution: many document records in, one :class:`Resolution` out.

Reports are taken in order of publication (unknown dates last), then document id, so the result
does not depend on the order the store hands them over and the ids (derived from each item's first
source) stay put when later reports arrive.
"""

from __future__ import annotations

from ceasefire.resolution.claims import attach_claims, casualties_by_event
from ceasefire.resolution.common import source_order
from ceasefire.resolution.diplomacy import resolve_agreements, resolve_talks
from ceasefire.resolution.incidents import build_incident, cluster_events
from ceasefire.resolution.model import Incident, Resolution, SourcedRecord


def resolve(records: list[SourcedRecord]) -> Resolution:
    """Resolve the records of many reports into incidents, agreements and talks rounds."""
    ordered = sorted(records, key=source_order)
    return Resolution(
        incidents=resolve_incidents(ordered),
        agreements=resolve_agreements(ordered),
        talks=resolve_talks(ordered),
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
