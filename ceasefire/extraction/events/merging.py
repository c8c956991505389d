"""One event per incident: folding repeated mentions together and completing what they leave open.

A report names its main incident in the headline, the lead and again further down ("the
shelling", "the strikes"). Mentions of one type with compatible dates and places are merged,
keeping the most precise date and place. A date borrowed from the sentences before (not said
in the mention's own sentence) does not keep two mentions a day or two apart, but two towns one
sentence names stay two incidents. When the whole report is read,
incidents without a perpetrator or a date take them from the report's other incidents, and
unplaced ones within a day of the main incident its place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from ceasefire.extraction.events.placing import places_compatible
from ceasefire.geo import haversine_km
from ceasefire.records import Event, Place

_DAY_BEFORE = re.compile(r"\b(?:a day (?:after|earlier|before)|the (?:previous|preceding) day|the day before)\b",
                         re.I)
_ELSEWHERE_IN_TIME = re.compile(
    r"\b(?:earlier|previously|ago|last (?:week|month|year)|(?:days?|weeks?|months?|years?) (?:after|before|earlier)|"
    r"in recent (?:days|weeks|months)|past (?:week|month|year)|since|prior|former|then|followed|preceded)\b", re.I)
# "Earlier in the day", "hours later": the same day as the report's latest dated incident.
_SAME_DAY = re.compile(r"\b(?:(?:earlier|later) (?:in|on) the day|the same day|hours (?:later|earlier))\b", re.I)
# How far apart a date borrowed from context may be from a mention's own date and still be one incident.
_LOOSE_DAYS = 2
# Towns one sentence names that lie further apart than this are separate incident sites.
_SEPARATE_TOWNS_KM = 10
_PRECISION_RANK = {"exact": 0, "district": 1, "province": 2, "country": 3}
_REMOTE = "Explosions/Remote violence"
_OWN_MEANS = re.compile(r"\b(?:shot|shooting|gun\w*|opened fire|fired|stabb\w*|knife|knives|machetes?|beat\w*|"
                        r"hacked|lynch\w*)\b", re.I)
_ANOTHER_INCIDENT = re.compile(r"\b(?:separate|another|unrelated|different)\s+(?:incident|attack)", re.I)


class IncidentLog:
    """The incidents of one report, in the order they were first mentioned."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._soft_dated: set[int] = set()  # ids of events whose date was borrowed from context
        self._folded: dict[int, list[Event]] = {}  # id of an event -> the mentions folded into it

    def add(self, new: Event, soft_date: bool = False, siblings: list[Event] = ()) -> Event:
        """Fold ``new`` into an earlier mention of the same incident, or record it as a new one;
        return the event that now stands for it. ``siblings``: the mentions its sentence names at other
        sites; where one of them was folded, ``new`` is not when their places are separate towns
        ("killed 44 in Xa village and 179 in Xb village", with Xb placed after Xa's incident took Xa)."""
        # words pointing away from the day of an incident told before ("Earlier this week, strikes pounded X",
        # "last month's shelling"), in a mention that names no day of its own: another incident than that one
        away = (new.date is None or len(new.date) < 10) and elsewhere_in_time(new.evidence)
        matches = [old for old in self.events if _same_incident(old, new, soft_date or id(old) in self._soft_dated)
                   and not (away and old.date is not None and len(old.date) == 10)
                   and not any(m is s and _separate_towns(s.location, new.location)
                               for m in self._folded.get(id(old), ()) for s in siblings if s is not new)]
        if not matches:
            self.events.append(new)
            self._folded[id(new)] = [new]
            if soft_date:
                self._soft_dated.add(id(new))
            return new
        # a mention at a known site belongs with the incident already placed there, not with an unplaced one
        old = min(matches, key=lambda e: new.location is not None and e.location is None)
        self._folded[id(old)].append(new)
        if new.date and (old.date is None or id(old) in self._soft_dated and not soft_date):
            old.date = new.date
            self._soft_dated.discard(id(old))
        elif new.date and len(new.date) > len(old.date or "") and _dates_agree(old.date, new.date):
            old.date = new.date
        old.sub_event_type = old.sub_event_type or new.sub_event_type
        old.location = _finer_place(old.location, new.location)
        old.actor1 = old.actor1 or new.actor1
        old.actor2 = old.actor2 or new.actor2
        old.alleged_by = old.alleged_by or new.alleged_by
        old.fatalities = old.fatalities or new.fatalities
        return old

    def knows_place(self, vague: Event) -> bool:
        """Whether a vague mention ("the Wana attack") points at an incident already located there."""
        return vague.location is not None and any(
            old.location is not None and places_compatible(old.location, vague.location)
            and _dates_agree(old.date, vague.date) for old in self.events)

    def finish(self, names_a_place: Callable[[Event], bool] = lambda event: False) -> list[Event]:
        """The events, with perpetrators, dates and places filled in from the rest of the report;
        ``names_a_place(event)``: whether the event's sentence names a place (finer than a country) of its own."""
        _inherit_perpetrators(self.events)
        _date_undated(self.events)
        _place_unplaced(self.events, names_a_place)
        self.events = _turned_violent(_told_by_their_means(self.events))
        return self.events


