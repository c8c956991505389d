"""Where and when an agreement or round was made: the places in a span, the venue a mention names, the day it
was signed. Read by the agreements and talks stages on top of the shared :class:`Context`."""

from __future__ import annotations

import datetime as dt
import re

from ceasefire.extraction.diplomacy.context import WORDS, Context, PlaceRef, phrase_regex
from ceasefire.extraction.report import DateMention, Report

_SIGN = phrase_regex(WORDS["sign_verbs"])
_TALK_ANCHOR = phrase_regex([r"talks", r"negotiations", r"meeting", r"met"])
_REPORTED = re.compile(r"\b(?:" + "|".join(WORDS["reporting_verbs"]) + r")\s+(?:on\s+|late\s+|early\s+)?$", re.I)
_WHEN_AFTER = re.compile(r",?\s+when\b", re.I)  # used with .match at a date's end
IN_BEFORE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:(?:(?-i:[A-Z])[\w-]+\s+)?(?:town|city|village|capital|port|resort"
                       r"|district|province|region|border\s+town)\s+of\s+)?$", re.I)  # "in the Azerbaijani town of X"
_PREFIX_GAP = re.compile(r"^[\s-]*(?:brokered|mediated|backed|hosted|sponsored)?[\s-]*$", re.I)
_MODIFIER_GAP = re.compile(r"(?:['’]s)?\s+(?:[A-Z][\w-]*\s+)?")  # "the October halt", "the 2021 Doha accord"
_SCOPE_GAP = re.compile(r"\s+(?:in|across|along|for)\s+(?:the\s+)?", re.I)
_BROKER_GAP = re.compile(r"brokered|mediated|backed|sponsored", re.I)  # "US-brokered": a mediator, not a venue
_POSSESSIVE = re.compile(r"['’]s\b")
_DAYS_AFTER = re.compile(r",?\s+(?P<n>a|one|two|three|four|five|\d)\s+days?\s+after\b", re.I)
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_HERE = re.compile(r"\bhere\b", re.I)
_UNDONE = re.compile(r"\b(?:without|not|never|yet\s+to)\s+(?:(?:being|been|be|having)\s+)?$", re.I)
THE_BEFORE = re.compile(r"\b(?:the|this|that)\s+$", re.I)  # "the extended ceasefire": a word as adjective
_VENUE_GAP = 45
_SIGN_DISTANCE = 120
_CUE_DISTANCE = 90
# "agreed during talks in Nairobi", not "Talks in Istanbul produced a plan for the truce"
_TALKS_PREP = re.compile(r"\b(?:during|at|in|after|following|through|from|by)\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,2}$",
                         re.I)
# "until Sunday", "expired in October": a date that bounds the agreement, not the day it was made
_LIMIT_BEFORE = re.compile(r"\b(?:until|till|by|before|since|after|(?:expired|lapsed|collapsed|ended|broke\s+down)"
                           r"(?:\s+in|\s+on|\s+at)?)\s+(?:midnight\s+|noon\s+)?(?:on\s+)?$", re.I)


def places_in(context: Context, start: int, end: int) -> list[PlaceRef]:
    """Places in ``[start, end)``: the places stage's, plus spaCy GPE entities it did not resolve."""
    report = context.report
    refs = [PlaceRef(p.start, p.end, p.place.name, p.place.country, p.place.precision)
            for p in report.within(report.places, start, end)]
    for ent_start, ent_end, ent_text in context.gpe_spans:
        if (start <= ent_start and ent_end <= end
                and not any(r.start < ent_end and ent_start < r.end for r in refs)):
            refs.append(PlaceRef(ent_start, ent_end, ent_text, None, "exact"))
    return sorted(refs, key=lambda r: r.start)


