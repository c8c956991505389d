"""Quotes stage: every direct quotation and who said it.

Quotation marks are paired per paragraph (straight and curly double quotes; single quotes
only around three words or more, so scare quotes and apostrophes stay out). Sentences are
cut so that no quotation is split, and each quotation is attributed by a cascade:

1. a speech verb right after it: "“...,” said Anwar";
2. a speaker before the first speech verb after it: "“...,” Haidari said", "“...,” he added"
   (not across a new clause: "“...”, while Peskov said");
3. a speaker before a speech verb in front of it: "Hameed said: “...”", "X told Reuters that “...”"
   (the sentence's subject before ", saying"/", adding");
4. the subject of its sentence: "The ministry called the raid “a provocation”";
5. any speaker later in the sentence;
6. for a quotation whose sentence names nobody and has no speech verb: the speaker of the
   quotation just before, or the one who speaks in the sentence before ("Hameed said the talks
   had failed. “We gave them every chance.”").

Speakers (see :mod:`ceasefire.extraction.attribution.speakers`) are actor mentions, pronouns and noun
phrases. A pronoun is the person, or the body or group of people, last in subject position. A
role that points back ("the spokesman", "its spokesman", "the army", "the statement") is the
person or body it refers to: the latest person with that office, the latest unnamed speaker
with that role, the state or group last named ("the committee": the last committee named),
the issuer of a statement mentioned before. A new, unnamed speaker is named by the body it
speaks for ("a TTP source", "officials in Kabul", "a spokesman for the military government": the
state named before), by the name its clause gives it ("a farmer who gave only his first name, Somchai"),
or by its own words ("a retired colonel in the capital" -> "retired colonel"). "The group" is the group
that was the subject of a sentence before, not one it accused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ceasefire.extraction.actors.people import inside_phrase
from ceasefire.extraction.attribution.speakers import BODY_ROLE, ROLE_NOUNS, VERB, Speaker, find_speakers, given_name
from ceasefire.extraction.report import ActorMention, Report, trimmed
from ceasefire.records import Quote

_RANKS = frozenset({"senior", "top", "junior", "high-ranking", "second", "other", "another"})
_FIGHTERS = frozenset({"rebels", "militants", "militia", "insurgents"})
_ANY_GROUP = frozenset({"group", "organisation", "organization"})  # any group, not only one named "... Group"
_GROUP_NAMES = frozenset(noun for noun, kind in BODY_ROLE.items() if kind == "group") - {"council"}  # "the group"
_RELAYED = frozenset({"statement", "communique", "communiqué", "post", "release", "letter"})
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "brig", "cpl", "adm",
                            "cmdr", "supt", "st", "no", "vs", "jr", "sr", "prof", "gov", "sen", "rep", "rev", "hon",
                            "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "etc"})
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
_SENTENCE_END = re.compile(r"[.!?…][”\"’')\]]*(\s+)(?=[“\"‘'(\[]?[A-Z0-9])")
_AFTER_VERB_WINDOW = 90
_IN_A_DOCUMENT = re.compile(r"\bin\s+(?:(?:a|an|its|their|his|her|the)\s+(?:[\w-]+\s+)?)?$", re.IGNORECASE)
_AND_BEFORE = re.compile(r"\band\s+(?:also\s+|later\s+)?$", re.IGNORECASE)
# "Vucic said", "The ministry said", "Said the minister": after a quotation, its attribution
_ATTRIBUTION = re.compile(r"(?:[\w’'.-]+\s+){0,4}?(?:" + VERB.pattern + ")", re.IGNORECASE)
# "said Somchai, 54, a rice farmer": a name spaCy missed, known by the age or role after it.
_UNTAGGED_NAME = re.compile(r"\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
                            r"March|April|May|June|July|August|September|October|November|December|Today|Yesterday)"
                            r"\b)([A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,3}),\s*(?:\d{1,3}\b|an? |the )")
# A clause opened by one of these after a quotation has its own speaker: "“...”, while Peskov said".
_CONNECTIVE = re.compile(r"\b(?:while|whereas|but|although|though|when|as|after|before|because|since|and|or)\b",
                         re.IGNORECASE)


@dataclass
class _Quotation:
    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph end)
    inner: tuple[int, int]
    single: bool


def extract_quotes(report: Report) -> None:
    """Append a :class:`Quote` to the record for every attributed direct quotation in the text."""
    text = report.text
    quotations = [q for q in _quotations(text) if _is_speech(text, q)]
    if not quotations:
        return
    units = _units(text, quotations)
    speakers = find_speakers(report, [(q.start, q.end) for q in quotations])
    previous: tuple[int, str] | None = None  # (unit index, speaker) of the last quotation kept
    last: _Quotation | None = None  # and that quotation
    for quotation in quotations:
        index = next(i for i, (s, e) in enumerate(units) if s <= quotation.start < e)
        start, end = units[index]
        context = _Context(report, speakers, units, index, previous[1] if previous else None)
        speaker = _attribute(quotation, start, end, context)
        if speaker is None and not _names_anyone(speakers, start, end):
            speaker = _carried_over(context, quotation, previous) or _continued(text, quotation, last, previous)
        if speaker is None:
            continue
        previous, last = (index, speaker), quotation
        evidence_start, evidence_end = trimmed(text, start, end)
        report.record.quotes.append(Quote(speaker=speaker, text=text[quotation.inner[0]:quotation.inner[1]].strip(),
                                          evidence=text[evidence_start:evidence_end],
                                          span=(evidence_start, evidence_end)))


# Two single marks standing for a double one ("‘’We announce ...’’", "''ready''"), as some sites write them: read
# as one double mark and a filler, so that offsets stay the text's.
# Not a typo in a word ("Cameroon’’s").
_DOUBLED_MARKS = re.compile(r"(?<!\w)(?P<opens>‘’|''|``)(?=\w)|(?<=\S)(?P<closes>’’|'')(?!\w)")
_FILLER = "\x00"


def _as_double_mark(match: re.Match) -> str:
    return "“" + _FILLER if match["opens"] else _FILLER + "”"


def _quotations(text: str) -> list[_Quotation]:
    """Paired quotation marks, paragraph by paragraph; an unclosed double quote runs to the paragraph end."""
    found = []
    offset = 0
    for paragraph in text.split("\n"):
        paragraph = _DOUBLED_MARKS.sub(_as_double_mark, paragraph)  # same length: offsets stay the text's
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
                inner = (start + 1 + paragraph.startswith(_FILLER, opened[0] + 1), offset + i - (before == _FILLER))
                found.append(_Quotation(start, offset + i + 1, inner, opened[1] in "‘'"))
                opened = None
        if opened is not None and opened[1] in "“\"":
            end = offset + len(paragraph.rstrip())
            found.append(_Quotation(offset + opened[0], end, (offset + opened[0] + 1, end), False))
        offset += len(paragraph) + 1
    return found


_SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.IGNORECASE)


def _is_speech(text: str, quotation: _Quotation) -> bool:
    """Words someone said, not a name in quotes ("Operation Sindoor") or a scare-quoted label."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text[quotation.inner[0]:quotation.inner[1]])
    if not words or (quotation.single and len(words) < 3):
        return False
    if len(words) <= 2 and re.search(r"['’]s\s*$", text[max(0, quotation.start - 3):quotation.start]):
        return False  # a label the writer puts on someone's act: "the president’s “unilateral” truce"
    if _SO_CALLED.search(text, max(0, quotation.start - 12), quotation.start):
        return False  # "the so-called “three borders” area": the writer's name for it
    return not (len(words) <= 5 and all(w[0].isupper() for w in words))


