"""When a round of talks was held: the days a mention gives, read through appositives, relative clauses, ranges
("6 and 7 November", "on Tuesday and Wednesday") and lists ("rounds on 16 May and 2 June", which
the dates stage gives as two days)."""

from __future__ import annotations

import datetime as dt
import re

from ceasefire.extraction.report import DateMention, Report

GAP_BLOCK = re.compile(r"\b(?:that|said|says|stated|as|reached|approved|agreed|signed|inked|when|while|following|"
                       r"after|since|amid|despite|ceasefire|truce)\b|[.;]", re.I)
_DATE_BEFORE_GAP = re.compile(r"^(?:['’]s)?\s*(?:[\w-]+\s+)?$")
_RANGE_GAP = re.compile(r"\s*(?:and|to|through|until|-|–)\s*", re.I)
FOR_GAP = re.compile(r"(?:\s+[\w-]+){0,3}?\s+for\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}", re.I)
_ENDED = re.compile(r"\b(?:ended|concluded|closed|wrapped\s+up|broke\s+up|finished)\b", re.I)
_LIST_GAP = re.compile(r"\s*(?:,|and|,\s*and)\s*", re.I)
_PLURAL_ROUNDS = re.compile(r"\b(?:rounds|meetings|sessions)\b", re.I)
_ENDED_BEFORE = re.compile(r"\b(?:ended|concluded|wrapped\s+up|closed)\s+(?:the\s+|their\s+|its\s+)?"
                           r"(?:[\w-]+\s+){0,3}?$", re.I)  # "ended two days of talks on 7 November"
_APPOSITIVE_OPEN = re.compile(r"\s*,\s*(?!and\b|but\b)", re.I)  # used with .match at a noun's end
_RELATIVE = re.compile(r"\s*,\s*(?:which|that)\b", re.I)  # used with .match at a noun's end
_HELD_CLAUSE = re.compile(r"\b(?:that|which)\s+(?:ran|w(?:ere|as)\s+held|took\s+place|lasted|opened|began|started)\b",
                          re.I)
# "meet his counterparts from Britain, France and Germany, in Geneva on Friday": who meets, before where and when
PARTICIPANTS = re.compile(r"\s+(?:with\s+)?(?:his|her|their|its)\s+(?:[\w-]+\s+)?counterparts\s+from\s+[^.;]{0,120}?,"
                          r"(?=\s+(?:in|at|on)\s)", re.I)  # used with .match at the noun's end
_APPOSITIVE_REACH = 120
_DATE_GAP_AFTER = 65
_DATE_GAP_BEFORE = 15


def round_days(report: Report, sentence: tuple[int, int], start: int, end: int) -> tuple[str | None, str | None]:
    """(first, last) day of the round named at ``[start, end)``: a date right after the noun ("talks in Istanbul on
    6 and 7 November"), before it ("Thursday's talks"), in a relative clause ("which opened on 13 June"), or the
    day it ended ("the round ended on 19 August")."""
    text = report.text
    dates = report.within(report.dates, *sentence)
    participants = PARTICIPANTS.match(text, end, sentence[1])
    head = participants.end() if participants else predicate_start(text, end, sentence[1])
    if _RELATIVE.match(text, end, head):  # "The talks, which opened on 13 June and closed on 17 June,"
        first = next((d.value for d in dates if end <= d.start < head and not _ENDED.search(
            text, max(end, d.start - 20), d.start)), None)
        last = next((d.value for d in dates if end <= d.start < head and _ENDED.search(
            text, max(end, d.start - 20), d.start)), None)
        if first or last:
            return first, last
    for index, date in enumerate(dates):
        if end <= date.start < head:
            continue  # a date inside the appositive: "the first since talks broke down in 2023"
        if date.start >= head:
            gap = _HELD_CLAUSE.sub(" ", text[head:date.start])  # "talks in Istanbul that ran from 25 to 30 October"
            if len(gap) <= _DATE_GAP_AFTER and not GAP_BLOCK.search(gap):
                if date.end_value:
                    return date.value, date.end_value  # "wrapped up talks that ran from 25 to 30 October"
                if _ENDED.search(gap) or _ENDED_BEFORE.search(text, max(sentence[0], start - 25),
                                                              start):
                    return None, date.end_value or date.value  # "the round ended on 19 August"
                return date.value, _last_day(text, date, dates[index + 1:])
        elif date.end <= start and (
                (start - date.end <= _DATE_GAP_BEFORE and _DATE_BEFORE_GAP.match(text[date.end:start]))
                or FOR_GAP.fullmatch(text, date.end, start)):  # "in Doha next week for a new round"
            return date.value, date.end_value
    return None, None


def _last_day(text: str, first: DateMention, following: list[DateMention]) -> str | None:
    """The end of a range the dates stage gave as two dates: "on Tuesday and Wednesday", "from 3 to 5 May"."""
    if first.end_value or not following:
        return first.end_value
    second = following[0]
    gap = text[first.end:second.start]
    if not _RANGE_GAP.fullmatch(gap) or len(second.value) != len(first.value) or second.value <= first.value:
        return None
    if "and" in gap.lower() and not _next_day(first.value, second.value):
        return None  # "on 16 May and 2 June": two days, not a range
    return second.value


def _next_day(first: str, second: str) -> bool:
    if len(first) != 10:
        return False
    return dt.date.fromisoformat(second) - dt.date.fromisoformat(first) == dt.timedelta(days=1)


def further_days(report: Report, sentence: tuple[int, int], start: int, end: int,
                 first_day: str) -> list[tuple[str, str | None]]:
    """"Earlier rounds in Istanbul on 16 May and 2 June": a plural noun with a list of days names one round a day;
    the (first, last) days of the rounds after the first."""
    if not _PLURAL_ROUNDS.search(report.text, start, end):
        return []
    text = report.text
    dates = report.within(report.dates, end, sentence[1])
    first = next((i for i, d in enumerate(dates) if d.value == first_day), None)
    if first is None:
        return []
    more, previous = [], dates[first]
    for date in dates[first + 1:]:
        if not _LIST_GAP.fullmatch(text[previous.end:date.start]):
            break
        more.append((date.value, date.end_value))
        previous = date
    return more


def predicate_start(text: str, end: int, sent_end: int) -> int:
    """Where what is said of a noun begins: after an appositive that follows it ("The talks, hosted by Turkey,
    ended ..."), else right after the noun."""
    opening = _APPOSITIVE_OPEN.match(text, end, sent_end)
    if not opening:
        return end
    close = text.find(",", opening.end(), min(sent_end, opening.end() + _APPOSITIVE_REACH))
    return close + 1 if close > 0 else end
