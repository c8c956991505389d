"""Quotes stage: every direct quotation and who said it.

Quotation marks are paired per paragraph (straight and curly double quotes; single quotes
only around three words or more, so scare quotes and apostrophes stay out). Sentences are
cut so that no quotation is split, and each quotation is attributed by a cascade:

1. a speech verb right after it: "“...,” said Anwar";
2. a speaker before the first speech verb after it: "“...,” Mujahid said", "“...,” he added"
   (not across a new clause: "“...”, while Peskov said");
3. a speaker before a speech verb in front of it: "Asif said: “...”", "X told Reuters that “...”"
   (the sentence's subject before ", saying"/", adding");
4. the subject of its sentence: "Israel condemned the strikes as an “act of war”";
5. any speaker later in the sentence;
6. the speaker of the quotation just before, for a quotation standing alone.

Speakers are actor mentions (named as the actors stage names them), pronouns (the person or
body last in subject position) and role nouns ("the spokesman", "the army", "the statement").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ceasefire.extraction.people import SPEECH
from ceasefire.extraction.report import ActorMention, Report
from ceasefire.records import Quote

_DATA = json.loads(SPEECH.read_text(encoding="utf-8"))
_VERB = re.compile(r"\b(?:" + "|".join(map(re.escape, _DATA["verbs"])) + r")\b", re.IGNORECASE)
_BODY_ROLE = {noun: kind for kind, nouns in _DATA["body_roles"].items() for noun in nouns}
_ROLE_NOUNS = sorted([*_DATA["person_roles"], *_BODY_ROLE], key=len, reverse=True)
_MODIFIER = r"(?:\w+(?:[’'-]\w+)*|(?:\w\.)+) +"  # a word, or initials like "U.N."
_ROLE = re.compile(r"\b([Tt]he|[Ii]ts|[Tt]heir|[Aa]n?|[Aa]nother|[Oo]ne) +((?:" + _MODIFIER + r"){0,3}?)((?i:"
                   + "|".join(map(re.escape, _ROLE_NOUNS)) + r"))\b(?![-’']\w)")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\b")
_RELAYED = frozenset({"statement", "communique", "communiqué", "post", "release", "letter"})
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "brig", "cpl", "adm",
                            "cmdr", "supt", "st", "no", "vs", "jr", "sr", "prof", "gov", "sen", "rep", "rev", "hon",
                            "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "etc"})
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
_SENTENCE_END = re.compile(r"[.!?…][”\"’')\]]*(\s+)(?=[“\"‘'(\[]?[A-Z0-9])")
_AFTER_VERB_WINDOW = 90
# A clause opened by one of these after a quotation has its own speaker: "“...”, while Peskov said".
_CONNECTIVE = re.compile(r"\b(?:while|whereas|but|although|though|when|as|after|before|because|since|and|or)\b",
                         re.IGNORECASE)


@dataclass
class _Quotation:
    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph end)
    inner: tuple[int, int]
    single: bool


@dataclass
class _Speaker:
    start: int
    end: int
    kind: str  # an ActorMention kind, "pronoun", "role" or "body"
    mention: ActorMention | None = None
    word: str = ""  # the pronoun or role noun
    hint: ActorMention | None = None  # the actor named inside a role: "the Ukrainian president"
    unnamed: str | None = None  # "a truck driver": a speaker the report does not name


def extract_quotes(report: Report) -> None:
    """Append a :class:`Quote` to the record for every attributed direct quotation in the text."""
    text = report.text
    quotations = [q for q in _quotations(text) if _is_speech(text, q)]
    if not quotations:
        return
    units = _units(text, quotations)
    speakers = _speakers(report, quotations)
    previous: tuple[int, str] | None = None  # (unit index, speaker) of the last quotation kept
    for quotation in quotations:
        index = next(i for i, (s, e) in enumerate(units) if s <= quotation.start < e)
        start, end = units[index]
        context = _Context(report, speakers, units, index, previous[1] if previous else None)
        speaker = _attribute(quotation, start, end, context)
        if speaker is None and previous and index - previous[0] <= 2 and not _names_anyone(speakers, start, end):
            speaker = previous[1]
        if speaker is None:
            continue
        previous = (index, speaker)
        evidence_start, evidence_end = _strip(text, start, end)
        report.record.quotes.append(Quote(speaker=speaker, text=text[quotation.inner[0]:quotation.inner[1]].strip(),
                                          evidence=text[evidence_start:evidence_end],
                                          span=(evidence_start, evidence_end)))


def _quotations(text: str) -> list[_Quotation]:
    """Paired quotation marks, paragraph by paragraph; an unclosed double quote runs to the paragraph end."""
    found = []
    offset = 0
    for paragraph in text.split("\n"):
        opened: tuple[int, str] | None = None
        for i, char in enumerate(paragraph):
            before = paragraph[i - 1] if i else " "
            after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
            if opened is None or (char == "“" and opened[1] != "‘"):
                if char in "“\"" or (char in "‘'" and not before.isalnum() and after.isalpha()):
                    opened = (i, char)
                elif char == "”" and not before.isalnum() and after.isalnum():  # ”...” used for both marks
                    opened = (i, "“")
            elif (opened[1] in "“\"" and char in "”\"") or (
                    opened[1] in "‘'" and char in "’'" and not after.isalnum() and not before.isspace()):
                start = offset + opened[0]
                found.append(_Quotation(start, offset + i + 1, (start + 1, offset + i), opened[1] in "‘'"))
                opened = None
        if opened is not None and opened[1] in "“\"":
            end = offset + len(paragraph.rstrip())
            found.append(_Quotation(offset + opened[0], end, (offset + opened[0] + 1, end), False))
        offset += len(paragraph) + 1
    return found


def _is_speech(text: str, quotation: _Quotation) -> bool:
    """Words someone said, not a name in quotes ("Operation Sindoor") or a scare-quoted label."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text[quotation.inner[0]:quotation.inner[1]])
    if not words or (quotation.single and len(words) < 3):
        return False
    if len(words) <= 2 and re.search(r"['’]s\s*$", text[max(0, quotation.start - 3):quotation.start]):
        return False  # a label the writer puts on someone's act: "the president’s “unilateral” truce"
    return not (len(words) <= 5 and all(w[0].isupper() for w in words))


