"""The place register (``make train``): places ACLED's coders located that the package gazetteer lacks."""

from __future__ import annotations

import pytest

from ceasefire.extraction.pipeline import Extractor
from ceasefire.extraction.places.gazetteer import PLACE_REGISTER, Gazetteer, GazetteerEntry, read_register
from ceasefire.extraction.training.place_register import build, write


def _coding(location: str, admin2: str, admin1: str, lat: float, lon: float, precision: int = 1) -> dict:
    """An event's location fields as ACLED codes them (the places are made up)."""
    return {"location": location, "admin2": admin2, "admin1": admin1, "iso": "XX", "latitude": str(lat),
            "longitude": str(lon), "geo_precision": precision}


KNOWN = GazetteerEntry("Oldtown", "Upper Vale", "XX", 5.0, 5.0, "exact", "town", 20_000)
CODINGS = [
    _coding("Ndarawa", "Kesso", "Upper Vale", 5.1, 5.2),
    _coding("Ndarawa", "Kesso", "Upper Vale", 5.1, 5.2),
    _coding("Ndarawa", "Kesso", "Upper Vale", 5.3, 5.4, precision=2),  # a second coding, less often coded
    _coding("Oldtown", "Kesso", "Upper Vale", 5.0, 5.0),  # the gazetteer holds it already
    _coding("Oldtown - Market Quarter", "Kesso", "Upper Vale", 5.01, 5.01),
    _coding("Bimbo Hills", "Kesso", "Upper Vale", 6.0, 6.0, precision=3),  # a region's coordinates: no town
    _coding("Kesso", "Kesso", "Central", 5.2, 5.5, precision=3),
]


def test_register_adds_what_the_gazetteer_lacks_at_its_coded_coordinates():
    rows = {(r["name"], r["precision"]): r for r in build(CODINGS, Gazetteer.from_entries([(KNOWN, [])]))}
    assert set(rows) == {("Ndarawa", "exact"), ("Market Quarter", "exact"), ("Oldtown - Market Quarter", "exact"),
                         ("Kesso", "district"), ("Upper Vale", "province")}
    assert (rows["Ndarawa", "exact"]["lat"], rows["Ndarawa", "exact"]["events"]) == (5.1, 3)
    district = rows["Kesso", "district"]  # the median of its incidents' coordinates
    assert (district["lat"], district["lon"], district["admin1"]) == (5.1, 5.2, "Upper Vale")
    # "Central": a compass word, not a name to look for in a text


def test_register_is_loaded_by_the_gazetteer_and_locates_villages(tmp_path, extractor):
    register = tmp_path / "register.tsv"
    write(build([_coding("Ngomboko", "Lokari", "Upper Vale", -1.75, 29.25),
                 _coding("Bakinda", "Lokari", "Upper Vale", -1.6, 29.4)], Gazetteer.from_entries([])), register)
    gazetteer = Gazetteer.load(register=register)
    (village,) = [e for e in gazetteer.lookup("Ngomboko") if e.country == "XX"]
    assert (village.precision, village.kind, village.prominence) == ("exact", "town", 1)
    local = Extractor(nlp=extractor.nlp, gazetteer=gazetteer, actors=extractor.actors,
                      event_classifier=extractor.event_classifier)
    record = local.extract("Gunmen attacked Ngomboko village (Lokari, Upper Vale) on Sunday, killing three "
                           "farmers.", published="2025-03-10")
    assert [(e.location.name, e.location.lat) for e in record.events] == [("Ngomboko", -1.75)]
    # a village nobody holds is located by the district named with it, from the register
    record = local.extract("Gunmen attacked Kibwezoa village (Lokari, Upper Vale) on Sunday, killing three "
                           "farmers.", published="2025-03-10")
    [event] = record.events
    assert (event.location.name, event.location.precision) == ("Kibwezoa", "district")
    assert (event.location.lat, event.location.lon) == (-1.675, 29.325)
    # two such villages in one sentence are two sites, though located alike, and the district is neither
    record = local.extract("Soldiers executed 31 civilians on 3 March, a rights group said. Soldiers killed 14 "
                           "people in Tabalowe village, and 17 people in the nearby Ndimbisa village, of Lokari "
                           "district in Upper Vale.", published="2025-03-10")
    assert [e.location.name for e in record.events] == ["Tabalowe", "Ndimbisa"]


@pytest.mark.skipif(not PLACE_REGISTER.is_file(), reason="no place register: run make train")
def test_shipped_register_is_well_formed_and_adds_only_unknown_names(extractor):
    entries = list(read_register(PLACE_REGISTER))
    assert len(entries) > 1000
    assert all(e.precision in ("exact", "district", "province") and -90 <= e.lat <= 90 for e in entries)
    assert len({(e.name, e.country, e.precision) for e in entries}) == len(entries)
