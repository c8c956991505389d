"""Talks stage: the rounds of negotiation between the parties that a report mentions.

A round is named many times ("talks in Istanbul on 6 and 7 November", "the second round",
"the talks collapsed"); mentions are merged into rounds by tense (a past round, the current
one, a scheduled one), venue and compatible dates. Words about the negotiators ("delegations",
"mediators") join the current round and lend it their mediators and outcome cues.

Fields of a round, in order of the evidence used:

* venue: a place before the noun ("Istanbul talks"), "in/at PLACE" after it ("met in
  Turkiye", "talks in the Armenian town of Ijevan"), "in PLACE ... for talks" before it, "here"
  (the dateline), else the venue of the agreement the round produced.
* start/end: see :mod:`ceasefire.extraction.diplomacy.talk_days`; a round that produced an agreement ends when
  it was signed, and a past one-day round with an outcome ended that day.
* outcome: partial > no_agreement > agreement, from cue words nearest to a mention (an appositive
  skipped) or in a next sentence about "the two sides"; else ``scheduled`` for a future round,
  ``ongoing`` for the current one unless the text says it ended.
* mediators: actors the text calls mediators, hosts or sponsors in the mention's clause, plus the
  venue's country when the report names that country as an actor (a mere host city lends nobody).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ceasefire.extraction.diplomacy.agreements import AgreementCluster, resolve_agreements
from ceasefire.extraction.diplomacy.context import (
    WORDS,
    Context,
    PlaceRef,
    build_context,
    clause_of,
    dates_compatible,
    phrase_regex,
)
from ceasefire.extraction.diplomacy.facts import IN_BEFORE, places_in
from ceasefire.extraction.diplomacy.talk_days import (
    FOR_GAP,
    GAP_BLOCK,
    PARTICIPANTS,
    further_days,
    predicate_start,
    round_days,
)
from ceasefire.extraction.report import Report, trimmed
from ceasefire.records import Agreement, Talks

_NOUN = phrase_regex(WORDS["talk_nouns"])
_WEAK = phrase_regex(WORDS["weak_talk_nouns"])
_ROUND_BAD_AFTER = phrase_regex(WORDS["not_talk_round_after"], anchored=True)
_ROUND_BAD_BEFORE = phrase_regex(WORDS["not_talk_round_before"], anchored=True)
_NOT_A_MEETING = re.compile(r"\s+(?:" + "|".join(WORDS["not_a_meeting_after"]) + ")", re.I)
_MEETING_NEEDS = phrase_regex(WORDS["meeting_needs"])
_FORUM = phrase_regex(WORDS["forum_words"])
_OUTCOMES = {outcome: phrase_regex(words) for outcome, words in WORDS["talk_outcomes"].items()}
_AIMS = phrase_regex(WORDS["talk_aims"])
_FUTURE = phrase_regex(WORDS["talk_future"])
_HYPOTHETICAL = phrase_regex(WORDS["talk_hypothetical"])
_PRIOR = phrase_regex(WORDS["talk_prior"])
_TO_BEFORE = re.compile(r"\b(?:in|at|to)\s+(?:the\s+)?$", re.I)
_SIDES_SUBJECT = re.compile(r"\s*(?:the\s+two\s+sides|both\s+sides|the\s+(?:two\s+)?(?:delegations|parties|negotiators)"
                            r"|they)\b", re.I)  # used with .match at a sentence's start
_COMMA_THEN_IN = re.compile(r",(?:\s*(?:in|at)\s.*)?", re.I | re.S)  # the last comma of a gap opens the "in PLACE"
_RETURN_TO = re.compile(r"\b(?:back|return(?:s|ed|ing)?)\s+(?:[\w-]+\s+){0,2}?(?:in|to)\s+$", re.I)
_COUNTERPARTS = re.compile(r"\bcounterparts\b", re.I)  # "X's foreign minister will meet his counterparts from Y and Z"
_HERE_AFTER = re.compile(r"\s+here\b", re.I)  # used with .match at the noun's end
_MEETING_WORDS = ("meeting", "met", "meet", "convene", "convened", "convenes")
_OUTCOME_ORDER = ("partial", "no_agreement", "agreement")
_CUE_REACH = 100
_SIDES_REACH = 60
_VENUE_GAP = 60
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
    _return_venue(report.text, rounds)
    for round_ in rounds:
        record = _to_record(report, context, round_)
        if record.venue or record.start or record.end:
            report.record.talks.append(record)


def _return_venue(text: str, rounds: list[Round]) -> None:
    """"Delegations are expected back in Doha for a new round": the earlier rounds were held there too."""
    for round_ in rounds:
        venue = round_.venue()
        if venue is None or round_.tense == "prior":
            continue
        if any(_RETURN_TO.search(text, max(m.sentence[0], venue.start - 40), venue.start) for m in round_.mentions
               if m.venue is venue):
            for earlier in rounds:
                if earlier.tense == "prior" and earlier.venue() is None:
                    earlier.mentions[0].venue = venue


def _mentions(report: Report, context: Context,
              produced: list[tuple[AgreementCluster, Agreement]]) -> list[TalkMention]:
    text = report.text
    found = []
    for sent_start, sent_end in context.sentences:
        forum = bool(_FORUM.search(text, sent_start, sent_end))
        sides = context.sides_in(sent_start, sent_end)
        bilateral = bool(_MEETING_NEEDS.search(text, sent_start, sent_end))
        if _third_party_affair(context, sides) and not (bilateral and (len(sides) == 2 or _COUNTERPARTS.search(
                text, sent_start, sent_end))):
            continue  # but "Pakistani and Afghan delegations wrapped up talks": two sides meeting each other
        for match in _NOUN.finditer(text, sent_start, sent_end):
            noun = match.group().lower()
            if noun.split()[-1] in _MEETING_WORDS and (forum or not (bilateral or _two_sides_at(context, match))
                                                       or _NOT_A_MEETING.match(text[match.end():match.end() + 60])):
                continue  # "the Security Council met", "the offensive met fierce resistance"
            if "round" in noun and not _is_talk_round(text, match):
                continue
            if _hypothetical(text, match.start(), match.end(), sent_start, sent_end):
                continue
            mention = TalkMention(match.start(), match.end(), (sent_start, sent_end), weak=False)
            _describe(report, context, mention, produced)
            found.append(mention)
            if mention.first_day:
                found += [replace(mention, first_day=first, last_day=last) for first, last
                          in further_days(report, mention.sentence, mention.start, mention.end, mention.first_day)]
        for match in _WEAK.finditer(text, sent_start, sent_end):
            mention = TalkMention(match.start(), match.end(), (sent_start, sent_end), weak=True)
            mention.outcomes = _outcomes(text, mention)
            found.append(mention)
    _share_prior_tense(found)
    return sorted(found, key=lambda m: m.start)


def _share_prior_tense(mentions: list[TalkMention]) -> None:
    """"They last met in Mekelle in January, when talks stalled": a bare mention in a sentence about an
    earlier round is that round."""
    for mention in mentions:
        if (mention.tense == "current" and not mention.weak and mention.venue is None
                and mention.first_day is None and mention.last_day is None
                and any(m.tense == "prior" and m.sentence == mention.sentence and m.end <= mention.start
                        for m in mentions)):
            mention.tense = "prior"


def _third_party_affair(context: Context, sides: set[str]) -> bool:
    """A meeting of one side with outsiders ("Pakistan's army chief met US officials") is no round between the
    belligerents; mediators and hosts do not count as outsiders."""
    belligerents = set(context.belligerents)
    present = sides & belligerents
    if not present or not sides - belligerents:
        return False  # "with Qatar acting as mediator, the two neighbours met": no belligerent met an outsider
    return len(present) < len(belligerents)


def _two_sides_at(context: Context, match: re.Match[str]) -> bool:
    """"Thailand and Cambodia will meet", "X met with Y": two sides named right around a meeting word."""
    near = context.sides_in(match.start() - _SIDES_REACH, match.end() + _SIDES_REACH)
    return len(near) >= 2


def _is_talk_round(text: str, match: re.Match[str]) -> bool:
    """"the second round", "round of talks"; not "a round of hostilities" or "50 rounds"."""
    if (any(ch.isdigit() for ch in match.group()) or _ROUND_BAD_BEFORE.match(match.group())
            or text[match.start() - 1:match.start()] == "-"):
        return False  # "50 rounds", "mortar rounds landed", "year-round"
    return not _ROUND_BAD_AFTER.match(text[match.end():match.end() + 40].lstrip(" -"))


def _hypothetical(text: str, start: int, end: int, sent_start: int, sent_end: int) -> bool:
    return bool(_HYPOTHETICAL.search(text, max(sent_start, start - 40), start)
                or _HYPOTHETICAL.search(text, end, min(sent_end, end + 15)))


def _describe(report: Report, context: Context, mention: TalkMention,
              produced: list[tuple[AgreementCluster, Agreement]]) -> None:
    text = report.text
    sent_start, sent_end = mention.sentence
    mention.venue = _venue(report, context, mention)
    mention.first_day, mention.last_day = round_days(report, mention.sentence, mention.start, mention.end)
    mention.outcomes = _outcomes(text, mention) | _follow_up_outcomes(context, mention)
    if _FUTURE.search(text, max(sent_start, mention.start - 40), min(sent_end, mention.end + 40)) or (
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
        participants = PARTICIPANTS.match(text, mention.end, sent_end)
        gap = text[participants.end() if participants else mention.end:place.start]
        # "talks in Doha", "talks, hosted by Turkey, in Istanbul"; not "talks collapsed, jets hit targets in Kabul"
        if (0 <= len(gap) <= _VENUE_GAP and not GAP_BLOCK.search(gap) and IN_BEFORE.search(gap)
                and _COMMA_THEN_IN.fullmatch(gap[gap.rfind(","):] if "," in gap else ",")):
            return place
        if (place.end <= mention.start and FOR_GAP.fullmatch(text, place.end, mention.start)
                and _TO_BEFORE.search(text, max(sent_start, place.start - 12), place.start)):
            return place  # "back in Doha next week for a new round"
    if context.dateline and _HERE_AFTER.match(text, mention.end):
        return context.dateline
    return None


def _outcomes(text: str, mention: TalkMention) -> set[str]:
    """Outcome cues within reach of the mention and nearer to it than to any other talks noun; an appositive
    ("The talks, the first since negotiations broke down in 2023, ended without a deal") is skipped by the noun
    it describes and closes off the nouns inside it."""
    sent_start, sent_end = mention.sentence
    nouns = [m for m in _NOUN.finditer(text, sent_start, sent_end) if not (m.start() <= mention.start < m.end())]
    head = predicate_start(text, mention.end, sent_end)
    enclosing = [predicate_start(text, m.end(), sent_end) for m in nouns if m.end() <= mention.start]
    stop = min((close for close in enclosing if close > mention.end), default=sent_end)
    others = [m.start() for m in nouns if not mention.end <= m.start() < head]
    found = set()
    for outcome, pattern in _OUTCOMES.items():
        for cue in pattern.finditer(text, sent_start, stop):
            after = cue.start() - head if cue.start() >= head else cue.start() - mention.end
            distance = after if cue.start() >= mention.end else mention.start - cue.end()
            if 0 <= distance <= _CUE_REACH and all(abs(cue.start() - o) >= distance for o in others):
                found.add(outcome)
    return found


def _follow_up_outcomes(context: Context, mention: TalkMention) -> set[str]:
    """Outcome cues of the next sentence when it goes on about the negotiating sides ("The talks ... lasted an
    hour. The two sides agreed to swap prisoners but remained far apart on a truce.")."""
    text = context.report.text
    following = next((s for s in context.sentences if s[0] >= mention.sentence[1]), None)
    if following is None or "\n" in text[mention.sentence[1]:following[0]]:
        return set()
    if not _SIDES_SUBJECT.match(text, following[0]) or _NOUN.search(text, *following):
        return set()
    return {outcome for outcome, pattern in _OUTCOMES.items() if pattern.search(text, *following)}


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
    firsts = sorted((m.first_day for m in mentions if m.first_day), key=lambda d: (-len(d), d))
    if round_.tense == "future":
        outcome = "scheduled"
        firsts = [d for d in firsts if not report.published or d >= report.published.isoformat()[:len(d)]]
    elif outcome is None and round_.tense == "current" and not _ended(report, round_):
        outcome = "ongoing"
    end = max((m.last_day for m in mentions if m.last_day), key=lambda d: (len(d), d), default=None)
    if produced is not None and end is None and outcome == "agreement":
        end = produced.signed or produced.extended
    if end is None and firsts and _over_in_a_day(report, firsts[0], outcome, round_.tense):
        end = firsts[0]
    name = venue.name if venue else (produced.venue if produced is not None else None)
    mediators = [n for m in round_.mentions for n in _mediators_of(report, context, m)]
    if venue and round_.tense != "future" and _named_state(report, venue.country):
        mediators.append(context.country_name(venue.country))  # a host the report itself brings in
    best = max(mentions, key=lambda m: (bool(m.venue) + bool(m.first_day), -m.start))
    start, stop = trimmed(report.text, *best.sentence)
    parties = context.parties_in(m.sentence for m in mentions)
    return Talks(venue=name, start=firsts[0] if firsts else None, end=end, parties=parties,
                 mediators=[n for i, n in enumerate(mediators) if n not in mediators[:i]
                            and n not in context.belligerents and n not in parties and n not in context.excluded],
                 outcome=outcome, evidence=report.text[start:stop], span=(start, stop))


def _named_state(report: Report, iso: str | None) -> bool:
    """Whether the report names the venue's country as an actor: a host it mentions takes part (Turkey in "talks in
    Istanbul, Turkey said"); a city that is only the setting ("Russia and Ukraine met in Istanbul") lends nobody."""
    return bool(iso) and any(a.kind == "state" and a.country == iso for a in report.actors)


def _mediators_of(report: Report, context: Context, mention: TalkMention) -> list[str]:
    """Mediators named in the mention's clause, else in its sentence."""
    clause = clause_of(report.text, mention.sentence, mention.start, mention.end)
    return context.mediators_in(*clause) or context.mediators_in(*mention.sentence)


def _over_in_a_day(report: Report, day: str, outcome: str | None, tense: str) -> bool:
    """A round dated to one past day that has an outcome ("talks on Wednesday ended without a deal") or that the
    text calls earlier ("the previous round on 2 June") ended that day."""
    return (len(day) == 10 and (outcome in _OUTCOME_ORDER or tense == "prior") and report.published is not None
            and day < report.published.isoformat())


def _ended(report: Report, round_: Round) -> bool:
    """Whether the text gives the round a last day before publication ("since the talks ended on 7 November")."""
    last = max((m.last_day for m in round_.mentions if m.last_day), default=None)
    return bool(last and report.published and last < report.published.isoformat()[:len(last)])