def _same_incident(a: Event, b: Event, loose_date: bool) -> bool:
    if a.event_type != b.event_type:
        return False
    if a.span == b.span and _separate_towns(a.location, b.location):
        return False  # one sentence naming two towns ("strikes on A and B") names two incidents
    if a.sub_event_type != b.sub_event_type:
        untyped = a if a.sub_event_type is None else b if b.sub_event_type is None else None
        typed = b if untyped is a else a
        if untyped is None or (untyped.location is not None and typed.location is not None):
            return False  # "explosions in Kabul" then "the blasts were air strikes": one incident
    if not _dates_agree(a.date, b.date) and not (loose_date and _days_apart(a.date, b.date) <= _LOOSE_DAYS):
        return False  # a borrowed date may be a day or two off, not a week ("The war began on June 13")
    return places_compatible(a.location, b.location)


def _separate_towns(a: Place | None, b: Place | None) -> bool:
    """Two exact places more than a border crossing's width apart ("Gaza City and Khan Younis"), not the two
    ends of one crossing ("the Chaman-Spin Boldak crossing"); or two villages no gazetteer holds, located
    alike by the one place named with them ("in Xa village and the nearby Xb village, of Y district")."""
    if a is None or b is None or None in (a.lat, b.lat) or a.name == b.name:
        return False
    if a.precision == b.precision == "exact":
        return haversine_km(a.lat, a.lon, b.lat, b.lon) > _SEPARATE_TOWNS_KM
    return a.precision == b.precision == "district" and (a.lat, a.lon) == (b.lat, b.lon)


def _days_apart(a: str | None, b: str | None) -> int:
    """Days between two dates of a day's precision (0 when either is coarser or missing)."""
    if not a or not b or len(a) != 10 or len(b) != 10:
        return 0
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def _dates_agree(a: str | None, b: str | None) -> bool:
    return not a or not b or a[:len(b)] == b[:len(a)]


def _finer_place(a: Place | None, b: Place | None) -> Place | None:
    """The more precise of two places for one incident ("Kandahar" then "Spin Boldak": Spin Boldak)."""
    if a is None or b is None:
        return a or b
    if a.name == b.admin1 or b.name == a.admin1:  # a city named like its province: keep what lies inside
        return b if a.name == b.admin1 else a
    return b if _PRECISION_RANK.get(b.precision, 3) < _PRECISION_RANK.get(a.precision, 3) else a


def _told_by_their_means(events: list[Event]) -> list[Event]:
    """An attack on civilians at the place and on the day of an air strike, a shelling or a blast is that incident
    told by whom it hit ("the attack that targeted a village", then "an airstrike ... killed 100"): ACLED codes it
    by its means, so it is folded into the remote-violence incident."""
    kept = []
    for event in events:
        means = next((other for other in events if other.event_type == _REMOTE and _by_its_means(event, other)), None)
        if means is None:
            kept.append(event)
            continue
        means.actor1 = means.actor1 or event.actor1
        means.actor2 = means.actor2 or event.actor2
        means.fatalities = means.fatalities or event.fatalities
    return kept


