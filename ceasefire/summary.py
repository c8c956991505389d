"""A readable plain-text rendering of a document record (what ``make run`` prints)."""

from __future__ import annotations

from ceasefire.records import DocumentRecord


def render_summary(record: DocumentRecord) -> str:
    doc = record.document
    lines = [f"== {doc.title or doc.id or 'report'} ({doc.published or 'undated'}, {doc.language})"]
    if record.events:
        lines.append("Incidents:")
        for e in record.events:
            place = e.location.name if e.location else "place unknown"
            who = e.actor1 or "unknown actor"
            against = f" against {e.actor2}" if e.actor2 else ""
            claim = f" [alleged by {e.alleged_by}]" if e.alleged_by else ""
            dead = f", {e.fatalities} killed" if e.fatalities is not None else ""
            sub = e.sub_event_type or e.event_type
            lines.append(f"  {e.date or '????'}  {sub} in {place}: {who}{against}{dead}{claim}")
    if record.casualties:
        lines.append("Casualty figures:")
        for c in record.casualties:
            parts = [f"{c.killed} killed" if c.killed is not None else "",
                     f"{c.injured} injured" if c.injured is not None else ""]
            figure = " and ".join(p for p in parts if p)
            about = "about " if c.approximate else ""
            side = f" ({c.side})" if c.side else ""
            lines.append(f"  {about}{figure}, {c.victims}{side}, according to {c.claimant or 'the reporter'}")
    if record.quotes:
        lines.append("Quotes:")
        for q in record.quotes:
            text = q.text if len(q.text) <= 110 else q.text[:107] + "..."
            lines.append(f"  {q.speaker}: \u201c{text}\u201d")
    if record.agreements:
        lines.append("Agreements:")
        for a in record.agreements:
            lines.append(f"  {a.name or a.kind}: parties {', '.join(a.parties) or '?'}; "
                         f"mediators {', '.join(a.mediators) or 'none named'}; effective {a.effective or '?'}; "
                         f"status {a.status or 'unknown'}")
    if record.talks:
        lines.append("Talks:")
        for t in record.talks:
            when = t.start if not t.end or t.end == t.start else f"{t.start} to {t.end}"
            lines.append(f"  {t.venue or 'venue unknown'}, {when or 'date unknown'}: "
                         f"mediators {', '.join(t.mediators) or 'none named'}; outcome {t.outcome or 'unknown'}")
    if len(lines) == 1:
        lines.append("  (nothing extracted)")
    return "\n".join(lines)
