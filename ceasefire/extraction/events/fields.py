"""Who did it, who says so, and how many died: the actor and claim fields of an incident.

The events stage finds an incident's trigger and its clause; these functions read the actor
mentions and casualty figures that earlier stages left on the report around that clause.
"""

from __future__ import annotations

import re

from ceasefire.extraction.actors.stage import state_of_country
from ceasefire.extraction.events.triggers import lexicon, target_kind
from ceasefire.extraction.report import ActorMention, Report

# "Pakistani airstrikes", "the Pakistani shelling", "Afghan retaliatory fire": a modifier right before.
_ADJACENT_GAP = re.compile(r"^[\s'’s]*(?:[\w-]+\s+){0,2}$")
# "shelling by Pakistan", "strikes were carried out by Thai forces", "explosions ..., blamed on Pakistan"
_AGENT_AFTER = re.compile(r"^(?:\s+(?:were|was|had been|have been))?"
                          r"(?:\s+(?:carried out|conducted|launched|fired|mounted))?\s+by\s+(?:the\s+)?$"
                          r"|^[^.;]{0,60}?\bblamed on\s+(?:the\s+)?$"
                          r"|^[^.;]{0,100}?\b(?:was|were|had been|have been)\s+(?:\w+\s+)?(?:carried out|conducted|"
                          r"launched|fired|mounted|caused|staged|perpetrated|committed|claimed)\s+by\s+(?:the\s+)?$",
                          re.I)
# "Russia's defence ministry said its forces had captured ...": the speaker's own side acted.
_OWN_FORCES = re.compile(r"\b(?:its|their|our)\s+(?:own\s+)?(?:forces|troops|army|military|soldiers|fighters|"
                         r"jets|aircraft|drones|units)\b", re.I)
_BY = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
# "..., blaming Houthi forces", "accused Cambodian forces of laying mines": the party a claimant names.
_BLAMING = re.compile(r"\b(?:blam(?:ed|es|ing)(?:\s+on)?|accus(?:ed|es|ing))\s+(?:the\s+)?$", re.I)
# "Pakistan's military said it repulsed ...": the speaker acted.
_SAID_IT = re.compile(r"\b(?:said|says|claimed|claims|stated)\s+(?:that\s+)?(?:it|they|we)\s+(?:had\s+|has\s+|have\s+)?"
                      r"(?:\w+ly\s+)?$", re.I)
_CLAIMED_RESPONSIBILITY = re.compile(r"^\s+(?:\w+\s+)?(?:has\s+|have\s+)?(?:claimed|claims|claiming|accepted)\s+"
                                     r"responsibility", re.I)
# How far before the trigger the clause's subject may stand ("the army has launched air strikes").
_SUBJECT_REACH = 60
# What may stand between a subject and its verb: no comma, or a phrase set off by two ("Russian forces,
# supported by aircraft, attacked").
_SUBJECT_GAP = re.compile(r"[^,]*|[^,]*,[^,.;]+,[^,]*")
# A state's forces named by no demonym or name ("police officers", "government soldiers (SNA)"), as the subject
# right before the trigger; FORCES_SUBJECT finds the word after them, where the events stage anchors an incident
# the model reads in a sentence no trigger word names.
_FORCES = (r"\b(?:police(?:\s+(?:officers?|officials|personnel|forces|units?))?|policem[ae]n|soldiers?|troops"
           r"|(?:the|government|security|state)\s+(?:army|military|forces)|gendarmes?|gendarmerie)"
           r"\s+(?:\([^()]{1,20}\)\s+)?")
