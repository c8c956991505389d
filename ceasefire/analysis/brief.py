"""The shareable brief: the ceasefire status as Markdown or a self-contained HTML page, with a chart of
incidents over time marking when the agreement took effect and when the talks met.

The HTML page inlines its SVG charts. Markdown cannot inline SVG portably, so when the brief goes to a
file each chart is written beside it (``brief-1.svg``) and linked; on standard output the weekly
table stands in for the chart.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ceasefire.analysis.chart import incidents_chart
from ceasefire.analysis.status import AgreementStatus, CeasefireStatus, IncidentLine
from ceasefire.analysis.status_text import (
    bottom_line,
    effective_text,
    extension_texts,
    incident_text,
    not_counted_text,
    ref_text,
    shorten,
    since_heading,
    talks_text,
)


def write_brief(status: CeasefireStatus, fmt: str, out: Path | None = None) -> str:
    """The brief as text (``fmt`` is ``md`` or ``html``); with ``out``, also written there (charts beside it)."""
    if fmt == "html":
        text = render_html(status)
    elif fmt == "md":
        text = render_markdown(status, _write_charts(status, out) if out else {})
    else:
        raise ValueError(f"unknown brief format {fmt!r}; use md or html")
    if out:
        out.write_text(text, encoding="utf-8")
    return text


def _write_charts(status: CeasefireStatus, out: Path) -> dict[str, str]:
    """Write one SVG per agreement with a timeline beside ``out``; agreement id -> file name."""
    names = {}
    for number, agreement in enumerate(status.agreements, start=1):
        svg = _chart(agreement)
        if svg:
            path = out.with_name(f"{out.stem}-{number}.svg")
            path.write_text(svg, encoding="utf-8")
            names[agreement.id] = path.name
    return names


def _chart(a: AgreementStatus) -> str:
    if not a.weekly or not a.in_force_from:
        return ""
    return incidents_chart(a.weekly, a.in_force_from, a.talks, f"Incidents per week — {_title(a)}")


def _title(a: AgreementStatus) -> str:
    return a.name or f"{a.kind.replace('_', ' ')} between {' and '.join(a.parties) or 'unnamed parties'}"


def render_markdown(status: CeasefireStatus, charts: dict[str, str]) -> str:
    lines = [f"# Ceasefire brief, {status.as_of}", "",
             f"Drawn from {status.documents} reports, {status.incidents} incidents after merging duplicates."]
    if not status.agreements:
        lines += ["", "No ceasefire or peace agreement was found in the stored reports."]
        lines += _md_incidents("Latest incidents", status.recent_incidents)
    for a in status.agreements:
        lines += ["", f"## {_title(a)}", "", f"**{bottom_line(a)}**", "",
                  f"- **Status:** {(a.status or 'unknown').replace('_', ' ')}",
                  f"- **Parties:** {', '.join(a.parties) or 'not stated'}",
                  f"- **Mediators:** {', '.join(a.mediators) or 'not stated'}",
                  f"- **Agreed:** {a.signed or 'date not stated'}{' in ' + a.venue if a.venue else ''}",
                  f"- **Effective:** {effective_text(a)}"]
        if a.expires or a.extensions:
            lines += [f"- **Runs until:** {a.expires or 'not stated'}"] + [f"  - {t}" for t in extension_texts(a)]
        lines += ["", "Reports behind the status:", ""] + [f"- {ref_text(r.published, r.publisher, r.evidence)}"
                                                            for r in a.status_reports]
        lines += [f"- *but {(r.status or '').replace('_', ' ')}* per {ref_text(r.published, r.publisher, r.evidence)}"
                  for r in a.contested_by]
        if a.in_force_from:
            lines += _md_incidents(since_heading(a), a.recent_incidents)
            lines += [f"- *{not_counted_text(a)}*"] if a.on_effective_day else []
        for alleged in a.allegations:
            lines += _md_incidents(f"{alleged.accuser} accuses {alleged.accused}: {alleged.incidents} incident(s)",
                                   alleged.latest)
            lines += [f"- {t.claimant or 'Reporters'} count {t.killed} killed, {t.injured} injured over "
                      f"{t.incidents} incident(s)" for t in alleged.figures]
        if a.talks:
            lines += ["", "### Talks", ""] + [f"- {talks_text(t)}" for t in a.talks]
        if a.statements:
            lines += ["", "### Latest statements", ""]
            lines += [f"- **{s.side}** — {s.speaker} ({s.published or 'undated'}, {s.publisher or 'unknown'}): "
                      f"“{shorten(s.text, 240)}”" for s in a.statements]
        if a.weekly:
            lines += ["", "### Incidents over time", ""]
            if a.id in charts:
                lines += [f"![Incidents per week]({charts[a.id]})", ""]
            lines += ["| week | from | incidents |", "|---:|---|---:|"]
            lines += [f"| {w.week} | {w.start} | {w.incidents} |" for w in a.weekly]
    # Report text is quoted verbatim; angle brackets are escaped so no markup in a report renders as HTML.
    return "\n".join(lines).replace("<", "&lt;").replace(">", "&gt;") + "\n"


def _md_incidents(heading: str, incidents: list[IncidentLine]) -> list[str]:
    return ["", f"### {heading}", ""] + [f"- {incident_text(i)}" for i in incidents]


_STYLE = """body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}
h2{border-bottom:2px solid #ddd;padding-bottom:.2em}.status{font-size:1.3em;font-weight:bold}
.violated,.collapsed{color:#c0392b}.in_force{color:#27865f}.disputed{color:#c0392b;font-weight:bold}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left}
blockquote{margin:.3em 0;color:#444}.meta{color:#666;font-size:.9em}
.bottom{font-size:1.1em;background:#f4f4f4;padding:.6em}"""


def render_html(status: CeasefireStatus) -> str:
    body = [f"<h1>Ceasefire brief, {escape(status.as_of)}</h1>",
            f"<p class=meta>Drawn from {status.documents} reports, {status.incidents} incidents after merging "
            "duplicates.</p>"]
    if not status.agreements:
        body += ["<p>No ceasefire or peace agreement was found in the stored reports.</p>",
                 _html_incidents("Latest incidents", status.recent_incidents)]
    body += [_html_agreement(a) for a in status.agreements]
    return ("<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
            f"<title>Ceasefire brief {escape(status.as_of)}</title><style>{_STYLE}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def _html_agreement(a: AgreementStatus) -> str:
    status = a.status or "unknown"
    rows = [("Parties", ", ".join(a.parties) or "not stated"), ("Mediators", ", ".join(a.mediators) or "not stated"),
            ("Agreed", (a.signed or "date not stated") + (f" in {a.venue}" if a.venue else "")),
            ("Effective", effective_text(a))]
    if a.expires or a.extensions:
        rows += [("Runs until", a.expires or "not stated"), *(("", text) for text in extension_texts(a))]
    parts = [f"<section><h2>{escape(_title(a))}</h2>",
             f"<p class='status {escape(status)}'>{escape(status.replace('_', ' ').upper())}</p>",
             f"<p class=bottom>{escape(bottom_line(a))}</p>",
             "<table>" + "".join(f"<tr><th>{k}</th><td>{escape(v)}</td></tr>" for k, v in rows) + "</table>",
             "<h3>Reports behind the status</h3><ul>"
             + "".join(f"<li>{escape(ref_text(r.published, r.publisher, r.evidence))}</li>" for r in a.status_reports)
             + "".join(f"<li><em>but {escape((r.status or '').replace('_', ' '))}</em> per "
                       f"{escape(ref_text(r.published, r.publisher, r.evidence))}</li>" for r in a.contested_by)
             + "</ul>", _chart(a)]
    if a.in_force_from:
        parts.append(_html_incidents(since_heading(a), a.recent_incidents))
        if a.on_effective_day:
            parts.append(f"<p class=meta>{escape(not_counted_text(a))}</p>")
    for alleged in a.allegations:
        parts.append(_html_incidents(f"{alleged.accuser} accuses {alleged.accused}: {alleged.incidents} incident(s)",
                                     alleged.latest))
        parts.append("<ul>" + "".join(f"<li>{escape(t.claimant or 'Reporters')} count {t.killed} killed, "
                                      f"{t.injured} injured over {t.incidents} incident(s)</li>"
                                      for t in alleged.figures) + "</ul>")
    if a.talks:
        parts.append("<h3>Talks</h3><ul>" + "".join(f"<li>{escape(talks_text(t))}</li>" for t in a.talks) + "</ul>")
    if a.statements:
        parts.append("<h3>Latest statements</h3>" + "".join(
            f"<blockquote><b>{escape(s.side)}</b> — {escape(s.speaker)}: “{escape(s.text)}” "
            f"<span class=meta>({escape(s.published or 'undated')}, {escape(s.publisher or 'unknown')})</span>"
            "</blockquote>" for s in a.statements))
    return "\n".join(parts) + "</section>"


def _html_incidents(heading: str, incidents: list[IncidentLine]) -> str:
    items = "".join(f"<li{' class=disputed' if i.disputed else ''}>{escape(incident_text(i))}</li>"
                    for i in incidents)
    return f"<h3>{escape(heading)}</h3><ul>{items}</ul>"
