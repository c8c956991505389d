"""Read-side queries over the store: incidents by date, country, type and actor; quotes; daily counts.

Every filter maps onto an index (``incidents_country_date``, ``incidents_type_date``, the actor and
allegation indexes; ``incidents_timeline`` covers the date-and-party counts behind the status), so a
query over a store of 100,000 incidents stays well under a second.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ceasefire.resolution.model import CasualtyClaim, Incident
from ceasefire.storage.dialect import Connection, Dialect, dialect_of, placeholders
from ceasefire.storage.resolved import INCIDENT_COLUMNS, date_range, load_incidents

_LONGEST_DATE_SPAN = dt.timedelta(days=366)  # a date string covers at most a year ("2025")


@dataclass
class IncidentFilter:
    """Which incidents to return. Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; an incident matches
    when the period its date covers overlaps ``since``..``until``. ``parties``: any of them is actor1,
    actor2 or among those alleging it. ``newest_first`` with ``limit`` gives the latest incidents."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    event_type: str | None = None
    actor: str | None = None
    perpetrator: str | None = None  # actor1 only
    alleged_by: str | None = None
    parties: Sequence[str] = ()
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    disputed: bool = False  # only incidents whose claimants disagree on the toll
    unclaimed: bool = False  # only incidents no party is reported to allege
    located: bool | None = None  # True: only incidents with coordinates; False: only those without
    sort: str | None = None  # one of SORTS (a leading "-" for descending); overrides newest_first
    limit: int | None = None
    offset: int = 0  # with ``limit``: skip that many first (paging)
    newest_first: bool = False
    whole_period: bool = False  # only incidents whose date lies wholly in since..until ("2025-10" is not after 10-15)


def _where(query: IncidentFilter, dialect: Dialect) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if query.since:
        since = date_range(query.since)[0] or query.since
        floor = (dt.date.fromisoformat(since) - _LONGEST_DATE_SPAN).isoformat()
        if query.whole_period:
            clauses.append("date_start >= ?")
            params.append(since)
        else:
            clauses.append("date_start >= ? AND date_end >= ?")
            params += [floor, since]
    if query.until:
        clauses.append("date_start <= ?")
        params.append(date_range(query.until)[1] or query.until)
    if query.country:
        clauses.append("country = ?")
        params.append(query.country.upper())
    if query.event_type:
        clauses.append("(event_type = ? COLLATE NOCASE OR sub_event_type = ? COLLATE NOCASE)")
        params += [query.event_type, query.event_type]
    if query.actor:
        # Within a date range the timeline index (which covers both actors) is the fast path; the unary
        # plus keeps the planner from preferring the actor indexes, which for a frequent actor reach
        # tens of thousands of rows to be read and dated one by one.
        unindexed = dialect.unindexed if query.since or query.until else "{}"
        clauses.append(f"({unindexed.format('actor1')} = ? OR {unindexed.format('actor2')} = ?)")
        params += [query.actor, query.actor]
    if query.perpetrator:
        clauses.append("actor1 = ?")
        params.append(query.perpetrator)
    if query.alleged_by:
        clauses.append("id IN (SELECT incident_id FROM incident_allegations WHERE party = ?)")
        params.append(query.alleged_by)
    if query.bbox:
        min_lon, min_lat, max_lon, max_lat = query.bbox
        # Most boxes cover much of the data: telling the planner so lets a newest-first page walk the
        # timeline index and stop at LIMIT, instead of sorting every incident in the box.
        clauses.append(f"{dialect.likely.format('longitude BETWEEN ? AND ?')} AND "
                       f"{dialect.likely.format('latitude BETWEEN ? AND ?')}")
        params += [min_lon, max_lon, min_lat, max_lat]
    if query.disputed:
        clauses.append("disputed = 1")
    if query.unclaimed:
        clauses.append("id NOT IN (SELECT incident_id FROM incident_allegations)")
    if query.located is not None:
        clauses.append("latitude IS NOT NULL" if query.located else "latitude IS NULL")
    if query.parties:
        marks = placeholders(len(query.parties))
        clauses.append(f"(actor1 IN ({marks}) OR actor2 IN ({marks}) OR id IN (SELECT incident_id FROM "
                       f"incident_allegations WHERE party IN ({marks})))")
        params += list(query.parties) * 3
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def incidents(conn: Connection, query: IncidentFilter) -> list[Incident]:
    """Matching incidents, oldest first (undated ones last), with their sources and claims."""
    sql, params = _select(INCIDENT_COLUMNS, query, dialect_of(conn))
    return load_incidents(conn, conn.execute(sql, params).fetchall())


