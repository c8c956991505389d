"""Events stage: incidents of political violence and protest, typed with the ACLED taxonomy.

Only sentences holding a trigger word (see :mod:`ceasefire.extraction.events.triggers`) get further
work. In such a sentence, neighbouring triggers of one type form a *group* (one incident named,
"rocket and artillery fire"); each date and place mention goes to the nearest group in
its clause. A group naming several separate places ("struck targets in A and near B") yields one
incident per place. A clause with no trigger but a verb like "were also hit" or "were killed" and
a place of its own is another incident of the kind just described ("..., while three others were
injured in Rajouri district"). Mentions of one incident across the report are merged into one
event (see :mod:`ceasefire.extraction.events.merging`).

What a sentence leaves open comes from around it: an undated incident takes the date of a sentence
shortly before in its paragraph, or in the report's opening the lead's date; an unplaced one the
single site of a scene-setting sentence just before ("Shots rang out at X. ... was killed when
troops opened fire"); a sentence right after that blames someone ("The government blamed the RSF")
names the perpetrator and who alleges it. A sentence's only place locates its incidents in other
clauses too ("Calm in X after a week of clashes"). The headline is read last, so that it folds into
the body's fuller account; photo captions are left out. Once an incident is told, words of violence with
no place, date, perpetrator or toll of their own describe it rather than a new one ("Gunfire echoed for
hours"), and a toll in the sentence right after its own is its toll ("... clashed in X. Six were killed.").
An incident still without a place is put where the report's incidents are (see
:func:`ceasefire.extraction.events.merging.IncidentLog.finish`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ceasefire.extraction.events import fields
from ceasefire.extraction.events.classifier import EventClassifier
from ceasefire.extraction.events.merging import IncidentLog, another_incident, elsewhere_in_time
from ceasefire.extraction.events.placing import (
    assign_mentions,
    date_of,
    event_dates,
    incident_places,
    modified_trigger,
    pick_date,
    places_compatible,
    site_mentions,
)
from ceasefire.extraction.events.reading import learned_triggers
from ceasefire.extraction.events.triggers import Trigger, find_triggers, lexicon, refine_type
from ceasefire.extraction.report import Report
from ceasefire.records import Event

# Taking a place: by an armed group, ACLED's "Non-state actor overtakes territory"
_TAKES_GROUND = re.compile(r"\b(?:seiz|captur|took|taken|overr|gain)", re.I)

_CLAUSE_BREAK = re.compile(
    r";|:\s|\s[–—]\s|,\s+(?=(?:while|whereas|but|adding|prompting|as|after|before|when|although|though|"
    r"following|despite|amid|and that|with|where)\b)|\s(?=(?:while|whereas|after|before|when|although|following|"
    r"prompting|followed|to avenge|(?:in )?retaliation for|in response to)\s)", re.I)
_SAME_PLACE = re.compile(r"\b(?:in|at|near)\s+the\s+same\s+(?:area|place|region|town|city|village|district|spot"
                         r"|location|province|neighbou?rhood)\b|\bthere\b(?!\s+(?:is|are|was|were|has|have|had|will|would)\b)",
                         re.I)
# "the attack in", "the deadly raid on": an incident told before, and where it happened
_TOLD_AT = re.compile(r"\bthe\s+(?:[\w-]+\s+)?(?:attack|assault|raid|incident|shooting|ambush|clash(?:es)?|fighting|"
                      r"siege|standoff|bombing|blast|explosion|strike)s?\s+(?:in|at|on|near)\s+", re.I)
_TOLD_AT_REACH = 40  # how far after "the attack in" the place may begin ("the northern village of X")
_QUESTION = re.compile(r"\?[\s\"”’']*$")
_BLAME_WORD = re.compile(r"\b(?:blam|accus)", re.I)
# "lost six fighters in the fighting": a trigger after a definite article names an incident already reported
_BACK_REFERENCE = re.compile(r"\b(?:the|that|this|these|those)\s+$", re.I)
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|around|inside)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.I)
# "dozens had been killed in the province in August": a tally over time, not more of the incident just named.
_PERFECT = re.compile(r"\b(?:has|have|had) been\s+(?:\w+ly\s+)?$", re.I)
# Three words in a row: a sentence, not a bare date line.
_WORDS = re.compile(r"[a-z]+\s+[a-z]+\s+[a-z]+", re.I)
# Body paragraphs (the lead and the one after it) that make up a report's opening, whose date
# undated incidents there (and in the headline) share.
_STORY_PARAGRAPHS = 2
# A body sentence ends like one; a headline, byline ("By Staff | Friday 20 June") or dateline does not.
# "Thai forces claimed to have taken the hilltop": a side's claim about its own act, which stays a claim.
# So does "Pakistan said it repulsed an attack", "reported shooting down five aircraft".
_SELF_CLAIM = re.compile(r"\bclaim|\b(?:said|says|reported|announced)\s+(?:that\s+)?(?:it|its|\w+ing)\b", re.I)
# "Photo: Residents inspect a house damaged by shelling on Thursday."
_CAPTION = re.compile(r"(?:photo(?:graph)?\s+caption|caption|photo|pictured|image|picture)\s*:"
                      r"|(?:an?|this|the|file)\s+(?:photo(?:graph)?|picture|image)\s+(?:taken|shows|released|from)\b"
                      r"|in\s+this\s+(?:photo(?:graph)?|picture|image)\b", re.I)
# A photographer's credit, on the caption's own line or the next: "EFE-EPA/STR", "REUTERS/Jane Doe", "AFP/Getty Images"
_CREDIT = r"[A-Z][A-Za-z.]*(?:-[A-Z][A-Za-z.]*)*\s*/\s*[A-Z][\w. ]{0,40}"
_CREDIT_LINE = re.compile(_CREDIT)
_NEXT_LINE = re.compile(r"\s*([^\n]*?)[ \t]*(?:\n|$)")  # the next line that is not blank, as group 1
_ENDS_WITH_CREDIT = re.compile(rf"[.)]\s+{_CREDIT}$")
_PHOTO_CREDIT = re.compile(r"[/|(]\s*(?:photo(?:graph)?|image|picture)s?(?:\s+credit)?\s*:\s*[^\n]{1,80}$", re.I)
# "in response to the April 22 attack": a date that names an earlier incident, not the story's day.
_ATTRIBUTIVE_DATE = re.compile(r"\bthe\s+$", re.I)
_BODY_SENTENCE = re.compile(r"""[.!?]["'’”]?$""")
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