def _turned_violent(events: list[Event]) -> list[Event]:
    """A demonstration and, told after it, a riot at its place and on its day ("residents demonstrated ...
    Police tried to clear the road and were attacked by the demonstrators") are one incident, a violent
    demonstration, as ACLED codes a protest that turns violent: the riot is folded into the protest."""
    dropped = set()
    for index, protest in enumerate(events):
        if protest.event_type != "Protests" or id(protest) in dropped:
            continue
        riot = next((e for e in events[index + 1:] if e.event_type == "Riots" and id(e) not in dropped
                     and _dates_agree(protest.date, e.date)
                     and (e.location is None or protest.location is not None
                          and places_compatible(protest.location, e.location))), None)
        if riot is None:
            continue
        dropped.add(id(riot))
        protest.event_type, protest.sub_event_type = riot.event_type, riot.sub_event_type or "Violent demonstration"
        protest.actor1, protest.actor2 = riot.actor1 or protest.actor1, riot.actor2 or protest.actor2
        protest.fatalities = protest.fatalities or riot.fatalities
        protest.date = protest.date or riot.date
    return [event for event in events if id(event) not in dropped]


def _by_its_means(attack: Event, remote: Event) -> bool:
    """Whether ``attack`` tells no means of its own (a shooting or a stabbing that day is another incident) and
    is not said to be another incident ("in a separate incident")."""
    return (attack.event_type, attack.sub_event_type) == ("Violence against civilians", "Attack") \
        and not _OWN_MEANS.search(attack.evidence) and not another_incident(attack.evidence) \
        and attack.date is not None and remote.date is not None and _dates_agree(attack.date, remote.date) \
        and attack.location is not None and remote.location is not None \
        and places_compatible(attack.location, remote.location)


def _inherit_perpetrators(events: list[Event]) -> None:
    """An incident whose text names no perpetrator ("shelling in Keran sector") takes the one most
    often named for the report's other incidents of the same kind, earlier ones first: reports
    name the side once, then say "the shelling"."""
    for index, event in enumerate(events):
        if event.actor1 is not None:
            continue
        for others in (events[:index], events[index + 1:]):
            named = [e.actor1 for e in others if e.actor1 and e.actor1 != event.actor2
                     and (e.event_type, e.sub_event_type) == (event.event_type, event.sub_event_type)]
            if named:
                event.actor1 = max(named, key=named.count)
                break


def _place_unplaced(events: list[Event], names_a_place: Callable[[Event], bool]) -> None:
    """An incident the report places nowhere happened where its incidents are. Within a day of its first (main)
    incident, where that one did: "On Thursday hundreds gathered outside the commissioner's office" after
    "gunmen raided a police post in Tank on Wednesday". Otherwise, when the placed incidents all lie in one
    country and its own sentence names no place (a place named for another incident: "jets bombed positions
    after a clash in X"), where the first placed one did, no finer than a district: a report is mostly about one
    place, and the annotators locate such incidents there, but the text does not name it for this one."""
    located = [event.location for event in events if event.location is not None]
    if not located:
        return
    main = events[0]
    site = located[0] if len({place.country for place in located}) == 1 else None
    if site is not None and site.precision == "exact":
        site = replace(site, precision="district")
    main_day = main.location is not None and main.date is not None and len(main.date) == 10
    for event in events:
        if event.location is not None:
            continue
        if main_day and event.date and len(event.date) == 10 and _days_apart(main.date, event.date) <= 1:
            event.location = main.location
        elif site is not None and not names_a_place(event):
            event.location = site


def another_incident(text: str) -> bool:
    """Whether words say they tell another incident than those told before ("in a separate incident")."""
    return _ANOTHER_INCIDENT.search(text) is not None


def elsewhere_in_time(text: str) -> bool:
    """Whether words point away from the report's main day ("earlier", "last week"), not "earlier in the day"."""
    return _ELSEWHERE_IN_TIME.search(text) is not None and _SAME_DAY.search(text) is None


def _date_undated(events: list[Event]) -> None:
    """Undated incidents belong to the report's latest dated day ("At 8.20am Cambodia opened fire"),
    or the day before it ("a day after gunmen raided ..."), unless their sentence points
    elsewhere in time ("earlier", "last week", "days after")."""
    days = [e.date for e in events if e.date and len(e.date) == 10]
    if not days:
        return
    lead = max(days)
    for event in events:
        if event.date is not None:
            continue
        if _DAY_BEFORE.search(event.evidence):
            event.date = (dt.date.fromisoformat(lead) - dt.timedelta(days=1)).isoformat()
        elif not elsewhere_in_time(event.evidence):
            event.date = lead
