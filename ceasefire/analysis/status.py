"""Whether a ceasefire holds: per agreement, who is bound and who mediates, how long it has been in
force, its current status and the reports behind it, the incidents since it took effect and the
violations each side alleges against the other (casualty figures per claimant), the talks, the latest
statements of each side, and incidents per week before and after it took effect.

The result is plain data classes: the CLI prints them as text or JSON, the brief renders them as
Markdown or HTML. Everything is read through indexed queries, so it stays fast on a large store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ceasefire.resolution.model import Incident, ResolvedAgreement, StatusObservation, TalksRound
from ceasefire.storage import queries
from ceasefire.storage.queries import ClaimTotal, IncidentFilter
from ceasefire.storage.store import Store

RECENT_INCIDENTS = 8
WEEKS_BEFORE = 8
MAX_WEEKS_AFTER = 52
STATEMENTS_PER_SIDE = 3
TALKS_PER_AGREEMENT = 10  # the latest rounds between its parties; talks_total counts them all
HISTORY_PER_AGREEMENT = 50  # the latest reports of its status; history_total counts them all
ENDED = ("collapsed", "expired")
CONTESTED_DAYS = 7
QUIET_DAYS = 7


@dataclass
class ReportRef:
    """One report's word on something: who published it, when, and the sentence."""

    publisher: str | None
    published: str | None
    evidence: str
    doc_key: str
    status: str | None = None


@dataclass
class Extension:
    """A report that the agreement was extended: when the extension was agreed and until when it now runs."""

    agreed: str | None
    until: str | None
    report: ReportRef


@dataclass
class IncidentLine:
    id: str
    date: str | None
    event_type: str
    sub_event_type: str | None
    location: str | None
    actor1: str | None
    actor2: str | None
    alleged_by: list[str]
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    disputed: bool
    claims: list[str]  # "Afghanistan: 12 killed" per claim
    sources: list[str]  # publishers


@dataclass
class Allegation:
    """The violations ``accuser`` alleges ``accused`` committed since the agreement took effect."""

    accuser: str
    accused: str
    incidents: int
    disputed: int
    figures: list[ClaimTotal]
    latest: list[IncidentLine]


@dataclass
class Statement:
    side: str
    speaker: str
    text: str
    published: str | None
    publisher: str | None


@dataclass
class WeekCount:
    week: int  # 0 is the week starting on the effective date, -1 the week before it
    start: str
    incidents: int


@dataclass
class AgreementStatus:
    id: str
    name: str | None
    kind: str
    parties: list[str]
    mediators: list[str]
    venue: str | None
    signed: str | None
    effective: str | None
    in_force_from: str | None  # the effective date, or failing it the day it was agreed: what counts start from
    days_in_force: int | None  # up to as_of, or up to when it ended
    ended: str | None  # when reports first called it collapsed or expired (the latest such run of reports),
    # or the day it ran until when that day has passed with no extension reported
    status: str | None
    status_reports: list[ReportRef]  # the latest reports that gave the current status
    contested_by: list[ReportRef]  # reports of the last CONTESTED_DAYS that saw another status
    history: list[ReportRef]
    effective_time: str | None = None  # the hour it took effect, when a report gives it
    expires: str | None = None  # the day it runs until, as the latest report by as_of gives it
    extensions: list[Extension] = field(default_factory=list)
    incidents_since: int = 0
    disputed_since: int = 0
    unclaimed_since: int = 0  # incidents since that no party is reported to allege
    killed_since: int = 0  # the best fatality figures of the incidents since, summed
    # incidents dated the day it took effect, left out of "since" because it took effect later that day
    # ("at 6 p.m.") and the report gives no hour for them
    on_effective_day: int = 0
    recent_incidents: list[IncidentLine] = field(default_factory=list)
    allegations: list[Allegation] = field(default_factory=list)
    talks: list[TalksRound] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    weekly: list[WeekCount] = field(default_factory=list)
    talks_total: int = 0
    history_total: int = 0