def extract_events(report: Report, classifier: EventClassifier | None = None) -> None:
    """Append one :class:`Event` per distinct incident the report describes; with a ``classifier``,
    its reading of each sentence types, drops and adds triggers (see :mod:`.reading`)."""
    log = IncidentLog()
    sentences = _sentences(report)
    readings = classifier.read_many([report.text[s:e] for s, e in sentences]) if classifier else None
    paragraph_of = _paragraphs(report.text, sentences)
    opening = _opening_paragraphs(report.text, sentences, paragraph_of)
    story = _story_date(report, sentences, paragraph_of, opening)
    claim = None
    previous: list[Event] = []
    recent: list[Event] = []  # the incidents last reported, for a claim in the next sentence or two
    for index in _reading_order(report.text, sentences, paragraph_of):
        sentence = sentences[index]
        if index == 0:  # the headline, read last: no sentence before it
            claim, previous, recent = None, [], []
        # a question asserts no incident ("Who is behind the drone strikes?"): it refers to those told elsewhere
        triggers = [] if _QUESTION.search(report.text, *sentence) else find_triggers(report.text, *sentence)
        if readings is not None:
            triggers = learned_triggers(report.text, sentence, triggers, readings[index],
                                        report.within(report.actors, *sentence))
        _attribute(report, sentence, recent, any(not _BACK_REFERENCE.search(report.text, max(0, t.start - 12), t.start)
                                                 for t in triggers))
        _locate_told(report, sentence, recent)
        if not triggers and not previous:
            recent = recent if index - 1 <= _last_index(recent, sentences) else []
            continue
        clauses = _clauses(report.text, sentence)
        groups = _groups(triggers, clauses)
        groups += _echo_groups(report.text, clauses, groups, previous)
        groups = _without_weak(groups)  # before the mentions are shared out: what a dropped group held is lost
        if not groups:
            previous = []
            continue
        claim = fields.claimant(report, sentence, claim)
        context = _context_date(report, sentences, paragraph_of, index)
        if context is None and paragraph_of[index] <= opening \
                and not elsewhere_in_time(report.text[sentence[0]:sentence[1]]):
            context = story
        here = site_mentions(report, sentence)
        assign_mentions(report.text, groups, event_dates(report, sentence), here)
        sites = [] if any(g.places for g in groups if g.strength == "strong") else _sole_site(report.text, here)
        sites = sites or _context_sites(report, sentences, paragraph_of, index, previous) or _same_place(
            report.text, sentence, recent)
        found = []
        for group in groups:
            incidents, soft_date = _incidents(report, group, sentence, (context, sites), claim)
            if group.strength == "weak" and not another_incident(report.text[sentence[0]:sentence[1]]):
                incidents = [e for e in incidents if not log.knows_place(e)]
            if log.events and _elaboration(group, incidents):
                continue
            found += [log.add(event, soft_date, incidents) for event in incidents]
        previous = found
        recent = found or recent
    events = log.finish(lambda event: any(m.place.precision != "country"
                                          for m in report.within(report.places, *event.span)))
    _tolls_told_after(report, sentences, paragraph_of, events)
    report.record.events.extend(events)


