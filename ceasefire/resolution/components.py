"""Incidents resolved in parts that never share one, so a changed report re-resolves only its parts.

A *unit* is one report's events of one block (:func:`incidents.block_of`: an event type and a month).
Two units are *linked* when an event of one is filed under a link key that an event of the other
looks up (:func:`candidates.links`): only then can resolution compare their events. A *component*
is a set of units linked to each other, directly or through others, named after the smallest
document key among them when it is made (it keeps its name as later reports join it, see
:func:`~ceasefire.resolution.resolve.extend_parts`). Resolution never compares events of two
components, so resolving each component alone equals resolving the whole block; a changed report
re-resolves only the components its old and its new units belong or link to, which the store finds
through each component's keys.
"""

from __future__ import annotations

from collections.abc import Iterable

from ceasefire.resolution.candidates import links
from ceasefire.resolution.common import clean_date, name_key, published_of
from ceasefire.resolution.incidents import block_of
from ceasefire.resolution.model import Links, SourcedRecord

Unit = tuple[str, str]  # (block, document key)
Part = tuple[str, str]  # (block, component)


def unit_links(source: SourcedRecord) -> dict[str, Links]:
    """The report's units: for each block its events fall in, their link keys."""
    published = published_of(source)
    found: dict[str, Links] = {}
    for event in source.record.events:
        actors = [name_key(a) for a in (event.actor1, event.actor2) if a]
        filed, looked_up = links(clean_date(event.date), event.location, actors)
        found.setdefault(block_of(event, published), Links()).add(Links(filed, looked_up))
    return found


def components(units: dict[Unit, Links]) -> dict[Unit, str]:
    """The component of each unit (units of different blocks are never linked)."""
    parent = {unit: unit for unit in units}

    def root(unit: Unit) -> Unit:
        while parent[unit] != unit:
            parent[unit] = parent[parent[unit]]
            unit = parent[unit]
        return unit

    filing: dict[tuple[str, str], list[Unit]] = {}
    looking: dict[tuple[str, str], list[Unit]] = {}
    for unit, unit_keys in units.items():
        for key in unit_keys.filed:
            filing.setdefault((unit[0], key), []).append(unit)
        for key in unit_keys.looked_up:
            looking.setdefault((unit[0], key), []).append(unit)
    for key, lookers in looking.items():
        filers = filing.get(key, [])
        for unit in [*lookers, *filers] if filers else ():  # each looker is linked to each filer
            parent[root(unit)] = root(filers[0])
    names: dict[Unit, str] = {}
    for unit in units:
        top = root(unit)
        names[top] = min(names.get(top, unit[1]), unit[1])
    return {unit: names[root(unit)] for unit in units}


def part_links(units: dict[Unit, Links], component: dict[Unit, str]) -> dict[Part, Links]:
    """The link keys of each part (a block's component): the union of its units'."""
    found: dict[Part, Links] = {}
    for unit, unit_keys in units.items():
        found.setdefault((unit[0], component[unit]), Links()).add(unit_keys)
    return found


def units_in(sources: Iterable[SourcedRecord], wanted: set[Unit] | None = None) -> dict[Unit, Links]:
    """The units of these reports with their links (only the ``wanted`` ones when given)."""
    return {(block, source.doc_id): unit_keys for source in sources
            for block, unit_keys in unit_links(source).items()
            if wanted is None or (block, source.doc_id) in wanted}
