"""Which incidents are worth comparing with a newly read event, without comparing it with all of them.

Every event of an incident is filed under (event type, date bucket, zone). Date buckets: the date
itself and, for a day, its month and year as "contains a finer date" buckets, so a lookup touches
at most three. Zones say which places could be compatible (see :mod:`geo`): a ~50 km grid cell and
the name for towns and districts, the province and country for coarser places (kept apart from
the towns in them, so a town does not pull in its whole province). An event without a place can
only be one incident with another of the same day whose actor matches (:mod:`incidents`), so it is
filed and looked up by (day, actor). Undated events may only join incidents at a strongly matching
place with the same actor, so they are filed by (type, place zone, actor).

:func:`links` coarsens the same keys into a few strings without dates, for :mod:`components`: two
events the index can make candidates of each other share a link (one's filed, the other's looked up).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from ceasefire.records import Place
from ceasefire.resolution.common import name_key
from ceasefire.resolution.geo import MAX_KM, rank

_CELL_DEG = 0.5  # ~55 km of latitude: a 50 km radius spans at most the neighbouring cells
Key = tuple


class CandidateIndex:
    """Clusters (any objects) filed by the events in them; lookups return each cluster once."""

    def __init__(self) -> None:
        # each key's clusters by identity, in order of first filing (a cluster is filed once a key, however
        # many of its events share it)
        self._dated: dict[Key, dict[int, object]] = {}
        self._by_actor: dict[Key, dict[int, object]] = {}
        self._undated_by_actor: dict[Key, dict[int, object]] = {}

    def add(self, kind: str, date: str | None, place: Place | None, actors: list[str], cluster: object) -> None:
        """File a cluster under one of its events (``kind`` and ``actors`` as name keys)."""
        if place is None:  # only an event of the same day and actor can join it (see the module docstring)
            for key in _day_actor_keys("-", date, actors):
                self._dated.setdefault(key, {})[id(cluster)] = cluster
            return
        if date:
            for date_key in _date_keys(date):
                for zone in _zones(place):
                    self._dated.setdefault((kind, date_key, zone), {})[id(cluster)] = cluster
            for key in _day_actor_keys("+", date, actors):
                self._dated.setdefault(key, {})[id(cluster)] = cluster
        for actor in set(actors):
            for zone in _strong_zones(place):
                self._by_actor.setdefault((kind, zone, actor), {})[id(cluster)] = cluster
                if not date:
                    self._undated_by_actor.setdefault((kind, zone, actor), {})[id(cluster)] = cluster

    def candidates(self, kind: str, date: str | None, place: Place | None, actor1: str | None) -> list[object]:
        """Clusters, in order of first sighting, that may hold the event described."""
        found: dict[int, object] = {}
        actors = [actor1] if actor1 else []
        if place is None:
            for key in [*_day_actor_keys("+", date, actors), *_day_actor_keys("-", date, actors)]:
                found.update(self._dated.get(key, {}))
            return list(found.values())
        if date:
            zones = list(_lookup_zones(place))
            for date_key in _date_lookup_keys(date):
                for zone in zones:
                    found.update(self._dated.get((kind, date_key, zone), {}))
            for key in _day_actor_keys("-", date, actors):
                found.update(self._dated.get(key, {}))
        by_actor = self._undated_by_actor if date else self._by_actor
        if actor1:
            for zone in _strong_lookup_zones(place):
                found.update(by_actor.get((kind, zone, actor1), {}))
        return list(found.values())


def _day_actor_keys(placed: str, date: str | None, actors: list[str]) -> list[Key]:
    """Keys of an event of a day by its actors, for events without a place: such an event joins, or is
    joined by, only one of the same day whose actors match strongly."""
    return [("day", placed, date, actor) for actor in set(actors)] if date and len(date) == 10 else []


def links(date: str | None, place: Place | None, actors: list[str]) -> tuple[set[str], set[str]]:
    """An event's (filed, looked up) link keys: whatever :class:`CandidateIndex` files it under or looks up,
    without the dates (every event of a block is of one month) and with the grid cells gathered into
    squares of ``_SQUARE`` cells. Two events either of which the index can find from the other share a
    key; more events share one than the index would find (a superset is safe, and keeps the keys few)."""
    day_keys = [f"{key[1]}|{key[2]}|{key[3]}" for key in _day_actor_keys("", date, actors)]
    if place is None:
        return {"-" + key for key in day_keys}, {prefix + key for key in day_keys for prefix in "+-"}
    filed = {_link(zone) for zone in _zones(place)} | {"+" + key for key in day_keys}
    looked_up = {_link(zone) for zone in _lookup_zones(place)} | {"-" + key for key in day_keys}
    return filed, looked_up


_SQUARE = 4  # grid cells a side: a link square is about 2 degrees


def _link(zone: Key) -> str:
    if zone[0] == "g":
        return f"g|{zone[1][0] // _SQUARE}|{zone[1][1] // _SQUARE}"
    return "|".join(map(str, zone))


def _date_keys(date: str) -> list[Key]:
    keys: list[Key] = [("=", date)]
    if len(date) == 10:
        keys.append(("<", date[:7]))
    if len(date) >= 7:
        keys.append(("<", date[:4]))
    return keys


def _date_lookup_keys(date: str) -> list[Key]:
    """The date itself, the coarser dates containing it, and the finer dates within it."""
    keys: list[Key] = [("=", date)]
    if len(date) >= 7:
        keys.append(("=", date[:4]))
    if len(date) == 10:
        keys.append(("=", date[:7]))
    else:
        keys.append(("<", date))
    return keys


def _zones(place: Place) -> Iterator[Key]:
    yield ("n", name_key(place.name))
    cell = _cell(place)
    if cell:
        yield ("g", cell)
    for area in _areas(place):  # every place, for coarse places to find what they contain
        yield ("a", area)
    if place.country:
        yield ("c", place.country)
    if rank(place) >= 1:  # coarse places, for the places within them to find them
        for area in _areas(place):
            yield ("A", area)
    if rank(place) == 3 and place.country:
        yield ("C", place.country)


def _lookup_zones(place: Place) -> Iterator[Key]:
    yield ("n", name_key(place.name))
    yield from _near_cells(place)
    for area in _areas(place):
        yield ("A", area)
        if rank(place) >= 1:
            yield ("a", area)
    if place.country:
        yield ("C", place.country)
        if rank(place) == 3:
            yield ("c", place.country)


def _areas(place: Place) -> list[str]:
    """The province a place is in, and the place itself when it is a province."""
    areas = [name_key(place.admin1)] if place.admin1 else []
    if rank(place) == 2:
        areas.append(name_key(place.name))
    return areas


def _strong_zones(place: Place | None) -> Iterator[Key]:
    """Zones of a strong place match: same name, or a town or district within reach."""
    if place is None:
        return
    yield ("n", name_key(place.name))
    cell = _cell(place)
    if cell:
        yield ("g", cell)


def _strong_lookup_zones(place: Place | None) -> Iterator[Key]:
    if place is None:
        return
    yield ("n", name_key(place.name))
    yield from _near_cells(place)


def _near_cells(place: Place) -> Iterator[Key]:
    """Every grid cell within ``MAX_KM`` of the place (wider in longitude away from the equator)."""
    cell = _cell(place)
    if cell is None:
        return
    lon_cells = math.ceil(MAX_KM / (111.0 * _CELL_DEG * max(math.cos(math.radians(place.lat)), 0.05)))
    for d_lat in (-1, 0, 1):
        for d_lon in range(-lon_cells, lon_cells + 1):
            yield ("g", (cell[0] + d_lat, cell[1] + d_lon))


def _cell(place: Place) -> tuple[int, int] | None:
    if place.lat is None or place.lon is None or rank(place) > 1:
        return None
    return (math.floor(place.lat / _CELL_DEG), math.floor(place.lon / _CELL_DEG))
