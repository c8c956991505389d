"""Group the events of many reports into incidents: one incident, every outlet that reported it.

Two events can be the same incident when nothing conflicts -- same event type, sub-types equal or
one unknown, dates equal at the coarser precision, places compatible (:mod:`geo`), actors the same
or one unknown (swapped sides allowed for battles) -- and the evidence is strong enough:

* date and place both known on both sides: compatible is enough;
* a date unknown: the places must match strongly (the same town or district, or within 50 km)
  and the actors too;
* a place unknown: both dates must be the same day and the actors must match strongly;
* date and place both unknown: never.

An event joins an incident only when its type, date and actors are compatible with *every* event
already in it (no chaining a day to its month to another day) and its place with at least one
(with no town of the incident over 100 km away), and never when the incident already holds an
event of the same report (the extractor has deduplicated within a report). Among several candidate
incidents the best-scoring one wins; on a tie, or when an event without a date or a place fits
more than one, it joins none (a vague report is not pinned on one of several incidents). A
second pass merges an incident into an earlier one when all its events fit there by the same
rules (a report that ties two earlier ones together may come last). Candidates come from
:mod:`candidates`, so resolution stays near-linear in the number of events.

Blocks. Events are resolved in blocks that never share an incident (:func:`block_of`): one event
type and one calendar month. Two events of different months can only be one incident when one of
them is vaguer than a month, so the month holds every event dated within it; an event without a
date is taken to tell of the month its report was published in (a report tells of recent events),
one dated only by a year joins only others dated so, and one with no date and no publication date
joins only those like it in its country. Within a block, :mod:`components` splits the events further
into parts no candidate lookup crosses, so a new report re-resolves only the parts it touches, and
that equals resolving everything again; a part's clusters are kept between resolutions (:mod:`kept`),
so a newer report's events are placed among them without placing the part's earlier events again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ceasefire.geo import distance_km
from ceasefire.records import Event, Place
from ceasefire.resolution.candidates import CandidateIndex
from ceasefire.resolution.common import (
    clean_date,
    dates_compatible,
    finest,
    is_day,
    most_common,
    name_key,
    stable_id,
    union,
)
from ceasefire.resolution.geo import MAX_KM, compare_places, rank
from ceasefire.resolution.model import CasualtyClaim, Evidence, Incident

SWAPPABLE_TYPES = {"battles"}
_CIVILIANS = re.compile(r"^civilians(?:\s*\((?P<country>[^)]*)\))?$")


@dataclass
class Member:
    """One reported event on its way into an incident, with what building the incident reads of its report."""

    doc_id: str
    publisher: str | None
    event: Event
    evidence: Evidence
    date: str | None
    order: tuple[str, str, int]  # its report's resolution key (day, document) and its place among its events
    claims: list[CasualtyClaim] = field(default_factory=list)  # the casualty figures it carries (see claims)


@dataclass
class Cluster:
    members: list[Member]
    reasons: list[str] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    # one event for each way its events are told (what comparisons read): many reports tell one incident alike
    distinct: dict[tuple, Member] = field(default_factory=dict)

    def add(self, member: Member, reason: str | None = None) -> None:
        self.members.append(member)
        self.docs.add(member.doc_id)
        self.distinct.setdefault(_told(member), member)
        if reason:
            self.reasons.append(f"{member.doc_id}: {reason}")

    def absorb(self, other: Cluster, reason: str) -> None:
        """Take in another cluster's events (kept in resolution order) and its reasons."""
        self.members = sorted(self.members + other.members, key=lambda m: m.order)
        self.docs |= other.docs
        self.distinct = {}
        for member in self.members:
            self.distinct.setdefault(_told(member), member)
        self.reasons += [reason, *other.reasons]


def _told(member: Member) -> tuple:
    """What :func:`compare_events` reads of an event."""
    event, place = member.event, member.event.location
    where = (place.name, place.admin1, place.country, place.lat, place.lon, place.precision) if place else None
    return (event.event_type, event.sub_event_type, member.date, event.actor1, event.actor2, where)


@dataclass(frozen=True)
class PairVerdict:
    score: float
    reason: str


