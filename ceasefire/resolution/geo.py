"""Whether two places can be the site of one incident, and how strongly the places say so.

Rules, in order:
1. same name (case-insensitive) and no country conflict: strong for a town or district, weak for a
   province or country (a whole province says little about where);
2. both have coordinates, neither is coarser than a district, and they lie within ``MAX_KM``: strong;
3. one is coarser (district, province, country) and contains the other -- the province (admin1)
   matches, or the coarser place *is* the other's province, or for a country the country matches: weak;
4. anything else (different names, no coordinates to compare, different provinces or countries): conflict.
"""

from __future__ import annotations

from dataclasses import dataclass

from ceasefire.geo import distance_km
from ceasefire.records import Place
from ceasefire.resolution.common import name_key

MAX_KM = 50.0
_RANK = {"exact": 0, "district": 1, "province": 2, "country": 3}


@dataclass(frozen=True)
class PlaceMatch:
    level: str  # strong | weak | conflict
    reason: str


def rank(place: Place) -> int:
    """0 for a town or site, up to 3 for a whole country; unknown precisions count as exact."""
    return _RANK.get(place.precision, 0)


def compare_places(a: Place, b: Place) -> PlaceMatch:
    """How two places relate for merging incidents (see the module docstring)."""
    countries_differ = bool(a.country and b.country and a.country != b.country)
    if name_key(a.name) == name_key(b.name) and not countries_differ:
        return PlaceMatch("strong" if max(rank(a), rank(b)) <= 1 else "weak", f"both in {a.name}")
    km = distance_km(a, b)
    if km is not None and max(rank(a), rank(b)) <= 1 and km <= MAX_KM:
        return PlaceMatch("strong", f"{km:.0f} km apart")
    fine, coarse = (a, b) if rank(a) <= rank(b) else (b, a)
    if rank(coarse) > rank(fine) and _contains(coarse, fine):
        return PlaceMatch("weak", f"{fine.name} within {coarse.name}")
    if km is not None and max(rank(a), rank(b)) <= 1:
        return PlaceMatch("conflict", f"{km:.0f} km apart")
    return PlaceMatch("conflict", f"{a.name} vs {b.name}")


def _contains(coarse: Place, fine: Place) -> bool:
    if coarse.country and fine.country and coarse.country != fine.country:
        return False
    if rank(coarse) == 3:
        return bool(coarse.country and coarse.country == fine.country)
    if coarse.admin1 and fine.admin1 and name_key(coarse.admin1) == name_key(fine.admin1):
        return True
    return rank(coarse) == 2 and bool(fine.admin1) and name_key(coarse.name) == name_key(fine.admin1)
