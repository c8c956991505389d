"""An agreement's terms as data: the prohibited acts (categories of
:data:`~ceasefire.mechanism.vocabulary.CATEGORIES`), its zones (buffer and withdrawal zones, protected
sites, as GeoJSON geometries) and the moment it took effect; and the check of the incidents from reports
against them (:func:`check_incidents`): after that moment, between its parties, of a prohibited kind, and
inside which zones."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ceasefire.mechanism import audit
from ceasefire.mechanism.access import Account, require
from ceasefire.mechanism.vocabulary import CATEGORIES, MechanismInputError
from ceasefire.storage.queries import IncidentFilter, incident_summaries
from ceasefire.storage.store import Store

ZONE_KINDS = ("buffer", "withdrawal", "protected_site", "other")
# The category of an incident from the reports, by ACLED sub-event type, else event type.
INCIDENT_CATEGORIES = {
    "Armed clash": "fighting", "Government regains territory": "fighting",
    "Non-state actor overtakes territory": "fighting", "Shelling/artillery/missile attack": "shelling",
    "Air/drone strike": "air_strike", "Violence against civilians": "attack_on_civilians",
    "Battles": "fighting", "Explosions/Remote violence": "other",
}


def geometry(field: str, value: Any) -> dict[str, Any]:
    """A GeoJSON geometry, checked (a known type, coordinates in range, a valid shape) and normalised."""
    from shapely.geometry import mapping, shape

    try:
        found = shape(value)
    except Exception as err:  # shapely raises many kinds of error for what is no geometry
        raise MechanismInputError(field, f"not a GeoJSON geometry ({err})") from None
    if found.is_empty or not found.is_valid:
        raise MechanismInputError(field, "an empty or self-intersecting geometry")
    min_x, min_y, max_x, max_y = found.bounds
    if not (-180 <= min_x <= max_x <= 180 and -90 <= min_y <= max_y <= 90):
        raise MechanismInputError(field, "coordinates out of range (longitude -180..180, latitude -90..90)")
    return mapping(found)


def set_terms(store: Store, account: Account, agreement_id: str, *, prohibited: list[str],
              zones: list[dict[str, Any]] | None = None, effective_at: str | None = None) -> None:
    """Record (or replace) an agreement's terms."""
    require(account, "terms")
    if not store.connection.execute("SELECT 1 FROM agreements WHERE id = ?", (agreement_id,)).fetchone():
        raise MechanismInputError("agreement_id", f"no agreement {agreement_id!r} in the store")
    for category in prohibited:
        if category not in CATEGORIES:
            raise MechanismInputError("prohibited", f"{category!r} is not one of {', '.join(CATEGORIES)}")
    checked = []
    for number, zone in enumerate(zones or [], start=1):
        name = str(zone.get("name") or "").strip()
        if not name or len(name) > 200:
            raise MechanismInputError(f"zones[{number}].name", "give each zone a name (up to 200 characters)")
        if zone.get("kind") not in ZONE_KINDS:
            raise MechanismInputError(f"zones[{number}].kind", f"{zone.get('kind')!r} is not one of "
                                                               f"{', '.join(ZONE_KINDS)}")
        checked.append({"name": name, "kind": zone["kind"],
                        "geometry": geometry(f"zones[{number}].geometry", zone.get("geometry"))})
    if effective_at is not None:
        try:
            dt.datetime.fromisoformat(effective_at)
        except ValueError:
            raise MechanismInputError("effective_at", f"{effective_at!r} is not a moment "
                                                      "YYYY-MM-DD or YYYY-MM-DDTHH:MM") from None
    with store.write() as conn:
        conn.execute("INSERT INTO mechanism_terms VALUES (?, ?, ?, ?) ON CONFLICT (agreement_id) DO UPDATE SET "
                     "effective_at = excluded.effective_at, prohibited = excluded.prohibited, zones = excluded.zones",
                     (agreement_id, effective_at, json.dumps(sorted(set(prohibited))), json.dumps(checked)))
        audit.record(conn, account.name, "set terms", "terms", agreement_id)


def agreement_terms(store: Store, agreement_id: str) -> dict[str, Any] | None:
    row = store.connection.execute("SELECT effective_at, prohibited, zones FROM mechanism_terms WHERE agreement_id = ?",
                                   (agreement_id,)).fetchone()
    if row is None:
        return None
    return {"agreement_id": agreement_id, "effective_at": row[0], "prohibited": json.loads(row[1]),
            "zones": json.loads(row[2])}


def check_incidents(store: Store, agreement_id: str) -> list[dict[str, Any]]:
    """The incidents from reports that breach the terms: after the moment it took effect, involving its
    parties, of a prohibited category; each with its category and the zones it lies in."""
    from shapely.geometry import Point, shape

    terms = agreement_terms(store, agreement_id)
    agreement = next((a for a in store.agreements() if a.id == agreement_id), None)
    if terms is None or agreement is None:
        raise MechanismInputError("agreement_id", f"no terms recorded for agreement {agreement_id!r}")
    start = terms["effective_at"] or agreement.effective or agreement.signed
    if not start:
        raise MechanismInputError("effective_at", "the moment it took effect is not known: set it with the terms")
    first_day = start[:10]
    if len(start) > 10 and start[11:16] not in ("", "00:00"):  # an incident that day may precede the hour
        first_day = (dt.date.fromisoformat(start[:10]) + dt.timedelta(days=1)).isoformat()
    zones = [(z, shape(z["geometry"])) for z in terms["zones"]]
    breaches = []
    for incident in incident_summaries(store.connection, IncidentFilter(since=first_day, parties=agreement.parties,
                                                                        whole_period=True)):
        category = INCIDENT_CATEGORIES.get(incident["sub_event_type"] or "") or INCIDENT_CATEGORIES.get(
            incident["event_type"], "other")
        if category not in terms["prohibited"]:
            continue
        place = incident["location"]
        point = Point(place["lon"], place["lat"]) if place and place["lat"] is not None else None
        inside = [z["name"] for z, shp in zones if point is not None and shp.covers(point)]
        breaches.append({**incident, "category": category, "zones": inside})
    return breaches