def block_of(event: Event, published: str | None) -> str:
    """The block an event is resolved in (see the module docstring): its type and month, or what stands
    in for the month."""
    kind = name_key(event.event_type)
    date = clean_date(event.date) or (published and published[:7])
    if date:
        return f"{kind}|{date[:7]}"
    country = event.location.country if event.location and event.location.country else ""
    return f"{kind}|undated|{country}"


class FirstPass:
    """The first pass over a part's events: each event, in resolution order, joins the best-fitting cluster the
    events before it made, or starts one. It may go on from clusters an earlier resolution kept (see
    :mod:`~ceasefire.resolution.kept`): the events before a day, placed then, and the events from that day on
    placed now give the clusters of placing them all now."""

    def __init__(self, clusters: Iterable[Cluster] = ()) -> None:
        self.clusters = list(clusters)
        self.index = CandidateIndex()
        for cluster in self.clusters:
            for member in cluster.distinct.values():  # events told alike are filed under the same keys
                self._file(member, cluster)

    def place(self, member: Member) -> None:
        best = _best_cluster(member, _candidates(self.index, member))
        if best is None:
            target = Cluster([])
            self.clusters.append(target)
        else:
            target = best[1]
        target.add(member, best[0].reason if best else None)
        self._file(member, target)

    def _file(self, member: Member, cluster: Cluster) -> None:
        event = member.event
        self.index.add(name_key(event.event_type), member.date, event.location, _actor_keys(event), cluster)

    def merged(self) -> list[Cluster]:
        """The incidents: the second pass over the clusters in the order they were started (see the module
        docstring). The clusters are changed."""
        self.clusters.sort(key=lambda cluster: cluster.members[0].order)  # kept and new ones, as one pass makes
        return _merge_fragments(self.clusters, self.index)


def _candidates(index: CandidateIndex, member: Member) -> list[Cluster]:
    event = member.event
    actor1 = name_key(event.actor1) if event.actor1 else None
    return index.candidates(name_key(event.event_type), member.date, event.location, actor1)


def _actor_keys(event: Event) -> list[str]:
    return [name_key(a) for a in (event.actor1, event.actor2) if a]


def _merge_fragments(clusters: list[Cluster], index: CandidateIndex) -> list[Cluster]:
    """Second pass: an incident whose every event may join an earlier incident is merged into it.

    An early vague report starts an incident of its own; the reports that tie it to another one may
    only come later. The same rules apply as for single events (best score, no ties).
    """
    position = {id(c): n for n, c in enumerate(clusters)}
    absorbed: dict[int, Cluster] = {}

    def live(cluster: Cluster) -> Cluster:
        while id(cluster) in absorbed:
            cluster = absorbed[id(cluster)]
        return cluster

    for fragment in clusters:
        # events told alike have the same candidates
        found = {id(c): c for m in fragment.distinct.values() for c in map(live, _candidates(index, m))}
        earlier = [c for c in found.values() if position[id(c)] < position[id(fragment)]]
        best = _best_target(fragment, earlier)
        if best is not None:
            verdict, target = best
            target.absorb(fragment, verdict.reason)
            absorbed[id(fragment)] = target
    return [c for c in clusters if id(c) not in absorbed]


def _best_target(fragment: Cluster, candidates: list[Cluster]) -> tuple[PairVerdict, Cluster] | None:
    """The earlier cluster the fragment may join: every event of it compatible with the cluster, one
    pair of events strong enough, and no other cluster fitting as well."""
    fitting = []
    for cluster in candidates:
        if fragment.docs & cluster.docs:
            continue
        told = list(fragment.distinct.values())  # events told alike compare alike; the first of them names it
        comparisons = [_fitting_comparisons(member, cluster) for member in told]
        if any(c is None for c in comparisons):
            continue
        verdicts = [(v, m) for m, c in zip(told, comparisons, strict=True) if (v := _best_verdict(c))]
        if verdicts:
            verdict, member = max(verdicts, key=lambda pair: pair[0].score)
            fitting.append((PairVerdict(verdict.score, f"{member.doc_id}: {verdict.reason}"), cluster))
    precise = any(m.date and m.event.location for m in fragment.members)
    if not fitting or (len(fitting) > 1 and not precise):
        return None
    fitting.sort(key=lambda pair: -pair[0].score)
    if len(fitting) > 1 and fitting[0][0].score == fitting[1][0].score:
        return None
    return fitting[0]


