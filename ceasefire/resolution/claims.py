"""Casualty figures per incident: who claims what, and a UCDP-GED-style low / best / high summary.

Attaching figures to incidents. A report's casualty item belongs to the event of the same report
whose evidence span overlaps its own (the largest overlap wins); failing that, to the one event of
the report whose ``fatalities`` equals the figure; failing that, to the event told in the sentence
just before it (a figure given in a sentence of its own right after the event). An event's own
``fatalities`` counts as a claim (by the party it is alleged by, else the reporter) when no attached
casualty item gives that figure.

Summarising. Each claimant's total for one report is the largest overall figure it gives
(unspecified or mixed victims) or the sum of its figures per victim group (civilians, security
forces, militants) and side, whichever is larger. A claimant's figure is the one from its latest report
(tolls get updated); the reporter of each outlet counts as a claimant of its own.

* low = the lowest claimant figure, high = the highest;
* best = the figure of a neutral claimant (the UN, the ICRC, ... see ``data/neutral_claimants.json``)
  when one gives it, else the figure most claimants agree on, else the lower median;
* disputed = two claimants' killed figures for the same victims disagree (injured figures when nobody
  gives a death toll): compared per victim group and side, or as totals where a claimant gives only
  an overall figure; a vague figure ("dozens" = 12) agrees with any figure up to twice its value
  (an item's ``approximate`` is taken to qualify its figure only when it gives just one, killed or
  injured).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ceasefire.records import Casualty, Event
from ceasefire.resolution.common import evidence_of, name_key
from ceasefire.resolution.incidents import Cluster, Member
from ceasefire.resolution.model import CasualtyClaim, Evidence, Incident, SourcedRecord

_GROUPS = {"civilians", "security_forces", "militants"}
_ADJACENT_GAP = 3  # characters between two sentences that follow each other (a space, a paragraph break)


@dataclass(frozen=True)
class _Figure:
    claimant_key: str
    report: tuple[str, str]  # (published, doc id): the latest report of a claimant wins
    victims: str
    side: str | None
    killed: int | None
    injured: int | None
    approximate: bool

    def vague(self, attr: str) -> bool:
        """Whether this figure (killed or injured) is the vague one: only when it is the item's only figure."""
        other = "injured" if attr == "killed" else "killed"
        return self.approximate and getattr(self, other) is None


@dataclass(frozen=True)
class _Total:
    value: int
    approximate: bool


def attach_claims(incident: Incident, cluster: Cluster) -> None:
    """Fill the incident's claims and toll summary from its events' figures (see :func:`event_claims`)."""
    figures: list[tuple[CasualtyClaim, _Figure]] = []
    for member in cluster.members:
        for claim in member.claims:
            figures.append((claim, _figure_of(claim, member)))
    for claim, _ in figures:
        _keep_claim(incident.claims, claim)
    summarise(incident, [f for _, f in figures])


def _keep_claim(claims: list[CasualtyClaim], claim: CasualtyClaim) -> None:
    """One claim per claimant per figure: a repeat is dropped, or replaces a copy that lacked the injured."""
    for i, kept in enumerate(claims):
        injured_agree = kept.injured == claim.injured or None in (kept.injured, claim.injured)
        same_group = (kept.victims, kept.side) == (claim.victims, claim.side)
        same_figure = kept.killed == claim.killed and injured_agree and same_group
        if same_figure and _claimant_name(kept.claimant) == _claimant_name(claim.claimant):
            if kept.injured is None and claim.injured is not None:
                claims[i] = claim
            return
    claims.append(claim)


def casualties_by_event(source: SourcedRecord) -> dict[int, list[Casualty]]:
    """The report's casualty items keyed by ``id()`` of the event they belong to (see module docstring)."""
    events = source.record.events
    attached: dict[int, list[Casualty]] = {}
    for casualty in source.record.casualties:
        event = (_overlapping_event(casualty, events) or _event_with_toll(casualty, events)
                 or _event_just_before(casualty, events))
        if event is not None:
            attached.setdefault(id(event), []).append(casualty)
    return attached


def _overlapping_event(casualty: Casualty, events: list[Event]) -> Event | None:
    best, best_overlap = None, 0
    for event in events:
        overlap = min(casualty.span[1], event.span[1]) - max(casualty.span[0], event.span[0])
        if overlap > best_overlap:
            best, best_overlap = event, overlap
    return best


def _event_with_toll(casualty: Casualty, events: list[Event]) -> Event | None:
    matches = [e for e in events if casualty.killed is not None and e.fatalities == casualty.killed]
    return matches[0] if len(matches) == 1 else None


def _event_just_before(casualty: Casualty, events: list[Event]) -> Event | None:
    """The event told in the sentence right before the figure ("... The toll rose to 12, officials said.")."""
    before = [e for e in events if 0 <= casualty.span[0] - e.span[1] <= _ADJACENT_GAP]
    return before[0] if before else None


def event_claims(source: SourcedRecord, event: Event, evidence: Evidence,
                 casualties: list[Casualty]) -> list[CasualtyClaim]:
    """The figures an event of ``source`` carries: its attached casualty items (:func:`casualties_by_event`), and
    its own ``fatalities`` where none of them gives that figure."""
    claims = [
        CasualtyClaim(claimant=c.claimant, killed=c.killed, injured=c.injured, approximate=c.approximate,
                      victims=c.victims, side=c.side, evidence=evidence_of(source, c.span, c.evidence))
        for c in casualties
    ]
    if event.fatalities is not None and all(c.killed != event.fatalities for c in casualties):
        claims.append(CasualtyClaim(claimant=event.alleged_by, killed=event.fatalities, injured=None,
                                    approximate=False, victims="unspecified", side=None, evidence=evidence))
    return claims


