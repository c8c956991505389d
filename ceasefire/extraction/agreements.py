"""Agreements stage: the ceasefires, truces and peace agreements a report speaks of as real.

A report names one agreement many times ("the Doha ceasefire", "the truce", "it remains
intact"); each naming is a mention, and mentions that can be the same agreement (same kind,
compatible venue and dates, not one an extension of the other) are merged into one item whose
fields come from all of them. Calls, proposals and hopes ("urged a ceasefire", "a new ceasefire
proposal", "efforts to reach a peace deal") are not agreements: the dev-corpus gold lists them
at most as optional items.

Cascade for each field of a merged agreement:

1. signed: a date next to a verb of agreeing ("agreed on Thursday", "inked in Doha last
   October", "the October halt"); else, when the text says it is fresh ("hours after ... reached",
   "have agreed"), the publication date.
2. effective: a date after "effective", "began", "took effect"; else the signing date when the
   text ties the start to it ("from midnight", "set to be in place until"); else "a week of calm
   since" counted back from publication.
3. venue: a place naming it ("Doha ceasefire", "Doha-brokered"), "in PLACE" after a verb of
   agreeing or after "talks", or "here" (the dateline's place).
4. status: a cue that it holds wins (a report says so when it needs saying); then collapsed,
   violated, expired; "not yet signed" leaves it unknown; an agreement with no cue is taken to be
   in force. Cues are read around the mention and past an appositive ("The agreement, initialled
   in August, has not yet been signed").
5. parties: the declaring side of a unilateral truce, else two sides named "between X and Y",
   else the report's two main belligerents, else the sides named where it is mentioned (a lone
   side completed by the state the report's places lie in).

"That truce" and "the deal" refer back to an agreement already named; their sentences' dates
count only when the naming mentions give none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ceasefire.extraction.diplomacy import (
    WORDS,
    Context,
    build_context,
    dates_compatible,
    phrase_regex,
    trimmed,
)
from ceasefire.extraction.diplomacy_facts import sign_date, venue_for
from ceasefire.extraction.report import ActorMention, Report
from ceasefire.records import Agreement

_KIND_PATTERNS = {kind: phrase_regex(words) for kind, words in WORDS["agreement_nouns"].items()}
_ANAPHOR = phrase_regex(WORDS["anaphoric_nouns"])
_HALT = phrase_regex(WORDS["halt_verbs"])
_NOT_AGREEMENT_AFTER = phrase_regex(WORDS["not_an_agreement_after"], anchored=True)
_CIVIL = phrase_regex(WORDS["civil_topics"])
_NEGATED = re.compile(r"\b(?:no|any|possible|potential|future|eventual)\s+$", re.I)  # "no ceasefire has been agreed"
_PROPOSED = re.compile(r"\b(?:proposals?|proposed|plans?|offers?|calls?|demands?|push|bids?|appeals?|hopes?|efforts?"
                       r"|attempts?)"
                       r"\s+(?:for|of|to\s+(?:reach|secure|broker|negotiate|achieve|agree\s+(?:on|to)|mediate|win|get))"
                       r"\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}$", re.I)
_UNREACHED = re.compile(r"\b(?:" + "|".join(WORDS["unreached_before"]) + r")\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}$",
                        re.I)  # "offered a 30-day ceasefire", "far apart on a truce"
_DEMONSTRATIVE = re.compile(r"\b(?:that|this|the\s+same)\s+$", re.I)
_CALL = phrase_regex(WORDS["call_cues"])
_REAL_AFTER = phrase_regex(WORDS["real_cues_after"])
_MODAL = phrase_regex(WORDS["modal_cues"])
_EFFECTIVE = phrase_regex(WORDS["effective_cues"])
_SINCE_DATE = re.compile(r"\b(?:since|from)\s+(?:midnight\s+|noon\s+)?(?:on\s+)?(?:the\s+)?$", re.I)
_EFFECTIVE_FROM_SIGNING = phrase_regex(WORDS["effective_from_signing"])
_FRESH = phrase_regex(WORDS["fresh_cues"])
_EXTENSION = phrase_regex(WORDS["extension_cues"])
_UNILATERAL = phrase_regex(WORDS["unilateral_cues"])
_RECIPROCATED = phrase_regex(WORDS["reciprocation_cues"])
_STATUS = {status: phrase_regex(words) for status, words in WORDS["status"].items()}
_HEDGE = phrase_regex(WORDS["status_hedges"])
_COLLAPSE_DESPITE = phrase_regex(
    [r"despite\s+(?:the|that|this)\s+(?:agreement|ceasefire|truce|deal)[^.]*?(?:"
     + "|".join(WORDS["collapse_after_despite"]) + ")"])
_TALKS = phrase_regex([r"talks", r"negotiations", r"rounds?"])
_SINCE = phrase_regex([r"(?P<n>a|an|one|two|three|four|five|six|\d+)\s+(?P<unit>day|week|month)s?\s+"
                       r"(?:of\s+[\w\s-]{0,30}?)?since"])
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_STATUS_ORDER = ("in_force", "collapsed", "violated", "expired")
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

    def weight(self) -> int:
        """How much the mention says: the evidence of an agreement is its most informative mention."""
        return 4 * bool(self.effective) + 2 * bool(self.signed) + 2 * bool(self.venue) + bool(self.statuses)


@dataclass
class AgreementCluster:
    kind: str
    mentions: list[AgreementMention]

    def first(self, attribute: str) -> str | None:
        return next((getattr(m, attribute) for m in self.mentions if getattr(m, attribute)), None)

    def finest(self, attribute: str) -> str | None:
        """The most precise of the mentions' dates ("2025-10-19" over "last month"); the dates of mentions that
        name the agreement come before those of "the deal" (whose sentence may date something else)."""
        named = [getattr(m, attribute) for m in self.mentions if getattr(m, attribute) and m.kind]
        values = named or [getattr(m, attribute) for m in self.mentions if getattr(m, attribute)]
        return max(values, key=len, default=None)

    @property
    def extension(self) -> bool:
        return any(m.extension for m in self.mentions if m.kind is not None)

    def accepts(self, mention: AgreementMention) -> bool:
        if mention.kind != self.kind or mention.extension != self.extension:
            return False
        venue = self.first("venue")
        if venue and mention.venue and venue != mention.venue:
            return False
        return (_close_dates(self.finest("signed"), mention.signed)
                and dates_compatible(self.finest("effective"), mention.effective))


def extract_agreements(report: Report) -> None:
    """Append one :class:`Agreement` per agreement the report speaks of as real."""
    for _cluster, record in resolve_agreements(report, build_context(report)):
        report.record.agreements.append(record)


def resolve_agreements(report: Report, context: Context) -> list[tuple[AgreementCluster, Agreement]]:
    """Each agreement with the mentions it was built from (the talks stage links rounds to them)."""
    if context.agreements is None:
        context.agreements = [(cluster, _to_record(report, context, cluster)) for cluster in _clusters(report, context)]
    return context.agreements


def _clusters(report: Report, context: Context) -> list[AgreementCluster]:
    clusters: list[AgreementCluster] = []
    for mention in _mentions(report, context):
        if mention.kind is None:
            antecedent = _antecedent(report.text, clusters, mention)
            if antecedent is not None:
                antecedent.mentions.append(mention)
            continue
        if _DEMONSTRATIVE.search(report.text, max(0, mention.start - 12), mention.start):
            home = next((c for c in reversed(clusters) if c.kind == mention.kind), None)
            if home is not None:  # "that truce": the one named before, whatever dates its sentence holds
                mention.signed = mention.effective = None
                home.mentions.append(mention)
                continue
        home = next((c for c in clusters if c.accepts(mention)), None)
        if home is None:
            clusters.append(AgreementCluster(mention.kind, [mention]))
        else:
            home.mentions.append(mention)
    _inherit_from_container(clusters)
    return clusters


def _antecedent(text: str, clusters: list[AgreementCluster], mention: AgreementMention) -> AgreementCluster | None:
    """What "the declaration" or "that agreement" refers to: the last agreement named with that noun, else the last."""
    head = text[mention.start:mention.end].split()[-1].lower()
    named = [c for c in clusters if any(head in text[m.start:m.end].lower() for m in c.mentions if m.kind)]
    candidates = named or clusters
    return max(candidates, key=lambda c: c.mentions[-1].end) if candidates else None


def _mentions(report: Report, context: Context) -> list[AgreementMention]:
    text = report.text
    found: list[AgreementMention] = []
    for sent_start, sent_end in context.sentences:
        spans: list[tuple[str | None, int, int]] = []
        for kind, pattern in _KIND_PATTERNS.items():
            spans += [(kind, m.start(), m.end()) for m in pattern.finditer(text, sent_start, sent_end)]
        spans += [("ceasefire", m.start(), m.end()) for m in _HALT.finditer(text, sent_start, sent_end)]
        spans += [(None, m.start(), m.end()) for m in _ANAPHOR.finditer(text, sent_start, sent_end)]
        for kind, start, end in _outermost(spans):
            if kind is not None and not _is_real(text, start, end, sent_start, sent_end):
                continue
            if kind == "other" and _CIVIL.search(text, max(sent_start, start - 40), min(sent_end, end + 25)):
                continue  # "a memorandum of understanding on energy"
            mention = AgreementMention(kind, start, end, (sent_start, sent_end))
            _describe(report, context, mention)
            found.append(mention)
    return found


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
    if _NOT_AGREEMENT_AFTER.match(after.lstrip(" '’\"”-")) or _NEGATED.search(text, max(sent_start, start - 20), start):
        return False
    lead = max(sent_start, start - 50)
    if _PROPOSED.search(text, lead, start) or _UNREACHED.search(text, lead, start):
        return False  # "the proposal for a humanitarian truce remains on the table", "offered a truce"
    real = _REAL_AFTER.search(after)
    if real:
        return not _MODAL.search(after, 0, real.start())  # "a ceasefire could be agreed within days"
    before = text[max(sent_start, start - _CALL_WINDOW):start]
    return not _CALL.search(before)


def _describe(report: Report, context: Context, mention: AgreementMention) -> None:
    text = report.text
    sent_start, sent_end = mention.sentence
    sentence = text[sent_start:sent_end]
    mention.venue, mention.venue_country, prefixed = venue_for(context, mention.start, mention.end)
    mention.signed, mention.effective = _dates(report, mention)
    mention.statuses = _statuses(text, mention)
    mention.extension = bool(_EXTENSION.search(text, max(sent_start, mention.start - 20), mention.start))
    mention.effective_from_signing = bool(_EFFECTIVE_FROM_SIGNING.search(sentence))
    mention.fresh = bool(_FRESH.search(sentence))
    if mention.kind is not None:
        noun = text[mention.start:mention.end].strip(" '’\"")
        mention.name = f"{prefixed} {noun}" if prefixed else None
    if (_UNILATERAL.search(text, max(sent_start, mention.start - 40), mention.start)
            and not _RECIPROCATED.search(text, mention.end, sent_end)):  # "..., which Kabul said it would respect"
        mention.declarer = _nearest_side_before(context, report.within(report.actors, sent_start, mention.start))


def _dates(report: Report, mention: AgreementMention) -> tuple[str | None, str | None]:
    sent_start, sent_end = mention.sentence
    dates = report.within(report.dates, sent_start, sent_end)
    effective = next((d.value for d in dates if 0 <= d.start - mention.end <= 30
                      and _SINCE_DATE.search(report.text, mention.end, d.start)), None)  # "a truce since 27 November"
    for cue in _EFFECTIVE.finditer(report.text, sent_start, sent_end) if effective is None else ():
        after = [d for d in dates if 0 <= d.start - cue.end() <= 45 and "." not in report.text[cue.end():d.start]]
        if after:
            effective = after[0].value
            break
    signed = sign_date(report, mention.sentence, mention.start, mention.end, exclude=effective)
    return signed, effective


def _statuses(text: str, mention: AgreementMention) -> set[str]:
    sent_start, sent_end = mention.sentence
    lo, hi = max(sent_start, mention.start - _STATUS_WINDOW), min(sent_end, mention.end + _STATUS_WINDOW)
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


def _close_dates(a: str | None, b: str | None) -> bool:
    """Signing dates of one agreement: compatible, or within three days (reports round them)."""
    if dates_compatible(a, b):
        return True
    if len(a) == 10 and len(b) == 10:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= 3
    return False


def _inherit_from_container(clusters: list[AgreementCluster]) -> None:
    """A ceasefire a declaration commits to shares its venue and date ("the declaration outlines a ceasefire")."""
    for cluster in clusters:
        if cluster.first("venue") or cluster.finest("signed") or cluster.finest("effective"):
            continue
        sentences = {m.sentence for m in cluster.mentions}
        for other in clusters:
            if other is not cluster and any(m.sentence in sentences for m in other.mentions):
                head = cluster.mentions[0]
                head.venue, head.signed = other.first("venue"), other.finest("signed")
                break


def _to_record(report: Report, context: Context, cluster: AgreementCluster) -> Agreement:
    signed, effective = cluster.finest("signed"), cluster.finest("effective")
    published = report.published
    if signed is None and effective is None and published and any(m.fresh for m in cluster.mentions):
        signed = published.isoformat()
    if signed and effective and signed[:len(effective)] > effective[:len(signed)]:
        signed = None  # a date after it took effect is some other event's ("killed on Tuesday ... since the truce")
    if effective is None and signed and any(m.effective_from_signing for m in cluster.mentions):
        effective = signed
    if signed is None and effective is None and published:
        effective = _since(report, cluster, published)
    best = max(cluster.mentions, key=lambda m: (m.weight(), -m.start))
    start, end = trimmed(report.text, *best.sentence)
    declarers = [m.declarer for m in cluster.mentions if m.declarer]
    parties = [declarers[0]] if declarers else context.parties_in(m.sentence for m in cluster.mentions)
    mediators = [name for m in cluster.mentions for name in context.mediators_in(m.sentence[0], m.sentence[1])]
    mediators += [context.country_name(m.venue_country) for m in cluster.mentions
                  if m.name and m.venue_country]  # "the Doha-brokered truce": its host
    outsiders = _unique(n for n in mediators if n and n not in parties and n not in context.belligerents)
    return Agreement(kind=cluster.kind, name=cluster.first("name"), parties=parties, mediators=outsiders,
                     venue=cluster.first("venue"), signed=signed, effective=effective,
                     status=_status(cluster, signed or effective, published), evidence=report.text[start:end],
                     span=(start, end))


def _since(report: Report, cluster: AgreementCluster, published: dt.date) -> str | None:
    """"A week of calm since the truce": the truce took effect that long before publication."""
    for mention in cluster.mentions:
        found = _SINCE.search(report.text, *mention.sentence)
        if found:
            count = int(found["n"]) if found["n"].isdigit() else _NUMBERS[found["n"].lower()]
            days = {"day": 1, "week": 7, "month": 30}[found["unit"].lower()] * count
            start = published - dt.timedelta(days=days)
            return start.isoformat() if found["unit"].lower() == "day" else start.isoformat()[:7]
    return None


def _status(cluster: AgreementCluster, made: str | None, published: dt.date | None) -> str | None:
    """The status the text gives; with none, a recent agreement is in force and an old one unknown."""
    statuses = set().union(*(m.statuses for m in cluster.mentions))
    given = next((s for s in _STATUS_ORDER if s in statuses), None)
    if given is None and "pending" in statuses:
        return None  # "has not yet been signed": not in force, not broken either
    if given or not (made and published):
        return given or "in_force"
    return "in_force" if int(made[:4]) >= published.year - 1 else None


def _unique(names: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for name in names:
        if name not in seen:
            seen.append(name)
    return seen

