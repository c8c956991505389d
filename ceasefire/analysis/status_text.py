"""The ceasefire status as terminal text: what a mediator reads first, most urgent first."""

from __future__ import annotations

import textwrap

from ceasefire.analysis.status import (
    QUIET_DAYS,
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
    if status.silent_days is not None and status.silent_days > QUIET_DAYS:
        lines.append(f"No report received since {status.latest_report} ({status.silent_days} days): "
                     "incidents since then would not show here.")
    if not status.agreements:
        lines += ["", "No ceasefire or peace agreement was found in the stored reports."]
        if status.recent_incidents:
            lines += ["", "Latest incidents:"] + [f"  {incident_text(i)}" for i in status.recent_incidents]
    for agreement in status.agreements:
        lines += [""] + agreement_text(agreement)
    return "\n".join(lines)


def agreement_text(a: AgreementStatus) -> list[str]:
    title = a.name or f"{a.kind.replace('_', ' ')} between {' and '.join(a.parties) or 'unnamed parties'}"
    lines = [f"== {title} ==", *textwrap.wrap(bottom_line(a), width=100), "",
             f"Parties:    {', '.join(a.parties) or 'not stated'}",
             f"Mediators:  {', '.join(a.mediators) or 'not stated'}",
             f"Agreed:     {a.signed or 'date not stated'}{' in ' + a.venue if a.venue else ''}",
             f"Effective:  {effective_text(a)}"]
    if a.expires or a.extensions:
        lines.append(f"Runs until: {a.expires or 'not stated'}")
        lines += [f"  {text}" for text in extension_texts(a)]
    lines.append(f"Status:     {(a.status or 'unknown').upper().replace('_', ' ')}")
    lines += [f"  {ref_text(ref.published, ref.publisher, ref.evidence)}" for ref in a.status_reports]
    if a.status == "expired" and not a.status_reports:
        lines.append(f"  its last day, {a.expires}, has passed and no report tells of an extension")
    lines += [f"  but {(ref.status or '').replace('_', ' ')} per {ref_text(ref.published, ref.publisher, ref.evidence)}"
              for ref in a.contested_by]
    if a.in_force_from:
        lines += ["", since_heading(a)]
        if a.on_effective_day:
            lines.append(f"  {not_counted_text(a)}")
        lines += [f"  {incident_text(i)}" for i in a.recent_incidents]
        lines += allegations_text(a.allegations)
    if a.talks:
        lines += ["", "Talks:"] + [f"  {talks_text(t)}" for t in a.talks]
    if a.statements:
        lines += ["", "Latest statements:"]
        lines += [f"  {s.side} — {s.speaker} ({s.published or 'undated'}, {s.publisher or 'unknown outlet'}): "
                  f"“{shorten(s.text, 160)}”" for s in a.statements]
    if a.weekly:
        lines += ["", "Incidents per week (week 0 starts on the day it took effect):"] + weekly_text(a.weekly)
    return lines


def extension_texts(a: AgreementStatus) -> list[str]:
    """"extended on 2026-04-04 until 2026-05-06 per <report>", one per report of an extension."""
    return [f"extended on {x.agreed} until {x.until or 'a day not stated'} per "
            f"{ref_text(x.report.published, x.report.publisher, x.report.evidence)}" for x in a.extensions]


def since_heading(a: AgreementStatus) -> str:
    """"Incidents since 2026-03-07 00:00 until 2026-04-02: 3 (1 with disputed tolls, 1 that no party alleges)"."""
    details = [f"{a.disputed_since} with disputed tolls" if a.disputed_since else "",
               f"{a.unclaimed_since} that no party alleges" if a.unclaimed_since else ""]
    return (f"Incidents since {a.in_force_from}{' ' + a.effective_time if a.effective_time else ''}"
            f"{' until ' + a.ended if a.ended else ''}: {a.incidents_since}"
            + (f" ({', '.join(d for d in details if d)})" if any(details) else ""))


def not_counted_text(a: AgreementStatus) -> str:
    return (f"not counted: {a.on_effective_day} incident(s) on {a.in_force_from} at an hour no report gives, "
            f"perhaps before it took effect at {a.effective_time}")


def bottom_line(a: AgreementStatus) -> str:
    """Two or three sentences a mediator reads first: status, the trend in incidents, the allegations,
    and where the talks stand."""
    status = (a.status or "unknown").replace("_", " ").upper()
    sentences = [f"Status: {status}" + (f", {a.days_in_force} days after it took effect" if a.days_in_force
                                         is not None and not a.ended else "")
                 + (f"; it ended on {a.ended}" if a.ended else "") + "."]
    if a.extensions:
        latest = a.extensions[-1]
        sentences.append(f"Extended on {latest.agreed}" + (f" until {latest.until}" if latest.until else "") + ".")
    elif a.expires and not a.ended:
        sentences.append(f"It runs until {a.expires}.")
    before = [w.incidents for w in a.weekly if w.week < 0]
    after = [w.incidents for w in a.weekly if w.week >= 0]
    if a.in_force_from and after:
        sentences.append(f"{a.incidents_since} incident(s) involving the parties since then "
                         f"({sum(after) / len(after):.1f} a week, against {sum(before) / max(len(before), 1):.1f} "
                         f"a week in the {len(before)} weeks before)"
                         + (f", {a.disputed_since} with disputed tolls" if a.disputed_since else "") + ".")
    if a.allegations:
        sentences.append("; ".join(f"{x.accuser} alleges {x.incidents} violation(s) by {x.accused}"
                                   for x in a.allegations) + ".")
    dated = [t for t in a.talks if t.start]
    if dated:
        latest = max(dated, key=lambda t: t.start or "")
        sentences.append(f"Latest talks: {latest.venue or 'venue not stated'}, {latest.start}, "
                         f"{(latest.outcome or 'outcome unknown').replace('_', ' ')}.")
    return " ".join(sentences)


def effective_text(a: AgreementStatus) -> str:
    """When it took effect and for how long it held; the agreement date stands in for an unstated one."""
    if a.effective:
        return f"{a.effective}{' at ' + a.effective_time if a.effective_time else ''}{in_force_text(a)}"
    if a.in_force_from:
        return f"not stated; counted from the day it was agreed, {a.in_force_from}{in_force_text(a)}"
    return "not stated"


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