def _figure_of(claim: CasualtyClaim, member: Member) -> _Figure:
    claimant = _claimant_name(claim.claimant) or f"reporter:{member.publisher or member.doc_id}"
    report = (claim.evidence.published or "", member.doc_id)
    return _Figure(claimant, report, claim.victims, claim.side, claim.killed, claim.injured, claim.approximate)


def _claimant_name(claimant: str | None) -> str | None:
    return name_key(claimant) if claimant else None


def summarise(incident: Incident, figures: list[_Figure]) -> None:
    """Set fatalities_low / best / high and disputed from the claimants' figures."""
    reports = _latest_reports(figures, "killed")
    if reports:
        killed = {claimant: _report_total(report, "killed") for claimant, report in reports.items()}
        values = [t.value for t in killed.values()]
        incident.fatalities_low, incident.fatalities_high = min(values), max(values)
        incident.fatalities_best = _best(killed)
        incident.disputed = _disputed(reports, "killed")
    else:
        incident.disputed = _disputed(_latest_reports(figures, "injured"), "injured")


def _latest_reports(figures: list[_Figure], attr: str) -> dict[str, list[_Figure]]:
    """Each claimant's figures (killed or injured) in its latest report that gives one."""
    by_claimant: dict[str, dict[tuple[str, str], list[_Figure]]] = {}
    for figure in figures:
        if getattr(figure, attr) is not None:
            by_claimant.setdefault(figure.claimant_key, {}).setdefault(figure.report, []).append(figure)
    return {claimant: reports[max(reports)] for claimant, reports in by_claimant.items()}


def _disputed(reports: dict[str, list[_Figure]], attr: str) -> bool:
    """Whether two claimants give different figures for the same victims: compared group by group
    (civilians with civilians, fighters with fighters, of the same side where both say), or as totals
    when either gives only an overall figure. One side's civilians and the other side's fighters are
    two figures, not a dispute."""
    views = [(_by_victims(report, attr), _report_total(report, attr))
             for report in reports.values()]
    for i, (groups_a, total_a) in enumerate(views):
        for groups_b, total_b in views[i + 1:]:
            shared = [(a, b) for key_a, a in groups_a.items() for key_b, b in groups_b.items()
                      if _same_victims(key_a, key_b)]
            if shared:
                if any(not _agree(a, b) for a, b in shared):
                    return True
            elif (_OVERALL in {k[0] for k in groups_a} | {k[0] for k in groups_b}) and not _agree(total_a, total_b):
                return True
    return False


_OVERALL = "overall"
# Fighters one claimant calls security forces, the other calls militants: the same people.
_KIND_OF_VICTIM = {"civilians": "civilians", "security_forces": "fighters", "militants": "fighters",
                   _OVERALL: _OVERALL}


def _same_victims(a: tuple[str, str | None], b: tuple[str, str | None]) -> bool:
    """Whether two (victim group, side) keys may count the same people."""
    return _KIND_OF_VICTIM[a[0]] == _KIND_OF_VICTIM[b[0]] and (a[1] == b[1] or None in (a[1], b[1]))


def _by_victims(figures: list[_Figure], attr: str) -> dict[tuple[str, str | None], _Total]:
    """A report's figures by (victim group, side); figures for no one group are the report's overall one."""
    found: dict[tuple[str, str | None], _Total] = {}
    for figure in figures:
        key = (figure.victims, figure.side) if figure.victims in _GROUPS else (_OVERALL, None)
        value = getattr(figure, attr)
        if key not in found or value > found[key].value:
            found[key] = _Total(value, figure.vague(attr))
    return found


def _report_total(figures: list[_Figure], attr: str) -> _Total:
    """The larger of the overall figure and the sum of the parts: for each victim group, the figures for
    each side added up (or the group's figure without a side, when larger)."""
    overall = max((getattr(f, attr) for f in figures if f.victims not in _GROUPS), default=0)
    by_group: dict[str, dict[str | None, int]] = {}
    for figure in figures:
        if figure.victims in _GROUPS:
            sides = by_group.setdefault(figure.victims, {})
            sides[figure.side] = max(sides.get(figure.side, 0), getattr(figure, attr))
    parts = sum(max(sum(v for side, v in sides.items() if side), sides.get(None, 0)) for sides in by_group.values())
    return _Total(max(overall, parts), any(f.vague(attr) for f in figures))


def _best(totals: dict[str, _Total]) -> int:
    neutral = sorted(t.value for claimant, t in totals.items() if is_neutral(claimant))
    if neutral:
        return neutral[(len(neutral) - 1) // 2]
    counts = Counter(t.value for t in totals.values())
    (top, top_count), *rest = counts.most_common()
    if top_count > 1 and all(count < top_count for _, count in rest):
        return top
    values = sorted(t.value for t in totals.values())
    return values[(len(values) - 1) // 2]


def _agree(a: _Total, b: _Total) -> bool:
    """Equal figures agree; a vague figure is a lower bound that agrees up to twice its value."""
    if a.value == b.value:
        return True
    low, high = (a, b) if a.value < b.value else (b, a)
    return low.approximate and high.value <= 2 * low.value


def is_neutral(claimant: str | None) -> bool:
    """Whether the claimant is a neutral observer such as the UN (``data/neutral_claimants.json``)."""
    if not claimant:
        return False
    names, prefixes = _neutral_table()
    key = name_key(claimant)
    return key in names or key.startswith(prefixes)


@cache
def _neutral_table() -> tuple[frozenset[str], tuple[str, ...]]:
    raw = json.loads(resources.files("ceasefire.data").joinpath("neutral_claimants.json").read_text("utf-8"))
    return frozenset(name_key(n) for n in raw["names"]), tuple(raw["prefixes"])
