"""What the resolution of a part keeps for the next one, so that an ingest does not cluster a part again from
its first report.

A part's first pass (:class:`~ceasefire.resolution.incidents.FirstPass`) places its events one at a time in
resolution order. Its clusters as they stood when the first event of the part's *boundary* day came are kept
(pickled), with the digest of each incident saved. An ingest of new reports none of which sorts before the
boundaries of the parts it touches goes on from there: it places again the events of the part's reports from
the boundary on (at most :data:`PLACED_MOST`, whatever the part's size) and the new ones, runs the second pass
(merging fragments) over all of the part's clusters in memory, and rewrites only the incidents whose events or
reasons changed. Placing events before the boundary then and the rest now gives what placing them all now
gives, so the result equals a full resolution. A report older than a boundary, a changed or removed report, or
a part without a kept state resolves its parts again from their first reports, as before.

The boundary stays where it is until the part places more than :data:`PLACED_MOST` events again, then moves
to :data:`LAG_DAYS` before the week of the part's newest report (never back), so a report published a few
days late still goes on from the kept state and the clusters are not kept again at every ingest. Only the
classes a kept state is made of can be read back (a store shared with others must not run code written into
it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import pickle
from dataclasses import dataclass
from typing import Any

from ceasefire.resolution.common import UNDATED, week_start
from ceasefire.resolution.incidents import Cluster

LAG_DAYS = 7
PLACED_MOST = 200  # events a part places again at each ingest before its boundary moves


@dataclass
class KeptPart:
    """A part's first-pass clusters of the events before ``boundary``, and what was saved of it."""

    boundary: str  # the resolution day from which the part's events are placed again ("": all of them)
    newest: str  # the newest resolution day of a dated report in the part ("": none)
    clusters: bytes  # the pickled clusters (see :func:`dump_clusters`)
    incidents: dict[str, str]  # the part's saved incidents: id -> digest (see :func:`digest`)
    stored: bool = False  # whether the store holds these clusters for the part already


def boundary_for(newest: str, floor: str, placed: int) -> str:
    """The boundary of a part whose newest dated report is of ``newest``, having placed ``placed`` events from
    ``floor`` on (``floor``: the boundaries of the parts it was made of, "" for a part resolved from its first
    report): ``floor`` while it placed no more than :data:`PLACED_MOST` (its clusters are kept again only when
    the events placed again each time would grow past that), else the Monday of the week before its newest
    report."""
    if not newest or floor and placed <= PLACED_MOST:
        return floor
    day = dt.date.fromisoformat(week_start(newest) or newest) - dt.timedelta(days=LAG_DAYS)
    return max(floor, day.isoformat())


def newest_day(days: list[str]) -> str:
    """The newest of resolution days, leaving out reports of unknown date ("" when none is dated)."""
    return max((day for day in days if day != UNDATED), default="")


def dump_clusters(clusters: list[Cluster]) -> bytes:
    return pickle.dumps(clusters, protocol=pickle.HIGHEST_PROTOCOL)


def load_clusters(data: bytes) -> list[Cluster]:
    """Clusters pickled by :func:`dump_clusters`; nothing but the classes they are made of can be read back."""
    return _ClusterUnpickler(io.BytesIO(data)).load()


def digest(cluster: Cluster) -> str:
    """What an incident is made of: its events (document and span, in order) and the reasons they joined."""
    members = [(member.doc_id, *member.event.span) for member in cluster.members]
    return hashlib.sha1(repr((members, cluster.reasons)).encode()).hexdigest()[:16]


class _ClusterUnpickler(pickle.Unpickler):
    allowed = {("builtins", "set"), ("ceasefire.records", "Event"), ("ceasefire.records", "Place"),
               ("ceasefire.resolution.model", "Evidence"), ("ceasefire.resolution.model", "CasualtyClaim"),
               ("ceasefire.resolution.incidents", "Cluster"), ("ceasefire.resolution.incidents", "Member")}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self.allowed:
            raise pickle.UnpicklingError(f"a kept part may not hold {module}.{name}")
        return super().find_class(module, name)