def venue_for(context: Context, start: int, end: int,
              within: tuple[int, int] | None = None) -> tuple[str | None, str | None, str | None]:
    """(venue, its country, name prefix) of a mention at ``[start, end)``.

    1. a place right before it ("Doha ceasefire", "Doha-brokered truce"): also its name prefix;
    2. "in/at PLACE" shortly after an anchor in the sentence ("reached in Qatar", "talks in Istanbul");
    3. "here" in a sentence with an anchor: the dateline's place.

    ``within`` narrows the search to the mention's share of a sentence that names several agreements.
    """
    sent_start, sent_end = within or _sentence_of(context, start)
    text = context.report.text
    places = places_in(context, sent_start, sent_end)
    for place in places:
        if (place.end <= start and start - place.end <= 12 and _PREFIX_GAP.match(text[place.end:start])
                and context.names_venue(place)
                and not (_BROKER_GAP.search(text, place.end, start) and _is_country(context, place))):
            return place.name, place.country, place.name
    talks = [cue for cue in _TALK_ANCHOR.finditer(text, sent_start, sent_end)
             if cue.group().lower() == "met"
             or _TALKS_PREP.search(text, max(sent_start, cue.start() - 30), cue.start())]
    cues = [*_SIGN.finditer(text, sent_start, sent_end), *talks]
    for cue in sorted(cues, key=lambda c: abs(c.start() - start)):
        if min(abs(cue.start() - end), abs(start - cue.end())) > _CUE_DISTANCE:
            break  # "talks in Gabala, the first since the two countries initialled a peace agreement"
        for place in places:
            gap = text[cue.end():place.start]
            if _SCOPE_GAP.fullmatch(text[end:place.start]) and not context.names_venue(place):
                continue  # "a ceasefire in Gaza": the ground it covers
            if (0 <= len(gap) <= _VENUE_GAP and not re.search(r"[.;,]", gap) and IN_BEFORE.search(gap)
                    and not _POSSESSIVE.match(text, place.end)):  # "agreed at Kabul's request"
                return place.name, place.country, None
    if context.dateline and cues and _HERE.search(text, sent_start, sent_end):
        return context.dateline.name, context.dateline.country, None
    return None, None, None


def _is_country(context: Context, place: PlaceRef) -> bool:
    """Whether a place is a whole country ("US", "Qatar"), which brokers a deal rather than hosting it."""
    name = place.name.replace(".", "")
    return (place.precision == "country" or (name.isupper() and len(name) <= 3)
            or name in context.country_names())


def sign_date(report: Report, sentence: tuple[int, int], start: int, end: int, exclude: str | None) -> str | None:
    """When the agreement at ``[start, end)`` was made: a date beside it ("the October halt",
    "the Treaty of 1960"), else the date nearest a verb of agreeing in the sentence, else the day of publication
    when the sentence reports the agreeing as of that day."""
    text = report.text
    dates: list[DateMention] = report.within(report.dates, *sentence)
    for date in dates:
        before_noun = date.end <= start and _MODIFIER_GAP.fullmatch(text[date.end:start])
        after_noun = date.start >= end and re.fullmatch(r"\s+of\s+", text[end:date.start])
        if (before_noun or after_noun) and not _future(report, date.value):
            return date.value
    verbs = [m.start() for m in _SIGN.finditer(text, *sentence)
             if text[m.start() - 1] != "-"  # not "UN-brokered"
             and not _UNDONE.search(text, max(sentence[0], m.start() - 25), m.start())  # not "without being renewed"
             and not (m.end() == start - 1 and THE_BEFORE.search(text, max(0, m.start() - 6), m.start()))]
    # ... nor "the extended ceasefire": the truce as it stood
    best, best_distance = None, _SIGN_DISTANCE + 1
    near: list[str] = []
    for date in dates:
        if date.value == exclude or _future(report, date.value):
            continue
        lead = text[max(0, date.start - 25):date.start]
        if _REPORTED.search(lead) or (_LIMIT_BEFORE.search(lead) and not _WHEN_AFTER.match(text, date.end)):
            continue  # "said on Monday", "until Sunday"; but "since 10 May, when they agreed" dates the agreeing
        distance = min((abs(date.start - verb) for verb in verbs), default=_SIGN_DISTANCE + 1)
        value = _counted_back(text, date)
        if distance <= _SIGN_DISTANCE:
            near.append(value)
        if distance < best_distance:
            best, best_distance = value, distance
    if best is not None:  # "signed this summer ... on June 27": the finer of two readings of one date
        best = max((value for value in near if value.startswith(best)), key=len, default=best)
    if best is None and verbs and report.published:  # "X and Y agreed to a truce, Qatar said on Sunday" (today)
        today = report.published.isoformat()
        best = next((d.value for d in dates if d.value == today), None)
    return best


def _counted_back(text: str, date: DateMention) -> str:
    """"Holding on Sunday, a day after the presidency announced it": the agreeing was that many days before."""
    found = _DAYS_AFTER.match(text, date.end)
    if not found or len(date.value) != 10:
        return date.value
    count = int(found["n"]) if found["n"].isdigit() else _COUNTS[found["n"].lower()]
    return (dt.date.fromisoformat(date.value) - dt.timedelta(days=count)).isoformat()


def _future(report: Report, value: str) -> bool:
    return bool(report.published) and value > report.published.isoformat()[:len(value)]


def _sentence_of(context: Context, position: int) -> tuple[int, int]:
    return next((s for s in context.sentences if s[0] <= position < s[1]), (0, len(context.report.text)))