def _best_cluster(member: Member, candidates: list[Cluster]) -> tuple[PairVerdict, Cluster] | None:
    """The best-scoring cluster the event may join; none when two fit equally well, or when an event
    without a date or a place fits more than one (an undated strike on a town hit every week)."""
    fitting = [(verdict, cluster) for cluster in candidates if (verdict := judge(member, cluster))]
    if not fitting or (len(fitting) > 1 and not (member.date and member.event.location)):
        return None
    fitting.sort(key=lambda pair: -pair[0].score)
    if len(fitting) > 1 and fitting[0][0].score == fitting[1][0].score:
        return None
    return fitting[0]


def judge(member: Member, cluster: Cluster) -> PairVerdict | None:
    """The best pair verdict when the event may join the cluster, else None."""
    if member.doc_id in cluster.docs:
        return None
    return _best_verdict(_fitting_comparisons(member, cluster))


def _fitting_comparisons(member: Member, cluster: Cluster) -> list[Comparison] | None:
    """The event's comparisons with the cluster's events, or None when they rule it out.

    Type, date and actors must agree with every event of the cluster; the place only with one of
    them (a province report of a border clash fits the towns on both sides), provided no town of the
    cluster lies more than twice ``MAX_KM`` away.
    """
    comparisons = []
    for other in cluster.distinct.values():  # events told alike compare alike
        comparison = compare_events(member, other)
        if comparison is None:
            return None
        comparisons.append(comparison)
    if all(c.place_level == "conflict" for c in comparisons) or any(c.far_apart for c in comparisons):
        return None
    return [c for c in comparisons if c.place_level != "conflict"]


def _best_verdict(comparisons: list[Comparison] | None) -> PairVerdict | None:
    verdicts = [c.verdict() for c in comparisons or ()]
    return max((v for v in verdicts if v), key=lambda v: v.score, default=None)


@dataclass(frozen=True)
class Comparison:
    """How two reported events relate, dimension by dimension (levels: strong, weak, unknown, conflict)."""

    sub_type: str
    both_sub_typed: bool
    date: tuple[str, str]
    place: tuple[str, str]
    actors: tuple[str, str]
    km: float | None  # between two towns or districts, else None

    @property
    def far_apart(self) -> bool:
        return self.km is not None and self.km > 2 * MAX_KM

    @property
    def place_level(self) -> str:
        return self.place[0]

    def verdict(self) -> PairVerdict | None:
        """A scored verdict when the evidence is strong enough (see the module docstring), else None."""
        date_level, place_level, actor_level = self.date[0], self.place[0], self.actors[0]
        if date_level == "unknown" and not (place_level == actor_level == "strong"):
            return None
        if place_level == "unknown" and not (date_level == actor_level == "strong"):
            return None
        score = sum({"strong": 2, "weak": 1}.get(level, 0) for level in (date_level, place_level, actor_level))
        score += 1 if self.both_sub_typed else 0
        if self.km is not None and self.km <= MAX_KM:  # the nearer of two otherwise equal candidates
            score += 0.5 * (1 - self.km / MAX_KM)
        reason = f"same type {self.sub_type}, {self.date[1]}, {self.place[1]}, {self.actors[1]}"
        return PairVerdict(score, reason)


def compare_events(a: Member, b: Member) -> Comparison | None:
    """How the two events relate, or None when their type, sub-type, date or actors contradict."""
    ea, eb = a.event, b.event
    if name_key(ea.event_type) != name_key(eb.event_type):
        return None
    if ea.sub_event_type and eb.sub_event_type and name_key(ea.sub_event_type) != name_key(eb.sub_event_type):
        return None
    date = _compare_dates(a.date, b.date)
    if date[0] == "conflict":
        return None
    actors = compare_actors(ea, eb)
    if actors[0] == "conflict":
        return None
    place = _compare_locations(ea.location, eb.location)
    return Comparison(
        sub_type=ea.sub_event_type or eb.sub_event_type or ea.event_type,
        both_sub_typed=bool(ea.sub_event_type and eb.sub_event_type),
        date=date, place=place, actors=actors,
        km=_town_distance(ea.location, eb.location),
    )


def _town_distance(a: Place | None, b: Place | None) -> float | None:
    if a is None or b is None or max(rank(a), rank(b)) > 1:
        return None
    return distance_km(a, b)