def _units(text: str, quotations: list[_Quotation]) -> list[tuple[int, int]]:
    """Sentences, cut at sentence ends and line breaks but never inside a quotation nor after "said:"."""
    cuts = {m.start() for m in re.finditer(r"\n", text)
            if not text[max(0, m.start() - 8):m.start()].rstrip().endswith(":")}
    for match in _SENTENCE_END.finditer(text):
        word = re.search(r"([\w.]+)$", text[max(0, match.start() - 12):match.start()])
        if word and (word.group(1).lower() in _ABBREVIATIONS or _INITIALS.fullmatch(word.group(1))):
            continue
        if not any(q.start < match.start(1) < q.end for q in quotations):
            cuts.add(match.start(1))
    bounds = [0, *sorted(cuts), len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _speakers(report: Report, quotations: list[_Quotation]) -> list[_Speaker]:
    """Everything outside quotation marks that may name a speaker, in text order."""
    def outside(start: int, end: int) -> bool:
        return not any(q.start <= start and end <= q.end for q in quotations)

    speakers = [_Speaker(m.start, m.end, m.kind, mention=m) for m in report.actors
                if m.kind != "media" and outside(m.start, m.end)]
    people = [s for s in speakers if s.kind == "person"]
    for match in _ROLE.finditer(report.text):
        start, end = match.start(), match.end()
        if not outside(start, end) or any(p.start - end in (0, 1) for p in people):
            continue  # "the foreign minister Olivier Nduhungirehe": the title of a named person
        inner = [s for s in speakers if start <= s.start and s.end <= end and s.kind != "person"]
        speakers = [s for s in speakers if s not in inner]
        noun = match.group(3).lower()
        indefinite = match.group(1).lower() in ("a", "an", "another", "one")
        speakers.append(_Speaker(start, end, "body" if noun in _BODY_ROLE else "role", word=noun,
                                 hint=inner[0].mention if inner else None,
                                 unnamed=report.text[match.start(2):end] if indefinite else None))
    speakers += [_Speaker(m.start(), m.end(), "pronoun", word=m.group(0).lower())
                 for m in _PRONOUN.finditer(report.text) if outside(m.start(), m.end())]
    return sorted(speakers, key=lambda s: s.start)


class _Context:
    """What attribution needs to know about the report around one quotation."""

    def __init__(self, report: Report, speakers: list[_Speaker], units: list[tuple[int, int]], index: int,
                 previous: str | None) -> None:
        self.report, self.speakers, self.units, self.index, self.previous = report, speakers, units, index, previous

    def within(self, start: int, end: int) -> list[_Speaker]:
        return [s for s in self.speakers if start <= s.start and s.end <= end]


def _attribute(quotation: _Quotation, start: int, end: int, context: _Context) -> str | None:
    """The speaker of one quotation in the sentence ``[start, end)``, by the cascade in the module docstring."""
    text = context.report.text
    after = _masked(text, quotation.end, end)
    before = _masked(text, start, quotation.start)
    lead = re.match(r"[\s,—–-]*", after).end()
    verb = _VERB.match(after, lead)
    attempts = []
    if verb:  # 1. "“...,” said Anwar"
        attempts.append(context.within(quotation.end + verb.end(), end))
    first_verb = _VERB.search(after, 0, _AFTER_VERB_WINDOW)
    if first_verb:  # 2. "“...,” Mujahid said", but not "“...”, while Peskov said"
        speaker = _before_verb(context.within(quotation.end, quotation.end + first_verb.start()), text)
        clause = text[quotation.end:speaker[0].start].rsplit(",", 1)[-1] if speaker else ""
        if not _CONNECTIVE.search(clause):
            attempts.append(speaker)
    subject = _prefer_person(context.within(start, quotation.start), text)[:1]
    for verb in _VERB.finditer(before):  # 3. "Asif said: “...”"; "X denied it, saying “...”": the subject
        participle = verb.group(0).lower().endswith("ing") and before[:verb.start()].rstrip().endswith(",")
        attempts.append(subject if participle else _before_verb(context.within(start, start + verb.start()), text))
    attempts.append(subject)  # 4. the sentence's subject
    attempts.append(_prefer_person(context.within(quotation.end, end), text))  # 5. anyone later in the sentence
    for attempt in attempts:
        for speaker in attempt:
            name = _name(speaker, context)
            if name:
                return name
            break
    return None


def _masked(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with other quotations blanked out, so their words are not read as attribution."""
    piece = list(text[start:end])
    for match in re.finditer(r"[“\"][^“”\"\n]*[”\"]", text[start:end]):
        piece[match.start():match.end()] = " " * (match.end() - match.start())
    return "".join(piece)


def _before_verb(candidates: list[_Speaker], text: str) -> list[_Speaker]:
    """The speaker right before a speech verb; a person wins over the body named in their appositive."""
    if not candidates:
        return []
    last = candidates[-1]
    for candidate in candidates[:-1]:
        if candidate.kind == "person" and re.fullmatch(r"\s*,[^,]*", text[candidate.end:last.start]):
            return [candidate]
    return [last]


def _prefer_person(candidates: list[_Speaker], text: str) -> list[_Speaker]:
    """ "Israeli Prime Minister Benjamin Netanyahu": the person, not the state in their title."""
    if len(candidates) >= 2 and candidates[0].kind != "person" and candidates[1].kind == "person":
        gap = text[candidates[0].end:candidates[1].start]
        if len(gap.split()) <= 4 and not re.search(r"[,.;:]", gap) and not _VERB.search(gap):
            return candidates[1:]
    return candidates


def _name(speaker: _Speaker, context: _Context) -> str | None:
    if speaker.mention is not None:
        return speaker.mention.name
    if speaker.kind == "pronoun":
        return _pronoun(speaker, context)
    if speaker.kind == "role":
        return _person_role(speaker, context)
    return _body_role(speaker, context)


def _pronoun(speaker: _Speaker, context: _Context) -> str | None:
    """He/she: the first person named in the latest sentence naming one; they/it: the latest body in subject place."""
    personal = speaker.word in ("he", "she")
    for index in range(context.index, max(-1, context.index - 6), -1):
        start, end = context.units[index]
        for candidate in context.within(start, min(end, speaker.start)):
            if candidate.kind == "pronoun":
                continue
            if (candidate.kind in ("person", "role")) == personal:
                name = _name(candidate, context)
                if name:
                    return name
    return None


def _person_role(speaker: _Speaker, context: _Context) -> str | None:
    """ "the spokesman", "the Ukrainian president": the latest person with that affiliation or office.

    An unnamed speaker ("a truck driver") is named by the role itself, without the article.
    """
    people = [s.mention for s in context.speakers if s.kind == "person" and s.end <= speaker.start]
    if speaker.unnamed is not None:  # "a TTP source" speaks for the TTP; "a shopkeeper" for himself
        return speaker.hint.name if speaker.hint is not None else speaker.unnamed
    if speaker.hint is not None:
        same_side = [p for p in people if p.affiliation == speaker.hint.name]
        return same_side[-1].name if same_side else speaker.hint.name
    with_office = [p for p in people if p.office and speaker.word in p.office.lower()]
    return with_office[-1].name if with_office else None


def _body_role(speaker: _Speaker, context: _Context) -> str | None:
    """ "the army", "the ministry", "the group", "the statement": the body last named that fits."""
    if speaker.hint is not None:
        return speaker.hint.name
    kind = _BODY_ROLE[speaker.word]
    if kind == "document":  # "a statement from the army", else the statement just quoted
        source = re.match(r"\s+(?:issued\s+)?(?:from|by|of)\s+", context.report.text[speaker.end:speaker.end + 20])
        if source:
            issuer = [s for s in context.speakers if s.start == speaker.end + source.end()]
            if issuer and issuer[0] is not speaker:
                return _name(issuer[0], context)
        return context.previous if speaker.word in _RELAYED else None
    earlier = [s.mention for s in context.speakers if s.mention is not None and s.end <= speaker.start]
    if kind == "group":
        groups = [m for m in earlier if m.kind == "armed_group"]
        return groups[-1].name if groups else None
    states = [m for m in earlier if m.kind == "state"]
    if kind == "forces":
        forces = [m for m in states[-12:] if m.group == "security_forces"]
        if forces:
            return forces[-1].name
    return _latest_subject_state(speaker, context) or (states[-1].name if states else None)


def _latest_subject_state(speaker: _Speaker, context: _Context) -> str | None:
    for index in range(context.index, max(-1, context.index - 4), -1):
        start, end = context.units[index]
        states = [s for s in context.within(start, min(end, speaker.start)) if s.kind == "state"]
        if states:
            return states[0].mention.name
    return None


def _names_anyone(speakers: list[_Speaker], start: int, end: int) -> bool:
    return any(start <= s.start and s.end <= end and s.kind != "pronoun" for s in speakers)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