_BARE_FORCES = re.compile(_FORCES + r"(?:[\w-]+\s+){0,2}$", re.I)
FORCES_SUBJECT = re.compile(_FORCES + r"(\w[\w'’-]*)", re.I)
# A trigger that is a verb in the past ("attacked", "ambushed", "struck") takes the actor right after it as object.
_PAST_VERB = re.compile(r"(?:\w+ed|struck|hit|shot|fought|overran)$", re.I)
_OBJECT_GAP = re.compile(r"\s+(?:the\s+|an?\s+)?")
# A state's forces no word names, as what a trigger is aimed at: what comes between, then the forces.
_FORCES_AIMED_AT = re.compile(r"([^.;]{0,40}?)" + _FORCES, re.I)
_TARGET_AFTER = re.compile(r"^[^.;]{0,40}?\b(?:on|against|at|toward|towards|targeting|into)\s+(?:the\s+)?$", re.I)
# "clashed with the army", "exchanged fire with X", "rioters clashed with police": a battle's or a riot's other
# side (elsewhere "with" is often the means)
_TWO_SIDED = frozenset({"Battles", "Riots"})
_OPPONENT_AFTER = re.compile(r"^[^.;]{0,40}?\bwith\s+(?:the\s+)?$", re.I)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.I)
_ACCORDING_TO = re.compile(r"\b(?:according to|as claimed by|as per|per)\s+(?:the\s+)?(?:\w+\s+){0,3}$", re.I)
_BY_CLAIMANT = re.compile(r"\bblamed on [^,.;]{1,60}? by\s+(?:the\s+)?$", re.I)
_PRONOUN_SAID = re.compile(r"\b(?:it|he|she|they|the statement)\s+(?:said|says|added|claimed|alleged|stated)\b", re.I)
# "Kabul blames", "the army said", "Ali Haqmal, spokesman for the local department, said", "the Front (NLF) said"
_SPEECH_GAP = re.compile(r"^(?:['’]s)?(?:\s*\([^()]{1,40}\))?(?:,[^,.;]{1,90},)?\s+(?:[\w-]+\s+){0,2}$")
# "..., said the army": the speaker after the words; not "the ministry said Israeli strikes ..."
_INVERTED_SPEECH = re.compile(r"[,”\"’']\s*(?:said|says|told|claimed|added|stated)\s+(?:the\s+)?$", re.I)
_NOT_ACTORS = {"media"}
# "The aid forum condemned the shelling", "monitors observed shelling": whoever reacts to an incident, or watches
# it, is not who carried it out.
REACTION = re.compile(r"\b(?:condemn|denounc|deplor|criticis|criticiz|decr(?:y|ie)|mourn|lament|welcom|urg|"
                      r"called for|report(?!edly)|observ|recorded|documented|witnessed)\w*\b", re.I)  # not "reportedly"
# "according to state television": a news source reports, it does not allege.
_MEDIA_WORDS = re.compile(r"\b(?:media|news|outlet|agency|newspaper|broadcaster|television|TV|radio|daily|reports?)\b",
                          re.I)
# "a truce approved in Qatar": a name after a preposition is not the clause's subject.
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|at|from|to|near|of|with|for|on|over|across|into|toward|towards)\s+(?:the\s+)?$", re.I)


def canonical(mention: ActorMention) -> str | None:
    """The name an incident field uses for a mention: a person stands for whom they speak for."""
    if mention.kind in _NOT_ACTORS or mention.group == "civilians":
        return None
    if mention.kind == "person":
        return mention.affiliation
    return mention.name


def kind_of(report: Report, actor: str | None) -> str | None:
    """The kind (state, armed_group, ...) of the actor an incident field names, as the report's mentions of it
    give it."""
    return next((m.kind for m in report.actors if actor is not None and canonical(m) == actor), None)


def perpetrator(report: Report, start: int, end: int, clause: tuple[int, int], claim: str | None) -> str | None:
    """actor1, tried in order: a name the trigger is part of ("Thai fighter jets struck"); the
    agent after it ("shelling by Pakistan", "blamed on Pakistan"); a modifier right before it
    ("Pakistani airstrikes"); the clause's subject shortly before it (the first of "X and Y");
    the claimant, when it speaks of "its forces".
    """
    text = report.text
    if _OWN_FORCES.search(text[clause[0]:start]) or _SAID_IT.search(text[max(clause[0], start - 40):start]):
        return claim
    actors = [a for a in report.within(report.actors, clause[0], clause[1]) if canonical(a)]
    for actor in actors:
        if actor.start < start < actor.end or (actor.start >= end and _AGENT_AFTER.match(text[end:actor.start])):
            return canonical(actor)
        if start < actor.start < end and _BY.search(text[start:actor.start]):  # "blasts caused by Pakistani strikes"
            return canonical(actor)
    before = [a for a in actors if a.end <= start]
    gap = text[before[-1].end:start] if before else ""
    if (before and _ADJACENT_GAP.match(gap) and not lexicon().attribution_verbs.search(gap)
            and not REACTION.search(gap)):
        return canonical(_first_of_pair(text, before, before[-1]))
    blamed = _blamed_in(report, clause[0], clause[1])
    if blamed:
        return blamed
    subjects = [a for a in before if start - a.end <= _SUBJECT_REACH and _SUBJECT_GAP.fullmatch(text, a.end, start)
                and not _speaks(text, a) and text[a.start - 1:a.start] != "-"  # "Thai-Cambodian": a pair
                and not REACTION.search(text[a.end:start])
                and not _PREPOSITION_BEFORE.search(text[max(0, a.start - 20):a.start])]
    if not subjects:
        return None
    return canonical(_first_of_pair(text, before, subjects[-1]))


