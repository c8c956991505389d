"""Allegations and their verification.

A party's liaison, a monitor or the chair submits an alleged violation (:func:`submit`); it moves
alleged -> under investigation (a monitor takes it up) -> substantiated, not substantiated or unable to
verify (the chair's ruling, with the attribution -- a party or "undetermined" -- and a written finding; the
reason is required when the ruling is "unable to verify"). A ruled allegation is published by the chair.
Every move is a row of ``allegation_transitions`` (who, when, a note); a move the table of
:data:`~ceasefire.mechanism.vocabulary.MOVES` does not allow is refused. Incidents from the reports that
may be the same event are suggested (:func:`suggest_incidents`) and linked when a monitor confirms one.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import secrets
from dataclasses import dataclass
from typing import Any

from ceasefire.geo import haversine_km
from ceasefire.mechanism import audit
from ceasefire.mechanism.access import Account, may_see, own_side, require
from ceasefire.mechanism.vocabulary import (
    CATEGORIES,
    MAX_NAME,
    MOVES,
    OBSERVED,
    PRECISIONS,
    RULINGS,
    SOURCES,
    STATES,
    UNDETERMINED,
    AccessDenied,
    MechanismInputError,
    NotFound,
    checked_text,
)
from ceasefire.storage.dialect import Connection
from ceasefire.storage.queries import IncidentFilter, incident_summaries
from ceasefire.storage.store import Store, now_iso

SUGGEST_DAYS = 2  # incidents this many days either side of the allegation's day may be the same event
SUGGEST_KM = 50


@dataclass
class AllegationIn:
    """What a submission gives. ``area`` is a GeoJSON geometry for an allegation about an area."""

    alleged_by: str
    against: str | None
    occurred_on: str
    category: str
    observed: str
    description: str
    latitude: float | None = None
    longitude: float | None = None
    area: dict[str, Any] | None = None
    place: str | None = None
    precision: str = "exact"
    killed: int | None = None
    injured: int | None = None
    agreement_id: str | None = None
    source: str | None = None  # party, monitor, public or patrol; a liaison's submissions are its party's


def submit(store: Store, account: Account, data: AllegationIn, *, today: dt.date | None = None) -> str:
    """Record an alleged violation; its id."""
    require(account, "submit")
    source = "party" if account.role == "liaison" else (data.source or "monitor")
    if source not in SOURCES:
        raise MechanismInputError("source", f"{source!r} is not one of {', '.join(SOURCES)}")
    alleged_by = _name("alleged_by", data.alleged_by, required=True)
    if not own_side(account, alleged_by):
        raise AccessDenied(f"{account.name} submits for its own side ({account.party}) only, not for {alleged_by}")
    row = {
        "id": f"alg-{secrets.token_hex(6)}", "agreement_id": _agreement(store, data.agreement_id),
        "source": source, "submitted_by": account.name, "submitted_at": now_iso(), "alleged_by": alleged_by,
        "against": _name("against", data.against), "occurred_on": _day(store, data, today or dt.date.today()),
        **_where(data), "category": _choice("category", data.category, CATEGORIES),
        "observed": _choice("observed", data.observed, OBSERVED),
        "killed": _count("killed", data.killed), "injured": _count("injured", data.injured),
        "description": checked_text("description", data.description, required=True), "state": "alleged",
        "attribution": None, "finding": None, "reason": None, "adjudicator": None, "ruled_at": None,
        "published_at": None,
    }
    with store.write() as conn:
        conn.execute(f"INSERT INTO allegations ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                     list(row.values()))
        audit.record(conn, account.name, "submit", "allegation", row["id"])
        _add_transition(conn, account, row["id"], None, "alleged", "submitted")
    return row["id"]


def allegation(store: Store, account: Account, allegation_id: str) -> dict[str, Any]:
    """One allegation the account may see, with its history, linked incidents and files."""
    row = _as_read(visible_row(store, account, allegation_id), account)
    conn = store.connection
    row["transitions"] = [dict(zip(("from_state", "to_state", "account", "at", "note"), t, strict=True))
                          for t in conn.execute("SELECT from_state, to_state, account, at, note FROM "
                                                "allegation_transitions WHERE allegation_id = ? ORDER BY position",
                                                (allegation_id,))]
    row["incidents"] = [r[0] for r in conn.execute(
        "SELECT incident_id FROM allegation_links WHERE allegation_id = ? ORDER BY incident_id", (allegation_id,))]
    row["files"] = [dict(zip(("sha256", "name", "media_type", "size"), f, strict=True)) for f in conn.execute(
        "SELECT f.sha256, f.name, b.media_type, b.size FROM allegation_files f JOIN mechanism_blobs b "
        "USING (sha256) WHERE f.allegation_id = ? ORDER BY f.added_at", (allegation_id,))]
    row["terms"] = _against_terms(store, row)
    return row


def allegations(store: Store, account: Account, *, state: str | None = None,
                published_only: bool = False) -> list[dict[str, Any]]:
    """The allegations the account may see, newest first."""
    if state is not None and state not in STATES:
        raise MechanismInputError("state", f"{state!r} is not one of {', '.join(STATES)}")
    sql = "SELECT * FROM allegations"
    params: list[Any] = []
    clauses = []
    if state:
        clauses.append("state = ?")
        params.append(state)
    if published_only:
        clauses.append("published_at IS NOT NULL")
    cursor = store.connection.execute(sql + (" WHERE " + " AND ".join(clauses) if clauses else "")
                                      + " ORDER BY occurred_on DESC, submitted_at DESC", params)
    columns = [c[0] for c in cursor.description]
    rows = [dict(zip(columns, r, strict=True)) for r in cursor]
    visible = [r for r in rows if may_see(account, r)]
    names: dict[str, list[str]] = {}
    for allegation_id, name in store.connection.execute("SELECT allegation_id, name FROM allegation_files "
                                                        "ORDER BY added_at"):
        names.setdefault(allegation_id, []).append(name)
    for row in visible:
        row["files"] = names.get(row["id"], [])  # their names; the files themselves through attached()
    return [_as_read(row, account) for row in visible]


def investigate(store: Store, account: Account, allegation_id: str, note: str | None = None) -> None:
    """A monitor takes the allegation up: alleged -> under investigation."""
    require(account, "investigate")
    _move(store, account, allegation_id, "under_investigation", checked_text("note", note))


def draft(store: Store, account: Account, allegation_id: str, *, finding: str, attribution: str | None) -> None:
    """A monitor's draft finding for the chair, while the allegation is under investigation."""
    require(account, "draft")
    row = visible_row(store, account, allegation_id)
    if row["state"] != "under_investigation":
        raise MechanismInputError("state", f"a finding is drafted under investigation, not when {row['state']}")
    with store.write() as conn:
        conn.execute("UPDATE allegations SET finding = ?, attribution = ? WHERE id = ?",
                     (checked_text("finding", finding, required=True), _name("attribution", attribution),
                      allegation_id))
        audit.record(conn, account.name, "draft finding", "allegation", allegation_id)


