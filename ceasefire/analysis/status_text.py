"""The ceasefire status as terminal text: what a mediator reads first, most urgent first."""

from __future__ import annotations

import textwrap

from ceasefire.analysis.status import (
    AgreementStatus,
    Allegation,
    CeasefireStatus,
    IncidentLine,
    WeekCount,
)
from ceasefire.resolution.model import TalksRound

BAR = "█"


def render_status_text(status: CeasefireStatus) -> str:
    lines = [f"Ceasefire status as of {status.as_of} — {status.documents} reports, {status.incidents} incidents"]
    if not status.agreements:
        lines += ["", "No ceasefire or peace agreement was found in the stored reports."]
        if status.recent_incidents:
            lines += ["", "Latest incidents:"] + [f"  {incident_text(i)}" for i in status.recent_incidents]
    for agreement in status.agreements:
        lines += [""] + agreement_text(agreement)
    return "\n".join(lines)


def agreement_text(a: AgreementStatus) -> list[str]:
    title = a.name or f"{a.kind.replace('_', ' ')} between {' and '.join(a.parties) or 'unnamed parties'}"
    lines = [f"== {title} ==",
             f"Parties:    {', '.join(a.parties) or 'not stated'}",
             f"Mediators:  {', '.join(a.mediators) or 'not stated'}",
             f"Agreed:     {a.signed or 'date not stated'}{' in ' + a.venue if a.venue else ''}",
             f"Effective:  {a.effective or 'not stated'}{in_force_text(a)}",
             f"Status:     {(a.status or 'unknown').upper().replace('_', ' ')}"]
    lines += [f"  {ref_text(ref.published, ref.publisher, ref.evidence)}" for ref in a.status_reports]
    if a.effective:
        lines += ["", f"Incidents since {a.effective}: {a.incidents_since}"
                      + (f" ({a.disputed_since} with disputed tolls)" if a.disputed_since else "")]
        lines += [f"  {incident_text(i)}" for i in a.recent_incidents]
        lines += allegations_text(a.allegations)
    if a.talks:
        lines += ["", "Talks:"] + [f"  {talks_text(t)}" for t in a.talks]
    if a.statements:
        lines += ["", "Latest statements:"]
        lines += [f"  {s.side} — {s.speaker} ({s.published or 'undated'}, {s.publisher or 'unknown outlet'}): "
                  f"“{shorten(s.text, 160)}”" for s in a.statements]
    if a.weekly:
        lines += ["", "Incidents per week (week 0 starts on the effective date):"] + weekly_text(a.weekly)
    return lines


def in_force_text(a: AgreementStatus) -> str:
    """" — 24 days in force", or " — ended 2025-10-18 after 3 days in force"."""
    if a.ended:
        days = f" after {a.days_in_force} days in force" if a.days_in_force is not None else ""
        return f" — ended {a.ended}{days}"
    return f" — {a.days_in_force} days in force" if a.days_in_force is not None else ""


def allegations_text(allegations: list[Allegation]) -> list[str]:
    if not allegations:
        return []
    lines = ["", "Violations each side alleges:"]
    for allegation in allegations:
        lines.append(f"  {allegation.accuser} accuses {allegation.accused}: {allegation.incidents} incident(s)"
                     + (f", {allegation.disputed} with disputed tolls" if allegation.disputed else ""))
        for total in allegation.figures:
            lines.append(f"    {total.claimant or 'reporters'} count {total.killed} killed, {total.injured} injured"
                         f" over {total.incidents} incident(s)")
        lines += [f"    {incident_text(i)}" for i in allegation.latest]
    return lines


def incident_text(i: IncidentLine) -> str:
    what = i.sub_event_type or i.event_type
    who = " vs ".join(a for a in (i.actor1, i.actor2) if a)
    toll = _toll(i)
    parts = [i.date or "undated", what, i.location or "place unknown"]
    text = " · ".join(parts) + (f" · {who}" if who else "") + (f" · {toll}" if toll else "")
    if i.claims:
        text += f" [{'; '.join(i.claims)}]"
    if i.disputed:
        text += " DISPUTED"
    return text + f" ({len(i.sources)} source{'s' if len(i.sources) != 1 else ''})"


def _toll(i: IncidentLine) -> str:
    if i.fatalities_best is None:
        return ""
    if i.fatalities_low == i.fatalities_high:
        return f"{i.fatalities_best} killed"
    return f"{i.fatalities_low}–{i.fatalities_high} killed (best {i.fatalities_best})"


def talks_text(t: TalksRound) -> str:
    when = t.start or "date not stated"
    if t.end and t.end != t.start:
        when += f" to {t.end}"
    mediators = f", mediated by {', '.join(t.mediators)}" if t.mediators else ""
    outcome = (t.outcome or "outcome unknown").replace("_", " ")
    return f"{when} · {t.venue or 'venue not stated'}{mediators} · {outcome} ({len(t.sources)} source(s))"


def weekly_text(weeks: list[WeekCount]) -> list[str]:
    return [f"  {w.week:>3} {w.start} | {BAR * min(w.incidents, 60)} {w.incidents}" for w in weeks]


def ref_text(published: str | None, publisher: str | None, evidence: str) -> str:
    return f"{published or 'undated'}, {publisher or 'unknown outlet'}: “{shorten(evidence, 200)}”"


def shorten(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder=" …")
