"""Speakers for the quotes stage: everything outside quotation marks that may say who speaks.

Actor mentions name most speakers. The rest are pronouns and noun phrases. A role noun from
the closed lists of ``data/speech.json`` may point back to someone named before ("the
spokesman", "the ministry", "the statement") wherever it stands. Any other noun phrase speaks
when a speech verb anchors it, which keeps the pattern open without reading every noun as a
speaker: the phrase in subject position before the verb ("A retired colonel in the capital
said", "A ministry official, who asked not to be named, said", "officials in Islamabad
accused ..."), or after it in inverted order ("”, said a resident of the town") and after
"according to". An indefinite or bare phrase is a new speaker the report does not name; it is
named by its own words without the article and what follows the head ("retired colonel"), or
by the body it speaks for ("a TTP source", "a spokesman for the army", "officials in Kabul").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ceasefire.extraction.actors.people import SPEECH
from ceasefire.extraction.actors.stage import state_of_country
from ceasefire.extraction.report import ActorMention, Report

_DATA = json.loads(SPEECH.read_text(encoding="utf-8"))
VERB = re.compile(r"\b(?:" + "|".join(map(re.escape, _DATA["verbs"])) + r")\b", re.IGNORECASE)
_ANCHOR = re.compile(r"\b(?:" + "|".join(map(re.escape, _DATA["verbs"] + _DATA["framing_verbs"])) + r")\b",
                     re.IGNORECASE)
BODY_ROLE = {noun: kind for kind, nouns in _DATA["body_roles"].items() for noun in nouns}
ROLE_NOUNS = sorted([*_DATA["person_roles"], *BODY_ROLE], key=len, reverse=True)
_AFFILIATED = frozenset(_DATA["affiliated_roles"])
_PLURAL_OFFICIALS = frozenset(_DATA["plural_officials"])
_POSTMODIFIERS = frozenset(_DATA["postmodifiers"])
_MODIFIER = r"(?:\w+(?:[’'-]\w+)*|(?:\w\.)+) +"  # a word, or initials like "U.N."
_ROLE = re.compile(r"\b([Tt]he|[Ii]ts|[Tt]heir|[Aa]n?|[Aa]nother|[Oo]ne) +((?:" + _MODIFIER + r"){0,3}?)((?i:"
                   + "|".join(map(re.escape, ROLE_NOUNS)) + r"))\b(?![-’']\w)")
_POSSESSIVE_ROLE = re.compile(r"['’]s +((?:" + _MODIFIER + r"){0,3}?)((?i:" + "|".join(map(re.escape, ROLE_NOUNS))
                              + r"))\b(?![-’']\w)")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\b")
_DEFINITE = frozenset({"the", "its", "their"})
_VOICES = frozenset({"spokesman", "spokeswoman", "spokesperson", "office"})  # "his spokesman": the words are his
_INDEFINITE = frozenset({"a", "an", "another", "one", "two", "three", "several", "some", "many"})
_DETERMINERS = _DEFINITE | _INDEFINITE
# Words that open a clause or sit before the subject: "and a resident said", "Later, officials said".
_LEAD = frozenset({"and", "but", "while", "whereas", "then", "later", "also", "meanwhile", "yet", "so", "although",
                   "though", "because"})
# Auxiliaries and adverbs between a subject and its verb: "a resident later said", "officials have accused".
_BETWEEN = re.compile(r"(?:\s+(?:also|later|then|further|previously|earlier|again|separately|had|has|have|was|were|"
                      r"is|are|would|will|did|does|do|could|may|might|should|not|yet|never|already|still|"
                      r"publicly|repeatedly|angrily|bluntly|swiftly|quickly|flatly|strongly))*\s*$", re.IGNORECASE)
# Words that cannot head a speaker's noun phrase.
_NOT_HEADS = frozenset({"it", "this", "that", "these", "those", "he", "she", "they", "we", "i", "you", "which", "who",
                        "what", "there", "here", "one", "time", "day", "week", "month", "year", "way", "attack",
                        "attacks", "strike", "strikes", "move", "moves", "decision", "incident", "fighting",
                        "violence", "shelling", "talks", "ceasefire", "truce", "deal", "agreement", "operation",
                        "all", "both", "each", "others", "other", "some", "many", "most", "few", "not", "yet",
                        "also", "still", "never", "already", "has", "have", "had", "was", "were", "been", "did",
                        "does", "could", "would", "should", "may", "might", "will", "can", "must", "and", "but",
                        "banner", "banners", "sign", "placard", "placards", "slogan", "slogans", "poster",
                        "headline", "caption", "inscription", "graffiti", "chant", "chants"})
_ROLE_WORDS = frozenset(ROLE_NOUNS) | _AFFILIATED
# What may stand between a role and the name of the person holding it: "the minister Olivier N.",
# "a community leader, Matthew M.,".
_APPOSITION = re.compile(r",?\s?")
_WORD = re.compile(r"(?:\d+-)?[^\W\d_][\w’'.-]*")  # "spokesman", "U.N.", "12-year-old"
_STOP = re.compile(r"[.;:!?“”\"()\[\]—–\n]")
_PHRASE_END = re.compile(r"[,.;:!?“”\"()\n—–]")
_TO = re.compile(r"\s+to\s+")
_SPACE = re.compile(r"\s*")
_AFTER_QUOTE = re.compile(r"[”\"’'][,\s]*$")
# "a spokesman for the military government": a state's own body, with the state left unnamed.
_STATE_BODY = re.compile(r"(?:[a-z]+ ){0,2}(?:" + "|".join(
    map(re.escape, _DATA["body_roles"]["state"] + _DATA["body_roles"]["forces"])) + r")\b")
# A body no table lists, named by what it is: "the ombudsman's office", "the electoral commission".
_OFFICE = re.compile(r"(?:[\w’'-]+ ){0,3}(?:office|commission|agency|directorate|secretariat|council|committee)\b",
                     re.I)
# "a shopkeeper who asked to be identified only as Fadi", "a farmer who gave only his first name, Somchai".
_GIVEN_NAME = re.compile(r"\b(?:identified|known|named|called|gave|giving)\b"
                         r"(?:\s+(?:only|him|her|himself|herself|by|his|her|their|first|given|full|name|as))*"
                         r"[\s,:]+(?:as\s+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An)\b)"
                         r"([A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+)?)")
_CLAUSE_END = re.compile(r"[.;!?“”\"\n]")
_ADDRESSED = frozenset({"told", "tells", "telling"})  # "”, told reporters": who follows is spoken to


@dataclass
class Speaker:
    """One way the text may name a speaker, at ``[start, end)``."""

    start: int
    end: int
    kind: str  # an ActorMention kind, "pronoun", "role" or "body"
    mention: ActorMention | None = None
    word: str = ""  # the pronoun or the head noun ("spokesman", "ministry")
    hint: str | None = None  # the body a role speaks for: "a TTP source", "the Ukrainian president"
    unnamed: str | None = None  # "truck driver", "police": a speaker named by its own words if by no one else
    phrase: str = ""  # the words up to the head, without the article: "aid group", "district governor"
    possessive: bool = False  # "its spokesman", "their statement": the role of the body named last
    voice_of_person: bool = False  # "his spokesman said": the person named last speaks through them


def find_speakers(report: Report, quoted: list[tuple[int, int]]) -> list[Speaker]:
    """Every candidate speaker outside the ``quoted`` spans, in text order."""
    def outside(start: int, end: int) -> bool:
        return not any(q_start <= start and end <= q_end for q_start, q_end in quoted)

    speakers = [Speaker(m.start, m.end, m.kind, mention=m) for m in report.actors
                if outside(m.start, m.end)]
    people = [s for s in speakers if s.kind == "person"]
    phrases = [s for s in _anchored_phrases(report, quoted) if outside(s.start, s.end)]
    for match in _ROLE.finditer(report.text):
        start, end = match.start(), match.end()
        if not outside(start, end) or any(_APPOSITION.fullmatch(report.text, end, p.start) for p in people):
            continue  # "the foreign minister Olivier Mukeshimana": the title of a named person
        if any(p.start < end and start < p.end for p in phrases):
            continue  # the anchored phrase is the whole of it: "a commerce ministry official"
        phrase = _phrase_speaker(report, start, match.start(2), end, end, match.group(1).lower())
        if phrase is not None:
            phrases.append(phrase)
    phrases += _possessive_roles(report, speakers, phrases)
    # "Another protester, Luciano Michele, said": the person named in apposition speaks, not the role
    phrases = [p for p in phrases if not any(_APPOSITION.fullmatch(report.text, p.end, s.start) for s in people)]
    for phrase in phrases:
        speakers = [s for s in speakers if not (phrase.start <= s.start and s.end <= phrase.end and s.kind != "person")]
    speakers += phrases
    speakers += [Speaker(m.start(), m.end(), "pronoun", word=m.group(0).lower())
                 for m in _PRONOUN.finditer(report.text) if outside(m.start(), m.end())]
    return sorted(speakers, key=lambda s: s.start)


def _possessive_roles(report: Report, speakers: list[Speaker], phrases: list[Speaker]) -> list[Speaker]:
    """ "Qatar's foreign minister met ...": a role of the actor before it, for "the minister said" to refer to."""
    found = []
    people = [s for s in speakers if s.kind == "person"]
    for actor in speakers:
        if actor.kind == "person":
            continue
        match = _POSSESSIVE_ROLE.match(report.text, actor.end)
        if match is None or any(p.start - match.end() in (0, 1) for p in people):
            continue  # "Pakistan's defence minister Tariq Hameed": the person speaks
        if not any(p.start < match.end() and actor.start < p.end for p in phrases + found):
            found.append(Speaker(actor.start, match.end(), "role", word=match.group(2).lower(), hint=actor.mention.name,
                                 phrase=report.text[match.start(1):match.end()]))
    return [f for f in found if f.word not in BODY_ROLE]


def _anchored_phrases(report: Report, quoted: list[tuple[int, int]]) -> list[Speaker]:
    """Noun phrases a speech verb makes speakers: its subject, or what follows it in inverted order."""
    text = report.text
    found = []
    for verb in _ANCHOR.finditer(text):
        if any(q_start <= verb.start() < q_end for q_start, q_end in quoted):
            continue
        verb_word = verb.group(0).lower()
        if verb_word == "according":
            after = _TO.match(text, verb.end())
            phrase = _phrase_after(report, after.end()) if after else None
        elif _AFTER_QUOTE.search(text, max(0, verb.start() - 4), verb.start()) and verb_word not in _ADDRESSED:
            phrase = _phrase_after(report, _SPACE.match(text, verb.end()).end())  # "”, said a resident"
        else:
            phrase = _subject_before(report, verb.start())
        if phrase is not None:
            found.append(phrase)
    return found


def _subject_before(report: Report, verb_start: int) -> Speaker | None:
    """The noun phrase right before a verb, past a comma-bounded clause: "an official, who asked not to be named,"."""
    text = report.text
    end = verb_start - len(_BETWEEN.search(text[max(0, verb_start - 40):verb_start]).group(0))
    if text[:end].endswith(","):
        clause_start = text.rfind(",", max(0, end - 160), end - 1)
        if clause_start < 0 or _STOP.search(text, clause_start, end):
            return None
        if re.match(r",\s*an?\s", text[clause_start:end]):  # "One of the wounded, a 12-year-old boy, told"
            appositive = _noun_phrase(report, clause_start + 1, end - 1, leading=True)
            if appositive is not None:
                return appositive
        end = clause_start
    window = text[max(0, end - 120):end]
    cut = max((m.end() for m in re.finditer(r"[.;:!?“”\"()\[\]—–\n,]", window)), default=0)
    return _noun_phrase(report, end - len(window) + cut, end)


def _phrase_after(report: Report, start: int) -> Speaker | None:
    """The noun phrase that starts at ``start`` and runs to the next punctuation: "a resident of the town"."""
    stop = _PHRASE_END.search(report.text, start, start + 120)
    return _noun_phrase(report, start, stop.start() if stop else min(len(report.text), start + 120), leading=True)


def _noun_phrase(report: Report, start: int, end: int, leading: bool = False) -> Speaker | None:
    """A speaker for the phrase in ``[start, end)``: determiner, modifiers, head, then what follows the head.

    A ``leading`` phrase starts at ``start`` ("said a mother of four in the camp"); before a verb, the phrase
    starts after the last conjunction ("... and a spokesman"). A bare phrase has no determiner ("officials in
    Kabul", "Residents of the town"); else the first determiner within five words opens it ("Later a resident").
    """
    words = list(_WORD.finditer(report.text, start, end))
    joins = [i for i, w in enumerate(words) if w.group(0).lower() in _LEAD]
    if joins and not leading:
        words = words[joins[-1] + 1:]
    determiner = None
    if not words or (words[0].group(0).lower() not in _DETERMINERS and _head_index(words, bare=True) is not None):
        body = words
    else:
        first = next((i for i, w in enumerate(words[:5]) if w.group(0).lower() in _DETERMINERS), None)
        if first is None or (leading and first > 0):
            return None
        determiner, body = words[first], words[first + 1:]
    head = _head_index(body, bare=determiner is None)
    if head is None:
        return None
    article = determiner.group(0).lower() if determiner else ""
    return _phrase_speaker(report, (determiner or body[0]).start(), body[0].start(), body[head].end(),
                           body[-1].end(), article)


def _head_index(body: list[re.Match[str]], bare: bool = False) -> int | None:
    """The head is the last word before the part after it ("stranded near", "in", "who"); None if no noun fits."""
    if not body or len(body) > 14 or body[0].group(0).lower() in _POSTMODIFIERS | _DETERMINERS:
        return None
    head = len(body) - 1
    for i, word in enumerate(body[1:], start=1):
        lower = word.group(0).lower()
        if lower in _POSTMODIFIERS or (word.group(0).islower() and lower not in _ROLE_WORDS
                                       and re.search(r"\w{3}(?:ed|ing)$", lower)):
            head = i - 1
            break
    if head > 4:
        return None
    word = body[head].group(0)
    lower = word.lower()
    if lower in _NOT_HEADS or not word.replace("-", "").isalpha() or len(word) < 3:
        return None
    if any(w.group(0).lower() in _NOT_HEADS for w in body[:head]):
        return None  # "one blast was heard": a clause, not a noun phrase
    if word.islower() or (lower in BODY_ROLE and not bare):
        return head
    # A capitalised head is a name unless it opens a bare phrase and is a role: "Witnesses said", "Police said".
    known = lower in _ROLE_WORDS or lower[:-1] in _ROLE_WORDS or lower[:-2] in _ROLE_WORDS
    return head if bare and head == 0 and known else None


def _phrase_speaker(report: Report, start: int, core_start: int, core_end: int, end: int,
                    article: str) -> Speaker | None:
    """A role or body speaker for the phrase ``[start, end)`` whose words up to the head are ``[core_start, core_end)``.

    None where an actor mention ends the phrase's core ("the Israeli military"): the actor is the speaker.
    """
    text = report.text
    core = text[core_start:core_end]
    lower = core.lower()
    inner = [m for m in report.within(report.actors, core_start, end) if m.kind != "media"]
    if any(m.start < core_end <= m.end or (m.kind == "person" and 0 <= m.start - core_end <= 1)
           for m in report.actors):
        return None  # the actor or the person named right after the role speaks: "RSF commander Hamdan Dagalo"
    word = next((n for n in ROLE_NOUNS if lower == n or lower.endswith(" " + n)), lower.rsplit(" ", 1)[-1])
    kind = "body" if word in BODY_ROLE else "role"
    definite = article in _DEFINITE
    named = [m for m in inner if m.end <= core_end and m.kind != "person"]
    hint = named[0].name if named and (definite or kind == "body" or word in _AFFILIATED) else None
    if hint is None and word in _AFFILIATED:
        hint = _affiliation_after(report, core_end, end, lower)
    bare_body = not article and kind == "body" and BODY_ROLE[word] != "document"  # "police said"
    new_group = article in _INDEFINITE and kind == "body" and BODY_ROLE[word] == "group"  # "a coalition of charities"
    unnamed = core if (not definite and kind == "role") or bare_body or new_group else None
    return Speaker(start, end, kind, word=word, hint=hint, unnamed=unnamed, phrase=core,
                   possessive=article in ("its", "their"),
                   voice_of_person=lower.split()[0] in ("his", "her") and word in _VOICES)


def _affiliation_after(report: Report, core_end: int, end: int, core: str) -> str | None:
    """ "a spokesman for the army" speaks for the army; "officials in Islamabad" for the state holding the place."""
    text = report.text
    tail = re.match(r"\s+(for|with|of|from|at|close\s+to|in)\s+(?:the\s+)?", text[core_end:end])
    if tail is None:
        return None
    after = core_end + tail.end()
    if tail.group(1) != "in":
        actors = [m for m in report.within(report.actors, after, end) if m.kind not in ("person", "media")]
        if actors:
            return actors[0].name if actors[0].start == after else None
        if _STATE_BODY.match(text, after, end):
            return _state_named_before(report, core_end)
        office = _OFFICE.match(text, after, end)  # "a source from the ombudsman's office": the office speaks
        return " ".join(office.group().split()) if office else None
    if core not in _PLURAL_OFFICIALS:
        return None
    places = [p for p in report.places if p.start == after]
    return state_of_country(places[0].place.country) if places and places[0].place.country else None


def _state_named_before(report: Report, position: int) -> str | None:
    """The state named last before ``position``: the one whose unnamed government or army a role speaks for."""
    states = [m for m in report.actors if m.kind == "state" and m.end <= position]
    return states[-1].name if states else None


def given_name(report: Report, speaker: Speaker) -> str | None:
    """The name an unnamed speaker is given in its own clause: "a farmer who gave only his first name, Somchai"."""
    stop = _CLAUSE_END.search(report.text, speaker.end)
    named = _GIVEN_NAME.search(report.text, speaker.start, stop.start() if stop else len(report.text))
    if named is None or any(m.start < named.end(1) and named.start(1) < m.end and m.kind != "person"
                            for m in report.actors):
        return None  # "a man identified as a Hamas commander" names his side, not him
    return named.group(1)