@dataclass
class CeasefireStatus:
    as_of: str
    documents: int
    incidents: int
    agreements: list[AgreementStatus]
    recent_incidents: list[IncidentLine]  # the latest incidents of all, whatever the agreement
    agreements_total: int = 0  # agreements matching, ``agreements`` holding the most reported of them
    latest_report: str | None = None  # the publication date of the latest report by as_of
    # days from it to as_of (or to today when no as_of was asked): above QUIET_DAYS, "no incident
    # reported" means no news, not calm
    silent_days: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def ceasefire_status(store: Store, *, agreement: str | None = None, as_of: str | None = None,
                     limit: int | None = None) -> CeasefireStatus:
    """The status of every agreement in the store (or those whose name, venue, id or a party contains
    ``agreement``; only the ``limit`` most reported with a limit), as of ``as_of`` (default: the
    latest report's publication date)."""
    today = dt.date.today().isoformat()
    reference = as_of or today  # the day the reader stands on, for how long the reports have been silent
    as_of = as_of or _latest_publication(store) or today
    agreements = sorted((a for a in store.agreements() if _matches(a, agreement) and _known_by(a.sources, as_of)),
                        key=lambda a: (-len(a.sources), _in_force_from(a) is None))
    total = len(agreements)
    agreements = agreements[:limit] if limit is not None else agreements
    talks = store.talks()
    quotes = store.quotes(until=as_of)
    recent = queries.incidents(store.connection, IncidentFilter(until=as_of, newest_first=True,
                                                                limit=RECENT_INCIDENTS))
    statements = _StatementsBySides(quotes)
    documents, incidents = queries.counts_as_of(store.connection, as_of)
    latest = _latest_publication(store, until=as_of)
    return CeasefireStatus(as_of=as_of, documents=documents, incidents=incidents, latest_report=latest,
                           silent_days=_days_between(latest, reference) if latest else None,
                           agreements=[agreement_status(store, a, as_of, talks, statements) for a in agreements],
                           recent_incidents=[incident_line(i) for i in recent], agreements_total=total)


class _StatementsBySides:
    """:func:`latest_statements` for each set of sides, worked out once: many agreements share their
    parties, and reading every quote again for each of them made a status over many agreements
    quadratic."""

    def __init__(self, quotes: list[queries.StoredQuote]) -> None:
        self.quotes = quotes
        self._found: dict[tuple[str, ...], list[Statement]] = {}

    def __call__(self, sides: list[str]) -> list[Statement]:
        key = tuple(sides)
        if key not in self._found:
            self._found[key] = latest_statements(self.quotes, sides)
        return self._found[key]


def agreement_status(store: Store, agreement: ResolvedAgreement, as_of: str, talks: list[TalksRound],
                     statements: Callable[[list[str]], list[Statement]]) -> AgreementStatus:
    known = [o for o in agreement.history if not o.as_of or o.as_of <= as_of]
    history = [_report_ref(o) for o in known]
    extensions = [Extension(o.extended, o.expires, _report_ref(o)) for o in known if o.extended]
    expires = next((o.expires for o in reversed(known) if o.expires), None)
    stated = [ref for ref in history if ref.status]
    current = stated[-1].status if stated else None
    behind = [ref for ref in history if ref.status == current][-3:] if current else []
    window = (dt.date.fromisoformat(as_of[:10]) - dt.timedelta(days=CONTESTED_DAYS)).isoformat()
    contested = [ref for ref in stated if ref.status != current and (ref.published or "") >= window]
    relevant = [t for t in talks if _relevant_talks(t, agreement, as_of)]
    ended = None
    if current in ENDED:
        streak = list(itertools.takewhile(lambda ref: ref.status == current, reversed(stated)))
        ended = streak[-1].published
        if current == "expired" and expires and ended and expires <= ended:
            ended = expires  # "expired on Saturday night": on the day it ran until, not the day it was reported
        contested = [ref for ref in contested if (ref.published or "") >= streak[-1].published]  # an earlier
        # "in force" does not contest its end
    elif expires and len(expires) == 10 and expires < as_of[:10]:
        current, ended = "expired", expires  # its last day has passed and no report tells of an extension
        contested = [ref for ref in contested if (ref.published or "") > expires]
    result = AgreementStatus(
        id=agreement.id, name=agreement.name, kind=agreement.kind, parties=agreement.parties,
        mediators=agreement.mediators, venue=agreement.venue, signed=agreement.signed,
        effective=agreement.effective, in_force_from=_in_force_from(agreement),
        days_in_force=_days_between(_in_force_from(agreement), ended or as_of),
        ended=ended, status=current, status_reports=behind, contested_by=contested[-HISTORY_PER_AGREEMENT:],
        history=history[-HISTORY_PER_AGREEMENT:], history_total=len(history),
        talks=relevant[-TALKS_PER_AGREEMENT:], talks_total=len(relevant),
        statements=statements(agreement.parties + agreement.mediators),
        effective_time=agreement.effective_time if agreement.effective else None, expires=expires,
        extensions=extensions)
    if result.in_force_from:
        _add_incidents(store, result, ended or as_of, as_of)
    return result


