"""When and where an incident happened: picking its date and places from the mentions around it.

A sentence often names more than one incident; each date and place mention goes to the nearest
trigger group in its own clause. Dates that say when something was *said* ("the army said on
Sunday") or that set a benchmark ("the worst since the 2021 takeover") are not incident dates.
"""

from __future__ import annotations

import re
from typing import Protocol

from ceasefire.extraction.events.triggers import lexicon
from ceasefire.extraction.places.stage import SITUATED_BY
from ceasefire.extraction.places.unlisted import SITUATING_GAP
from ceasefire.extraction.report import DateMention, PlaceMention, Report
from ceasefire.geo import haversine_km
from ceasefire.records import Place

_NOT_INCIDENT_DATE = re.compile(
    r"(?:\b(?:said|says|told\s+\w+|announced|stated|posted|(?<!(?:was|ere) )(?<!also )reported|added|confirmed)"
    r"(?:\s+(?:in|on|to)\s+(?:a\s+|an\s+|the\s+|its\s+)?\w+)?\s+(?:on\s+|late\s+|early\s+)?(?:\w+\s*\(\s*)?)$", re.I)
# "accused the army on Sunday of shelling ...": when the accusation was made, not the incident.
_ACCUSED_ON = re.compile(r"\b(?:accus|blam|condemn|denounc)\w*\s+(?:\S+\s+){1,4}(?:on|late on|early on)\s+$", re.I)
# "the RSF said on Saturday it had repelled an attack": the day of the statement is the best date the
# report gives for what it says had just happened.
_SAID_HAD = re.compile(r"\W{0,2}(?:that\s+)?(?:it|they|its\s+\w+|their\s+\w+)\s+had\s+(?!been\b)", re.I)
# "a truce signed by both sides in Qatar in July": the date of an agreement, not of an incident.
_AGREEMENT_DATE = re.compile(r"\b(?:signed|initial(?:l)?ed|agreed|brokered|sealed|took effect"
                             r"|came into (?:force|effect)|(?:truce|ceasefire|accord|agreement) of)\b[^.;,]{0,60}$",
                             re.I)
# "Rafah, in southern Gaza", "Wana, in Pakistan's South Waziristan", "Keran sector of Kupwara district":
# the second place only situates the first.
# "the Gaza Strip city of Deir al-Balah": the kind word and "of" name the later place, not the earlier.
_NAMED_KIND = re.compile(r"^\s+(?:city|town|village|hamlet|camp|port|enclave|settlement)\s+of\s+(?:the\s+)?$", re.I)
_SITUATES = re.compile(r"^(?:\s+(?:\w+,?\s+){0,2}of|,?\s+in|,\s+(?:\d+\s*(?:km|kilometres|miles)\s+)?"
                       r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|,?\s+near"
                       # "X, a small town in A", "X, a village on the boundary of A and B"
                       r"|,\s+an?\s+(?:[\w-]+\s+){0,2}(?:village|town|city|hamlet|locality|area|settlement)\s+"
                       r"(?:in|near|on|at|of|outside)(?:\s+the\s+(?:boundary|border|outskirts|edge)\s+(?:of|between)"
                       r"(?:\s+(?:[A-Z][\w-]*\s+){1,3}and)?)?)\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?(?:[a-z-]+ern\s+|central\s+)?$")
# A dateline ("JAMMU, 7 May:", "DUBAI June 15:", "Belgrade, Sep 24 (EFE).-") names where the report was filed,
# not an incident site; it opens the body, after a headline and perhaps a photo caption.
_DATELINE_WITHIN = 400
_DATELINE = re.compile(r"^[^\n:]{0,80}?\d{1,4}(?:\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)?"
                       r"(?:\s*(?:\([^)]*\))?\.?\s*(?::|--|—|–|-)\s"
                       # "Beijing, Nov 28 (PTI) Three workers ...": a news agency's name closes it
                       r"|\s*(?-i:\((?:[A-Z][\w.]*\s?){1,3}\))\s+)", re.I)
# "MIR ALI — ", "GOMA, Democratic Republic of Congo — ": a dateline without a date, in capitals.
_DATELINE_NAME = re.compile(r"^(?:date \S+\s+)?[A-Z][A-Z'’.\- /]{2,}(?:,\s*[A-Z][\w .'’-]{1,40})?\s+(?:—|–|--|-)\s")
# "in X", "near the X": a place, whatever follows it (not a capital speaking for its government).
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|around|inside|across)\s+(?:the\s+)?$", re.I)
# A mention in another clause than the group counts as this many characters further away.
_OTHER_CLAUSE_COST = 2000
# What follows a trigger belongs to it more often than what precedes it: "opened fire at a base in Surin".
_BEFORE_COST = 6
# "the worst since the 2021 takeover": a date after "since" dates the benchmark, unless an incident is named.
_SINCE = re.compile(r"\bsince\s+(?:\S+\s+){0,5}?$", re.I)
# "the worst since October 28, when strikes killed 104": the date of the incident the when-clause tells.
_WHEN_AFTER = re.compile(r",?\s+when\b", re.I)
# Two places this close are taken for the same incident site.
_SAME_SITE_KM = 25
_PRECISIONS = ("exact", "district", "province", "country")
# "Pahalgam attack", "Pahalgam terror attack": the place names an incident noun right after it.
_MODIFIER_GAPS = (re.compile(r"\s+"), re.compile(r"\s+[a-z]+\s+"))
_JOINED = re.compile(r"\s*(?:and|to|through|until|or|-|–)\s*(?:on\s+)?", re.I)


