"""An SVG bar chart of incidents per week, with the agreement's effective date and the talks marked.

Plain SVG text, no plotting library: it inlines into the HTML brief and opens in any browser.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from ceasefire.analysis.status import WeekCount
from ceasefire.resolution.model import TalksRound

WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 40, 20, 30, 50
CHAR_WIDTH = 6.2  # of an 11px sans-serif character, roughly, to keep labels inside the picture
BAR_COLOUR, AGREEMENT_COLOUR, TALKS_COLOUR = "#5b7fa6", "#c0392b", "#27865f"


def incidents_chart(weeks: list[WeekCount], effective: str, talks: list[TalksRound], title: str) -> str:
    """The chart as an ``<svg>`` element."""
    if not weeks:
        return ""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(weeks)
    top = max(max(w.incidents for w in weeks), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
             'font-family="sans-serif" font-size="11">',
             f'<title>{escape(title)}</title>',
             f'<text x="{LEFT}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
             f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" stroke="#333"/>',
             f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end">{top}</text>',
             f'<text x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end">0</text>']
    label_every = max(1, len(weeks) // 8)
    for index, week in enumerate(weeks):
        height = plot_h * week.incidents / top
        x = LEFT + index * slot
        parts.append(f'<rect x="{x + slot * 0.1:.1f}" y="{TOP + plot_h - height:.1f}" width="{slot * 0.8:.1f}" '
                     f'height="{height:.1f}" fill="{BAR_COLOUR}"><title>week of {week.start}: '
                     f'{week.incidents} incident(s)</title></rect>')
        if index % label_every == 0:
            parts.append(f'<text x="{x + slot / 2:.1f}" y="{TOP + plot_h + 14}" text-anchor="middle">'
                         f'{week.start[5:]}</text>')
    first = dt.date.fromisoformat(weeks[0].start)
    zero = next((index for index, week in enumerate(weeks) if week.week == 0), 0)
    parts.append(_marker(LEFT + zero * slot, plot_h, AGREEMENT_COLOUR, f"in force {effective}", 0))
    for number, meeting in enumerate(talks):
        x = _x(first, meeting.start, slot)
        if x is not None and LEFT <= x <= LEFT + plot_w:
            label = f"talks{' in ' + meeting.venue if meeting.venue else ''} {meeting.start[5:]}"
            parts.append(_marker(x, plot_h, TALKS_COLOUR, label, number + 1))
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 8}" fill="#555">incidents per week (bars); '
                 f'red: agreement in force; green: talks</text></svg>')
    return "\n".join(parts)


def _x(first: dt.date, date: str | None, slot: float) -> float | None:
    """Where a day falls on the time axis; None for a date not given to the day."""
    try:
        day = dt.date.fromisoformat(date or "")
    except ValueError:
        return None
    return LEFT + (day - first).days / 7 * slot


def _marker(x: float, plot_h: float, colour: str, label: str, row: int) -> str:
    """A dashed vertical line with its label beside it (to its left near the right edge, so it stays inside)."""
    y = TOP + 10 + 12 * (row % 4)
    overflows = x + 4 + len(label) * CHAR_WIDTH > WIDTH
    anchor, text_x = ("end", x - 4) if overflows else ("start", x + 4)
    return (f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + plot_h}" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="4 3"/>'
            f'<text x="{text_x:.1f}" y="{y}" fill="{colour}" text-anchor="{anchor}" stroke="white" '
            f'stroke-width="3" paint-order="stroke">{escape(label)}</text>')
