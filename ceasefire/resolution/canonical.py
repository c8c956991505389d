"""Actor names made canonical before resolution, so that reports naming one side differently
("Taliban", "Islamic Emirate", "Afghan forces" -> "Afghanistan") are seen to agree.

Records from this project's extractor are canonical already; records from older extractor
versions or from elsewhere may not be. Names the actor table does not know are kept as they are;
"Afghan civilians" becomes "Civilians (Afghanistan)", the record format's way of naming victims.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from ceasefire.extraction.actors.stage import ActorTable, canonical_actor
from ceasefire.records import DocumentRecord
from ceasefire.resolution.common import published_of
from ceasefire.resolution.model import SourcedRecord

_CIVILIANS_OF = re.compile(r"^(?P<who>.+?)\s+civilians$", re.IGNORECASE)


class _Canon:
    """Canonical names for reports of one date at a time (some aliases hold only from or until a date)."""

    def __init__(self, table: ActorTable) -> None:
        self.table = table
        self.published: dt.date | None = None
        self.cache: dict[tuple[str, dt.date | None], str] = {}

    def name(self, name: str | None) -> str | None:
        if not name:
            return name
        key = (name, self.published)
        if key not in self.cache:
            self.cache[key] = self._lookup(name)
        return self.cache[key]

    def names(self, names: list[str]) -> list[str]:
        return list(dict.fromkeys(self.name(n) for n in names))

    def _lookup(self, name: str) -> str:
        civilians = _CIVILIANS_OF.match(name.strip())
        if civilians:
            state = canonical_actor(self.table, civilians["who"], self.published)
            return f"Civilians ({state})" if state else name
        return canonical_actor(self.table, name, self.published) or name


def canonicalise(records: list[SourcedRecord], table: ActorTable) -> list[SourcedRecord]:
    """Copies of the records with every actor, claimant, party and mediator under its canonical name."""
    canon = _Canon(table)
    return [dataclasses.replace(source, record=_canonical_record(source, canon)) for source in records]


def _canonical_record(source: SourcedRecord, canon: _Canon) -> DocumentRecord:
    published = published_of(source)
    canon.published = dt.date.fromisoformat(published) if published and len(published) == 10 else None
    record = source.record
    return dataclasses.replace(
        record,
        events=[dataclasses.replace(e, actor1=canon.name(e.actor1), actor2=canon.name(e.actor2),
                                    alleged_by=canon.name(e.alleged_by)) for e in record.events],
        casualties=[dataclasses.replace(c, claimant=canon.name(c.claimant)) for c in record.casualties],
        agreements=[dataclasses.replace(a, parties=canon.names(a.parties), mediators=canon.names(a.mediators))
                    for a in record.agreements],
        talks=[dataclasses.replace(t, parties=canon.names(t.parties), mediators=canon.names(t.mediators))
               for t in record.talks],
    )
