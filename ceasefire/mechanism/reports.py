"""What the mechanism reports: violations claimed against those verified, per side and per category and
period; the time from submission to ruling; and a periodic report in the manner of the OSCE Special
Monitoring Mission's daily and weekly reports (counts per area against the previous period, the findings
published, the allegations still open), as Markdown or HTML. Everything is built from what the account
may see, so a party's report never counts another party's unpublished submissions."""

from __future__ import annotations

import datetime as dt
import html
import statistics
from collections import Counter, defaultdict
from typing import Any

from ceasefire.mechanism.access import Account
from ceasefire.mechanism.allegations import allegations
from ceasefire.mechanism.vocabulary import CATEGORIES, RULINGS, STATES
from ceasefire.storage.store import Store


def claimed_versus_verified(store: Store, account: Account, *, period: str = "month") -> list[dict[str, Any]]:
    """One row per period, side alleged against and category: allegations claimed, and how many were ruled
    substantiated, not substantiated or unable to verify, and how many are still open."""
    rows: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for item in allegations(store, account):
        key = (_period(item["occurred_on"], period), item["against"] or "unknown", item["category"])
        rows[key]["claimed"] += 1
        rows[key][item["state"] if item["state"] in RULINGS else "open"] += 1
    return [{"period": p, "against": side, "category": category, "claimed": counts["claimed"],
             **{state: counts[state] for state in RULINGS}, "open": counts["open"]}
            for (p, side, category), counts in sorted(rows.items())]


def time_to_ruling(store: Store, account: Account) -> dict[str, Any]:
    """How long rulings took, in days from submission: the number ruled, the median and the longest."""
    days = [(dt.datetime.fromisoformat(a["ruled_at"]) - dt.datetime.fromisoformat(a["submitted_at"])).total_seconds()
            / 86400 for a in allegations(store, account) if a["ruled_at"]]
    return {"ruled": len(days), "median_days": round(statistics.median(days), 1) if days else None,
            "longest_days": round(max(days), 1) if days else None}


def claimed_versus_verified_text(table: list[dict[str, Any]]) -> str:
    """The table as aligned text, for the terminal."""
    header = ("period", "against", "category", "claimed", "substantiated", "not subst.", "unable", "open")
    lines = [[r["period"], r["against"], CATEGORIES[r["category"]], str(r["claimed"]), str(r["substantiated"]),
              str(r["not_substantiated"]), str(r["unable_to_verify"]), str(r["open"])] for r in table]
    widths = [max(len(str(c)) for c in column) for column in zip(header, *lines, strict=True)]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
                     for row in [header, *lines])


def periodic_report(store: Store, account: Account, *, end: dt.date, days: int = 7, fmt: str = "md") -> str:
    """The report for the ``days`` ending on ``end`` (included), compared with the ``days`` before."""
    start = end - dt.timedelta(days=days - 1)
    before = start - dt.timedelta(days=days)
    seen = allegations(store, account)
    current = [a for a in seen if start.isoformat() <= a["occurred_on"] <= end.isoformat()]
    previous = [a for a in seen if before.isoformat() <= a["occurred_on"] < start.isoformat()]
    areas_now, areas_then = Counter(_area(a) for a in current), Counter(_area(a) for a in previous)
    published = [a for a in seen
                 if a["published_at"] and start.isoformat() <= a["published_at"][:10] <= end.isoformat()]
    still_open = [a for a in seen if a["state"] not in RULINGS]
    title = f"Monitoring report, {start} to {end}"
    sections: list[tuple[str, list[str]]] = [
        ("Alleged violations by area", [f"{area}: {areas_now[area]} (previous {days} days: {areas_then[area]})"
                                        for area in sorted(set(areas_now) | set(areas_then))]
         or ["No allegation in either period."]),
        ("Findings published", [f"{a['occurred_on']} · {CATEGORIES[a['category']]} · {_area(a)} · alleged by "
                                f"{a['alleged_by']} against {a['against'] or 'unknown'}: "
                                f"{STATES[a['state']].upper()}, attributed to {a['attribution']}. {a['finding']}"
                                for a in published] or ["None in this period."]),
        ("Open allegations", [f"{a['occurred_on']} · {CATEGORIES[a['category']]} · {_area(a)} · alleged by "
                              f"{a['alleged_by']}: {STATES[a['state']]}" for a in still_open] or ["None."]),
    ]
    total = f"{len(current)} alleged violation(s) in the period, against {len(previous)} in the previous {days} days."
    if fmt == "html":
        body = "".join(f"<h2>{html.escape(h)}</h2><ul>{''.join(f'<li>{html.escape(i)}</li>' for i in items)}</ul>"
                       for h, items in sections)
        return (f"<!doctype html>\n<html lang=en><head><meta charset=utf-8><title>{html.escape(title)}</title></head>"
                f"<body><h1>{html.escape(title)}</h1><p>{html.escape(total)}</p>{body}</body></html>\n")
    lines = [f"# {title}", "", total]
    for heading, items in sections:
        lines += ["", f"## {heading}", ""] + [f"- {item}" for item in items]
    return "\n".join(lines).replace("<", "&lt;").replace(">", "&gt;") + "\n"


def _period(day: str, period: str) -> str:
    if period == "month":
        return day[:7]
    if period == "week":
        iso = dt.date.fromisoformat(day).isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return day


def _area(allegation: dict[str, Any]) -> str:
    return allegation["place"] or "place not given"
