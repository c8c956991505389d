"""Organisations for the actors stage that the actor table does not know.

Reports quote and cite bodies no fixed list can hold: a local relief network, a doctors'
committee, an emergency response room. Left out, their words go to the nearest known
party. A mention is a capitalised noun phrase whose head is an organisational noun ("the
Lakeside Relief Network", "Committee for the Protection of Journalists", "the Emergency
Lawyers group"), or a spaCy ORG entity of two words or more, or an acronym, that speaks ("Oxfam International
said", "DNO said"). The table wins wherever it names a group, body, outlet or person inside the phrase; a
state inside it only gives way to a body of its own ("the Sudan Doctors Network", not "the
Sudanese Foreign Ministry"). A phrase naming nothing but a generic office ("the Foreign
Ministry", "the National Security Council") is a state's organ, left to the stages that
resolve organs; news outlets never become organisations, nor do operations, agreements,
places or headline words in title case.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ceasefire.extraction import DATA
from ceasefire.extraction.actors.people import PeopleRules, after_office, in_headline
from ceasefire.extraction.report import ActorMention, Report

ORGANISATIONS_FILE = DATA / "organisations.json"

_WORD = r"(?:(?:[Aa]l|[Ee]l)-)?[A-Z](?:[\w’'-]|\.(?=\w))*"  # "Doctors'", "U.N", not a full stop
_GAP = r"[^\S\n]+"
# Capitalised words, joined by the small words a name may hold ("Committee for the Protection of Journalists").
# A lowercase "group" may end one: "the Emergency Lawyers group".
_CHUNK = re.compile(rf"(?<![\w’'-]){_WORD}(?:{_GAP}(?:(?:of|for|on|to|and|&|the){_GAP}){{0,2}}{_WORD})*"
                    rf"(?:{_GAP}group(?![\w’'-]))?")
# Capitalised at the start of a sentence, these open no name; nor does an adjective like "US-based", "Hamas-run".
_FUNCTION_WORDS = ("The|A|An|This|That|These|Those|Its|Their|Our|His|Her|In|On|At|By|For|From|With|As|After|Before|"
                   "When|While|But|And|Meanwhile|Also|Yesterday|Today|Earlier|Later|Separately|Both|Each|Every|Some")
_NAME_WORD = re.compile(rf"(?!(?:{_FUNCTION_WORDS})$)[A-Z](?!.*-[a-z]+$)")
_ENTITY_OPENER = re.compile(rf"(?:(?:{_FUNCTION_WORDS}|the|\S+-[a-z]+)\s+)+")
_TAIL_CONNECTORS = frozenset({"of", "for", "on", "to"})
_CONNECTORS = _TAIL_CONNECTORS | {"and", "&", "the"}
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_SPACE_AFTER = re.compile(r"\s*")
_ACRONYM = re.compile(r"[A-Z]{2,6}")


@dataclass(frozen=True)
class OrganisationWords:
    """The word lists of ``data/organisations.json``, lower case."""

    heads: frozenset[str]
    armed_heads: frozenset[str]
    state_organ_heads: frozenset[str]
    generic: frozenset[str]
    media: frozenset[str]
    not_organisation: frozenset[str]
    place_heads: frozenset[str]

    @classmethod
    def load(cls, path: Path = ORGANISATIONS_FILE) -> OrganisationWords:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(*(frozenset(data[key]) for key in ("heads", "armed_heads", "state_organ_heads", "generic_words",
                                                      "media_words", "not_organisation_words", "place_heads")))

    def head(self, word: str) -> str | None:
        """The organisational noun a word is ("Committees" -> "committee"), else None."""
        lower = _POSSESSIVE.sub("", word).lower()
        for form in (lower, lower[:-1] if lower.endswith("s") else None):
            if form and (form in self.heads or form in self.armed_heads):
                return form
        return None


@dataclass
class _Name:
    start: int
    end: int
    head: str | None  # the organisational noun heading the name, None for a bare spaCy ORG entity
    core_end: int | None = None  # where the name ends without its "of"/"for" tail, if it has one


def find_organisations(report: Report, words: OrganisationWords, known: list[ActorMention], surfaces: re.Pattern[str],
                       rules: PeopleRules) -> list[ActorMention]:
    """Organisation mentions the table's ``known`` mentions do not cover, named as the text writes them.

    ``surfaces`` finds the table's names anywhere (a capital inside "Tehran Police Command" is no actor there, but
    still makes the command a state's); ``rules`` give the offices and the verbs of reported speech.
    """
    names = _headed_names(report.text, words)
    entities = _entity_names(report, words, rules)
    names += [n for n in entities if not any(n.start < o.end and o.start < n.end for o in names)]
    found = []
    for name in sorted(names, key=lambda n: n.start):
        start = _after_possessive_owner(report, name, known)
        end = name.end if _tail_belongs(report, name, known) else name.core_end
        if end is None or not _acceptable(report, start, end, words, known, surfaces):
            continue
        kind = "armed_group" if name.head in words.armed_heads else "organisation"
        found.append(ActorMention(start=start, end=end, text=report.text[start:end], name=report.text[start:end],
                                  kind=kind))
    return found


def _tail_belongs(report: Report, name: _Name, known: list[ActorMention]) -> bool:
    """ "Committee to Protect Journalists" has a tail of its own; "the Network to Goma", "the Network on Monday"
    run on into a place, an actor or a date."""
    if name.core_end is None:
        return True
    tail = re.match(r"\s+\S+\s+(?:the\s+)?", report.text[name.core_end:name.end])
    after = name.core_end + tail.end() if tail else name.end
    return not any(m.start == after for m in [*known, *report.places, *report.dates])


def _headed_names(text: str, words: OrganisationWords) -> list[_Name]:
    """Within each run of capitalised words, the stretch from the first name word before a head noun to the
    last head, plus an "of"/"for" tail ("Ministry of Health"); "X and the Y Network" holds two names."""
    names = []
    for chunk in _CHUNK.finditer(text):
        tokens = list(re.finditer(r"\S+", chunk.group(0)))
        for segment in _segments(tokens, words):
            heads = [i for i, t in enumerate(segment) if (t.group(0)[:1].isupper() or t.group(0) == "group")
                     and words.head(t.group(0))]
            if not heads:
                continue
            first = heads[0]
            while first > 0 and _NAME_WORD.match(segment[first - 1].group(0)):
                first -= 1
            last = heads[-1]
            if segment[last].group(0) == "group" and last - first < 2:
                continue  # "the Baloch group" describes; "the Emergency Lawyers group" names
            if last + 1 < len(segment) and segment[last + 1].group(0) in _TAIL_CONNECTORS:
                last = max(i for i, t in enumerate(segment) if t.group(0)[:1].isupper())
            start, end = chunk.start() + segment[first].start(), chunk.start() + segment[last].end()
            end -= len(_POSSESSIVE.search(text[start:end]).group(0)) if _POSSESSIVE.search(text[start:end]) else 0
            core_end = chunk.start() + segment[heads[-1]].end() if last != heads[-1] else None
            names.append(_Name(start, end, words.head(segment[heads[-1]].group(0)), core_end))
    return names


def _segments(tokens: list[re.Match[str]], words: OrganisationWords) -> list[list[re.Match[str]]]:
    """Split a run of words where "and"/"&" starts a new name: before "the", or after a head noun."""
    segments, current = [], []
    for i, token in enumerate(tokens):
        joins = token.group(0) in ("and", "&") and i + 1 < len(tokens)
        if joins and (tokens[i + 1].group(0) == "the" or (current and words.head(current[-1].group(0)))):
            segments.append(current)
            current = []
            continue
        current.append(token)
    segments.append(current)
    return [[t for t in s if t.group(0) != "the"] if s and s[0].group(0) == "the" else s for s in segments if s]


def _entity_names(report: Report, words: OrganisationWords, rules: PeopleRules) -> list[_Name]:
    """spaCy's ORG entities of two capitalised words or more (or an acronym), without a leading "the", adjective or
    possessive; one without an organisational head only where it speaks ("Oxfam International said", "according
    to ..."), and not where it holds an office ("Foreign Minister Ishaq Dar") or spaCy calls it a person elsewhere
    in the text."""
    names = []
    surnames = {ent.text.split()[-1] for ent in report.doc.ents if ent.label_ == "PERSON"}
    for ent in report.doc.ents:
        if ent.label_ != "ORG" or "\n" in ent.text:
            continue
        start, end = ent.start_char, ent.end_char
        opener = _ENTITY_OPENER.match(ent.text)  # "the", "US-based"
        start += opener.end() if opener else 0
        possessive = _POSSESSIVE.search(report.text, start, end)
        end = possessive.start() if possessive and possessive.end() == end else end
        tokens = report.text[start:end].split()
        acronym = len(tokens) == 1 and _ACRONYM.fullmatch(tokens[0]) is not None  # "DNO said", "MSF said"
        if (len(tokens) < 2 and not acronym) or not all(t[:1].isupper() or t in _CONNECTORS for t in tokens):
            continue
        head = words.head(tokens[-1])
        person_like = tokens[-1] in surnames or any(t.lower().rstrip(".") in rules.office_heads for t in tokens) \
            or after_office(report.text, start, rules)
        if head is not None or (not person_like and _speaks(report.text, start, end, rules.speech)):
            names.append(_Name(start, end, head))
    return names


def _speaks(text: str, start: int, end: int, speech: frozenset[str]) -> bool:
    """A speech verb right after the name, or right before it ("said", "according to")."""
    after = re.match(r"[\s,]*(\w+)", text[end:end + 30])
    before = re.search(r"(\w+)(?:\s+to)?\s+(?:the\s+)?$", text[max(0, start - 30):start], re.IGNORECASE)
    return bool((after and after.group(1).lower() in speech) or (before and before.group(1).lower() in speech))


def _after_possessive_owner(report: Report, name: _Name, known: list[ActorMention]) -> int:
    """ "Israel's Lakeside Network": the name starts after an actor's or a place's possessive."""
    start = name.start
    for word in re.finditer(r"\S+?['’]s(?=\s)", report.text[name.start:name.end]):
        owner_end = name.start + word.end() - 2
        if any(m.start < owner_end <= m.end for m in [*known, *report.places]):
            start = _SPACE_AFTER.match(report.text, name.start + word.end()).end()
    return start


def _acceptable(report: Report, start: int, end: int, words: OrganisationWords, known: list[ActorMention],
                surfaces: re.Pattern[str]) -> bool:
    """A name that is an organisation of its own: not the table's, not a place, an outlet, an event or a headline."""
    text = report.text
    lowered = [_POSSESSIVE.sub("", t).lower().strip(".,") for t in text[start:end].split()]
    one_word = len([t for t in lowered if t not in _CONNECTORS]) < 2 and not _ACRONYM.fullmatch(text[start:end])
    if one_word or in_headline(text, start, end, around_only=True):
        return False
    if any(t in words.media or t in words.not_organisation for t in lowered) or lowered[-1] in words.place_heads:
        return False
    overlapping = [m for m in known if m.start < end and start < m.end]
    if re.search(r"\d", text[start:end]) or any(m.kind != "state" or m.start < start or m.end > end
                                                for m in overlapping):
        return False  # the table names it, or the phrase is part of a longer actor mention
    if any(p.start <= start and end <= p.end for p in report.places):
        return False
    return _names_a_body_of_its_own(report, start, end, words, overlapping, surfaces)


def _names_a_body_of_its_own(report: Report, start: int, end: int, words: OrganisationWords,
                             states: list[ActorMention], surfaces: re.Pattern[str]) -> bool:
    """Some word names this body, beyond a generic office or an organisational noun: "the Foreign Ministry",
    "the Central Committee" name none; "the Syrian Network for Human Rights" does. A state's organ ("Sudan's
    Sovereignty Council", "the Sudanese Sovereignty Council", "Tehran Police Command") stays the state's, and
    so does one that only a place (as the places stage or spaCy sees it) or its own remit tells apart."""
    text = report.text
    tokens = list(re.finditer(r"\S+", text[start:end]))
    head = next((words.head(t.group(0)) for t in reversed(tokens) if words.head(t.group(0))), None)
    owners = [(m.start, m.end) for m in states if "-" in text[m.start - 1:m.end + 1]]  # "Pakistan-Afghan Council"
    if head in words.state_organ_heads:
        if states or re.search(r"['’]s\s+$", text[max(0, start - 4):start]):
            return False
        owners += [(p.start, p.end) for p in report.places if start <= p.start and p.end <= end]
        owners += [(start + m.start(), start + m.end()) for m in surfaces.finditer(text[start:end])]
        owners += [(e.start_char, e.end_char) for e in report.doc.ents if e.label_ in ("GPE", "LOC", "NORP")]
        first_head = next(t for t in tokens if words.head(t.group(0)))
        owners.append((start + first_head.start(), end))  # "Ministry of Refugees": what it does, not whose it is
    lowered = [_POSSESSIVE.sub("", t.group(0)).lower().strip(".,") for t in tokens]
    return any(w not in words.generic and w not in _CONNECTORS and not words.head(w)
               and not any(s <= start + t.start() < e for s, e in owners) for t, w in zip(tokens, lowered, strict=True))