def rule(store: Store, account: Account, allegation_id: str, *, outcome: str, finding: str,
         attribution: str | None = None, reason: str | None = None) -> None:
    """The chair's ruling: substantiated, not substantiated, or unable to verify (with the reason)."""
    require(account, "rule")
    if outcome not in RULINGS:
        raise MechanismInputError("outcome", f"{outcome!r} is not one of {', '.join(RULINGS)}")
    reason = checked_text("reason", reason)
    if outcome == "unable_to_verify" and not reason:
        raise MechanismInputError("reason", "say why it could not be verified (access denied, no witnesses, ...)")
    attribution = _name("attribution", attribution) or UNDETERMINED
    _move(store, account, allegation_id, outcome, reason, updates={
        "finding": checked_text("finding", finding, required=True), "attribution": attribution, "reason": reason,
        "adjudicator": account.name, "ruled_at": now_iso()})


def publish(store: Store, account: Account, allegation_id: str) -> None:
    """Publish a ruled allegation: observers and every party's liaison see it from then on."""
    require(account, "publish")
    row = visible_row(store, account, allegation_id)
    if row["state"] not in RULINGS:
        raise MechanismInputError("state", f"only a ruled allegation is published, not one {row['state']}")
    if row["published_at"]:
        return
    with store.write() as conn:
        conn.execute("UPDATE allegations SET published_at = ? WHERE id = ?", (now_iso(), allegation_id))
        audit.record(conn, account.name, "publish", "allegation", allegation_id)


