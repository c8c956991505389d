"""The views the HTTP API and the dashboard show, as plain JSON-ready data.

Both the API and the pages call these functions, so the web layer holds no domain logic.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ceasefire.analysis.status import ceasefire_status
from ceasefire.ingestion.inputs import ReportInput
from ceasefire.storage import browsing, queries
from ceasefire.storage.queries import IncidentFilter
from ceasefire.storage.store import Store, content_hash

TIMELINE_AGREEMENTS = 20  # the most reported agreements whose life the timeline marks


def selection(store: Store, *, since: str | None = None, until: str | None = None, country: str | None = None,
              event_type: str | None = None, actor: str | None = None, agreement: str | None = None,
              bbox: str | None = None, disputed: bool = False, located: bool | None = None,
              sort: str | None = None) -> IncidentFilter:
    """An incident filter from request parameters. ``agreement`` narrows to incidents involving its
    parties since it took effect; ``bbox`` is ``min_lon,min_lat,max_lon,max_lat``; ``sort`` one of
    ``queries.SORTS``, "-" before it for descending."""
    if sort and sort.lstrip("-") not in queries.SORTS:
        raise ValueError(f"sort must be one of {', '.join(queries.SORTS)} (with - for descending), not {sort!r}")
    parties: list[str] = []
    if agreement:
        found = [a for a in store.agreements() if agreement in (a.id, a.name)]
        if not found:
            raise ValueError(f"no agreement {agreement!r}")
        parties = found[0].parties
        since = since or found[0].effective
    return IncidentFilter(since=since, until=until, country=country, event_type=event_type, actor=actor,
                          parties=parties, bbox=parse_bbox(bbox), disputed=disputed, located=located, sort=sort)


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    try:
        min_lon, min_lat, max_lon, max_lat = (float(v) for v in text.split(","))
    except ValueError as err:
        raise ValueError(f"bbox must be min_lon,min_lat,max_lon,max_lat, not {text!r}") from err
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ValueError(f"bbox {text!r} is not a valid box")
    return min_lon, min_lat, max_lon, max_lat


def incident_page(store: Store, query: IncidentFilter, *, limit: int, offset: int) -> dict[str, Any]:
    """One page of matching incidents (newest first unless ``query.sort`` says otherwise), how many match in
    all, and how many of those have no coordinates (a map cannot show them; a list must)."""
    conn = store.connection
    total = queries.count_matching(conn, query)
    unmapped = (total if query.located is False
                else queries.count_matching(conn, dataclasses.replace(query, located=False)))
    page = dataclasses.replace(query, limit=limit, offset=offset, newest_first=True)
    items = queries.incident_summaries(conn, page)
    return {"total": total, "unmapped": unmapped, "limit": limit, "offset": offset, "items": items}


def incident_detail(store: Store, incident_id: str) -> dict[str, Any] | None:
    incident = browsing.incident_by_id(store.connection, incident_id)
    if incident is None:
        return None
    detail = dataclasses.asdict(incident)
    detail["fatalities"] = {"low": incident.fatalities_low, "best": incident.fatalities_best,
                            "high": incident.fatalities_high}
    return detail


def incident_moved_to(store: Store, incident_id: str) -> str | None:
    """The id an incident id now answers under, when its incident was merged into another."""
    return browsing.incident_alias(store.connection, incident_id)


def timeline(store: Store, query: IncidentFilter) -> dict[str, Any]:
    """Incidents per day and, apart, those dated only to a month; and the days to mark: each agreement taking
    effect, extended and ending, and each round of talks."""
    days = sorted(queries.daily_counts(store.connection, query).items())
    months = sorted(queries.monthly_counts(store.connection, query).items())
    markers = []
    for a in ceasefire_status(store, limit=TIMELINE_AGREEMENTS).agreements:
        title = a.name or f"{a.kind.replace('_', ' ')} ({' – '.join(a.parties) or 'parties unknown'})"
        markers.append({"date": a.in_force_from, "label": f"{title} in force", "kind": "agreement"})
        markers += [{"date": x.agreed, "label": f"{title} extended" + (f" to {x.until}" if x.until else ""),
                     "kind": "extension"} for x in a.extensions]
        if a.ended:
            markers.append({"date": a.ended, "label": f"{title} {(a.status or 'ended').replace('_', ' ')}",
                            "kind": "end"})
    markers += [{"date": t.start, "label": f"talks in {t.venue}" if t.venue else "talks", "kind": "talks"}
                for t in store.talks() if t.start]
    markers = [m for m in markers if m["date"] and len(m["date"]) == 10]
    return {"days": [{"date": d, "count": n} for d, n in days],
            "months": [{"month": m, "count": n} for m, n in months],
            "markers": sorted(markers, key=lambda m: m["date"])}


def casualty_tallies(store: Store, query: IncidentFilter) -> dict[str, Any]:
    """Deaths over the matching incidents (low / best / high) and each claimant's own totals."""
    sums = queries.fatality_sums(store.connection, query)
    per_claimant = [dataclasses.asdict(t) for t in queries.claim_totals(store.connection, query)]
    return {"incidents": sums.pop("incidents"), "fatalities": sums, "per_claimant": per_claimant}


def filter_options(store: Store) -> dict[str, list[str]]:
    return browsing.filter_choices(store.connection)


def document_page(store: Store, *, limit: int, offset: int) -> dict[str, Any]:
    total, items = browsing.document_rows(store.connection, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def document_detail(store: Store, doc_key: str) -> dict[str, Any] | None:
    return browsing.document_with_items(store.connection, doc_key)


def search_documents(store: Store, text: str, *, limit: int) -> list[dict[str, Any]]:
    return browsing.search_texts(store.connection, text, limit)


def remove_document(store: Store, doc_id: str) -> bool:
    """Take one document out of the store (what ``DELETE /api/documents/{id}`` does); whether it was there."""
    from ceasefire.ingestion.ingest import remove

    removed, _unknown, failure = remove(store, [doc_id])
    if failure:
        raise RuntimeError(f"resolution failed after removing {doc_id}: {failure}")
    return bool(removed)


def ingest_text(store: Store, *, text: str, published: str | None = None, url: str | None = None,
                title: str | None = None, publisher: str | None = None) -> dict[str, Any]:
    """Ingest one report given as text (what ``POST /api/documents`` does); a duplicate adds nothing."""
    from ceasefire import default_extractor
    from ceasefire.ingestion.ingest import ingest_inputs

    report = ReportInput(text=text, published=published, url=url, title=title, publisher=publisher)
    summary = ingest_inputs([report], store, default_extractor())
    if summary.failed:
        raise ValueError(summary.failed[0][1])
    doc_key = store.find_duplicate(url=url, text_hash=content_hash(text))
    return {"id": doc_key, "ingested": summary.ingested, "duplicate": summary.duplicates > 0}