def _tolls_told_after(report: Report, sentences: list[tuple[int, int]], paragraph_of: list[int],
                      events: list[Event]) -> None:
    """A toll told in a sentence of its own, right after the one incident of the sentence before ("... clashed
    in X. Six militiamen were killed."), is that incident's, when its own sentence gave it none: the deaths
    the sentence's figures count."""
    starts = {event.span[0] for event in events}
    for index, (start, end) in enumerate(sentences):
        killed = [c.killed for c in report.record.casualties if start <= c.span[0] and c.span[1] <= end and c.killed]
        if not killed or index == 0 or paragraph_of[index - 1] != paragraph_of[index] or start in starts:
            continue
        before = sentences[index - 1]
        told = [event for event in events if before[0] <= event.span[0] < before[1]]
        if len(told) == 1 and told[0].fatalities is None:
            told[0].fatalities = sum(killed)


def _elaboration(group: _Group, incidents: list[Event]) -> bool:
    """Words of violence with no place, no date, no perpetrator and no toll of their own, once the report has
    told an incident, describe what it told rather than a new one ("Gunfire and screams woke the town", "the
    fighting has hindered aid deliveries")."""
    own_place = any(m.place.precision != "country" for m in group.places)  # a country alone situates nothing
    return not (own_place or group.dates) and not any(e.actor1 or e.fatalities for e in incidents)


def _reading_order(text: str, sentences: list[tuple[int, int]], paragraph_of: list[int]) -> list[int]:
    """Sentence indices in the order to read them: a headline comes last, so that the body's fuller
    account of an incident (its perpetrator, its date) is what the headline's mention folds into."""
    order = list(range(len(sentences)))
    headline = len(sentences) > 1 and paragraph_of[1] > 0 and not _BODY_SENTENCE.search(text, *sentences[0])
    return order[1:] + order[:1] if headline else order


def _attribute(report: Report, sentence: tuple[int, int], recent: list[Event], names_incident: bool) -> None:
    """A sentence that says who did the incidents just reported: "X claimed responsibility for the
    bombing", or, naming no incident itself, "the government blamed the RSF"."""
    if not recent:
        return
    text = report.text[sentence[0]:sentence[1]]
    if "responsib" in text:
        _credit(recent, fields.responsible_party(report, sentence))
    if not names_incident and _BLAME_WORD.search(text):
        _blame(recent, fields.blame(report, sentence))


