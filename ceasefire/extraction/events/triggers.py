"""Trigger words for incidents and their ACLED types, with the filters that keep talk from counting.

The word lists live in ``ceasefire/data/event_lexicon.json``. A trigger is a word or phrase that
names an incident ("airstrikes", "exchange of fire", "abducted"). Several kinds of mention are not
incidents and are dropped here: hypothetical, negated, denied, stopped or future ones ("risks
renewed artillery duels", "no new clashes", "offensives have not resumed", "ended a week of
fighting"), aggregates and trends ("500 attacks in 2024", "have stepped up attacks this year"),
an incident named only to date another ("a day before the drone strike, ...") and talk about
weapons in general ("missile capabilities", "armed with rocket-propelled grenades").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ceasefire.extraction.casualties.victims import VICTIM_GROUP

_LEXICON_FILE = "event_lexicon.json"
# How far before a trigger a hypothetical or denial cue still governs it.
_IRREALIS_WORDS = 5
# How far before a trigger a modal or a denial ("could push the two sides back toward open fighting",
# "denied reports that its troops had opened fire") still governs it.
_MODAL_WORDS = 10
_MODAL = re.compile(r"\b(?:could|would|might|may|will|shall|deni(?:ed|es)|deny(?:ing)?|rejected)\b", re.I)
# "A day before the drone strike, ...": an incident named only to place another in time.
_TIME_REFERENCE = re.compile(
    r"\b(?:before|after|since|following|ahead of)\s+(?:the|this|that|last\s+\w+['’]s)\s+(?:[^\s,;]+\s+){0,2}$", re.I)
# "ended more than a week of fighting", "halted the shelling": the incident named is one that stopped.
_STOPPED = re.compile(r"\b(?:end(?:ed|s|ing)?|halt(?:ed|s|ing)?|stopp(?:ed|ing)|paus(?:ed|ing))\s+"
                      r"(?:(?:the|all|further)\s+)?(?:(?:\S+\s+){0,4}of\s+)?(?:\w+\s+)?$", re.I)
# "killed no fewer than 40": a figure, not a negation.
_NO_FEWER = re.compile(r"\bno (?:fewer|less|more) than\b", re.I)
# A verb right after an incident noun: the noun is the subject of its own clause ("the airstrike hit").
_FINITE_VERB_NEXT = re.compile(r"\s+(?:\w+ed|hit|hits|struck|killed|began|broke|came|tore|rocked|shook|left|was|were|"
                               r"had|has)\b", re.I)
# How far (in characters) a cue word may stand from a trigger that needs one ("fired ... rockets").
_CUE_REACH = 60
# Words that end the stretch a cue can govern ("risks ..., but the clashes went on").
_CUE_BARRIER = re.compile(r"[,;:.]|\b(?:but|and|after|before|when|while|as|since)\b", re.I)
# "commitments against cross-border raids", "such attacks": a kind of act, not an incident.
_GENERIC_WEAK = re.compile(r"\b(?:against|for|such)\s+(?:\S+\s+){0,2}$", re.I)
# "complicit in the attack", "the Wana attacks": a noun with "the" points back to an incident already reported.
_ANAPHORIC = re.compile(r"\b(?:the|this|that|these|those)\s+(?:\S+\s+){0,2}$", re.I)
# A sentence that says when something happened reports an incident even amid talk of routine.
_WHEN = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:yesterday|today|overnight|last night)\b",
    re.I)
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
        self.triggers = re.compile(rf"\b(?=[a-z])(?:{alternatives})\b", re.I)  # lookahead: skip non-words fast
        # a match starts where a word does: the lookbehind lets the engine skip the middle of words (4x faster)
        not_incident = "|".join(f"(?:{p})" for p in data["not_incident"])
        self.not_incident = re.compile(rf"(?<![^\W_])(?:{not_incident})", re.I)
        self.irrealis = _words(data["irrealis_cues"])
        # "further fighting could trigger famine": a modal right after the trigger
        self.irrealis_after = re.compile(rf"^\s+(?:\w+\s+)?(?:{data['irrealis_after']})", re.I)
        self.habitual = _words(data["habitual_cues"])
        self.trend = re.compile(data["trend_cues"], re.I)
        self.aggregate = re.compile(data["aggregate"], re.I)
        self.attribution_verbs = _words(data["attribution_verbs"])
        self.civilian_words = _words(data["civilian_words"])
        self.military_words = _words(data["military_words"])
        # a place of civilian life hit, or a civilian the casualties stage would count ("a shopkeeper")
        civilians = [noun for noun, group in VICTIM_GROUP.items() if group == "civilians"] + ["man", "person"]
        self.civilian_hit = _words("|".join([data["civilian_sites"], *map(re.escape, civilians)]))
        self.echo_verbs = _words(data["echo_verbs"])
        self.scene_words = _words(data["scene_words"])
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


def find_triggers(text: str, start: int, end: int, cues: bool = True) -> list[Trigger]:
    """The incident triggers in ``text[start:end]`` that survive the filters, in text order; with ``cues``
    false, also those that only lack the cue words their entry needs nearby ("demonstrations" and a crowd)."""
    lex = lexicon()
    segment = text[start:end]
    matches = list(lex.triggers.finditer(segment))
    if not matches:  # most sentences: no further work
        return []
    if lex.habitual.search(segment) and not _WHEN.search(segment):
        return []  # "forces backed by US airstrikes have been battling al-Shabaab for years"
    if lex.trend.search(segment):
        return []  # "the group has stepped up attacks this year": a trend, not an incident
    blocked = [(m.start(), m.end()) for m in lex.not_incident.finditer(segment)]
    blocked += [(m.start(), m.end()) for m in lex.aggregate.finditer(segment)]
    found = []
    for match in matches:
        entry = lex.entries[int(match.lastgroup[1:])]
        s, e = match.span()
        if _overlaps(s, e, blocked) or _is_irrealis(segment, s) or lex.irrealis_after.match(segment[e:e + 40]):
            continue
        if cues and entry.needs is not None and not _cue_near(entry.needs, segment, s, e):
            continue
        if entry.strength == "weak" and _vague_reference(segment, match):
            continue
        if _time_reference(segment, match):
            continue
        found.append(Trigger(start + s, start + e, entry.event_type, entry.sub_event_type, entry.strength))
    return found


def _vague_reference(segment: str, match: re.Match) -> bool:
    """A vague word that names a kind of act or an incident already reported, not a new incident."""
    before = segment[max(0, match.start() - 30):match.start()]
    if _GENERIC_WEAK.search(before):
        return True
    anaphoric = _ANAPHORIC.search(before)
    if anaphoric is None or match.group().lower().endswith(("ed", "ing")):
        return False
    # "The attack on the checkpoint on Friday was carried out by ...", "the April 17 attack": a mention that
    # dates itself names one incident
    return not (_WHEN.search(segment[match.end():match.end() + 50]) or _WHEN.search(anaphoric.group()))


def _time_reference(segment: str, match: re.Match) -> bool:
    """"A day before the drone strike, ...": an incident noun that only dates the clause after it
    (not "before the airstrike hit the market", where it is the subject of its own clause)."""
    if match.group().lower().endswith("ed") or not _TIME_REFERENCE.search(segment[max(0, match.start() - 40):
                                                                                   match.start()]):
        return False
    return _FINITE_VERB_NEXT.match(segment[match.end():]) is None


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < be and bs < e for bs, be in spans)


def _is_irrealis(segment: str, trigger_start: int) -> bool:
    """True when a hypothetical, future or denial cue governs the trigger from just before it."""
    before = segment[max(0, trigger_start - 80):trigger_start]
    barriers = [m.end() for m in _CUE_BARRIER.finditer(before)]
    if barriers:
        before = before[barriers[-1]:]
    words = [w for w in _NO_FEWER.sub(" ", before).split() if w != "May"]  # the month, not the modal
    if _STOPPED.search(before):
        return True
    near = " ".join(words[-_IRREALIS_WORDS:])
    return lexicon().irrealis.search(near) is not None or _MODAL.search(" ".join(words[-_MODAL_WORDS:])) is not None


def _cue_near(cue: re.Pattern, segment: str, s: int, e: int) -> bool:
    """A weapon or a crowd marks an incident only next to an action ("fired rockets", "thousands marched")."""
    window = segment[max(0, s - _CUE_REACH):s] + " " + segment[e:e + _CUE_REACH]
    return cue.search(window) is not None


# A crowd as one side of a clash (ACLED codes it a riot, not a battle between armed groups), or a clash during a
# crowd's demonstration ("clashed with police during their rally")
_CROWD_SIDE = re.compile(r"\b(?:protesters|demonstrators|rioters|marchers|mobs?|(?:angry\s+)?crowds?|during\s+"
                         r"(?:a|an|the|their|its)\s+(?:[\w-]+\s+){0,2}(?:demonstrations?|rall(?:y|ies)|protests?|"
                         r"march(?:es)?))\b", re.I)


# People who bear arms (not their checkpoints or convoys, where anyone may be hit); one off duty is hit as a civilian
_ARMED_PEOPLE_HIT = re.compile(r"[ \t]*(?:and\s+\w+\s+)?(?:[\w-]+\s+){0,3}?(?:soldiers?|troops|police(?:m[ae]n)?|"
                               r"(?:police|army|security) officers?|fighters?|militants?|rebels?|militiam[ae]n)\b",
                               re.I)
_OFF_DUTY = re.compile(r"\boff[- ]duty\b", re.I)


# A crowd of people who bear no arms opening the clause, its subject ("local residents in X village lynched",
# "On 15 May, a group of local people beat ..."), not people hit nor those who tell of it ("residents said")
_CROWD = (r"(?:mobs?|(?:an?\s+)?(?:angry\s+)?crowds?|(?:local\s+)?(?:residents|villagers)|locals|"
          r"local\s+(?:people|civilians|youths?|men)|community\s+members)")
_NOT_DONE_BY = r"(?:were|was|been|had|have|has|is|are|when|after|as|said|say|says|told|tell|reported|recalled|gave|of)"
_CROWD_OPENS = re.compile(rf"(?:on\s[^,]{{3,30}},\s*)?(?:(?:an?|the|several|some|about|over)\s+)?(?:\d[\d,]*\s+)?"
                          rf"(?:group\s+of\s+)?{_CROWD}\b(?!(?:\s+\w+)?\s+{_NOT_DONE_BY}\b)", re.I)


def target_kind(text: str) -> str | None:
    """Who the words say was hit: "civilians", "military", or None when they do not say."""
    lex = lexicon()
    if lex.civilian_words.search(text):
        return "civilians"
    if lex.military_words.search(text):
        return "military"
    return "civilians" if _PEOPLE.search(text) else None


def _armed_people_hit(after: str) -> bool:
    """Whether the people the words right after a trigger name as hit bear arms ("killed a SAF soldier",
    not "attack ... as militants fired on tourists")."""
    return _ARMED_PEOPLE_HIT.match(after) is not None


def _first_hit(text: str) -> str | None:
    """Who the first words naming a party say was hit: "civilians", "military", or None."""
    lex = lexicon()
    found = [(m.start(), kind) for kind, words in (("civilians", lex.civilian_words), ("military", lex.military_words))
             for m in [words.search(text)] if m]
    return min(found)[1] if found else None


def refine_type(event_type: str, sub_event_type: str | None, strength: str, clause: str,
                after: str = "") -> tuple[str, str | None]:
    """The ACLED sub-type the clause settles: how police met a protest, whom a vague attack hit (the first
    party named ``after`` the trigger: "attacked a police checkpoint, killing three civilians" is a clash),
    who did it (a crowd of residents the clause opens with: mob violence)."""
    lex = lexicon()
    if event_type in ("Violence against civilians", "Battles") and sub_event_type in ("Attack", "Armed clash", None) \
            and _CROWD_OPENS.match(clause):
        return "Riots", "Mob violence"  # "local residents lynched ...", "a group of local people killed a man"
    if event_type == "Protests":
        if lex.protest_excessive_force.search(clause):
            return event_type, "Excessive force against protesters"
        if lex.protest_intervention.search(clause):
            return event_type, "Protest with intervention"
    if event_type == "Riots" and re.search(r"\b(?:mobs?|lynch\w*)\b", clause, re.I):
        return event_type, "Mob violence"
    if event_type == "Battles" and _CROWD_SIDE.search(clause):
        return "Riots", "Violent demonstration"  # "police clashed with protesters": no armed group on one side
    if strength == "weak" and (_first_hit(after) or target_kind(clause)) == "civilians":
        return "Violence against civilians", "Attack"
    if event_type == "Violence against civilians" and sub_event_type in ("Attack", None) \
            and _armed_people_hit(after) and not _OFF_DUTY.search(clause):
        return "Battles", "Armed clash"  # "executed a soldier", "shot dead two militiamen": armed on both sides
    return event_type, sub_event_type
