"""Agreement mentions: where a report names a ceasefire, truce or accord as real, and what each naming says of
it (venue, dates, status cues, the side declaring it), for :mod:`ceasefire.extraction.diplomacy.agreements` to merge.

A sentence that names several agreements ("a peace agreement signed in Washington on June 27, and a declaration
signed in Doha on July 19") is shared out: each naming reads its dates and sides from its own part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ceasefire.extraction.diplomacy.context import WORDS, Context, clause_of, phrase_regex
from ceasefire.extraction.diplomacy.facts import THE_BEFORE, sign_date, venue_for
from ceasefire.extraction.numbers import COUNT, count_value
from ceasefire.extraction.report import ActorMention, Report

_KIND_PATTERNS = {kind: phrase_regex(words) for kind, words in WORDS["agreement_nouns"].items()}
_ANAPHOR = phrase_regex(WORDS["anaphoric_nouns"])
_HALT = phrase_regex(WORDS["halt_verbs"])
_EXCHANGE = phrase_regex(WORDS["exchange_verbs"])  # "agreed to swap prisoners": an agreement of kind other
_NOT_AGREEMENT_AFTER = phrase_regex(WORDS["not_an_agreement_after"], anchored=True)
_CIVIL = phrase_regex(WORDS["civil_topics"])
_NEGATED = re.compile(r"\b(?:no|any|possible|potential|future|eventual)\s+$", re.I)  # "no ceasefire has been agreed"
_PROPOSED = re.compile(r"\b(?:proposals?|proposed|plans?|offers?|calls?|demands?|push|bids?|appeals?|hopes?|efforts?"
                       r"|attempts?)"
                       r"\s+(?:for|of|to\s+(?:reach|secure|broker|negotiate|achieve|agree\s+(?:on|to)|mediate|win|get))"
                       r"\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}$", re.I)
_UNREACHED = re.compile(r"\b(?:" + "|".join(WORDS["unreached_before"]) + r")\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}$",
                        re.I)  # "offered a 30-day ceasefire", "far apart on a truce"
_NEW_PHRASE = re.compile(r"\b(?:an?|another)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
_DISTINCT = re.compile(r"\b(?:separate|another|(?:its|their)\s+own|a\s+second|a\s+different)\s+(?:[\w-]+\s+){0,2}$",
                       re.I)
_SEPARATELY = re.compile(r"\W*(?:separately|in\s+a\s+separate\s+\w+|elsewhere)\b", re.I)  # .match at the sentence
_SUBJECT_LEAD = re.compile(r"\W*(?:(?:the|this|that|their|its)\s+)?(?:[\w'’-]+\s+){0,2}", re.I)
_SUMMARY = re.compile(r"\b(?:two|three|four|both|several|multiple|many|all|previous|past|earlier|(?:the\s+)?two)"
                      r"\s+(?:[\w-]+\s+)?$", re.I)
_PLURAL = re.compile(r"\b(?:accords|agreements|deals|truces|cease-?\s?fires|pacts|treaties|declarations|understandings"
                     r"|arrangements|pauses)$", re.I)  # with .search over the noun
_PARENTHETICAL = re.compile(r",\s+(?:of\s+which|which|who|whose|an?|the|including)\s[^,]*,", re.I)
_AGREED_TO = re.compile(r"\b(?:agreed|agrees|agreeing)\s+to\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}$", re.I)
_ORIGIN_AFTER = re.compile(r"\s+(?:proposed|offered|put\s+forward|drafted|suggested)\s+by\b", re.I)
_CALL = phrase_regex(WORDS["call_cues"])
_REAL_AFTER = phrase_regex(WORDS["real_cues_after"])
_MODAL = phrase_regex(WORDS["modal_cues"])
_EFFECTIVE = phrase_regex(WORDS["effective_cues"])
# "a truce since 27 November", "a ceasefire across the country from 6 a.m. Khartoum time on Saturday"
_SINCE_DATE = re.compile(r"\b(?:since|from)\s+(?:(?:midnight|noon|\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?|GMT|UTC|hours))"
                         r"\s+(?:\(?\w+\)?\s+){0,3}?)?(?:on\s+)?(?:the\s+)?$", re.I)
_EFFECTIVE_FROM_SIGNING = phrase_regex(WORDS["effective_from_signing"])
_FRESH = phrase_regex(WORDS["fresh_cues"])
_EXTENSION = phrase_regex(WORDS["extension_cues"])
_UNILATERAL = phrase_regex(WORDS["unilateral_cues"])
_RECIPROCATED = phrase_regex(WORDS["reciprocation_cues"])
_EXPIRY_BEFORE = re.compile(r"\b(?:" + "|".join(WORDS["expiry_cues"]) + r")\s+(?:midnight\s+|noon\s+)?(?:on\s+)?"
                            r"(?:the\s+)?$", re.I)  # "until 6 May", "expires at midnight on Friday"
# "at midnight", "from 6 p.m.", "at 0600 GMT": the hour an agreement takes effect
_HOUR = re.compile(r"\b(?:at|from|as\s+of)\s+(?P<hour>midnight|noon|\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)"
                   r"|\d{1,2}:\d\d|\d{4}\s*(?:GMT|UTC|hours|hrs|local\s+time))", re.I)
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30}
# "a 30-day ceasefire", "the 72-hour truce": how long it is to last, written before the noun ...
_DURATION_BEFORE = re.compile(rf"\b(?P<n>{COUNT}|an?)[-\s](?P<unit>hour|day|week|month)s?(?:[-\s]long)?\s+"
                              r"(?:[\w-]+\s+){0,2}$", re.I)
# ... or after it: "a truce of 30 days", "extend the ceasefire by two weeks", "a ceasefire for 60 days"
_DURATION_AFTER = re.compile(rf"(?:\s+[\w-]+){{0,4}}?\s+(?:of|for|by|lasting)\s+(?:another\s+|a\s+further\s+)?"
                             rf"(?P<n>{COUNT}|an?)\s+(?:more\s+)?(?P<unit>hour|day|week|month)s?\b", re.I)
_RELATIVE_AFTER = re.compile(r",?\s+(?:that|which)\b", re.I)
_FULL_STOP = re.compile(r"(?<![ap]\.m)\.(?!\w)")  # not the stops of "at 9:45 p.m. on Monday"
_STATUS = {status: phrase_regex(words) for status, words in WORDS["status"].items()}
_HEDGE = phrase_regex(WORDS["status_hedges"])
_COLLAPSE_DESPITE = phrase_regex(
    [r"despite\s+(?:the|that|this)\s+(?:agreement|ceasefire|truce|deal)[^.]*?(?:"
     + "|".join(WORDS["collapse_after_despite"]) + ")"])
_TALKS = phrase_regex([r"talks", r"negotiations", r"rounds?"])
_CALL_WINDOW = 70
_REAL_WINDOW = 40
_STATUS_WINDOW = 60
_APPOSITIVE = 160


@dataclass
class AgreementMention:
    """One naming of an agreement; ``kind`` is None for "the agreement", which joins its antecedent."""

    kind: str | None
    start: int
    end: int
    sentence: tuple[int, int]
    venue: str | None = None
    venue_country: str | None = None
    signed: str | None = None
    effective: str | None = None
    statuses: set[str] = field(default_factory=set)
    extension: bool = False
    declarer: str | None = None
    name: str | None = None
    effective_from_signing: bool = False
    fresh: bool = False
    effective_time: str | None = None  # "HH:MM" ("00:00" for "at midnight")
    expires: str | None = None  # the day it is to last until ("until 6 May")
    days: float | None = None  # how long it is to last ("a 30-day truce"), from when it took effect
    scope: tuple[int, int] | None = None  # the part of its sentence about it, when the sentence names several
    distinct: bool = False  # "separately, a ceasefire ...", "its own pause": not one named before

    @property
    def about(self) -> tuple[int, int]:
        """Where its dates and sides are read: its share of the sentence, else the sentence."""
        return self.scope or self.sentence

    def weight(self) -> int:
        """How much the mention says: the evidence of an agreement is its most informative mention."""
        return 4 * bool(self.effective) + 2 * bool(self.signed) + 2 * bool(self.venue) + bool(self.statuses)


def find_mentions(report: Report, context: Context) -> list[AgreementMention]:
    """Each naming of an agreement the report speaks of as real, described, in text order."""
    text = report.text
    found: list[AgreementMention] = []
    for sent_start, sent_end in context.sentences:
        spans: list[tuple[str | None, int, int]] = []
        for kind, pattern in _KIND_PATTERNS.items():
            spans += [(kind, m.start(), m.end()) for m in pattern.finditer(text, sent_start, sent_end)]
        spans += [("ceasefire", m.start(), m.end()) for m in _HALT.finditer(text, sent_start, sent_end)]
        spans += [("other", m.start(), m.end()) for m in _EXCHANGE.finditer(text, sent_start, sent_end)]
        named = list(spans)  # "the Kuala Lumpur accord" names an accord; "the Doha declaration" refers back to one
        spans += [(None, m.start(), m.end()) for m in _ANAPHOR.finditer(text, sent_start, sent_end)
                  if not any(start < m.end() and m.start() < end for _, start, end in named)]
        kept = []
        for kind, start, end in _outermost(spans):
            if kind is not None and not _is_real(text, start, end, sent_start, sent_end):
                continue
            lead = max(sent_start, start - 25)
            if kind is not None and _PLURAL.search(text, start, end) and _SUMMARY.search(text, lead, start):
                continue  # "two accords signed this summer: ...": the list that follows names them
            if kind == "other" and _CIVIL.search(text, max(sent_start, start - 40), min(sent_end, end + 25)):
                continue  # "a memorandum of understanding on energy"
            kept.append(AgreementMention(kind, start, end, (sent_start, sent_end)))
        _share_sentence(text, [m for m in kept if m.kind is not None])
        for mention in kept:
            _describe(report, context, mention)
            found.append(mention)
    return found


def _share_sentence(text: str, mentions: list[AgreementMention]) -> None:
    """Several agreements in one sentence ("a peace agreement signed in Washington on June 27, and a declaration
    signed in Doha on July 19"): a later noun phrase opening with "a" or "another" introduces another agreement,
    and each reads its dates and sides from its own share of the sentence ("the truce" after "the Gaza ceasefire"
    is the same one, and shares it)."""
    cuts = []
    for before, after in zip(mentions, mentions[1:], strict=False):
        phrase = _NEW_PHRASE.search(text, before.end, after.start)
        if phrase:
            cuts.append((phrase.start(), after.start))
    if not cuts:
        return
    bounds = [mentions[0].sentence[0], *(cut for cut, _ in cuts), mentions[0].sentence[1]]
    for mention in mentions:
        index = sum(1 for _, opened in cuts if opened <= mention.start)
        mention.scope = (bounds[index], bounds[index + 1])


def _outermost(spans: list[tuple[str | None, int, int]]) -> list[tuple[str | None, int, int]]:
    """Overlapping matches keep the longest ("ceasefire agreement" over "agreement"), in text order."""
    kept: list[tuple[str | None, int, int]] = []
    for span in sorted(spans, key=lambda s: (s[1], -(s[2] - s[1]))):
        if not kept or span[1] >= kept[-1][2]:
            kept.append(span)
    return kept


def _is_real(text: str, start: int, end: int, sent_start: int, sent_end: int) -> bool:
    """Whether the naming speaks of an agreement that exists, not one called for or hoped for."""
    after = text[end:min(sent_end, end + _REAL_WINDOW)]
    named_as_other = (_NOT_AGREEMENT_AFTER.match(after.lstrip(" '’\"”-"))
                      and not _accepted_proposal(text, start, end, sent_start))  # "agreed to a truce proposed by"
    if named_as_other or _NEGATED.search(text, max(sent_start, start - 20), start):
        return False
    lead = max(sent_start, start - 50)
    if _PROPOSED.search(text, lead, start) or _UNREACHED.search(text, lead, start):
        return False  # "the proposal for a humanitarian truce remains on the table", "offered a truce"
    real = _REAL_AFTER.search(after)
    if real:
        return not _MODAL.search(after, 0, real.start())  # "a ceasefire could be agreed within days"
    before = text[max(sent_start, start - _CALL_WINDOW):start]
    return not _CALL.search(before)


def _accepted_proposal(text: str, start: int, end: int, sent_start: int) -> bool:
    """"X agreed to a truce proposed by the US": one side's yes to a mediators' text, an agreement not yet in force."""
    return bool(_AGREED_TO.search(text, max(sent_start, start - 50), start) and _ORIGIN_AFTER.match(text, end))


def _describe(report: Report, context: Context, mention: AgreementMention) -> None:
    text = report.text
    sent_start, sent_end = mention.sentence
    sentence = text[sent_start:sent_end]
    mention.venue, mention.venue_country, prefixed = venue_for(context, mention.start, mention.end, mention.scope)
    mention.signed, mention.effective = _dates(report, mention)
    mention.expires = _expiry(report, mention)
    mention.days = _duration(text, mention)
    if mention.effective or _EFFECTIVE.search(sentence) or _EFFECTIVE_FROM_SIGNING.search(sentence):
        mention.effective_time = _hour(text, *mention.about)
    mention.statuses = _statuses(text, mention)
    if mention.kind is not None and _accepted_proposal(text, mention.start, mention.end, sent_start):
        mention.statuses.add("pending")
    mention.distinct = bool(_DISTINCT.search(text, max(sent_start, mention.start - 30), mention.start)
                            or _SEPARATELY.match(text, sent_start, mention.start))
    mention.extension = _extends(text, sent_start, mention.start)
    mention.effective_from_signing = bool(_EFFECTIVE_FROM_SIGNING.search(sentence))
    mention.fresh = bool(_FRESH.search(sentence))
    if mention.kind is not None:
        noun = text[mention.start:mention.end].strip(" '’\"")
        mention.name = f"{prefixed} {noun}" if prefixed else None
    if (_UNILATERAL.search(text, max(sent_start, mention.start - 40), mention.start)
            and not _RECIPROCATED.search(text, mention.end, sent_end)):  # "..., which Kabul said it would respect"
        asides = [m.span() for m in _PARENTHETICAL.finditer(text, sent_start, mention.start)]
        mention.declarer = _nearest_side_before(context, [
            a for a in report.within(report.actors, sent_start, mention.start)
            if not any(lo <= a.start < hi for lo, hi in asides)])  # "The Alliance, of which the TNLA is a member,"


def _dates(report: Report, mention: AgreementMention) -> tuple[str | None, str | None]:
    sent_start, sent_end = mention.about
    dates = report.within(report.dates, sent_start, sent_end)
    effective = next((d.value for d in dates if 0 <= d.start - mention.end <= 70
                      and _SINCE_DATE.search(report.text, mention.end, d.start)), None)
    for cue in _EFFECTIVE.finditer(report.text, sent_start, sent_end) if effective is None else ():
        after = [d for d in dates if 0 <= d.start - cue.end() <= 45
                 and not _FULL_STOP.search(report.text, cue.end(), d.start)]
        if after:
            effective = after[0].value
            break
    signed = sign_date(report, mention.about, mention.start, mention.end, exclude=effective)
    return signed, effective


def _extends(text: str, sent_start: int, start: int) -> bool:
    """Whether the naming reports an extension ("agreed to extend their truce", "an extension of the ceasefire"),
    not the truce as extended before ("the extended ceasefire expired")."""
    cue = _EXTENSION.search(text, max(sent_start, start - 20), start)
    if cue is None:
        return False
    return not (text[cue.end():start].isspace() and THE_BEFORE.search(text, max(sent_start, cue.start() - 6),
                                                                      cue.start()))


def _expiry(report: Report, mention: AgreementMention) -> str | None:
    """The day it is to last until: a date after "until", "expires on", "to last until"."""
    for date in report.within(report.dates, *mention.about):
        if _EXPIRY_BEFORE.search(report.text, max(mention.about[0], date.start - 40), date.start):
            return date.value
    return None


def _duration(text: str, mention: AgreementMention) -> float | None:
    """Days it is to last, from a duration written next to its noun ("a 30-day truce", "extended by two weeks")."""
    lo, hi = mention.about
    found = (_DURATION_BEFORE.search(text, max(lo, mention.start - 40), mention.start)
             or _DURATION_AFTER.match(text, mention.end, hi))
    if found is None:
        return None
    return count_value(found["n"]) * _UNIT_DAYS[found["unit"].lower()]


def _hour(text: str, start: int, end: int) -> str | None:
    """The first hour of the day the span gives ("at midnight", "from 6 p.m.", "at 0600 GMT"), as "HH:MM"."""
    found = _HOUR.search(text, start, end)
    if found is None:
        return None
    hour = found["hour"].lower()
    if hour in ("midnight", "noon"):
        return "00:00" if hour == "midnight" else "12:00"
    digits = re.findall(r"\d+", hour)
    if len(digits) == 1 and len(digits[0]) == 4:
        digits = [digits[0][:2], digits[0][2:]]
    hours, minutes = int(digits[0]), int(digits[1]) if len(digits) > 1 else 0
    meridiem = re.search(r"([ap])\.?m", hour)
    if meridiem:  # "6 p.m." is 18:00, "12 a.m." midnight
        hours = hours % 12 + (12 if meridiem.group(1) == "p" else 0)
    return f"{hours:02d}:{minutes:02d}" if hours < 24 and minutes < 60 else None


def _statuses(text: str, mention: AgreementMention) -> set[str]:
    sent_start, sent_end = mention.sentence
    lo, hi = max(sent_start, mention.start - _STATUS_WINDOW), min(sent_end, mention.end + _STATUS_WINDOW)
    if _SUBJECT_LEAD.fullmatch(text, sent_start, mention.start) or _RELATIVE_AFTER.match(text, mention.end):
        hi = clause_of(text, mention.sentence, mention.start, mention.end)[1]  # "The truce, which had held
        # for years, has now collapsed", "a truce that had given residents a day of relief expired"
    opening = text.find(",", mention.end, min(sent_end, mention.end + _STATUS_WINDOW))
    if opening >= 0:  # "The agreement, initialled in Washington in August, has not been signed"
        close = text.find(",", opening + 1, min(sent_end, opening + _APPOSITIVE))
        hi = max(hi, min(sent_end, close + _STATUS_WINDOW)) if close > 0 else hi
    talks = [m.start() for m in _TALKS.finditer(text, sent_start, sent_end)]
    found = set()
    for status, pattern in _STATUS.items():
        for cue in pattern.finditer(text, lo, hi):
            if status == "in_force" and cue.start() < mention.end:
                continue  # "X holds": the cue follows its subject
            distance = cue.start() - mention.end if cue.start() >= mention.end else mention.start - cue.end()
            if any(abs(cue.start() - t) < distance for t in talks):
                continue  # "talks collapse: ceasefire continues"
            if status != "in_force" and _HEDGE.search(text, max(lo, cue.start() - 15), cue.start()):
                continue
            found.add(status)
    if _COLLAPSE_DESPITE.search(text, sent_start, sent_end):
        found.add("collapsed")
    return found


def _nearest_side_before(context: Context, actors: list[ActorMention]) -> str | None:
    sides = [context.side(a) for a in actors if context.side(a)]
    return sides[-1] if sides else None