def _locate_told(report: Report, sentence: tuple[int, int], recent: list[Event]) -> None:
    """"X blamed Y for the attack in the village of Z": where the one incident just reported, which its own
    sentence placed nowhere, happened."""
    if len(recent) != 1 or recent[0].location is not None:
        return
    told = _TOLD_AT.search(report.text, *sentence)
    sites = incident_places(report.text, [m for m in site_mentions(report, sentence) if told and m.start >= told.end()
                                          and m.start - told.end() <= _TOLD_AT_REACH])
    if sites:
        recent[0].location = sites[0]


def _last_index(incidents: list[Event], sentences: list[tuple[int, int]]) -> int:
    """The index of the sentence that holds the last of ``incidents`` (-9 when there are none)."""
    if not incidents:
        return -9
    start = incidents[-1].span[0]
    return max(i for i, s in enumerate(sentences) if s[0] <= start)


def _opening_paragraphs(text: str, sentences: list[tuple[int, int]], paragraph_of: list[int]) -> int:
    """The number of the last paragraph of the report's opening: the headline and whatever lines
    (byline, dateline) come before the first body sentence, and then ``_STORY_PARAGRAPHS`` paragraphs."""
    first_body = next((paragraph_of[i] for i, s in enumerate(sentences)
                       if i and _BODY_SENTENCE.search(text, *s) and _WORDS.search(text, *s)), 1)
    return first_body + _STORY_PARAGRAPHS - 1


def _story_date(report: Report, sentences: list[tuple[int, int]], paragraph_of: list[int],
                opening: int) -> str | None:
    """The day the report's lead says things happened ("... on Wednesday, officials said"): the first
    incident date of a day's precision in the opening's body sentences that name an incident (a
    byline dates the publication, not the incident)."""
    lead_seen = False
    for index, sentence in enumerate(sentences):
        if paragraph_of[index] > opening:
            break
        if not _WORDS.search(report.text, *sentence) or not _BODY_SENTENCE.search(report.text, *sentence):
            continue  # a bare date line ("date 2025-05-08", "7 May 2025") is when it was published
        if lead_seen and not find_triggers(report.text, *sentence):
            continue  # after the lead, "the first round, on May 16, produced a swap" dates no incident
        lead_seen = True
        days = [d for d in event_dates(report, sentence) if len(date_of(d)) == 10
                and not _ATTRIBUTIVE_DATE.search(report.text, max(0, d.start - 5), d.start)]
        if days:
            return date_of(days[0])
    return None


def _context_sites(report: Report, sentences: list[tuple[int, int]], paragraph_of: list[int], index: int,
                   previous: list[Event]) -> list:
    """The one site the sentence before names, when that sentence set the scene without reporting an
    incident ("Shots rang out at X, a village in Y. Officials said a villager was killed when ...")."""
    back = index - 1
    if back < 0 or previous or paragraph_of[back] != paragraph_of[index]:
        return []
    text = report.text
    if not lexicon().scene_words.search(text, *sentences[back]):  # "The delegation arrived in X." sets no scene
        return []
    scene = [m for m in site_mentions(report, sentences[back])
             if _LOCATIVE.search(text[max(0, m.start - 40):m.start])]  # "at X", not "fled to X"
    sites = incident_places(text, scene)
    if sites and all(places_compatible(sites[0], other) for other in sites[1:]):
        return sites[:1]  # "reached the house in X" (a village by Y): the one site, named finest first
    return []


def _same_place(text: str, sentence: tuple[int, int], recent: list[Event]) -> list:
    """"28 troops were killed in the same area" (or "there"): where the incident just reported happened."""
    if not _SAME_PLACE.search(text, *sentence):
        return []
    placed = [e.location for e in recent if e.location is not None]
    return placed[-1:]


def _sole_site(text: str, mentions: list) -> list:
    """The one site a sentence names, for an incident in another clause of it ("Calm in X as the truce
    holds after a week of clashes", "In X town (X district, Y state), troops attacked ..."): only when
    every other place it names is that site or holds it."""
    mentions = [m for m in mentions if modified_trigger(text, m.end) is None]  # "the Pahalgam attack"
    sites = incident_places(text, mentions)
    fine = [m for m in mentions if m.place.precision != "country"]
    return sites if len(sites) == 1 and all(places_compatible(sites[0], m.place) for m in fine) else []


