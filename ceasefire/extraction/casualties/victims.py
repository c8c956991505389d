"""Who the victims of a casualty figure are, and whose side they are on, for the casualties stage.

Victims come from the figure's head noun (``casualty_words.json``: "civilians", "soldiers") and from the
actors stage's mentions inside it (a state's forces, an armed group, a demonym that also gives the side).
The side is a demonym's country, else (except for militants) the claimant state's own, else the country of
the place the text puts the violence in: in the sentence, before it, or in the dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ceasefire.extraction.casualties.sources import WORDS, Claim
from ceasefire.extraction.report import ActorMention, PlaceMention, Report

VICTIM_GROUP = {noun: group for group, nouns in WORDS["victim_nouns"].items() for noun in nouns}
SPECIFIC = ("civilians", "security_forces", "militants")
_AFFILIATED = frozenset(WORDS["affiliated_nouns"])
_NEUTRAL_FIGHTERS = frozenset({"fighter", "fighters", "combatant", "combatants"})
_ADVERBS = frozenset({"there", "here", "today", "yesterday", "overnight", "earlier", "later", "too", "nearby", "again"})
_LOCATIVE = re.compile(r"\b(?:in|across|inside|throughout)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+)?$",
                       re.IGNORECASE)  # "killed 30 in Lebanon", not "blamed on Pakistan"
_DATELINE = re.compile(r"^[^\n]{1,80}?\s[—–]\s", re.MULTILINE)  # "TAIZ, Yemen (June 19) — ", under a headline
_BOTH_SIDES = re.compile(r"\b(?:both|either)\s+sides?\b", re.IGNORECASE)
# A toll of unnamed people in a war between two sides, or told as background to a truce or talks
_TWO_SIDED = re.compile(r"\b(?:between|neighbou?rs|border|cross-border|ceasefire|truce|talks)\b", re.IGNORECASE)
_LOOKBACK = 600  # characters before a figure in which the place it happened may have been named


@dataclass
class Victims:
    """What a figure's noun phrase says of its victims."""

    named: bool  # a victim noun is there ("a woman"), not only a number ("killing 40")
    groups: set[str]
    sides: set[str]


@dataclass
class Figure:
    """One casualty figure as a pattern match reads it, before its claimant is known."""

    killed: int | None
    injured: int | None
    approximate: bool
    groups: set[str]
    sides: set[str]
    start: int  # text offsets of the matched words
    end: int
    own: bool = False  # "nine of their own fighters", "they lost nine fighters": the claimant's own losses
    by_speaker: bool = False  # "X said its strikes killed 20": X's side are not the victims


def phrase_victims(report: Report, start: int, end: int) -> Victims | None:
    """Who a figure's noun phrase names; None if it does not name people ("500 attacks").

    The head noun decides ("civilians"); an actor mention ending the phrase decides when it is itself the
    head ("15 Afghan Taliban", "40 Taliban members": a state's forces, an armed group's militants) or when
    it says more than the noun ("Taliban fighters" are Afghanistan's forces). A demonym gives only the side.
    """
    words = re.findall(r"[\w’'-]+", report.text[start:end].lower())
    while words and words[0] in ("of", "the", "them", "whom"):
        words.pop(0)
    if "of" in words:  # "members of the same family": the head comes before "of"
        words = words[:words.index("of")]
    while words and words[-1] in _ADVERBS:  # "killed 20 militants there"
        words.pop()
    actors = report.within(report.actors, start, end)
    sides = {a.country for a in actors if a.country and a.kind != "armed_group"}
    if not words:
        return Victims(False, {"unspecified"}, sides)
    head_group = VICTIM_GROUP.get(words[-1])
    at_head = [a for a in actors if a.end >= end - 1]
    conjuncts = {VICTIM_GROUP.get(words[i - 1]) for i, w in enumerate(words) if w in ("and", "or") and i}
    if head_group in SPECIFIC and len(conjuncts & set(SPECIFIC) - {head_group}) > 0:
        return Victims(True, (conjuncts | {head_group}) & set(SPECIFIC), sides)  # "soldiers and civilians"
    if head_group == "militants" and words[-1] in _NEUTRAL_FIGHTERS and any(
            a.kind == "state" and a.group != "civilians" for a in actors):
        return Victims(True, {"security_forces"}, sides)  # "nine Afghan fighters": a state's fighters
    if head_group is None and not at_head and words[-1] not in _AFFILIATED:
        return None
    grouped = [a.group for a in at_head if a.group in SPECIFIC]
    if grouped:
        return Victims(True, {grouped[0]}, sides)
    if head_group in SPECIFIC:
        return Victims(True, {head_group}, sides)
    if head_group is None:  # the actor itself ("15 Afghan Taliban", not "4 Azerbaijanis"), or its "members"
        kinds = {a.kind for a in (at_head or actors) if not _people_of(a)}
        groups = {"security_forces"} if "state" in kinds else {"militants"} if "armed_group" in kinds else set()
        return Victims(True, groups or {"unspecified"}, sides)
    return Victims(True, {"unspecified"}, sides)


