"""Dates stage: find the date expressions in a report and resolve them to calendar values.

Each expression becomes a :class:`DateMention` whose ``value`` follows the spec: a string whose
length is its precision ("2025-11-07", "2025-10", "2025"). Relative expressions resolve against
the publication date; without one, only expressions that carry their own year resolve.

Conventions (the spec's, plus the choices it leaves open):

* Day and month without a year ("7 November") is in the publication year (news style omits
  only that year), unless that puts it over 60 days ahead (then last year) or it falls within
  a month after a new year's day; a future cue in the clause ("will meet on ...") looks ahead.
* Month without a year ("in March", "early October") is the most recent such month, the
  publication month included; "last October" excludes it; "next October" or a future cue in
  the clause ("will be held in December") looks forward.
* Weekday ("on Saturday", "Thursday's talks") is the most recent such day on or before
  publication, so a Saturday report's "Saturday" is that same day; "last Saturday" is strictly
  before it; "next Saturday" or a future cue looks forward.
* Weeks have no precision of their own: "last week", "this week", "three weeks ago" give the
  month they fall in; "two days ago" is a day, "months ago" a month, "years ago" a year.
  "the weekend" is the Saturday-Sunday range. "overnight" and "midnight" are left alone.
* Ranges ("6 and 7 November", "October 25-30", "from 6 to 8 October") give the first day as
  ``value`` and the last as ``end_value``.
* A bare 1900-2099 is a year unless a count noun follows ("2000 troops"), a quantity word
  precedes ("some 2000") or a capitalised name word does ("Resolution 1701"). "May" and
  "March" alone count only after a cue word ("in May"): they are also a verb and a noun.
  Numeric dates (2025-11-07, 2025/11/07, 13/11/2025, 13.11.2025) need a four-digit year; when
  the day-month order is ambiguous (7/11/2025) only the year is kept. Year spans ("2019-2021")
  are skipped.
* Not dates: clock times, durations ("for 20 years"), ordinals, and names such as
  "March 23 Movement", "Good Friday", "Sunday Times" (word lists in data/date_words.json).

Why rules, not dateparser: each pattern yields year, month and day as groups, so the date is a
constructor call (no import cost, microseconds), and dateparser follows none of the conventions
above ("Saturday" read on a Saturday gives the week before; it cannot read "early October" or
"6 and 7 November"). On the dev corpus no spaCy DATE entity was left that it could resolve.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ceasefire.extraction import DATA
from ceasefire.extraction.report import DateMention, Report

Resolution = tuple[str, str | None]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
FUTURE_WINDOW_DAYS = 60
NEXT_YEAR_WINDOW_DAYS = 31
AMBIGUOUS_MONTHS = {"May", "March"}
_DAY_OFFSETS = {"yesterday": -1, "last night": -1, "the day before yesterday": -2, "tomorrow": 1,
                "the day after tomorrow": 2}

_WORDS = json.loads((DATA / "date_words.json").read_text(encoding="utf-8"))
_NUMBER_WORDS: dict[str, int] = _WORDS["number_words"]
_MONTH_CUES = frozenset(_WORDS["month_cues"])
_YEAR_CUES = frozenset(_WORDS["year_cues"])
_COUNT_NOUNS = frozenset(_WORDS["count_nouns"])
_QUANTITY_WORDS = frozenset(_WORDS["quantity_words"])
_NAME_FOLLOWERS = frozenset(_WORDS["name_followers"])
_RECURRENCE_WORDS = frozenset(_WORDS["recurrence_words"])
_NAME_PREFIXES = frozenset(_WORDS["name_prefixes"])
_FUTURE_CUE = re.compile(r"\b(?:" + "|".join(re.escape(cue) for cue in _WORDS["future_cues"]) + r")\b", re.I)
# a comma, semicolon or line break, a colon outside "9:45", a full stop not closing "p.m."
_CLAUSE_BREAK = re.compile(r"[;!?,\n]|(?<!\d):|:(?!\d)|(?<![ap]\.m)\.(?!\w)")
# "a ceasefire from 6 a.m. Khartoum time on Saturday": a start announced at an hour is still to come
_STARTING_AT = re.compile(r"\bfrom\s+(?:midnight|noon|\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?|GMT|UTC|hours))"
                          r"(?:\s+\(?[\w]+\)?){0,3}?\s+(?:on\s+)?$", re.I)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ ,]*-?$")
_WORD_AFTER = re.compile(r" *([A-Za-z]+)")

# Building blocks. Month and weekday names are matched case-sensitively (capitalised), so
# "may" the verb and "a march" never match; the words around them are case-insensitive.
_FULL = "|".join(MONTHS)
_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_WEEKDAY = "|".join(WEEKDAYS)
_MOD = (r"(?P<mod>(?i:early|late|mid)\s*-?\s*|(?i:the\s+(?:start|beginning|middle|end|first\s+(?:half|week)"
        r"|second\s+half|last\s+week)\s+of)\s+)")
_SEP = r"(?:\s*[-\u2013\u2014]\s*|\s+(?i:and|to|through|till|until|or)\s+)"
_LISTING = re.compile(r"\s(?:and|or)\s", re.I)  # joins two dates rather than the ends of a range
_LEFT_EDGE = r"(?<![\w.,:/-])"


def _month(name: str) -> str:
    return rf"(?P<{name}>(?:{_FULL})\b|(?:{_ABBR})\b\.?)"


def _day(name: str) -> str:
    return rf"(?P<{name}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"


_YEAR_DIGITS = r"(?P<y>(?:19|20)\d\d)"
_YEAR = _YEAR_DIGITS + r"\b(?![.,]\d|-\d)"
_OPT_YEAR = rf"(?:,?\s+(?:of\s+)?{_YEAR})?"
_OPT_WEEKDAY = rf"(?:(?:{_WEEKDAY}),?\s+)?"


@dataclass
class _Scan:
    """One text being scanned, with what the handlers need to judge and resolve a match."""

    text: str
    published: dt.date | None
    date_entities: list[tuple[int, int]]

    def word_before(self, start: int) -> str:
        found = _WORD_BEFORE.search(self.text, max(0, start - 30), start)
        return found.group(1) if found else ""

    def word_after(self, end: int) -> str:
        found = _WORD_AFTER.match(self.text, end)
        return found.group(1) if found else ""

    def future(self, start: int) -> bool:
        """Whether the clause before ``start`` speaks of the future ("will meet on ...", "a truce from 6 a.m. on")."""
        window = self.text[max(0, start - 80):start]
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
        return bool(_FUTURE_CUE.search(window, breaks[-1] if breaks else 0) or _STARTING_AT.search(window))

    def in_date_entity(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.date_entities)


def _month_number(name: str) -> int:
    return MONTHS.index(next(full for full in MONTHS if full.startswith(name.rstrip(".")[:3]))) + 1


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _months_before(day: dt.date, months: int) -> str:
    index = day.year * 12 + day.month - 1 - months
    return _month_value(index // 12, index % 12 + 1)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day_without_year(month: int, day: int, scan: _Scan, pos: int) -> dt.date | None:
    """The year a day and month refer to: the publication year, as news style omits only that one.

    Exceptions: a day more than 60 days after publication is last year's ("20 December" in a
    January report), and one just across the new year is next year's ("5 January" in a report of
    28 December); a future cue in the clause always looks forward.
    """
    pub = scan.published
    if pub is None:
        return None
    this_year, next_year = _date(pub.year, month, day), _date(pub.year + 1, month, day)
    future = scan.future(pos)
    if this_year and this_year > pub:
        return this_year if future or (this_year - pub).days <= FUTURE_WINDOW_DAYS else _date(pub.year - 1, month, day)
    if next_year and (future or (next_year - pub).days <= NEXT_YEAR_WINDOW_DAYS):
        return next_year
    return this_year


def _month_year(month: int, scan: _Scan, pos: int, relation: str | None) -> int | None:
    pub = scan.published
    if pub is None:
        return None
    if relation == "this":
        return pub.year
    if relation == "next" or (relation is None and scan.future(pos)):
        return pub.year if month > pub.month or (relation is None and month == pub.month) else pub.year + 1
    if relation == "last":
        return pub.year if month < pub.month else pub.year - 1
    return pub.year if month <= pub.month else pub.year - 1


def _on_day_range(m: re.Match, scan: _Scan) -> Resolution | None:
    first_month = _month_number(m["m1"] or m["m2"])
    last_month = _month_number(m["m2"] or m["m1"])
    d1, d2 = int(m["d1"]), int(m["d2"])
    if first_month == last_month and d2 <= d1:
        return None
    if m["y"]:
        last = _date(int(m["y"]), last_month, d2)
        first = _date(int(m["y"]) - int(first_month > last_month), first_month, d1)
    else:
        first = _day_without_year(first_month, d1, scan, m.start())
        last = first and _date(first.year + (last_month < first_month), last_month, d2)
    if not (first and last):
        return None
    if (m["m1"] and m["m2"] and _LISTING.search(m["body"]) and last - first != dt.timedelta(days=1)
            and scan.word_before(m.start("body")).lower() != "between"):
        return None  # "on 16 May and 2 June": two days, each read on its own; "between ... and" is a range
    return first.isoformat(), last.isoformat()


def _on_day(m: re.Match, scan: _Scan) -> Resolution | None:
    month, day = _month_number(m["m"]), int(m["d"])
    found = _date(int(m["y"]), month, day) if m["y"] else _day_without_year(month, day, scan, m.start())
    return (found.isoformat(), None) if found else None


def _on_numeric_day(m: re.Match, scan: _Scan) -> Resolution | None:
    if m.groupdict().get("mm"):
        found = _date(int(m["y"]), int(m["mm"]), int(m["dd"]))
    else:
        first, second = int(m["a"]), int(m["b"])
        if first != second and max(first, second) <= 12:
            return m["y"], None  # 7/11/2025: day-month or month-day, the text does not say
        day, month = (first, second) if first > 12 or first == second else (second, first)
        found = _date(int(m["y"]), month, day)
    return (found.isoformat(), None) if found else None


def _on_month_with_year(m: re.Match, scan: _Scan) -> Resolution | None:
    month = _month_number(m["m"])
    if m.groupdict().get("y"):
        if scan.word_after(m.end()).lower() in _COUNT_NOUNS:
            return None  # "in March 2000 people fled"
        return _month_value(int(m["y"]), month), None
    if scan.published is None:
        return None
    offset = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return _month_value(scan.published.year + offset, month), None


def _on_month(m: re.Match, scan: _Scan) -> Resolution | None:
    relation = m["rel"].lower() if m["rel"] else None
    if m["m"] in AMBIGUOUS_MONTHS and not (relation or m["mod"]) \
            and scan.word_before(m.start()).lower() not in _MONTH_CUES:
        return None
    month = _month_number(m["m"])
    year = _month_year(month, scan, m.start(), relation)
    return (_month_value(year, month), None) if year else None


def _on_year(m: re.Match, scan: _Scan) -> Resolution | None:
    """A bare 1900-2099 is a year unless the words around it make it a count or part of a name.

    News style writes counts of a thousand and more with a comma ("2,000"), so a bare one is
    mostly a year ("fuelling 2024 deportations"). It is a count when a count noun follows
    ("2000 troops") or a quantity word precedes ("some 2000"), and part of a name after a
    capitalised word ("Resolution 1701"), unless that word is a cue ("In 2021") or spaCy
    tagged the number a DATE.
    """
    if scan.word_after(m.end()).lower() in _COUNT_NOUNS:
        return None
    before = scan.word_before(m.start())
    cued = m["mod"] or before.lower() in _YEAR_CUES or scan.in_date_entity(m.start("y"), m.end("y"))
    return (m["y"], None) if cued or not (before.lower() in _QUANTITY_WORDS or before[:1].isupper()) else None


def _on_relative_day(m: re.Match, scan: _Scan) -> Resolution | None:
    phrase = " ".join(m["body"].lower().split())
    if scan.published is None or (m["body"][0].isupper() and scan.word_before(m.start())[:1].isupper()):
        return None  # "India Today", "USA Today": a title, not a day
    offset = _DAY_OFFSETS.get(phrase, 0)  # "today", "tonight", "this morning", "later today": 0
    return (scan.published + dt.timedelta(days=offset)).isoformat(), None


def _on_weekday(m: re.Match, scan: _Scan) -> Resolution | None:
    pub = scan.published
    if pub is None:
        return None
    weekday = WEEKDAYS.index(m["wd"])
    relation = m["rel"].lower() if m["rel"] else None
    ahead = (weekday - pub.weekday()) % 7
    back = (pub.weekday() - weekday) % 7
    if relation == "next":
        found = pub + dt.timedelta(days=ahead or 7)
    elif relation != "last" and scan.future(m.start()):
        found = pub + dt.timedelta(days=ahead)
    else:
        found = pub - dt.timedelta(days=back or (7 if relation == "last" else 0))
    return found.isoformat(), None


def _on_period(m: re.Match, scan: _Scan) -> Resolution | None:
    pub = scan.published
    if pub is None:
        return None
    offset = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    unit = m["unit"].lower()
    if unit == "year":
        return str(pub.year + offset), None
    if unit == "month":
        return _months_before(pub, -offset), None
    week_day = pub + dt.timedelta(days=7 * offset)
    return _month_value(week_day.year, week_day.month), None


def _on_weekend(m: re.Match, scan: _Scan) -> Resolution | None:
    pub = scan.published
    if pub is None:
        return None
    relation = (m["rel"] or "").lower()
    saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)  # most recent Saturday on or before
    if relation == "next" or (relation != "last" and pub.weekday() < 5 and scan.future(m.start())):
        saturday += dt.timedelta(days=7)
    elif relation == "last" and pub.weekday() >= 5:
        saturday -= dt.timedelta(days=7)
    return saturday.isoformat(), (saturday + dt.timedelta(days=1)).isoformat()


def _on_ago(m: re.Match, scan: _Scan) -> Resolution | None:
    pub = scan.published
    count = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS.get(m["n"].lower())
    if pub is None or not count:
        return None
    unit = m["unit"].lower().rstrip("s")
    if unit == "day":
        return (pub - dt.timedelta(days=count)).isoformat(), None
    if unit == "week":
        day = pub - dt.timedelta(days=7 * count)
        return _month_value(day.year, day.month), None
    if unit == "month":
        return _months_before(pub, count), None
    return str(pub.year - count), None


def _on_season(m: re.Match, scan: _Scan) -> Resolution | None:
    """A season gives the year it starts in; "last summer" is the most recent one already over."""
    if m.groupdict().get("y"):
        return m["y"], None
    pub = scan.published
    if pub is None:
        return None
    start = SEASON_START[m["season"].lower()]
    relation = m["rel"].lower()
    latest_start = pub.year if start <= pub.month else pub.year - 1
    if relation == "last":
        ongoing = (pub.month - start) % 12 < 3
        return str(latest_start - int(ongoing)), None
    if relation == "next":
        return str(latest_start + 1), None
    return str(pub.year), None


Handler = Callable[[re.Match, _Scan], Resolution | None]
_NUMBERS = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_RULES: list[tuple[re.Pattern, Handler]] = [(re.compile(pattern), handler) for pattern, handler in [
    (rf"{_LEFT_EDGE}\b(?P<body>{_day('d1')}(?:\s+(?:of\s+)?{_month('m1')})?{_SEP}{_day('d2')}(?:\s+of)?\s+"
     rf"{_month('m2')}{_OPT_YEAR})", _on_day_range),
    (rf"\b(?P<body>{_month('m1')}\s+{_day('d1')}{_SEP}(?:{_month('m2')}\s+)?{_day('d2')}{_OPT_YEAR})",
     _on_day_range),
    (rf"{_LEFT_EDGE}\b(?P<body>{_OPT_WEEKDAY}(?:the\s+)?{_day('d')}(?:\s+of)?\s+{_month('m')}{_OPT_YEAR})", _on_day),
    (rf"\b(?P<body>{_OPT_WEEKDAY}{_month('m')}\s+(?:the\s+)?{_day('d')}{_OPT_YEAR})(?![.,]?\d)", _on_day),
    (rf"(?<![\d/.-])\b(?P<body>{_YEAR_DIGITS}(?P<sep>[-/.])(?P<mm>0?[1-9]|1[0-2])(?P=sep)"
     rf"(?P<dd>3[01]|[12]\d|0?[1-9]))(?![\d/.-]\d|\d)", _on_numeric_day),
    (rf"(?<![\d/.-])\b(?P<body>(?P<a>\d\d?)(?P<sep>[/.-])(?P<b>\d\d?)(?P=sep){_YEAR})", _on_numeric_day),
    (rf"\b(?P<body>{_MOD}?{_month('m')},?\s+(?:of\s+)?{_YEAR})", _on_month_with_year),
    (rf"\b(?P<body>{_MOD}?(?P<m>{_FULL})(?:\s+(?i:of))?\s+(?P<rel>(?i:last|this|next))\s+(?i:year)\b)",
     _on_month_with_year),
    (rf"\b(?P<body>(?:(?P<rel>(?i:last|this|next))\s+)?{_MOD}?(?P<m>{_FULL})\b)", _on_month),
    (rf"(?<![$\u00a3\u20ac#\d/.-])\b(?P<body>{_MOD}?{_YEAR})(?!\s*%)", _on_year),
    (r"\b(?P<body>(?i:today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+"
     r"today|last\s+night|the\s+day\s+(?:before\s+yesterday|after\s+tomorrow))\b)", _on_relative_day),
    (rf"\b(?P<body>(?:(?P<rel>(?i:last|this|next))\s+)?\b(?P<wd>{_WEEKDAY})\b"
     r"(?:\s+(?i:morning|afternoon|evening|night))?)", _on_weekday),
    (r"\b(?P<body>(?:(?i:early|earlier|late|later|mid|the\s+(?:start|beginning|middle|end)\s+of)\s+)?"
     r"(?P<rel>(?i:last|this|next))\s+(?P<unit>(?i:week|month|year))\b)", _on_period),
    (r"\b(?P<body>(?:(?P<rel>(?i:last|this|next))|(?i:the|the\s+past))\s+(?i:weekend)\b)", _on_weekend),
    (rf"\b(?P<body>(?P<n>\d{{1,2}}|(?i:{_NUMBERS}))\s+(?P<unit>(?i:days?|weeks?|months?|years?))\s+(?i:ago)\b)",
     _on_ago),
    (r"\b(?P<body>(?P<rel>(?i:this|last|next))\s+(?P<season>(?i:spring|summer|autumn|fall|winter))\b)", _on_season),
    (rf"\b(?P<body>(?P<season>(?i:spring|summer|autumn|fall|winter))\s+(?:(?i:of)\s+)?{_YEAR})", _on_season),
]]


def find_dates(text: str, published: dt.date | None,
               date_entities: Iterable[tuple[int, int]] = ()) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``published``, in text order.

    ``date_entities`` are character spans a tagger marked as dates (spaCy DATE entities); a bare
    year inside one counts as a year even without a cue word before it. Where expressions
    overlap, the longest wins ("6 and 7 November" over "7 November"); an expression followed
    or preceded by a name word ("March 23 Movement", "Black September"), or after "every",
    blocks everything it overlaps.
    """
    scan = _Scan(text, published, list(date_entities))
    candidates: list[tuple[int, int, Resolution]] = []
    blocked: list[tuple[int, int]] = []
    for pattern, handler in _RULES:
        for match in pattern.finditer(text):
            start, end = match.span("body")
            before = scan.word_before(start)
            if scan.word_after(end) in _NAME_FOLLOWERS or before in _NAME_PREFIXES \
                    or before.lower() in _RECURRENCE_WORDS:
                blocked.append((start, end))  # "March 23 Movement", "Good Friday", "every Friday"
                continue
            resolution = handler(match, scan)
            if resolution is not None:
                candidates.append((start, end, resolution))
    chosen: list[tuple[int, int, Resolution]] = []
    for start, end, resolution in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if not any(start < e and s < end for s, e, *_ in [*chosen, *blocked]):
            chosen.append((start, end, resolution))
    return [DateMention(start=s, end=e, text=text[s:e], value=value, end_value=end_value)
            for s, e, (value, end_value) in sorted(chosen)]


def resolve_expression(text: str, published: dt.date | None) -> Resolution | None:
    """``(value, end_value)`` of the first date expression in a short ``text``, or None.

    For stages that hold a phrase rather than a report: ``resolve_expression("early October",
    date(2025, 11, 8))`` is ``("2025-10", None)``; ``"6 and 7 November"`` gives
    ``("2025-11-06", "2025-11-07")``. The whole text is taken to be a date expression, so a bare
    year ("2021") counts.
    """
    mentions = find_dates(text, published, [(0, len(text))])
    return (mentions[0].value, mentions[0].end_value) if mentions else None


def resolve_dates(report: Report) -> None:
    """Add a :class:`DateMention` to ``report.dates`` for every date expression in the text."""
    entities = [(ent.start_char, ent.end_char) for ent in report.doc.ents if ent.label_ == "DATE"]
    report.dates.extend(find_dates(report.text, report.published, entities))
    report.dates.sort(key=lambda mention: mention.start)