_SUMMARY_COLUMNS = ("id, event_type, sub_event_type, date, location, admin1, country, latitude, longitude, "
                    "geo_precision, actor1, actor2, alleged_by, fatalities_low, fatalities_best, fatalities_high, "
                    "disputed, source_count")


def incident_summaries(conn: Connection, query: IncidentFilter) -> list[dict[str, Any]]:
    """Matching incidents as JSON-ready rows for lists and maps: the number of sources rather than their
    evidence, and each claim in brief. Much lighter than :func:`incidents` for a page of results."""
    sql, params = _select(_SUMMARY_COLUMNS, query, dialect_of(conn))
    found: dict[str, dict[str, Any]] = {}
    for (id_, event_type, sub_event_type, date, location, admin1, country, lat, lon, precision, actor1, actor2,
         alleged_by, low, best, high, disputed, sources) in conn.execute(sql, params):
        place = ({"name": location or "", "admin1": admin1, "country": country, "lat": lat, "lon": lon,
                  "precision": precision or "exact"} if location or country else None)
        found[id_] = {"id": id_, "event_type": event_type, "sub_event_type": sub_event_type, "date": date,
                      "location": place, "actor1": actor1, "actor2": actor2, "alleged_by": json.loads(alleged_by),
                      "fatalities": {"low": low, "best": best, "high": high}, "disputed": bool(disputed),
                      "sources": sources, "claims": []}
    if found:
        marks = placeholders(len(found))
        for id_, claimant, killed, injured, victims, side in conn.execute(
                "SELECT incident_id, claimant, killed, injured, victims, side FROM incident_claims "
                f"WHERE incident_id IN ({marks}) ORDER BY incident_id, position", list(found)):
            found[id_]["claims"].append({"claimant": claimant, "killed": killed, "injured": injured,
                                         "victims": victims, "side": side})
    return list(found.values())


# What a list of incidents can be sorted by: the column, unknown values last either way.
SORTS = {"date": "date_start", "killed": "fatalities_best", "type": "event_type", "place": "location",
         "country": "country", "sources": "source_count"}


def _order(query: IncidentFilter) -> str:
    if query.sort:
        column = SORTS[query.sort.lstrip("-")]
        direction = "DESC" if query.sort.startswith("-") else "ASC"
        return f"{column} IS NULL, {column} {direction}, date_start DESC, id"
    return "date_start DESC, id" if query.newest_first else "date_start IS NULL, date_start, id"


def _select(columns: str, query: IncidentFilter, dialect: Dialect) -> tuple[str, list[Any]]:
    where, params = _where(query, dialect)
    order = _order(query)
    sql = f"SELECT {columns} FROM incidents{where} ORDER BY {order}"
    if query.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [query.limit, query.offset]
    return sql, params


def count_incidents(conn: Connection, query: IncidentFilter) -> tuple[int, int]:
    """How many incidents match, and how many of them have a disputed toll."""
    where, params = _where(query, dialect_of(conn))
    row = conn.execute(f"SELECT count(*), coalesce(sum(disputed), 0) FROM incidents{where}", params).fetchone()
    return row[0], row[1]


def count_matching(conn: Connection, query: IncidentFilter) -> int:
    """How many incidents match (answered from the covering indexes)."""
    where, params = _where(query, dialect_of(conn))
    return conn.execute(f"SELECT count(*) FROM incidents{where}", params).fetchone()[0]


def daily_counts(conn: Connection, query: IncidentFilter) -> dict[str, int]:
    """Incidents per day, for those dated to the day (month- or year-dated ones have no place on a timeline)."""
    where, params = _where(query, dialect_of(conn))
    where = (where + " AND " if where else " WHERE ") + "length(date) = 10"
    rows = conn.execute(f"SELECT date_start, count(*) FROM incidents{where} GROUP BY date_start", params)
    return dict(rows.fetchall())


def monthly_counts(conn: Connection, query: IncidentFilter) -> dict[str, int]:
    """Incidents per month, for those dated only to the month ("in October"): a timeline shows them apart."""
    where, params = _where(query, dialect_of(conn))
    where = (where + " AND " if where else " WHERE ") + "length(date) = 7"
    rows = conn.execute(f"SELECT date, count(*) FROM incidents{where} GROUP BY date", params)
    return dict(rows.fetchall())


def fatality_sums(conn: Connection, query: IncidentFilter) -> dict[str, int]:
    """How many incidents match and their summed low / best / high fatality figures."""
    where, params = _where(query, dialect_of(conn))
    row = conn.execute("SELECT count(*), coalesce(sum(fatalities_low), 0), coalesce(sum(fatalities_best), 0), "
                       f"coalesce(sum(fatalities_high), 0) FROM incidents{where}", params).fetchone()
    return dict(zip(("incidents", "low", "best", "high"), row, strict=True))