def suggest_incidents(store: Store, account: Account, allegation_id: str) -> list[dict[str, Any]]:
    """Incidents from the reports that may be the allegation's event: within :data:`SUGGEST_DAYS` days and,
    when both are placed, :data:`SUGGEST_KM` km; the closest first."""
    require(account, "link")
    row = visible_row(store, account, allegation_id)
    day = dt.date.fromisoformat(row["occurred_on"])
    window = IncidentFilter(since=(day - dt.timedelta(days=SUGGEST_DAYS)).isoformat(),
                            until=(day + dt.timedelta(days=SUGGEST_DAYS)).isoformat())
    found = []
    for incident in incident_summaries(store.connection, window):
        place = incident["location"]
        km = (haversine_km(row["latitude"], row["longitude"], place["lat"], place["lon"])
              if place and place["lat"] is not None and row["latitude"] is not None else None)
        if km is None or km <= SUGGEST_KM:
            found.append({**incident, "km": None if km is None else round(km, 1)})
    return sorted(found, key=lambda i: (i["km"] is None, i["km"] or 0))


def link(store: Store, account: Account, allegation_id: str, incident_id: str) -> None:
    """A monitor confirms that an incident from the reports is the allegation's event."""
    require(account, "link")
    visible_row(store, account, allegation_id)
    if not store.connection.execute("SELECT 1 FROM incidents WHERE id = ?", (incident_id,)).fetchone():
        raise MechanismInputError("incident_id", f"no incident {incident_id!r} in the store")
    with store.write() as conn:
        conn.execute("INSERT INTO allegation_links VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                     (allegation_id, incident_id, account.name, now_iso()))
        audit.record(conn, account.name, "link incident", "link", f"{allegation_id}|{incident_id}")


# -- helpers -----------------------------------------------------------------------------------------


def _against_terms(store: Store, row: dict[str, Any]) -> dict[str, Any] | None:
    """What the agreement's terms say of the allegation: whether its category is prohibited, and the zones its
    point lies in (None when no terms are recorded)."""
    from shapely.geometry import Point, shape

    from ceasefire.mechanism.terms import agreement_terms

    terms = agreement_terms(store, row["agreement_id"]) if row["agreement_id"] else None
    if terms is None:
        return None
    point = Point(row["longitude"], row["latitude"]) if row["latitude"] is not None else None
    return {"prohibited": row["category"] in terms["prohibited"],
            "zones": [z["name"] for z in terms["zones"] if point is not None and shape(z["geometry"]).covers(point)]}


def _as_read(row: dict[str, Any], account: Account) -> dict[str, Any]:
    """A row as the account reads it: its area as GeoJSON, and no draft finding unless the account drafts or
    rules (a finding is the parties' to read once published)."""
    row["area"] = json.loads(row["area"]) if row["area"] else None
    if not (account.role in ("monitor", "chair") or row["published_at"]):
        row["finding"] = row["attribution"] = None
    return row


def visible_row(store: Store, account: Account, allegation_id: str) -> dict[str, Any]:
    """The allegation's row, when the account may see it; :class:`NotFound` otherwise."""
    cursor = store.connection.execute("SELECT * FROM allegations WHERE id = ?", (allegation_id,))
    found = cursor.fetchone()
    row = dict(zip([c[0] for c in cursor.description], found, strict=True)) if found else None
    if row is None or not may_see(account, row):
        raise NotFound(f"no allegation {allegation_id!r}")
    return row


def _move(store: Store, account: Account, allegation_id: str, to_state: str, note: str | None,
          updates: dict[str, Any] | None = None) -> None:
    row = visible_row(store, account, allegation_id)
    if to_state not in MOVES.get(row["state"], ()):
        raise MechanismInputError("state", f"an allegation {row['state'].replace('_', ' ')} cannot become "
                                           f"{to_state.replace('_', ' ')}")
    changes = {"state": to_state, **(updates or {})}
    with store.write() as conn:
        # the state is checked again inside the transaction: two monitors acting at once cannot both move it
        moved = conn.execute(f"UPDATE allegations SET {', '.join(f'{k} = ?' for k in changes)} "
                             "WHERE id = ? AND state = ?", [*changes.values(), allegation_id, row["state"]])
        if moved.rowcount != 1:
            raise MechanismInputError("state", "the allegation was changed by someone else meanwhile; reload it")
        audit.record(conn, account.name, to_state.replace("_", " "), "allegation", allegation_id)
        _add_transition(conn, account, allegation_id, row["state"], to_state, note)


def _add_transition(conn: Connection, account: Account, allegation_id: str, from_state: str | None,
                    to_state: str, note: str | None) -> None:
    position = conn.execute("SELECT count(*) FROM allegation_transitions WHERE allegation_id = ?",
                            (allegation_id,)).fetchone()[0]
    conn.execute("INSERT INTO allegation_transitions VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (allegation_id, position, from_state, to_state, account.name, now_iso(), note))
    audit.record(conn, account.name, "move", "transition", f"{allegation_id}|{position}")


def _agreement(store: Store, agreement_id: str | None) -> str | None:
    if agreement_id and not store.connection.execute("SELECT 1 FROM agreements WHERE id = ?",
                                                     (agreement_id,)).fetchone():
        raise MechanismInputError("agreement_id", f"no agreement {agreement_id!r} in the store")
    return agreement_id or None


def _day(store: Store, data: AllegationIn, today: dt.date) -> str:
    try:
        day = dt.date.fromisoformat(data.occurred_on or "")
    except ValueError:
        raise MechanismInputError("occurred_on", f"{data.occurred_on!r} is not a day YYYY-MM-DD") from None
    if day > today:
        raise MechanismInputError("occurred_on", f"{day} is in the future")
    if data.agreement_id:
        row = store.connection.execute("SELECT effective, signed FROM agreements WHERE id = ?",
                                       (data.agreement_id,)).fetchone()
        start = (row[0] or row[1]) if row else None
        if start and len(start) == 10 and day.isoformat() < start:
            raise MechanismInputError("occurred_on", f"{day} is before the agreement took effect ({start})")
    return day.isoformat()


def _where(data: AllegationIn) -> dict[str, Any]:
    lat, lon = data.latitude, data.longitude
    if (lat is None) != (lon is None):
        raise MechanismInputError("latitude", "give both latitude and longitude, or neither")
    if lat is not None and not (isinstance(lat, int | float) and -90 <= lat <= 90 and math.isfinite(lat)):
        raise MechanismInputError("latitude", f"{lat!r} is not between -90 and 90")
    if lon is not None and not (isinstance(lon, int | float) and -180 <= lon <= 180 and math.isfinite(lon)):
        raise MechanismInputError("longitude", f"{lon!r} is not between -180 and 180")
    area = None
    if data.area is not None:
        from ceasefire.mechanism.terms import geometry

        area = json.dumps(geometry("area", data.area))
    return {"latitude": lat, "longitude": lon, "area": area, "place": _name("place", data.place),
            "precision": _choice("precision", data.precision, dict.fromkeys(PRECISIONS))}


def _choice(field: str, value: str | None, allowed: dict[str, Any]) -> str:
    if value not in allowed:
        raise MechanismInputError(field, f"{value!r} is not one of {', '.join(allowed)}")
    return value


def _count(field: str, value: int | None) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 1_000_000:
        raise MechanismInputError(field, f"{value!r} is not a count from 0 to 1,000,000")
    return value


def _name(field: str, value: str | None, *, required: bool = False) -> str | None:
    return checked_text(field, value, required=required, limit=MAX_NAME)