def _credit(incidents: list[Event], group: str | None) -> None:
    """A claim of responsibility names the perpetrator of the incidents just reported."""
    for event in incidents:
        if group and event.actor1 is None:
            event.actor1 = group


def _blame(incidents: list[Event], blame: tuple[str | None, str] | None) -> None:
    """"The government blamed the RSF", right after an incident: who did it, as whom alleges it. After a clash
    between the two ("X accused Y of violating the ceasefire"), the accused is the one said to have done it."""
    if blame is None:
        return
    accuser, accused = blame
    for event in incidents:
        if accused == accuser:
            continue
        if event.actor1 is None:
            event.actor1 = accused
            event.alleged_by = accuser or event.alleged_by
        elif accuser and {event.actor1, event.actor2} == {accuser, accused}:
            event.actor1, event.actor2, event.alleged_by = accused, accuser, accuser
        elif accuser and event.actor1 == accused and event.alleged_by is None:
            event.alleged_by = accuser  # "Israel launched strikes ... Hamas accused Israel of ...": Hamas alleges


def _sentences(report: Report) -> list[tuple[int, int]]:
    """The report's lines (see ``Report.lines``) without photo captions, which show an incident the
    text reports, often dated to the photo's day: a line that opens with "Photo:" or "A picture taken on",
    or that ends with its credit ("... the Bohoma peninsula. / Photo: Reuters", "... 24 September 2023.
    EFE-EPA/STR") or is followed by a line that is one."""
    text = report.text
    captions: dict[int, bool] = {}  # by where the text's line begins: a line holds many sentences
    kept = []
    for start, end in report.lines:
        line_start = text.rfind("\n", 0, start) + 1
        if line_start not in captions:
            line_end = text.find("\n", start) % (len(text) + 1)  # the text's end when no line break follows
            next_line = _NEXT_LINE.match(text, line_end)
            credited = _ENDS_WITH_CREDIT.search(text, line_start, line_end) or _CREDIT_LINE.fullmatch(next_line[1])
            captions[line_start] = bool(_CAPTION.match(text, line_start)
                                        or _PHOTO_CREDIT.search(text, line_start, line_end) or credited)
        if not captions[line_start]:
            kept.append((start, end))
    return kept


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
    """Triggers of one type in one clause become one group: a clause rarely names two incidents of
    a kind ("attacked four locations in Spin Boldak, which were repulsed by Pakistani forces")."""
    groups: list[_Group] = []
    for trig in triggers:
        clause = _clause_of(clauses, trig.start)
        same = next((g for g in groups if _joins(g, trig, clause)), None)
        if same is None:
            groups.append(_Group(trig.start, trig.end, trig.event_type, trig.sub_event_type, trig.strength, clause))
            continue
        same.end = trig.end
        if trig.strength != "weak":
            if same.strength == "weak" or trig.sub_event_type:
                same.sub_event_type = trig.sub_event_type
            same.strength = "strong"
    return groups


def _joins(group: _Group, trig: Trigger, clause: tuple[int, int]) -> bool:
    """Whether a trigger names the group's incident: same clause and type, and no clash of sub-types
    ("the series of strikes ... firing an anti-tank missile" stays two)."""
    if group.clause != clause or group.event_type != trig.event_type:
        return False
    return "weak" in (group.strength, trig.strength) or None in (group.sub_event_type, trig.sub_event_type) \
        or group.sub_event_type == trig.sub_event_type


def _without_weak(groups: list[_Group]) -> list[_Group]:
    """Vague words ("attack") stand for an incident only where no clearer trigger shares their clause."""
    clear = {g.clause for g in groups if g.strength != "weak"}
    return [g for g in groups if g.strength != "weak" or g.clause not in clear]