def state_forces(report: Report, start: int, clause: tuple[int, int], country: str | None) -> str | None:
    """actor1 when the clause's subject is a state's forces no word names ("police officers attacked", "troops
    shelled"): the state whose forces the report names (the nearest such mention), else the state of the
    country where it happened."""
    return _forces_of_state(report, start, country) if _BARE_FORCES.search(report.text, clause[0], start) else None


def _forces_of_state(report: Report, position: int, country: str | None) -> str | None:
    """The state whose forces the report names nearest ``position``, else the state of ``country``."""
    named = [a for a in report.actors if a.kind == "state" and a.group == "security_forces" and canonical(a)]
    if named:
        return canonical(min(named, key=lambda a: abs(a.start - position)))
    return state_of_country(country) if country else None


def _first_of_pair(text: str, before: list[ActorMention], last: ActorMention) -> ActorMention:
    """"Afghan and Pakistani forces fought": the first named of "X and Y" stands for the pair."""
    first = last
    for earlier in reversed(before):
        if earlier.end <= first.start and re.fullmatch(r"\s+and\s+", text[earlier.end:first.start]):
            first = earlier
    return first


def target(report: Report, end: int, clause: tuple[int, int], country: str | None, event_type: str) -> str | None:
    """actor2: the party the trigger is aimed at; else civilians, where the clause says they were hit (not in a
    battle or a protest) or where the event is violence against civilians by its type."""
    text = report.text
    actors = report.within(report.actors, end, clause[1])
    acted = _PAST_VERB.search(text, max(0, end - 12), end) is not None
    for actor in actors:
        gap = text[end:actor.start]
        aimed = _TARGET_AFTER.match(gap) or acted and _OBJECT_GAP.fullmatch(gap)  # "attacked the army"
        if (aimed or event_type in _TWO_SIDED and _OPPONENT_AFTER.match(gap)) and canonical(actor):
            return canonical(actor)
    forces = _FORCES_AIMED_AT.match(text, end, clause[1])
    if forces and (_TARGET_AFTER.match(forces.group(1)) or acted and _OBJECT_GAP.fullmatch(forces.group(1))
                   or event_type in _TWO_SIDED and _OPPONENT_AFTER.match(forces.group(1))):
        return _forces_of_state(report, end, country)  # "attacked the military", "ambushed a police patrol"
    words = text[clause[0]:clause[1]]
    if event_type == "Violence against civilians" or (event_type not in ("Battles", "Protests") and (
            target_kind(words) == "civilians"
            or lexicon().civilian_hit.search(words) and not lexicon().military_words.search(words))):
        state = state_of_country(country) if country else None
        return f"Civilians ({state})" if state else "Civilians"
    return None


def other_side(report: Report, clause: tuple[int, int], actor1: str | None) -> str | None:
    """A battle's other side where no word aims the trigger at it: the first armed group or state force the
    clause names besides actor1 ("forces attacked Al Shabaab and engaged them in an armed clash"); not a state
    named as such, which may only mediate or talk."""
    if actor1 is None:
        return None  # the first party named is then more likely the one that acted
    for mention in report.within(report.actors, *clause):
        name = canonical(mention)
        armed = mention.kind == "armed_group" or mention.kind == "state" and mention.group == "security_forces"
        if name and name != actor1 and armed:
            return name
    return None