def _report_ref(observation: StatusObservation) -> ReportRef:
    evidence = observation.evidence
    return ReportRef(evidence.publisher, evidence.published or observation.as_of, evidence.text, evidence.doc_id,
                     observation.status)


def _first_day_since(result: AgreementStatus) -> str:
    """The first day whose incidents count as since it took effect: that day itself when it took effect at
    midnight or at an hour no report gives, else the next day (an incident that day may have come before)."""
    start = result.in_force_from or ""
    if len(start) == 10 and result.effective_time and result.effective_time != "00:00":
        return (dt.date.fromisoformat(start) + dt.timedelta(days=1)).isoformat()
    return start


def _add_incidents(store: Store, result: AgreementStatus, until: str, as_of: str) -> None:
    """Incidents involving the parties from the moment it took effect until it ended (or as_of), and the
    violations each side alleges against the other."""
    conn = store.connection
    first_day = _first_day_since(result)
    since = IncidentFilter(since=first_day, until=until, parties=result.parties, whole_period=True)
    result.incidents_since, result.disputed_since = queries.count_incidents(conn, since)
    result.unclaimed_since = queries.count_incidents(conn, dataclasses.replace(since, unclaimed=True))[0]
    result.killed_since = queries.fatality_sums(conn, since)["best"]
    if first_day != result.in_force_from:
        result.on_effective_day = queries.count_incidents(conn, IncidentFilter(
            since=result.in_force_from, until=result.in_force_from, parties=result.parties, whole_period=True))[0]
    recent = dataclasses.replace(since, newest_first=True, limit=RECENT_INCIDENTS)
    result.recent_incidents = [incident_line(i) for i in queries.incidents(conn, recent)]
    for accuser, accused in itertools.permutations(result.parties, 2):
        alleged = dataclasses.replace(since, alleged_by=accuser, perpetrator=accused, parties=())
        count, disputed = queries.count_incidents(conn, alleged)
        if count:
            latest = dataclasses.replace(alleged, newest_first=True, limit=RECENT_INCIDENTS)
            result.allegations.append(Allegation(
                accuser=accuser, accused=accused, incidents=count, disputed=disputed,
                figures=queries.claim_totals(conn, alleged),
                latest=[incident_line(i) for i in queries.incidents(conn, latest)]))
    result.weekly = weekly_counts(store, result.in_force_from, as_of, result.parties)


