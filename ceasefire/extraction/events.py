"""Events stage: incidents of political violence and protest, typed with the ACLED taxonomy.

Only sentences holding a trigger word (see :mod:`ceasefire.extraction.event_typing`) get further
work. In such a sentence, neighbouring triggers of one type form a *group* (one incident named,
"heavy artillery and mortar shelling"); each date and place mention goes to the nearest group in
its clause. A group naming several separate places ("struck targets in A and near B") yields one
incident per place. A clause with no trigger but a verb like "were also hit" or "were killed" and
a place of its own is another incident of the kind just described ("..., while three others were
injured in Rajouri district"). Finally, mentions of one incident across the document (same type,
compatible date and place and perpetrator) are merged into one event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ceasefire.extraction import event_fields
from ceasefire.extraction.event_merging import IncidentLog
from ceasefire.extraction.event_placing import (
    assign_mentions,
    date_of,
    event_dates,
    incident_places,
    pick_date,
    site_mentions,
)
from ceasefire.extraction.event_typing import Trigger, find_triggers, lexicon, refine_type
from ceasefire.extraction.report import Report
from ceasefire.records import Event

_CLAUSE_BREAK = re.compile(
    r";|:\s|\s[–—]\s|,\s+(?=(?:while|whereas|but|adding|prompting|as|after|before|when|although|though|"
    r"following|despite|amid|and that|with)\b)|\s(?=(?:while|whereas|after|before|when|although|following|"
    r"prompting|to avenge|in retaliation for|in response to)\s)", re.I)
# Two triggers of one type this close, with no clause break between, name one incident.
_GROUP_GAP = 30
# How many sentences back, within the paragraph, an undated incident looks for its date.
_CONTEXT_SENTENCES = 3


@dataclass
class _Group:
    """Neighbouring triggers of one type in one clause, or an echo clause that inherits a type."""

    start: int
    end: int
    event_type: str
    sub_event_type: str | None
    strength: str
    clause: tuple[int, int]
    dates: list = field(default_factory=list)
    places: list = field(default_factory=list)


def extract_events(report: Report) -> None:
    """Append one :class:`Event` per distinct incident the report describes."""
    log = IncidentLog()
    sentences = _sentences(report)
    paragraph_of = _paragraphs(report.text, sentences)
    claim = None
    previous: list[Event] = []
    for index, sentence in enumerate(sentences):
        triggers = find_triggers(report.text, *sentence)
        clauses = _clauses(report.text, sentence)
        groups = _groups(triggers, clauses)
        groups += _echo_groups(report.text, clauses, groups, previous)
        if not groups:
            previous = []
            continue
        dates = event_dates(report, sentence)
        claim = event_fields.claimant(report, sentence, claim)
        context = _context_date(report, sentences, paragraph_of, index)
        found = []
        assign_mentions(groups, dates, site_mentions(report, sentence))
        for group in _without_weak(groups):
            incidents, soft_date = _incidents(report, group, sentence, context, claim)
            if group.strength == "weak":
                incidents = [e for e in incidents if not log.knows_place(e)]
            for event in incidents:
                log.add(event, soft_date)
            found += incidents
        previous = found
    report.record.events.extend(log.finish())


def _sentences(report: Report) -> list[tuple[int, int]]:
    """Sentence spans, also cut at line breaks (headlines and datelines carry no full stop)."""
    text = report.text
    spans = []
    for sent in report.doc.sents:
        pos = sent.start_char
        for line in text[sent.start_char:sent.end_char].split("\n"):
            stripped = line.strip()
            if stripped:
                start = text.index(stripped, pos)
                spans.append((start, start + len(stripped)))
            pos += len(line) + 1
    return spans


def _paragraphs(text: str, sentences: list[tuple[int, int]]) -> list[int]:
    """The paragraph number of each sentence (a line break starts a new paragraph)."""
    numbers, current = [], 0
    for i, (start, _end) in enumerate(sentences):
        if i and "\n" in text[sentences[i - 1][1]:start]:
            current += 1
        numbers.append(current)
    return numbers


def _clauses(text: str, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    start, end = sentence
    cuts = [start] + [start + m.start() for m in _CLAUSE_BREAK.finditer(text[start:end]) if m.start()] + [end]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _clause_of(clauses: list[tuple[int, int]], position: int) -> tuple[int, int]:
    return next((c for c in clauses if c[0] <= position < c[1]), clauses[-1])


def _groups(triggers: list[Trigger], clauses: list[tuple[int, int]]) -> list[_Group]:
    """Neighbouring triggers of one type become one group; weak words only count on their own."""
    groups: list[_Group] = []
    for trig in triggers:
        clause = _clause_of(clauses, trig.start)
        last = groups[-1] if groups else None
        if (last and last.event_type == trig.event_type and last.clause == clause
                and trig.start - last.end <= _GROUP_GAP):
            last.end = trig.end
            if trig.strength != "weak":
                last.sub_event_type = trig.sub_event_type or last.sub_event_type
                last.strength = "strong"
            continue
        groups.append(_Group(trig.start, trig.end, trig.event_type, trig.sub_event_type,
                             "weak" if trig.strength == "weak" else "strong", clause))
    return groups


def _without_weak(groups: list[_Group]) -> list[_Group]:
    """Vague words ("attack") stand for an incident only where no clearer trigger does."""
    clear = [g for g in groups if g.strength != "weak"]
    return clear or groups


def _echo_groups(text: str, clauses: list[tuple[int, int]], groups: list[_Group],
                 previous: list[Event]) -> list[_Group]:
    """Clauses without a trigger that report more of the incident just named ("were also hit")."""
    model = groups[0] if groups else None
    echoes = []
    for clause in clauses:
        if any(g.clause == clause for g in groups):
            continue
        verb = lexicon().echo_verbs.search(text[clause[0]:clause[1]])
        if verb is None:
            continue
        if model is not None:
            echoes.append(replace(model, start=clause[0] + verb.start(), end=clause[0] + verb.end(),
                                  clause=clause, dates=[], places=[], strength="echo"))
        elif previous:
            last = previous[-1]
            echoes.append(_Group(clause[0] + verb.start(), clause[0] + verb.end(), last.event_type,
                                 last.sub_event_type, "echo", clause))
    return echoes


def _context_date(report: Report, sentences: list[tuple[int, int]], paragraph_of: list[int],
                  index: int) -> str | None:
    """The date of the latest dated sentence shortly before, in the same paragraph
    ("The October flare-up began ... Retaliatory clashes spanned from Bajaur to Khost")."""
    for back in range(index - 1, max(-1, index - 1 - _CONTEXT_SENTENCES), -1):
        if paragraph_of[back] != paragraph_of[index]:
            break
        dates = event_dates(report, sentences[back])
        if dates:
            return date_of(dates[-1])
    return None


def _incidents(report: Report, group: _Group, sentence: tuple[int, int], context: str | None,
               claim: str | None) -> tuple[list[Event], bool]:
    """The events one group stands for: one per separate place it names (or one without a place),
    and whether their date was only borrowed from the sentences before."""
    places = incident_places(report.text, group.places)
    if group.strength == "echo" and not places:
        return [], False
    text = report.text
    clause_text = text[group.clause[0]:group.clause[1]]
    has_casualty = any(c.span[0] < group.clause[1] and group.clause[0] < c.span[1]
                       for c in report.record.casualties)
    if group.strength == "weak" and not (group.dates or places or has_casualty):
        return [], False
    event_type, sub = refine_type(group.event_type, group.sub_event_type, group.strength, clause_text)
    own_date = pick_date(group.dates, group.start, group.end)
    sides = event_fields.sides_between(report, group.end, group.clause)
    actor1 = sides[0] if sides else event_fields.perpetrator(report, group.start, group.end, group.clause)
    deaths = event_fields.fatalities(report, group.start, group.end, sentence)
    evidence = text[sentence[0]:sentence[1]]
    events = []
    for place in places or [None]:
        country = place.country if place else None
        actor2 = sides[1] if sides else event_fields.target(report, group.end, group.clause, country)
        events.append(Event(event_type, sub, own_date or context, place, actor1,
                            actor2 if actor2 != actor1 else None, claim, deaths, evidence, sentence))
    return events, own_date is None and context is not None
