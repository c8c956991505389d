"""Talks stage: the rounds of negotiation between the parties that a report mentions.

A round is named many times ("talks in Istanbul on 6 and 7 November", "the second round",
"the talks collapsed"); mentions are merged into rounds by tense (a past round, the current
one, a scheduled one), venue and compatible dates. Words about the negotiators ("delegations",
"mediators") join the current round and lend it their mediators and outcome cues.

Fields of a round, in order of the evidence used:

* venue: a place before the noun ("Istanbul talks"), "in/at PLACE" after it ("met in
  Turkiye", "talks in Istanbul"), "here" (the dateline), else the venue of the agreement the
  round produced ("the agreement follows a meeting here").
* start/end: the dates attached to the mentions ("Thursday's talks", "round in September",
  "6 and 7 November" gives both ends); a round that produced an agreement ends when it was signed.
* outcome: partial > no_agreement > agreement, from cue words nearest to a mention; else
  ``scheduled`` for a future round, ``ongoing`` for the current one.
* mediators: actors the text calls mediators or hosts, plus the country of a third-country venue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ceasefire.extraction.agreements import AgreementCluster, resolve_agreements
from ceasefire.extraction.diplomacy import (
    WORDS,
    Context,
    PlaceRef,
    build_context,
    dates_compatible,
    phrase_regex,
    places_in,
    trimmed,
)
from ceasefire.extraction.report import Report
from ceasefire.records import Agreement, Talks

_NOUN = phrase_regex(WORDS["talk_nouns"])
_WEAK = phrase_regex(WORDS["weak_talk_nouns"])
_ROUND_BAD_AFTER = phrase_regex(WORDS["not_talk_round_after"], anchored=True)
_MEETING_NEEDS = phrase_regex(WORDS["meeting_needs"])
_FORUM = phrase_regex(WORDS["forum_words"])
_OUTCOMES = {outcome: phrase_regex(words) for outcome, words in WORDS["talk_outcomes"].items()}
_AIMS = phrase_regex(WORDS["talk_aims"])
_FUTURE = phrase_regex(WORDS["talk_future"])
_HYPOTHETICAL = phrase_regex(WORDS["talk_hypothetical"])
_PRIOR = phrase_regex(WORDS["talk_prior"])
_GAP_BLOCK = re.compile(r"\b(?:that|said|says|stated|as|reached|approved|agreed|signed|inked|when|while|following|"
                        r"after|since|amid|despite|ceasefire|truce)\b|[.;]", re.I)
_DATE_BEFORE_GAP = re.compile(r"^(?:['’]s)?\s*(?:[\w-]+\s+)?$")
_IN_BEFORE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.I)
_HERE_AFTER = re.compile(r"\s+here\b", re.I)  # used with .match at the noun's end
_MEETING_WORDS = ("meeting", "met", "meet", "convene", "convened", "convenes")
_OUTCOME_ORDER = ("partial", "no_agreement", "agreement")
_CUE_REACH = 100
_VENUE_GAP = 45
_DATE_GAP_AFTER = 65
_DATE_GAP_BEFORE = 15


@dataclass
class TalkMention:
    start: int
    end: int
    sentence: tuple[int, int]
    weak: bool
    tense: str = "current"  # current | future | prior
    venue: PlaceRef | None = None
    first_day: str | None = None
    last_day: str | None = None
    outcomes: set[str] = field(default_factory=set)
    produced: Agreement | None = None


@dataclass
class Round:
    tense: str
    mentions: list[TalkMention]

    def venue(self) -> PlaceRef | None:
        venues = [m.venue for m in self.mentions if m.venue]
        cities = [v for v in venues if v.precision != "country"]
        return (cities or venues or [None])[0]

    def accepts(self, mention: TalkMention) -> bool:
        if mention.tense != self.tense:
            return False
        if mention.venue is None and mention.first_day is None:
            return True
        venue = self.venue()
        if venue and mention.venue and not _same_venue(venue, mention.venue):
            return False
        return all(_overlap(m, mention) for m in self.mentions if m.first_day)


def extract_talks(report: Report) -> None:
    """Append one :class:`Talks` per round of negotiation the report mentions."""
    context = build_context(report)
    produced = resolve_agreements(report, context)
    rounds: list[Round] = []
    for mention in _mentions(report, context, produced):
        if mention.weak:
            home = next((r for r in rounds if r.tense == "current"), None)
        else:
            home = next((r for r in rounds if r.accepts(mention)), None)
            if home is None:
                rounds.append(Round(mention.tense, [mention]))
                continue
        if home is not None:
            home.mentions.append(mention)
    for round_ in rounds:
        record = _to_record(report, context, round_)
        if record.venue or record.start:
            report.record.talks.append(record)


def _mentions(report: Report, context: Context,
              produced: list[tuple[AgreementCluster, Agreement]]) -> list[TalkMention]:
    text = report.text
    found = []
    for sent_start, sent_end in context.sentences:
        forum = bool(_FORUM.search(text, sent_start, sent_end))
        sides = context.sides_in(sent_start, sent_end)
        if _third_party_affair(context, sides):
            continue
        needs = len(sides) >= 2 or bool(_MEETING_NEEDS.search(text, sent_start, sent_end))
        for match in _NOUN.finditer(text, sent_start, sent_end):
            noun = match.group().lower()
            if noun.split()[-1] in _MEETING_WORDS and (forum or not needs):
                continue
            if "round" in noun and not _is_talk_round(text, match):
                continue
            if _hypothetical(text, match.start(), match.end(), sent_start, sent_end):
                continue
            mention = TalkMention(match.start(), match.end(), (sent_start, sent_end), weak=False)
            _describe(report, context, mention, produced)
            found.append(mention)
        for match in _WEAK.finditer(text, sent_start, sent_end):
            mention = TalkMention(match.start(), match.end(), (sent_start, sent_end), weak=True)
            mention.outcomes = _outcomes(text, mention)
            found.append(mention)
    return sorted(found, key=lambda m: m.start)


def _third_party_affair(context: Context, sides: set[str]) -> bool:
    """A meeting of one side with outsiders ("Pakistan's army chief met US officials") is no round between the
    belligerents; mediators and hosts do not count as outsiders."""
    belligerents = set(context.belligerents)
    if not belligerents or not sides - belligerents:
        return False
    return len(sides & belligerents) < len(belligerents)


def _is_talk_round(text: str, match: re.Match[str]) -> bool:
    """"the second round", "round of talks"; not "a round of hostilities" or "50 rounds"."""
    if any(ch.isdigit() for ch in match.group()):
        return False
    return not _ROUND_BAD_AFTER.match(text[match.end():match.end() + 40].lstrip(" -"))


def _hypothetical(text: str, start: int, end: int, sent_start: int, sent_end: int) -> bool:
    return bool(_HYPOTHETICAL.search(text, max(sent_start, start - 40), start)
                or _HYPOTHETICAL.search(text, end, min(sent_end, end + 15)))


def _describe(report: Report, context: Context, mention: TalkMention,
              produced: list[tuple[AgreementCluster, Agreement]]) -> None:
    text = report.text
    sent_start, sent_end = mention.sentence
    mention.venue = _venue(report, context, mention)
    mention.first_day, mention.last_day = _days(report, mention)
    mention.outcomes = _outcomes(text, mention)
    if _FUTURE.search(text, max(sent_start, mention.start - 40), min(sent_end, mention.end + 25)) or (
            report.published and mention.first_day and mention.first_day > report.published.isoformat()):
        mention.tense = "future"
    elif _PRIOR.search(text, max(sent_start, mention.start - 20), mention.end):
        mention.tense = "prior"
    aimed = _AIMS.search(text, mention.end, min(sent_end, mention.end + 25))
    agreed = _OUTCOMES["agreement"].search(text, sent_start, sent_end)
    if agreed and not aimed and not _OUTCOMES["no_agreement"].search(text, sent_start, sent_end):
        mention.produced = next((record for cluster, record in produced
                                 if any(m.sentence == mention.sentence for m in cluster.mentions)), None)


def _venue(report: Report, context: Context, mention: TalkMention) -> PlaceRef | None:
    text = report.text
    sent_start, sent_end = mention.sentence
    for place in places_in(context, sent_start, sent_end):
        if (place.end <= mention.end and mention.start - place.end <= 12 and context.names_venue(place)
                and (place.end > mention.start or re.fullmatch(r"[\s-]*", text[place.end:mention.start]))):
            return place
        gap = text[mention.end:place.start]
        if 0 <= len(gap) <= _VENUE_GAP and not _GAP_BLOCK.search(gap) and _IN_BEFORE.search(gap):
            return place
    if context.dateline and _HERE_AFTER.match(text, mention.end):
        return context.dateline
    return None


def _days(report: Report, mention: TalkMention) -> tuple[str | None, str | None]:
    text = report.text
    for date in report.within(report.dates, *mention.sentence):
        if date.start >= mention.end:
            gap = text[mention.end:date.start]
            if len(gap) <= _DATE_GAP_AFTER and not _GAP_BLOCK.search(gap):
                return date.value, date.end_value
        elif (date.end <= mention.start and mention.start - date.end <= _DATE_GAP_BEFORE
              and _DATE_BEFORE_GAP.match(text[date.end:mention.start])):
            return date.value, date.end_value
    return None, None


def _outcomes(text: str, mention: TalkMention) -> set[str]:
    """Outcome cues within reach of the mention and nearer to it than to any other talks noun."""
    sent_start, sent_end = mention.sentence
    others = [m.start() for m in _NOUN.finditer(text, sent_start, sent_end)
              if not (m.start() <= mention.start < m.end())]
    found = set()
    for outcome, pattern in _OUTCOMES.items():
        for cue in pattern.finditer(text, sent_start, sent_end):
            distance = min(abs(cue.start() - mention.end), abs(mention.start - cue.end()))
            if distance <= _CUE_REACH and all(abs(cue.start() - o) >= distance for o in others):
                found.add(outcome)
    return found


def _same_venue(a: PlaceRef, b: PlaceRef) -> bool:
    if a.name == b.name:
        return True
    return bool(a.country) and a.country == b.country and "country" in (a.precision, b.precision)


def _overlap(a: TalkMention, b: TalkMention) -> bool:
    """Whether two mentions' days can be the same round (ranges overlap at the coarser precision)."""
    a_last, b_last = a.last_day or a.first_day, b.last_day or b.first_day
    if dates_compatible(a.first_day, b.first_day) or dates_compatible(a_last, b_last):
        return True
    n = min(len(a.first_day), len(b.first_day))
    return a.first_day[:n] <= b_last[:n] and b.first_day[:n] <= a_last[:n]