def weekly_counts(store: Store, effective: str, as_of: str, parties: list[str]) -> list[WeekCount]:
    """Incidents per week from :data:`WEEKS_BEFORE` weeks before ``effective`` up to ``as_of``."""
    start = dt.date.fromisoformat(effective[:10]) if len(effective) >= 10 else dt.date.fromisoformat(
        f"{effective[:7]}-01")
    first = start - dt.timedelta(weeks=WEEKS_BEFORE)
    end = min(dt.date.fromisoformat(as_of[:10]), start + dt.timedelta(weeks=MAX_WEEKS_AFTER))
    days = queries.daily_counts(store.connection, IncidentFilter(since=first.isoformat(), until=end.isoformat(),
                                                                 parties=parties))
    last_week = max((end - start).days // 7, -1)
    weeks = {week: 0 for week in range(-WEEKS_BEFORE, last_week + 1)}
    for day, count in days.items():
        week = (dt.date.fromisoformat(day) - start).days // 7
        if week in weeks:
            weeks[week] += count
    return [WeekCount(week, (start + dt.timedelta(weeks=week)).isoformat(), count) for week, count in weeks.items()]


def incident_line(incident: Incident) -> IncidentLine:
    place = incident.location
    where = ", ".join(dict.fromkeys(p for p in (place.name, place.admin1, place.country) if p)) if place else None
    return IncidentLine(
        id=incident.id, date=incident.date, event_type=incident.event_type,
        sub_event_type=incident.sub_event_type, location=where or None, actor1=incident.actor1,
        actor2=incident.actor2, alleged_by=incident.alleged_by, fatalities_low=incident.fatalities_low,
        fatalities_best=incident.fatalities_best, fatalities_high=incident.fatalities_high,
        disputed=incident.disputed, claims=[queries.claim_summary(c) for c in incident.claims],
        sources=sorted({s.publisher or s.doc_id for s in incident.sources}))


def latest_statements(quotes: list[queries.StoredQuote], sides: list[str]) -> list[Statement]:
    """Up to :data:`STATEMENTS_PER_SIDE` latest quotes per side (see :func:`side_of`)."""
    patterns = {side: _side_pattern(side) for side in sides}
    found: dict[str, list[Statement]] = {side: [] for side in sides}
    for quote in quotes:  # newest first
        side = side_of(quote, patterns)
        if side and len(found[side]) < STATEMENTS_PER_SIDE:
            found[side].append(Statement(side, quote.speaker, quote.text, quote.published, quote.publisher))
    return [statement for side in sides for statement in found[side]]


def side_of(quote: queries.StoredQuote, patterns: dict[str, re.Pattern[str]]) -> str | None:
    """The side a quote speaks for: the speaker is that side, or the side (or its demonym: "Afghan" for
    Afghanistan) is named nearest to the speaker in the sentence, outside the quoted words."""
    for side, pattern in patterns.items():
        if pattern.search(quote.speaker):
            return side
    sentence = quote.evidence.replace(quote.text, " " * len(quote.text)) if quote.text else quote.evidence
    anchor = max(sentence.find(quote.speaker), 0)
    distances = {side: min(abs(m.start() - anchor) for m in matches)
                 for side, pattern in patterns.items() if (matches := list(pattern.finditer(sentence)))}
    return min(distances, key=distances.get) if distances else None


def _side_pattern(side: str) -> re.Pattern[str]:
    words = side.split()
    if len(words) == 1:  # a country or group: its stem catches the demonym; names are capitalised
        return re.compile(rf"\b{re.escape(side[:6])}")
    return re.compile(rf"\b{re.escape(side)}\b", re.I)


def _in_force_from(agreement: ResolvedAgreement) -> str | None:
    if agreement.effective:
        return agreement.effective
    return agreement.signed if agreement.signed and len(agreement.signed) >= 10 else None


def _known_by(sources: list, as_of: str) -> bool:
    """Whether a report published by ``as_of`` (or undated) told of it."""
    return not sources or any(not s.published or s.published[:10] <= as_of for s in sources)


def _relevant_talks(talks: TalksRound, agreement: ResolvedAgreement, as_of: str) -> bool:
    known = any(not s.published or s.published <= as_of for s in talks.sources) or not talks.sources
    shared = not agreement.parties or not talks.parties or set(talks.parties) & set(agreement.parties)
    return known and bool(shared)


def _matches(agreement: ResolvedAgreement, wanted: str | None) -> bool:
    if not wanted:
        return True
    wanted = wanted.casefold()
    return any(wanted in (value or "").casefold()
               for value in (agreement.name, agreement.venue, agreement.id, *agreement.parties))


def _days_between(start: str | None, end: str) -> int | None:
    if not start or len(start) < 10:
        return None
    days = (dt.date.fromisoformat(end[:10]) - dt.date.fromisoformat(start[:10])).days
    return days if days >= 0 else None


def _latest_publication(store: Store, until: str | None = None) -> str | None:
    row = store.connection.execute("SELECT max(published) FROM documents WHERE ? IS NULL OR published <= ?",
                                   (until, until)).fetchone()
    return row[0][:10] if row and row[0] else None