@dataclass
class ClaimTotal:
    """What one claimant says the incidents cost, over the incidents it gives figures for."""

    claimant: str | None
    incidents: int
    killed: int
    injured: int


def claim_totals(conn: Connection, query: IncidentFilter) -> list[ClaimTotal]:
    """Per claimant, the sum of its figures over the matching incidents (its highest figure per incident,
    as a claimant's toll only grows as more reports come in)."""
    where, params = _where(query, dialect_of(conn))
    rows = conn.execute(
        "SELECT claimant, count(*), coalesce(sum(killed), 0), coalesce(sum(injured), 0) FROM ("
        "SELECT incident_id, claimant, max(killed) AS killed, max(injured) AS injured FROM incident_claims "
        f"WHERE incident_id IN (SELECT id FROM incidents{where}) GROUP BY incident_id, claimant) AS per_incident "
        "GROUP BY claimant ORDER BY claimant IS NULL, claimant", params)
    return [ClaimTotal(*row) for row in rows]


@dataclass
class StoredQuote:
    speaker: str
    text: str
    evidence: str
    span: tuple[int, int]
    doc_key: str
    publisher: str | None
    published: str | None
    url: str | None


def quotes(conn: Connection, *, until: str | None = None, speaker: str | None = None) -> list[StoredQuote]:
    """Every stored quote, newest report first; ``until`` drops reports published after that date."""
    sql = ("SELECT items.data, items.doc_key, documents.publisher, documents.published, documents.url "
           "FROM items JOIN documents USING (doc_key) WHERE items.section = 'quotes'")
    params: list[Any] = []
    if until:
        sql += " AND (documents.published IS NULL OR documents.published <= ?)"
        params.append(date_range(until)[1] or until)
    found = []
    for data, doc_key, publisher, published, url in conn.execute(
            sql + " ORDER BY documents.published DESC, items.doc_key, items.position", params):
        item = json.loads(data)
        if speaker and item.get("speaker") != speaker:
            continue
        found.append(StoredQuote(speaker=item.get("speaker") or "", text=item.get("text") or "",
                                 evidence=item.get("evidence") or "", span=tuple(item.get("span") or (0, 0)),
                                 doc_key=doc_key, publisher=publisher, published=published, url=url))
    return found


def incident_row(incident: Incident) -> dict[str, Any]:
    """One flat row per incident (for CSV and DataFrames): lists joined with '; ', claims summarised."""
    place = incident.location
    return {
        "id": incident.id, "date": incident.date, "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type, "actor1": incident.actor1, "actor2": incident.actor2,
        "alleged_by": "; ".join(incident.alleged_by),
        "location": place.name if place else None, "admin1": place.admin1 if place else None,
        "country": place.country if place else None, "latitude": place.lat if place else None,
        "longitude": place.lon if place else None, "geo_precision": place.precision if place else None,
        "fatalities_low": incident.fatalities_low, "fatalities_best": incident.fatalities_best,
        "fatalities_high": incident.fatalities_high, "disputed": incident.disputed,
        "claims": "; ".join(claim_summary(c) for c in incident.claims),
        "sources": "; ".join(sorted({s.publisher or s.doc_id for s in incident.sources})),
        "source_count": len(incident.sources),
    }


def claim_summary(claim: CasualtyClaim) -> str:
    """``"Afghanistan: 12 killed, 30 injured"``: who claims what, in a few words."""
    figures = []
    if claim.killed is not None:
        figures.append(f"{'~' if claim.approximate else ''}{claim.killed} killed")
    if claim.injured is not None:
        figures.append(f"{claim.injured} injured")
    return f"{claim.claimant or 'reported'}: {', '.join(figures) or 'no figure'}"


def to_frame(rows: list[dict[str, Any]]) -> Any:
    """A pandas DataFrame of ``rows``; a clear error when pandas is not installed."""
    try:
        import pandas
    except ImportError as err:
        raise ImportError("DataFrames need pandas: pip install pandas") from err
    return pandas.DataFrame.from_records(rows)



def counts_as_of(conn: Connection, as_of: str) -> tuple[int, int]:
    """(documents published by ``as_of`` or undated, incidents a report by then told of)."""
    documents = conn.execute("SELECT count(*) FROM documents WHERE published IS NULL OR published <= ?",
                             (as_of,)).fetchone()[0]
    incidents = conn.execute("SELECT count(*) FROM incidents WHERE EXISTS (SELECT 1 FROM incident_sources s "
                             "WHERE s.incident_id = incidents.id AND (s.published IS NULL OR s.published <= ?))",
                             (as_of,)).fetchone()[0]
    return documents, incidents