def _units(text: str, quotations: list[_Quotation]) -> list[tuple[int, int]]:
    """Sentences, cut at sentence ends and line breaks but never inside a quotation nor after "said:"."""
    cuts = {m.start() for m in re.finditer(r"\n", text)
            if not text[max(0, m.start() - 8):m.start()].rstrip().endswith(":")}
    for match in _SENTENCE_END.finditer(text):
        word = re.search(r"([\w.]+)$", text[max(0, match.start() - 12):match.start()])
        if word and (word.group(1).lower() in _ABBREVIATIONS or _INITIALS.fullmatch(word.group(1))):
            continue
        if any(q.start < match.start(1) < q.end for q in quotations):
            continue
        if match.group(0)[0] in "?!" and any(q.end == match.start(1) for q in quotations) \
                and _ATTRIBUTION.match(text, match.end()):
            continue  # "“... inside?” Vucic said.": the same sentence goes on after a question or an exclamation
        cuts.add(match.start(1))
    bounds = [0, *sorted(cuts), len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


class _Context:
    """What attribution needs to know about the report around one quotation."""

    def __init__(self, report: Report, speakers: list[Speaker], units: list[tuple[int, int]], index: int,
                 previous: str | None) -> None:
        self.report, self.speakers, self.units, self.index, self.previous = report, speakers, units, index, previous

    def within(self, start: int, end: int) -> list[Speaker]:
        return [s for s in self.speakers if start <= s.start and s.end <= end]


def _attribute(quotation: _Quotation, start: int, end: int, context: _Context) -> str | None:
    """The speaker of one quotation in the sentence ``[start, end)``, by the cascade in the module docstring."""
    text = context.report.text
    after = _masked(text, quotation.end, end)
    before = _masked(text, start, quotation.start)
    lead = re.match(r"[\s,—–-]*", after).end()
    verb = VERB.match(after, lead)
    if verb and verb.group(0).lower().endswith("ing"):
        verb = None  # "“...,” adding that the army ...": what follows is not who spoke
    attempts = []
    if verb:  # 1. "“...,” said Anwar"
        named = _UNTAGGED_NAME.match(after, verb.end())
        if named and not context.within(quotation.end + named.start(1), quotation.end + named.end(1) + 1):
            return named.group(1)
        attempts.append(_prefer_person(context.within(quotation.end + verb.end(), end), text))
    first_verb = VERB.search(after, 0, _AFTER_VERB_WINDOW)
    # "tried to “test” the new government, adding that": a participle after a comma has the sentence's subject
    participle = first_verb is not None and first_verb.group(0).lower().endswith("ing") \
        and after[:first_verb.start()].rstrip().endswith(",")
    if first_verb and not participle:  # 2. "“...,” Haidari said", but not "“...”, while Peskov said"
        speaker = _before_verb(context.within(quotation.end, quotation.end + first_verb.start()), text)
        clause = text[quotation.end:speaker[0].start].rsplit(",", 1)[-1] if speaker else ""
        if not _CONNECTIVE.search(clause):
            attempts.append(speaker)
    subject = _prefer_person(context.within(start, quotation.start), text)[:1]
    for verb in VERB.finditer(before):  # 3. "Hameed said: “...”"; "X denied it, saying “...”": the subject
        participle = verb.group(0).lower().endswith("ing") and before[:verb.start()].rstrip().endswith(",")
        coordinated = _AND_BEFORE.search(before, 0, verb.start()) is not None  # "X denied the claim and said"
        attempts.append(subject if participle or coordinated
                        else _before_verb(context.within(start, start + verb.start()), text))
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


def _before_verb(candidates: list[Speaker], text: str) -> list[Speaker]:
    """The speaker right before a speech verb; a person wins over the body named in their appositive, a named
    body over the description in its own ("The Lakeside Network, a coalition of charities, said")."""
    if not candidates:
        return []
    last = candidates[-1]
    if last.kind == "body" and BODY_ROLE.get(last.word) == "document" \
            and _IN_A_DOCUMENT.search(text, max(0, last.start - 30), last.start):
        # "The Interior Ministry, in a statement, said"; "In a statement posted online, X said": not the subject
        return _before_verb(candidates[:-1], text)
    holder = next((c for c in candidates[:-1] if c.kind == "role" and c.start <= last.start <= last.end <= c.end),
                  None)
    if holder is not None and inside_phrase(text, last.start):
        return [holder]  # "a merchant in the centre of Macomia told": a name the role's own words hold
    if len(candidates) > 1 and last.kind == "role" and re.match(r"\s*,", text[last.end:]):
        head = candidates[-2]  # "a resident of Kobadie, a town in Kebbi state, said": the appositive describes
        if head.kind != "pronoun" and re.fullmatch(r"[^,;.]*,\s*", text[head.end:last.start]) \
                and not VERB.search(text, head.end, last.start):
            return [head]
    for candidate in candidates[:-1]:
        if not re.fullmatch(r"\s*,[^,]*", text[candidate.end:last.start]):
            continue
        if (candidate.kind == "person" and not (last.kind == "person" and inside_phrase(text, candidate.start))) or (
                candidate.mention is not None and last.kind == "body" and re.match(r"\s*,", text[last.end:])):
            return [candidate]  # not "a former chairman of the Board, Daniel Ternenge, said": the name last
    return [last]


def _prefer_person(candidates: list[Speaker], text: str) -> list[Speaker]:
    """ "Israeli Defence Minister Avi Ronen": the person, not the state in their title; "Amnesty International’s
    regional director for East Africa, Tigere Chagutah,": the person the title is given in apposition to."""
    if len(candidates) >= 2 and candidates[0].kind != "person":
        for index, candidate in enumerate(candidates[1:4], start=1):
            if candidate.kind != "person":
                continue
            gap = text[candidates[0].end:candidate.start]
            close = len(gap.split()) <= 4 and not re.search(r"[,.;:]", gap)
            apposed = len(gap.split()) <= 9 and re.fullmatch(r"[^,.;:]*,\s*", gap) is not None
            if (close or apposed) and not VERB.search(gap):
                return candidates[index:]
            break
    return candidates


def _name(speaker: Speaker, context: _Context) -> str | None:
    """The name a speaker goes by in the record, resolving pronouns and roles; None if it points to no one."""
    if speaker.mention is not None:
        return speaker.mention.name
    if speaker.kind == "pronoun":
        return _pronoun(speaker, context)
    name = _person_role(speaker, context) if speaker.kind == "role" else _body_role(speaker, context)
    return name or speaker.unnamed or _own_words(speaker)


def _own_words(speaker: Speaker) -> str | None:
    """A role that points back to no one is named by its own words where they say more than the role noun:
    "the aid group", "the district governor"; not "the group", nor "the statement"."""
    if speaker.word not in BODY_ROLE and speaker.word not in ROLE_NOUNS:
        return None
    if BODY_ROLE.get(speaker.word) == "document" or len(speaker.phrase.split()) < 2:
        return None
    return speaker.phrase


def _pronoun(speaker: Speaker, context: _Context) -> str | None:
    """He/she: the first person named in the latest sentence naming one; they/it: the first body or group of people
    ("officials") in the latest sentence naming one."""
    personal = speaker.word in ("he", "she")
    for index in range(context.index, max(-1, context.index - 6), -1):
        start, end = context.units[index]
        for candidate in context.within(start, min(end, speaker.start)):
            if candidate.kind == "pronoun":
                continue
            plural = candidate.kind == "role" and candidate.word.endswith("s")  # "officials in Kabul ... they"
            if (candidate.kind in ("person", "role") and not plural) == personal:
                named = _named_after(candidate, context.within(candidate.end, min(end, speaker.start)),
                                     context.report.text) if candidate.kind == "role" else None
                name = _name(named or candidate, context)
                if name:
                    return name
    return None


# between a role and the name given to it further on in its sentence: "A community leader in X and former chairman
# of Y, Mr. Z,"
_TO_THE_NAME = re.compile(r"[^.;:!?“”\"\n]*,\s*(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?")


def _named_after(role: Speaker, later: list[Speaker], text: str) -> Speaker | None:
    """The person a role is given to by a name after it in its sentence, where no speech verb comes between."""
    person = next((s for s in later if s.kind == "person"), None)
    if person is None or not _TO_THE_NAME.fullmatch(text, role.end, person.start) \
            or VERB.search(text, role.end, person.start):
        return None
    return person


def _person_role(speaker: Speaker, context: _Context) -> str | None:
    """ "the spokesman", "the Ukrainian president": the latest person or unnamed speaker with that role or side.

    An unnamed speaker ("a truck driver") is named by the role itself, without the article, or by the body it
    speaks for ("a TTP source").
    """
    if speaker.voice_of_person:  # "the envoy condemned the raid, her spokesman said": the envoy's words
        return _pronoun(replace(speaker, word="he"), context) or speaker.unnamed
    if speaker.unnamed is not None:
        return given_name(context.report, speaker) or speaker.hint or _one_of(speaker, context) or speaker.unnamed
    people = [s.mention for s in context.speakers if s.kind == "person" and s.end <= speaker.start]
    if speaker.possessive and speaker.hint is None:
        return _latest_subject(speaker, context, ("state", "armed_group", "organisation"))
    if speaker.hint is not None:
        same_side = [p for p in people if p.affiliation == speaker.hint]
        return same_side[-1].name if same_side else speaker.hint
    antecedents = [s for s in context.speakers if s.end <= speaker.start and (
        (s.kind == "person" and s.mention.office and speaker.word in s.mention.office.lower())
        or (s.kind == "role" and (s.unnamed or s.hint) is not None and s.word == speaker.word))]
    return _name(antecedents[-1], context) if antecedents else None


def _one_of(speaker: Speaker, context: _Context) -> str | None:
    """ "Israeli officials said ... one official said": an unnamed member of a group named just before, where
    nothing but rank sets the speaker apart from it ("a senior official", not "a European diplomat")."""
    if not set(speaker.phrase.lower().split()[:-1]) <= _RANKS:
        return None
    first_unit = context.units[max(0, context.index - 2)][0]
    plural = speaker.word + "s"
    groups = [s for s in context.speakers if first_unit <= s.start and s.end <= speaker.start and (
        (s.mention is not None and s.mention.text.lower().endswith(plural)) or (s.kind == "role" and s.word == plural))]
    return _name(groups[-1], context) if groups else None


def _body_role(speaker: Speaker, context: _Context) -> str | None:
    """ "the army", "the ministry", "the group", "the statement": the body last named that fits."""
    if speaker.hint is not None:
        return speaker.hint
    kind = BODY_ROLE[speaker.word]
    if kind == "document":
        return _document_issuer(speaker, context)
    earlier = [s.mention for s in context.speakers if s.mention is not None and s.end <= speaker.start]
    if kind == "group":  # "a coalition of charities" is a new one, "rebels" the armed group named before
        if speaker.unnamed is not None and speaker.word not in _FIGHTERS:
            return None
        if speaker.word in _ANY_GROUP:  # "the group": the group that was the subject, not the one it accused
            subject = _latest_subject(speaker, context, ("armed_group", "organisation"))
            if subject and subject in _groups_named_before(speaker.word, earlier):
                return subject
        groups = _groups_named_before(speaker.word, earlier)
        return groups[-1] if groups else None
    states = [m for m in earlier if m.kind == "state"]
    if kind == "forces":
        forces = [m for m in states[-12:] if m.group == "security_forces"]
        if forces:
            return forces[-1].name
    # "the health ministry" after "Lebanon's health ministry": that state's, whichever state was named since
    owned = [m for m in states if m.text.lower().endswith((speaker.phrase or speaker.word).lower())]
    if owned:
        return owned[-1].name
    return _latest_subject(speaker, context) or (states[-1].name if states else None)


def _groups_named_before(word: str, earlier: list[ActorMention]) -> list[str]:
    """What a group noun may refer to, oldest first. "the committee": the groups or organisations named with that
    noun ("the Doctors' Committee"); "the group" (and a noun no name before ends in): armed groups and organisations
    whose name ends in a group noun ("the Lakeside Relief Network", not "the United Nations"); "the rebels": armed
    groups."""
    bodies = [(m.name, m.kind, m.name.lower().rsplit(" ", 1)[-1]) for m in earlier if m.kind != "state"]
    same_noun = [name for name, kind, last in bodies if last in (word, word + "s") and kind != "person"]
    if same_noun and word not in _ANY_GROUP:
        return same_noun
    return [name for name, kind, last in bodies if kind == "armed_group"
            or (kind == "organisation" and last in _GROUP_NAMES and word not in _FIGHTERS)]


def _document_issuer(speaker: Speaker, context: _Context) -> str | None:
    """Who issued a statement: "a statement from the army"; for "the statement", the one a recent sentence
    attributed ("X said in a statement", "according to a statement by X"), else the speaker just quoted."""
    own = _issuer_of(speaker, context)
    if own or speaker.word not in _RELAYED:
        return own
    first_unit = context.units[max(0, context.index - 3)][0]
    earlier = [s for s in context.speakers if first_unit <= s.start and s.end <= speaker.start
               and s.kind == "body" and BODY_ROLE[s.word] == "document"]
    for document in reversed(earlier):
        issuer = document.hint or _issuer_of(document, context) or _subject_before_document(document, context)
        if issuer:
            return issuer
    return context.previous


def _issuer_of(document: Speaker, context: _Context) -> str | None:
    """ "a statement from the office of the UN envoy": the first actor after "from"/"by"/"of"."""
    text = context.report.text
    source = re.compile(rf"{re.escape(document.word)}\s+(?:(?:issued|released|posted|published)\s+)?(?:from|by|of)\s+",
                        re.IGNORECASE).search(text, document.start, document.end + 40)
    if source is None:
        return None
    stop = re.compile(r"[,.;:!?“”\"()\n]").search(text, source.end())
    end = stop.start() if stop else len(text)
    actors = [m for m in context.report.within(context.report.actors, source.end(), end) if m.kind != "media"]
    if actors:
        return actors[0].name
    issuer = [s for s in context.speakers if s.start == source.end() and s is not document]
    return _name(issuer[0], context) if issuer else None


def _subject_before_document(document: Speaker, context: _Context) -> str | None:
    """ "The army said in a statement": the speaker before the statement in its own sentence."""
    unit_start = next(start for start, end in context.units if start <= document.start < end)
    candidates = [s for s in context.within(unit_start, document.start) if s.kind != "pronoun"]
    chosen = _before_verb(candidates, context.report.text)
    return _name(chosen[0], context) if chosen and chosen[0] is not document else None


def _latest_subject(speaker: Speaker, context: _Context, kinds: tuple[str, ...] = ("state",)) -> str | None:
    """The first actor of those kinds in the latest of the last four sentences naming one: the subject there."""
    for index in range(context.index, max(-1, context.index - 4), -1):
        start, end = context.units[index]
        actors = [s for s in context.within(start, min(end, speaker.start)) if s.kind in kinds]
        if actors:
            return actors[0].mention.name
    return None


def _carried_over(context: _Context, quotation: _Quotation, previous: tuple[int, str] | None) -> str | None:
    """A quotation whose sentence names nobody and has no speech verb: the speaker of the quotation just before,
    or else the one who speaks in the sentence before ("Hameed said the talks had failed. “We gave them every
    chance.”")."""
    own_start, own_end = context.units[context.index]
    own = _masked(context.report.text, own_start, own_end)
    own = own[:quotation.start - own_start] + own[quotation.end - own_start:]  # an unclosed quotation, too
    if VERB.search(own):
        return None  # the sentence has its own speaker, one not found: “Peace now,” read a banner
    if previous and context.index - previous[0] == 1:
        return previous[1]
    if context.index > 0:
        start, end = context.units[context.index - 1]
        verb = VERB.search(_masked(context.report.text, start, end))
        if verb:
            candidates = context.within(start, start + verb.start())
            for speaker in _before_verb(candidates, context.report.text):
                name = _name(speaker, context)
                if name:
                    return name
    return previous[1] if previous and context.index - previous[0] <= 2 else None


def _continued(text: str, quotation: _Quotation, last: _Quotation | None,
               previous: tuple[int, str] | None) -> str | None:
    """A quotation opening a paragraph after a quotation left open at its paragraph's end (a quote that runs over
    several paragraphs marks only their openings), with at most one paragraph between, whatever its marks: the
    same speaker's words."""
    opens_paragraph = text[quotation.start - 1:quotation.start] == "\n"
    if last is None or previous is None or last.inner[1] != last.end or not opens_paragraph:
        return None
    between = text[last.end:quotation.start]
    return previous[1] if len(re.findall(r"\n\s*\n|\n", between.strip())) <= 1 and "”" not in between else None


def _names_anyone(speakers: list[Speaker], start: int, end: int) -> bool:
    return any(start <= s.start and s.end <= end and s.kind != "pronoun" for s in speakers)