def _people_of(actor: ActorMention) -> bool:
    """A plural demonym ("Azerbaijanis", "Sudanese"): a country's people, not its forces."""
    text = actor.text.lower()
    return actor.kind == "state" and text != actor.name.lower() and text.endswith(("is", "ans", "ese", "ians"))


def describe_span(report: Report, start: int, end: int) -> tuple[set[str], set[str]]:
    """Victim groups and sides named anywhere in a stretch ("including four children")."""
    groups, sides = _actor_groups(report.within(report.actors, start, end))
    for word in re.findall(r"[^\W\d_]+", report.text[start:end].lower()):
        if VICTIM_GROUP.get(word) in SPECIFIC:
            groups.add(VICTIM_GROUP[word])
    return groups, sides


def _actor_groups(actors: list[ActorMention]) -> tuple[set[str], set[str]]:
    """What actor mentions inside a figure say: a state's forces, an armed group, a demonym's side."""
    groups, sides = set(), set()
    for actor in actors:
        if actor.group in SPECIFIC:
            groups.add(actor.group)
        elif actor.kind == "armed_group":
            groups.add("militants")
        if actor.country and actor.kind != "armed_group":
            sides.add(actor.country)
    return groups, sides


def victims_label(groups: set[str]) -> str:
    specific = groups & set(SPECIFIC)
    if len(specific) > 1:
        return "mixed"
    return specific.pop() if specific else "unspecified"


def side_of(report: Report, figure: Figure, victims: str, claim: Claim, unit_start: int, unit_end: int,
          previous: str | None) -> str | None:
    """The victims' country: a demonym in the figure; else, except for militants, the claimant state's own
    (states report their own losses), the nearest place below country level, the sentence's last side, or the
    place named last before the sentence or in the dateline (for people other than civilians, only where the
    sentence does not tell of a war between two sides)."""
    if len(figure.sides) == 1:
        return next(iter(figure.sides))
    if victims == "militants" or figure.sides:
        return None
    if claim.country and not figure.by_speaker:
        return claim.country
    places = [p for p in report.within(report.places, max(unit_start, figure.start - 80), unit_end)
              if p.place.country and _where_it_happened(report, p, unit_start, unit_end)]
    if places:
        nearest = min(places, key=lambda p: max(p.start - figure.end, figure.start - p.end, 0))
        return nearest.place.country
    if previous or victims == "militants" or _BOTH_SIDES.search(report.text, unit_start, unit_end):
        return previous  # fighters may be from either side of a front
    if victims != "civilians" and _TWO_SIDED.search(report.text, unit_start, unit_end):
        return None  # "a border war between the neighbours killed dozens": people on both sides
    return _earlier_place(report, unit_start)


def _earlier_place(report: Report, unit_start: int) -> str | None:
    """The country of the last place the text put events in before ``unit_start``, else of the dateline, else of
    the first place below country level the report puts events in."""
    earlier = [p for p in report.within(report.places, max(0, unit_start - _LOOKBACK), unit_start)
               if p.place.country and _where_it_happened(report, p, p.start - 200, p.end + 200)]
    if earlier:
        return earlier[-1].place.country
    dateline = _DATELINE.search(report.text, 0, 400)
    places = report.within(report.places, dateline.start(), dateline.end()) if dateline else []
    if places and places[-1].place.country:
        return places[-1].place.country
    lead = [p for p in report.within(report.places, 0, unit_start) if p.place.country and p.place.precision != "country"
            and _where_it_happened(report, p, p.start - 200, p.end + 200)]
    return lead[0].place.country if lead else None  # the place the report opens on


def _where_it_happened(report: Report, place: PlaceMention, unit_start: int, unit_end: int) -> bool:
    """A place the text puts the violence in: "in Lebanon", "in Kunar", not "blamed on Pakistan" or "Moscow denies"."""
    if _LOCATIVE.search(report.text, max(0, place.start - 30), place.start):
        return True
    as_actor = any((a.start, a.end) == (place.start, place.end)
                   for a in report.within(report.actors, unit_start, unit_end))
    return place.place.precision != "country" and not as_actor