class _Assignable(Protocol):
    start: int
    end: int
    strength: str
    clause: tuple[int, int]
    dates: list
    places: list


def event_dates(report: Report, sentence: tuple[int, int]) -> list[DateMention]:
    """The date mentions of a sentence that can date an incident."""
    text = report.text
    dateline = _DATELINE.match(text[sentence[0]:sentence[1]]) if sentence[0] < _DATELINE_WITHIN else None
    first = sentence[0] + dateline.end() if dateline else sentence[0]  # "JAMMU, 7 May:" dates the filing
    return [d for d in report.within(report.dates, first, sentence[1])
            if (not _NOT_INCIDENT_DATE.search(text[max(sentence[0], d.start - 40):d.start])
                or _SAID_HAD.match(text, d.end, sentence[1]))
            and not _ACCUSED_ON.search(text[max(sentence[0], d.start - 60):d.start])
            and not _AGREEMENT_DATE.search(text[max(sentence[0], d.start - 70):d.start])
            and (not _benchmark(text[max(sentence[0], d.start - 60):d.start]) or _WHEN_AFTER.match(text, d.end))]


def _benchmark(before: str) -> bool:
    since = _SINCE.search(before)
    return since is not None and lexicon().triggers.search(since.group()) is None


def site_mentions(report: Report, sentence: tuple[int, int]) -> list[PlaceMention]:
    """The place mentions of a sentence that can locate an incident.

    Left out: a dateline, a venue ("talks in Istanbul", "the Doha truce"), a capital standing
    for its government ("Islamabad seeks ...", "Kabul blames ...") and two names side by side,
    which are pieces of one name the gazetteer does not know ("Badami Bagh cantonment").
    """
    lex = lexicon()
    text = report.text
    dateline = _dateline(text, sentence)
    after_dateline = sentence[0] + dateline.end() if dateline else sentence[0]
    places = report.within(report.places, after_dateline, sentence[1])
    fragments = {id(m) for a, b in zip(places, places[1:], strict=False) if text[a.end:b.start] == " " for m in (a, b)}
    return [p for p in places if id(p) not in fragments
            and not lex.place_not_site_before.search(text[max(sentence[0], p.start - 60):p.start])
            and (_LOCATIVE_BEFORE.search(text, max(sentence[0], p.start - 12), p.start)  # "a protest in X demanding"
                 or not lex.place_not_site_after.match(text[p.end:p.end + 40]))]


def _dateline(text: str, sentence: tuple[int, int]) -> re.Match | None:
    """The dateline the report opens with, if this sentence starts with it."""
    if sentence[0] >= _DATELINE_WITHIN:
        return None
    head = text[sentence[0]:sentence[1]]
    return _DATELINE.match(head) or _DATELINE_NAME.match(head)


def pick_date(text: str, mentions: list[DateMention], start: int, end: int) -> str | None:
    """The date nearest the trigger (among equally near ones the most precise); for days joined
    into one stretch ("on Friday and Saturday") the precision they share."""
    if not mentions:
        return None
    ordered = sorted(mentions, key=lambda d: d.start)
    nearest = min(ordered, key=lambda d: (min(abs(d.start - end), abs(start - d.end)), -len(d.value)))
    value = date_of(nearest)
    at = ordered.index(nearest)
    for neighbour in (ordered[at - 1] if at else None, ordered[at + 1] if at + 1 < len(ordered) else None):
        if neighbour is not None and _JOINED.fullmatch(text[min(nearest.end, neighbour.end):
                                                             max(nearest.start, neighbour.start)]):
            value = _shared_prefix(value, date_of(neighbour))
    return value


def _shared_prefix(a: str, b: str) -> str:
    for size in (10, 7, 4):
        if a[:size] == b[:size]:
            return a[:size]
    return min(a, b)[:4]


def date_of(mention: DateMention) -> str:
    """The mention's date; for a range, the precision both ends share ("9 to 21 July" -> "2025-07")."""
    if not mention.end_value:
        return mention.value
    return _shared_prefix(mention.value, mention.end_value)


