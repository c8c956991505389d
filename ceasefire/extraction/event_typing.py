"""Trigger words for incidents and their ACLED types, with the filters that keep talk from counting.

The word lists live in ``ceasefire/data/event_lexicon.json``. A trigger is a word or phrase that
names an incident ("airstrikes", "exchange of fire", "abducted"). Three kinds of mention are not
incidents and are dropped here: hypothetical, denied or future ones ("risks renewed artillery
duels", "Pakistan denied carrying out any attack"), aggregates ("500 attacks in 2024") and talk
about weapons in general ("missile capabilities", "armed with rocket-propelled grenades").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_LEXICON_FILE = "event_lexicon.json"
# How far before a trigger a hypothetical or denial cue still governs it.
_IRREALIS_WORDS = 5
# How far (in characters) a cue word may stand from a trigger that needs one ("fired ... rockets").
_CUE_REACH = 60
# Words that end the stretch a cue can govern ("risks ..., but the clashes went on").
_CUE_BARRIER = re.compile(r"[,;:.]|\b(?:but|and|after|before|when|while|as|since|that)\b", re.I)
# "commitments against cross-border raids", "responsibility for the attack": a kind of act, not an incident.
_GENERIC_WEAK = re.compile(r"\b(?:against|for|such)\s+(?:\S+\s+){0,2}$", re.I)
_PEOPLE = re.compile(r"\b(?:people|persons)\b", re.I)


@dataclass
class Trigger:
    """One trigger occurrence, with character offsets into the report text."""

    start: int
    end: int
    event_type: str
    sub_event_type: str | None
    strength: str  # strong | weak


@dataclass(frozen=True)
class _Entry:
    event_type: str
    sub_event_type: str | None
    strength: str
    needs: re.Pattern | None


class Lexicon:
    """The compiled trigger table and the cue patterns, loaded once."""

    def __init__(self, data: dict) -> None:
        cues = {name: _words(pattern) for name, pattern in data["cues"].items()}
        self.entries = [_Entry(t["event_type"], t["sub_event_type"], t["strength"], cues.get(t.get("needs")))
                        for t in data["triggers"]]
        alternatives = "|".join(f"(?P<t{i}>{t['pattern']})" for i, t in enumerate(data["triggers"]))
        self.triggers = _words(alternatives)
        self.not_incident = re.compile("|".join(f"(?:{p})" for p in data["not_incident"]), re.I)
        self.irrealis = _words(data["irrealis_cues"])
        self.aggregate = re.compile(data["aggregate"], re.I)
        self.attribution_verbs = _words(data["attribution_verbs"])
        self.civilian_words = _words(data["civilian_words"])
        self.military_words = _words(data["military_words"])
        self.echo_verbs = _words(data["echo_verbs"])
        self.protest_intervention = _words(data["protest_intervention"])
        self.protest_excessive_force = _words(data["protest_excessive_force"])
        self.place_not_site_before = re.compile(data["place_not_site_before"], re.I)
        self.place_not_site_after = re.compile(data["place_not_site_after"], re.I)


def _words(alternatives: str) -> re.Pattern:
    return re.compile(rf"\b(?:{alternatives})\b", re.I)


@cache
def lexicon() -> Lexicon:
    """The packaged lexicon (read on first use, then shared)."""
    text = resources.files("ceasefire.data").joinpath(_LEXICON_FILE).read_text(encoding="utf-8")
    return Lexicon(json.loads(text))


def find_triggers(text: str, start: int, end: int) -> list[Trigger]:
    """The incident triggers in ``text[start:end]`` that survive the filters, in text order."""
    lex = lexicon()
    segment = text[start:end]
    blocked = [(m.start(), m.end()) for m in lex.not_incident.finditer(segment)]
    blocked += [(m.start(), m.end()) for m in lex.aggregate.finditer(segment)]
    found = []
    for match in lex.triggers.finditer(segment):
        entry = lex.entries[int(match.lastgroup[1:])]
        s, e = match.span()
        if _overlaps(s, e, blocked) or _is_irrealis(segment, s):
            continue
        if entry.needs is not None and not _cue_near(entry.needs, segment, s, e):
            continue
        if entry.strength == "weak" and _GENERIC_WEAK.search(segment[max(0, s - 30):s]):
            continue
        found.append(Trigger(start + s, start + e, entry.event_type, entry.sub_event_type, entry.strength))
    return found


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < be and bs < e for bs, be in spans)


def _is_irrealis(segment: str, trigger_start: int) -> bool:
    """True when a hypothetical, future or denial cue governs the trigger from just before it."""
    before = segment[max(0, trigger_start - 80):trigger_start]
    barriers = [m.end() for m in _CUE_BARRIER.finditer(before)]
    if barriers:
        before = before[barriers[-1]:]
    words = [w for w in before.split()[-_IRREALIS_WORDS:] if w != "May"]  # the month, not the modal
    return bool(words) and lexicon().irrealis.search(" ".join(words)) is not None


def _cue_near(cue: re.Pattern, segment: str, s: int, e: int) -> bool:
    """A weapon or a crowd marks an incident only next to an action ("fired rockets", "thousands marched")."""
    window = segment[max(0, s - _CUE_REACH):s] + " " + segment[e:e + _CUE_REACH]
    return cue.search(window) is not None


def target_kind(text: str) -> str | None:
    """Who the words say was hit: "civilians", "military", or None when they do not say."""
    lex = lexicon()
    if lex.civilian_words.search(text):
        return "civilians"
    if lex.military_words.search(text):
        return "military"
    return "civilians" if _PEOPLE.search(text) else None


def refine_type(event_type: str, sub_event_type: str | None, strength: str, clause: str) -> tuple[str, str | None]:
    """The ACLED sub-type the clause settles: how police met a protest, whom a vague attack hit."""
    lex = lexicon()
    if event_type == "Protests":
        if lex.protest_excessive_force.search(clause):
            return event_type, "Excessive force against protesters"
        if lex.protest_intervention.search(clause):
            return event_type, "Protest with intervention"
    if event_type == "Riots" and re.search(r"\b(?:mobs?|lynch\w*)\b", clause, re.I):
        return event_type, "Mob violence"
    if strength == "weak" and target_kind(clause) == "civilians":
        return "Violence against civilians", "Attack"
    return event_type, sub_event_type
