"""Place compatibility for merging incidents."""

from __future__ import annotations

import pytest

from ceasefire.geo import haversine_km
from ceasefire.records import Place
from ceasefire.resolution.geo import compare_places

GOMA = Place("Goma", "North Kivu", "CD", -1.6792, 29.2228)
SAKE = Place("Sake", "North Kivu", "CD", -1.5736, 29.0453)
BUKAVU = Place("Bukavu", "South Kivu", "CD", -2.5083, 28.8608)
GISENYI = Place("Gisenyi", "Western", "RW", -1.7022, 29.2564)
NORTH_KIVU = Place("North Kivu", "North Kivu", "CD", -0.8, 29.0, "province")
CONGO = Place("DR Congo", None, "CD", -2.9, 23.6, "country")


def test_distance():
    assert 20 < haversine_km(GOMA.lat, GOMA.lon, SAKE.lat, SAKE.lon) < 25


@pytest.mark.parametrize(("a", "b", "level", "reason"), [
    (GOMA, Place("goma", None, "CD"), "strong", "both in Goma"),
    (GOMA, SAKE, "strong", "23 km apart"),
    (GOMA, GISENYI, "strong", "5 km apart"),  # across a border
    (GOMA, BUKAVU, "conflict", "101 km apart"),
    (SAKE, NORTH_KIVU, "weak", "Sake within North Kivu"),
    (BUKAVU, NORTH_KIVU, "conflict", "Bukavu vs North Kivu"),
    (GOMA, CONGO, "weak", "Goma within DR Congo"),
    (GISENYI, CONGO, "conflict", "Gisenyi vs DR Congo"),
    (NORTH_KIVU, NORTH_KIVU, "weak", "both in North Kivu"),  # a whole province is no strong match
    (Place("Alpha", "X", "AA"), Place("Beta", "X", "AA"), "conflict", "Alpha vs Beta"),  # nothing to compare
])
def test_compare_places(a, b, level, reason):
    match = compare_places(a, b)
    assert (match.level, match.reason) == (level, reason)
    assert compare_places(b, a).level == level