def _compare_dates(a: str | None, b: str | None) -> tuple[str, str]:
    if a is None or b is None:
        return "unknown", "date unknown"
    if not dates_compatible(a, b):
        return "conflict", f"dates {a}/{b}"
    if a == b:
        return ("strong" if is_day(a) else "weak"), f"date {a}"
    return "weak", f"dates {a}~{b}"


def _compare_locations(a: Place | None, b: Place | None) -> tuple[str, str]:
    if a is None or b is None:
        return "unknown", "place unknown"
    match = compare_places(a, b)
    return match.level, match.reason


def compare_actors(a: Event, b: Event) -> tuple[str, str]:
    """Strong when both name the same perpetrator; battles may list the two sides either way round."""
    orders = [(b.actor1, b.actor2)]
    if name_key(a.event_type) in SWAPPABLE_TYPES:
        orders.append((b.actor2, b.actor1))
    best = ("conflict", f"actors {_pair(a.actor1, a.actor2)} vs {_pair(b.actor1, b.actor2)}")
    for other1, other2 in orders:
        first, second = actor_relation(a.actor1, other1), actor_relation(a.actor2, other2)
        if "conflict" in (first, second):
            continue
        level = "strong" if first == "strong" else "weak"
        if best[0] == "conflict" or level == "strong":
            best = (level, f"actors {_pair(a.actor1 or other1, a.actor2 or other2)}")
    return best


def actor_relation(a: str | None, b: str | None) -> str:
    """strong (same actor), weak (one unknown, or civilians of a country vs that country) or conflict."""
    if not a or not b:
        return "weak"
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return "strong"
    ca, cb = _CIVILIANS.match(ka), _CIVILIANS.match(kb)
    if ca and cb:
        return "weak" if not ca["country"] or not cb["country"] else "conflict"
    civilian, other = (ca, kb) if ca else (cb, ka)
    return "weak" if civilian and civilian["country"] == other else "conflict"


def _pair(actor1: str | None, actor2: str | None) -> str:
    return f"{actor1 or '?'}/{actor2 or '?'}"


def incident_id(cluster: Cluster) -> str:
    """The id of the cluster's incident, from its first event (two incidents may share one: see resolve)."""
    return stable_id("inc", cluster.members[0].evidence, *_identity(cluster.members[0]))


def build_incident(cluster: Cluster, id_: str) -> Incident:
    """The incident's own fields voted from its events: the most precise date and place, the usual actors."""
    events = [m.event for m in cluster.members]
    actor1, actor2 = _voted_actors(events)
    return Incident(
        id=id_,
        event_type=events[0].event_type,
        sub_event_type=most_common(e.sub_event_type for e in events),
        date=finest(m.date for m in cluster.members),
        location=_best_place([e.location for e in events if e.location]),
        actor1=actor1,
        actor2=actor2,
        alleged_by=union([[e.alleged_by] for e in events if e.alleged_by]),
        sources=[m.evidence for m in cluster.members],
        merge_reasons=list(cluster.reasons),
    )


def _identity(member: Member) -> tuple[str | None, ...]:
    event = member.event
    place = event.location.name if event.location else None
    return (event.event_type, event.sub_event_type, member.date, event.actor1, event.actor2, place)


def _voted_actors(events: list[Event]) -> tuple[str | None, str | None]:
    """Vote actor1 and actor2, first turning battles round when a report lists the sides the other way."""
    anchor = next((e for e in events if e.actor1), events[0])
    firsts, seconds = [], []
    for event in events:
        pair = (event.actor1, event.actor2)
        swapped = (event.actor2, event.actor1)
        if name_key(event.event_type) in SWAPPABLE_TYPES and _agrees(swapped, anchor) > _agrees(pair, anchor):
            pair = swapped
        firsts.append(pair[0])
        seconds.append(pair[1])
    return most_common(firsts), most_common(seconds)


def _agrees(pair: tuple[str | None, str | None], anchor: Event) -> int:
    return sum(actor_relation(x, y) == "strong" for x, y in zip(pair, (anchor.actor1, anchor.actor2), strict=True))


def _best_place(places: list[Place]) -> Place | None:
    if not places:
        return None
    top = min(rank(p) for p in places)
    precise = [p for p in places if rank(p) == top]
    name = most_common(name_key(p.name) for p in precise)
    return next(p for p in precise if name_key(p.name) == name)