def _to_record(report: Report, context: Context, round_: Round) -> Talks:
    mentions = [m for m in round_.mentions if not m.weak] or round_.mentions
    venue = round_.venue()
    produced = next((m.produced for m in round_.mentions if m.produced), None)
    outcomes = set().union(*(m.outcomes for m in round_.mentions))
    if produced is not None:
        outcomes.add("agreement")
    outcome = next((o for o in _OUTCOME_ORDER if o in outcomes), None)
    if round_.tense == "future":
        outcome = "scheduled"
    elif outcome is None and round_.tense == "current":
        outcome = "ongoing"
    firsts = sorted((m.first_day for m in mentions if m.first_day), key=lambda d: (-len(d), d))
    end = max((m.last_day for m in mentions if m.last_day), key=lambda d: (len(d), d), default=None)
    if produced is not None and end is None and outcome == "agreement":
        end = produced.signed
    name = venue.name if venue else (produced.venue if produced is not None else None)
    mediators = [n for m in round_.mentions for n in context.mediators_in(*m.sentence)]
    host = context.country_name(venue.country) if venue and round_.tense != "future" else None
    if host:
        mediators.append(host)
    best = max(mentions, key=lambda m: (bool(m.venue) + bool(m.first_day), -m.start))
    start, stop = trimmed(report.text, *best.sentence)
    parties = context.parties_in(m.sentence for m in mentions)
    return Talks(venue=name, start=firsts[0] if firsts else None, end=end, parties=parties,
                 mediators=[n for i, n in enumerate(mediators) if n not in mediators[:i]
                            and n not in context.belligerents],
                 outcome=outcome, evidence=report.text[start:stop], span=(start, stop))