def _echo_groups(text: str, clauses: list[tuple[int, int]], groups: list[_Group],
                 previous: list[Event]) -> list[_Group]:
    """Clauses without a trigger that report more of the incident just named ("were also hit")."""
    model = next((g for g in groups if g.strength != "weak"), None)
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
        elif previous and not groups and not _PERFECT.search(text[clause[0]:clause[0] + verb.start()]):
            last = previous[-1]
            echoes.append(_Group(clause[0] + verb.start(), clause[0] + verb.end(), last.event_type,
                                 last.sub_event_type, "echo", clause))
    return echoes


def _context_date(report: Report, sentences: list[tuple[int, int]], paragraph_of: list[int],
                  index: int) -> str | None:
    """The date of the latest dated sentence shortly before, in the same paragraph
    ("Fighting began in May ... Clashes then spread from Kurram to Paktia")."""
    for back in range(index - 1, max(-1, index - 1 - _CONTEXT_SENTENCES), -1):
        if paragraph_of[back] != paragraph_of[index]:
            break
        dates = event_dates(report, sentences[back])
        if dates:
            return date_of(dates[-1])
    return None


def _incidents(report: Report, group: _Group, sentence: tuple[int, int], context: tuple[str | None, list],
               claim: str | None) -> tuple[list[Event], bool]:
    """The events one group stands for: one per separate place it names (or one without a place),
    and whether their date was only borrowed from the sentences before. ``context`` is the date and
    the sites the sentences before give."""
    context_date, context_sites = context
    places = incident_places(report.text, group.places)
    if not places and group.strength == "strong":
        places = context_sites
    if group.strength == "echo" and not places:
        return [], False
    text = report.text
    clause_text = text[group.clause[0]:group.clause[1]]
    has_casualty = any(c.span[0] < group.clause[1] and group.clause[0] < c.span[1]
                       for c in report.record.casualties)
    if group.strength == "weak" and not (group.dates or places or has_casualty):
        return [], False
    event_type, sub = refine_type(group.event_type, group.sub_event_type, group.strength, clause_text,
                                  text[group.end:group.clause[1]])
    own_date = pick_date(text, group.dates, group.start, group.end)
    if own_date and report.published and own_date > report.published.isoformat()[:len(own_date)]:
        own_date = None  # "... said it would suspend talks until 2028": no incident comes after its report
    sides = fields.sides_between(report, group.end, group.clause)
    if group.clause != sentence:  # "X accused Y of ..., while Kabul said the attacks answered Pakistani strikes"
        claim = fields.claimant(report, group.clause, None) or claim
    actor1 = sides[0] if sides else fields.perpetrator(report, group.start, group.end, group.clause, claim)
    if (event_type, sub) == ("Battles", "Armed clash") and _TAKES_GROUND.search(text, group.start, group.end) \
            and fields.kind_of(report, actor1) == "armed_group":
        sub = "Non-state actor overtakes territory"  # "the RSF seized control of Bara"
    deaths = fields.fatalities(report, group.start, group.end, sentence)
    evidence = text[sentence[0]:sentence[1]]
    if claim is not None and claim == actor1 and not _SELF_CLAIM.search(evidence):
        claim = None  # "Israeli jets struck X, the Israeli military said": a report of its own act, not a claim
    events = []
    for place in places or [None]:
        country = place.country if place else None
        actor2 = sides[1] if sides else fields.target(report, group.end, group.clause, country, event_type)
        actor1 = actor1 or fields.state_forces(report, group.start, group.clause, country)
        if sub == "Excessive force against protesters":  # the police or army fired on the crowd
            actor2 = fields.crowd(event_type, country)
        elif event_type in ("Protests", "Riots"):
            actor1 = fields.crowd(event_type, country)
        elif event_type == "Battles" and actor2 in (None, actor1):
            actor2 = fields.other_side(report, group.clause, actor1)
        events.append(Event(event_type, sub, own_date or context_date, place, actor1,
                            actor2 if actor2 != actor1 else None, claim, deaths, evidence, sentence))
    return events, own_date is None and context_date is not None