def sides_between(report: Report, end: int, clause: tuple[int, int]) -> tuple[str, str] | None:
    """"clashes between Thailand and Cambodia": the two sides of a battle, in the order given."""
    actors = [a for a in report.within(report.actors, end, clause[1]) if canonical(a)]
    sides = [canonical(a) for i, a in enumerate(actors) if i == 0 or canonical(a) != canonical(actors[i - 1])]
    if len(sides) >= 2 and _BETWEEN.search(report.text[end:actors[0].start]):  # "X (ACR) and Y": X and Y
        return sides[0], sides[1]
    return None


def claimant(report: Report, sentence: tuple[int, int], previous: str | None) -> str | None:
    """alleged_by: the party the sentence names as the source of the claim, if any.

    Tried in order: "according to X" / "blamed on Y by X"; "X said|blames|accused ...";
    "..., said X"; "it said" (the previous sentence's claimant). None when stated as fact.
    """
    text = report.text
    actors = report.within(report.actors, sentence[0], sentence[1])
    for actor in actors:
        before = text[max(sentence[0], actor.start - 80):actor.start]
        source = _ACCORDING_TO.search(before) or _BY_CLAIMANT.search(before)
        if source:
            phrase = text[actor.start - len(before) + source.start():sentence[1]]
            phrase = phrase[:re.search(r"[,.;]|$", phrase).start()]
            media = _MEDIA_WORDS.search(phrase) or any(a.kind == "media" for a in actors if a.start > actor.start
                                                       and a.end <= actor.start + len(phrase))
            return None if media else _speaker(actor)
    for actor in actors:
        if _speaks(text, actor) or _INVERTED_SPEECH.search(text[max(sentence[0], actor.start - 20):actor.start]):
            return _speaker(actor)
    if _PRONOUN_SAID.search(text[sentence[0]:sentence[1]]):
        return previous
    return None


def _speaker(mention: ActorMention) -> str | None:
    """The party a source speaks for: a local spokesman without a stated side speaks for his country."""
    name = canonical(mention)
    if name is None and mention.kind == "person" and mention.country:
        name = state_of_country(mention.country)
    return name


def _speaks(text: str, actor: ActorMention) -> bool:
    """Whether an attribution verb follows the mention closely ("the army said", "Kabul blames")."""
    after = text[actor.end:actor.end + 130]
    verb = lexicon().attribution_verbs.search(after)
    return verb is not None and _SPEECH_GAP.match(after[:verb.start()]) is not None


def _blamed_in(report: Report, start: int, end: int) -> str | None:
    """The party that ``text[start:end]`` blames or accuses, if it names one."""
    for actor in report.within(report.actors, start, end):
        if _BLAMING.search(report.text[max(start, actor.start - 30):actor.start]) and canonical(actor):
            return canonical(actor)
    return None


def blame(report: Report, sentence: tuple[int, int]) -> tuple[str | None, str] | None:
    """"The government blamed the RSF": who blames (or None) and whom, for the incidents just reported."""
    blamed = _blamed_in(report, *sentence)
    if blamed is None:
        return None
    speakers = [a for a in report.within(report.actors, *sentence) if _speaks(report.text, a) and canonical(a)]
    return (canonical(speakers[0]) if speakers else None), blamed


def responsible_party(report: Report, sentence: tuple[int, int]) -> str | None:
    """The group a sentence says claimed an attack ("Al-Shabaab claimed responsibility for the attack")."""
    for actor in report.within(report.actors, *sentence):
        if _CLAIMED_RESPONSIBILITY.match(report.text[actor.end:actor.end + 60]) and canonical(actor):
            return canonical(actor)
    return None


def crowd(event_type: str, country: str | None) -> str:
    """The ACLED name of a demonstration's crowd: "Protesters (Pakistan)", "Rioters (Kenya)"."""
    crowd_name = "Rioters" if event_type == "Riots" else "Protesters"
    state = state_of_country(country) if country else None
    return f"{crowd_name} ({state})" if state else crowd_name


def fatalities(report: Report, start: int, end: int, sentence: tuple[int, int]) -> int | None:
    """Deaths the casualties stage found in the incident's sentence, the figure nearest the trigger."""
    figures = [c for c in report.record.casualties
               if c.span[0] >= sentence[0] and c.span[1] <= sentence[1] and c.killed]
    if not figures:
        return None
    nearest = min(figures, key=lambda c: min(abs(c.span[0] - end), abs(start - c.span[1])))
    return nearest.killed