def assign_mentions(text: str, groups: list[_Assignable], dates: list[DateMention],
                    places: list[PlaceMention]) -> None:
    """Give each date and place mention to the nearest group, preferring groups in its own clause.

    A place that modifies an incident noun ("the Pahalgam attack") belongs to that incident only,
    and to none if that mention was set aside as a reference back.
    """
    for mention in dates:
        if _WHEN_AFTER.match(text, mention.end):  # "since Saturday night, when forces attacked posts"
            later = [g for g in groups if g.clause[0] >= mention.end]
            if later:
                min(later, key=lambda g: g.start).dates.append(mention)
                continue
        min(groups, key=lambda g: _distance(g, mention)).dates.append(mention)
    for mention in places:
        noun = modified_trigger(text, mention.end)
        if noun is not None:
            owner = [g for g in groups if g.start <= noun < g.end]
            if owner:
                owner[0].places.append(mention)
            continue
        best = min(groups, key=lambda g: _distance(g, mention))
        if _distance(best, mention) < _OTHER_CLAUSE_COST:  # a place only locates triggers in its clause
            best.places.append(mention)
    for group in groups:  # "militants firing gunshots and a missile at troops in Rafah": both in Rafah
        if not group.places:
            group.places = [p for other in groups
                            if other.clause == group.clause and other is not group and other.strength != "weak"
                            for p in other.places if p.start > group.end]


def modified_trigger(text: str, position: int) -> int | None:
    """Where the incident noun starts that a place name right before it modifies, if it does."""
    for gap in _MODIFIER_GAPS:
        modified = gap.match(text, position)
        if modified and lexicon().triggers.match(text, modified.end()):
            return modified.end()
    return None


def _distance(group: _Assignable, mention: DateMention | PlaceMention) -> float:
    if mention.end <= group.start:
        gap = (group.start - mention.end) * _BEFORE_COST
    else:
        gap = max(0, mention.start - group.end)
    inside = group.clause[0] <= mention.start < group.clause[1]
    return gap + (0 if inside else _OTHER_CLAUSE_COST)


def incident_places(text: str, mentions: list[PlaceMention]) -> list[Place]:
    """The separate sites among a group's place mentions, finest first kept.

    Country-level places are too vague to locate an incident; a region named only to situate a
    finer place ("Keran sector of Kupwara district") is dropped; "from A to B" is one front.
    """
    fine = [m for m in mentions if m.place.precision != "country"]
    kept = [m for m in fine if not any(_situates(text, m, other) for other in fine if other is not m)]
    # "the Chaman–Spin Boldak crossing": two towns joined by a dash name one site
    kept = [m for i, m in enumerate(kept) if not (i and re.fullmatch(r"\s*[-–—/]\s*", text[kept[i - 1].end:m.start]))]
    if len(kept) >= 2 and re.search(r"\b(?:from|between)\s+\S*$", text[max(0, kept[0].start - 20):kept[0].start]):
        kept = kept[:1]
    sites: list[Place] = []
    for mention in kept:
        if all(mention.place.name != s.name for s in sites):
            sites.append(mention.place)
    return sites


def _situates(text: str, outer: PlaceMention, inner: PlaceMention) -> bool:
    """Whether ``outer`` is only named to situate ``inner``: inside it, "A, in B", "A of B", "B's A"."""
    if _contains(outer.place, inner.place):
        return True
    if inner.end <= outer.start:
        between = text[inner.end:outer.start]
        located_by = inner.place.lat is not None and (inner.place.lat, inner.place.lon) == (outer.place.lat,
                                                                                              outer.place.lon)
        if SITUATED_BY.fullmatch(between) and ("(" in between or located_by) \
                or located_by and SITUATING_GAP.fullmatch(between):
            # "X village (A, B)"; "X, A" or "X village, near the city of A" where the places stage located the
            # village X by A
            return True
        return _SITUATES.match(between) is not None and not _NAMED_KIND.match(between)
    return re.fullmatch(r"['’]s\s+", text[outer.end:inner.start]) is not None  # "Kandahar's Spin Boldak"


def _contains(outer: Place, inner: Place) -> bool:
    """Whether the province ``outer`` holds ``inner`` (the same first-level division)."""
    if outer.precision != "province" or _rank(outer) <= _rank(inner):
        return False
    return inner.admin1 is not None and inner.admin1 in (outer.admin1, outer.name)


def _rank(place: Place) -> int:
    return _PRECISIONS.index(place.precision) if place.precision in _PRECISIONS else len(_PRECISIONS)


def places_compatible(a: Place | None, b: Place | None) -> bool:
    """Whether two mentions can be the same incident site: unknown, same, nested or very close."""
    if a is None or b is None or a.name == b.name or _contains(a, b) or _contains(b, a):
        return True
    if a.name == b.admin1 or b.name == a.admin1:  # "Kandahar" the city or the province of Spin Boldak
        return True
    if "province" in (a.precision, b.precision) or None in (a.lat, a.lon, b.lat, b.lon):
        return False  # a region's centre says nothing about where in it the incident was
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= _SAME_SITE_KM

