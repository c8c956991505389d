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
   text ties the start to it ("from midnight", "to last until"); else "a week of calm
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
count only when the naming mentions give none, and not at all when the sentence names another
agreement ("That deal built on a ceasefire that took effect on July 28"). A naming opened by
"separately", "its own" or "another", or a second "a ..." noun phrase of one sentence with facts of
its own, is a different agreement. Finding and describing the namings is in
:mod:`ceasefire.extraction.diplomacy.agreement_mentions`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ceasefire.extraction.diplomacy.agreement_mentions import AgreementMention, find_mentions
from ceasefire.extraction.diplomacy.context import Context, build_context, dates_compatible, phrase_regex
from ceasefire.extraction.report import Report, trimmed
from ceasefire.records import Agreement

_DAYS_EARLIER = re.compile(r"\b(?P<n>a|one|two|three|four|five|six|\d)\s+days?\s+(?:earlier|before)\b"
                           r"(?!\s+(?:the|it|that))", re.I)
_DEMONSTRATIVE = re.compile(r"\b(?:that|this|the\s+same)\s+$", re.I)
_SINCE = phrase_regex([r"(?P<n>a|an|one|two|three|four|five|six|\d+)\s+(?P<unit>day|week|month)s?\s+"
                       r"(?:of\s+[\w\s-]{0,30}?)?since"])
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_STATUS_ORDER = ("in_force", "collapsed", "violated", "expired")


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
        if mention.kind != self.kind:
            return False
        if mention.extension != self.extension and (_facts(mention) or mention.expires):
            return False  # an extension and the truce it extends, each dated: two agreements of the report
        if mention.scope and any(m.scope and m.scope != mention.scope and m.sentence == mention.sentence
                                 and _facts(m) and _facts(mention) and _facts(m) != _facts(mention)
                                 for m in self.mentions):
            return False  # two noun phrases of one sentence: two agreements ("a truce followed an understanding")
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
    mentions = find_mentions(report, context)
    naming = {m.sentence for m in mentions if m.kind is not None}
    for mention in mentions:
        if mention.kind is None:
            if mention.sentence in naming:
                mention.signed = mention.effective = None  # "That deal built on a ceasefire that took effect ..."
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
        home = None if mention.distinct else next((c for c in clusters if c.accepts(mention)), None)
        if home is None:
            clusters.append(AgreementCluster(mention.kind, [mention]))
        else:
            home.mentions.append(mention)
    _inherit_from_container(clusters)
    _date_from_previous(report.text, clusters)
    return clusters


def _facts(mention: AgreementMention) -> tuple[str | None, ...] | None:
    """What a mention says of when and where its agreement was made, if anything."""
    facts = (mention.signed, mention.effective, mention.venue)
    return facts if any(facts) else None


def _antecedent(text: str, clusters: list[AgreementCluster], mention: AgreementMention) -> AgreementCluster | None:
    """What "the declaration" or "that agreement" refers to: the last agreement named with that noun, else the last."""
    head = text[mention.start:mention.end].split()[-1].lower()
    named = [c for c in clusters if any(head in text[m.start:m.end].lower() for m in c.mentions if m.kind)]
    candidates = named or clusters
    return max(candidates, key=lambda c: c.mentions[-1].end) if candidates else None


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
        if cluster.finest("signed") or cluster.finest("effective"):
            continue
        head = cluster.mentions[0]
        before = [(m.start, other) for other in clusters if other is not cluster
                  for m in other.mentions if m.sentence == head.sentence and m.start < head.start]
        after = [(-m.start, other) for other in clusters if other is not cluster
                 for m in other.mentions if m.sentence == head.sentence]
        container = max(before or after, key=lambda pair: pair[0], default=(0, None))[1]
        if container is not None:  # the nearest agreement named before it in its sentence
            head.venue, head.signed = head.venue or container.first("venue"), container.finest("signed")


def _date_from_previous(text: str, clusters: list[AgreementCluster]) -> None:
    """"The army's truce took effect on April 2. The rebels announced their own pause a day earlier": an undated
    agreement counted back from the one named just before it."""
    mentions = sorted((m for c in clusters for m in c.mentions), key=lambda m: m.start)
    for cluster in clusters:
        head = cluster.mentions[0]
        found = _DAYS_EARLIER.search(text, *head.sentence)
        if cluster.finest("signed") or cluster.finest("effective") or not found:
            continue
        before = [m.effective or m.signed for m in mentions if m.start < head.start and (m.effective or m.signed)]
        if before and len(before[-1]) == 10:
            count = int(found["n"]) if found["n"].isdigit() else _NUMBERS[found["n"].lower()]
            head.signed = (dt.date.fromisoformat(before[-1]) - dt.timedelta(days=count)).isoformat()


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
    extended = signed if cluster.extension else None  # "agreed on Saturday to extend their truce"
    expires = cluster.first("expires")
    days = cluster.first("days")
    start = extended if cluster.extension else effective  # "extended by five days" counts from the extension
    if expires is None and days and start and len(start) == 10:
        expires = (dt.date.fromisoformat(start) + dt.timedelta(days=days)).isoformat()  # "a 30-day truce"
    best = max(cluster.mentions, key=lambda m: (m.weight(), -m.start))
    start, end = trimmed(report.text, *best.sentence)
    declarers = [m.declarer for m in cluster.mentions if m.declarer]
    parties = ([declarers[0]] if declarers else _scoped_sides(report, context, cluster)
               or context.parties_in(m.about for m in cluster.mentions))
    parties = [p for p in parties if p not in context.excluded]
    mediators = [name for m in cluster.mentions for name in context.mediators_in(*m.about)]
    mediators += [context.country_name(m.venue_country) for m in cluster.mentions
                  if m.name and m.venue_country]  # "the Doha-brokered truce": its host
    outsiders = _unique(n for n in mediators if n and n not in parties and n not in context.belligerents)
    return Agreement(kind=cluster.kind, name=cluster.first("name"), parties=parties, mediators=outsiders,
                     venue=cluster.first("venue"), signed=signed, effective=effective,
                     status=_status(cluster, signed or effective, published),
                     evidence=report.text[start:end], span=(start, end),
                     effective_time=cluster.first("effective_time") if effective else None,
                     expires=expires, extended=extended)


def _scoped_sides(report: Report, context: Context, cluster: AgreementCluster) -> list[str]:
    """The two sides named in an agreement's own share of a sentence that names several ("a peace agreement
    between Congo and Rwanda ..., and a declaration signed by Kinshasa and M23"): its parties, whatever the report's
    main sides."""
    for mention in cluster.mentions:
        if mention.scope is None:
            continue
        sides = _unique(context.side(a) for a in report.within(report.actors, *mention.scope)
                        if context.side(a) and a.name not in context.mediator_names
                        and report.actors.index(a) not in context.mediator_actors)
        if len(sides) >= 2:
            return sides[:2]
    return []


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

