"""Who gives a casualty figure: the claimant, for the casualties stage.

Cascade, first answer wins (within the figure's sentence unless said otherwise):

1. The figure sits inside a quotation: the quotation's speaker (from the quotes stage).
2. "according to X" after the figure: X, even inside "Y said that ..." (the source named last is nearest).
3. A cue before the figure introduces it: "Haidari said (in a statement) that 12 ...",
   "Pakistan reports 23 soldiers killed", "..., claiming that 26 civilians were killed", "According to X, ...".
   A figure in an "after ..." clause that follows what the speaker said is background: the reporter's.
4. A trailing attribution after it: "..., the Pakistani military said", "..., says X", ": Pakistan military".
5. A short sentence with no cue that follows a quoted speaker in the same paragraph: that speaker.
6. Otherwise the reporter states the figure: null.

A cue's subject is found across clause boundaries ("strikes that health officials said killed 104",
"X, speaking on condition of anonymity, said", "It said ..., and claimed that ...") and sentence
boundaries ("He said ..." is whoever the last attribution before it names); what the subject phrase stands
for is :mod:`ceasefire.extraction.casualties.sources`' business.
"""

from __future__ import annotations

import re

from ceasefire.extraction.casualties.sources import (
    BODY_HEAD,
    GENERIC_SOURCES,
    INSTITUTION,
    INSTITUTION_HEAD,
    WORDS,
    Claim,
    actor_claims,
    alternation,
    claim_of,
    named_before,
    organ,
    phrase_words,
    resolve_phrase,
    state_name,
)
from ceasefire.extraction.report import Report

_PRONOUNS = {"it", "they", "he", "she"}
_ANAPHORS = {"group", "statement", "organisation", "organization", "agency", "movement", "militants", "rebels",
             "report"}
# words that open a noun phrase, so "that <word> ... said" has a subject of its own
_SUBJECT_OPENERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "local", "security", "military",
                              "senior"})
_CARRY_WORDS = 10  # a sentence this short with no cue of its own may go on reporting the sentence before
_REPORTING = re.compile(rf"\b(?:{alternation(WORDS['reporting_verbs'])})\b", re.IGNORECASE)
_PARTICIPLE = re.compile(rf"\b(?:{alternation(WORDS['participle_cues'])})\b", re.IGNORECASE)
_SOURCE = re.compile(rf"\b(?:{alternation(WORDS['source_cues'])})\b", re.IGNORECASE)
_SUBORDINATE = re.compile(r"[^,;:\"“”(]*[,;:\"“”(]?\s*(?:which|that|who|whom|whose|when|where|after|before|"
                          r"because|as|while|although|though|if)\b[^,;:\"“”(]*$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:.!?\"“”()]")
# "X gave a lower figure of 90", "X put the toll at 47": a figure-giving verb is a reporting verb
_TOLL_VERB = re.compile(r"\b(?:gave|given|gives|give|giving|put|puts|putting|placed|places|set|sets|raised|revised|"
                        r"lowered|updated)"
                        r"(?=\s+(?:[\w’'-]+\s+){0,3}?(?:toll|tolls|figure|figures|tally|count|number|estimate)\b)",
                        re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:that|which|whom)\s+(?=\S)", re.IGNORECASE)  # "strikes that X said killed 104"
_ADDRESSEE_VERBS = frozenset({"told", "tells", "informed"})  # "..., X told reporters": the object is no speaker
# the last body a clause names: "treated at the city hospital, its officials said"
_BODY_BEFORE = re.compile(rf"\bthe\s+(?:[\w’'-]+\s+){{0,2}}?(?:{alternation(WORDS['body_nouns'])})\b(?=[^,;:]*,\s*$)",
                          re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:been|being|was|were|is|are)\s+$", re.IGNORECASE)
_BACKGROUND = re.compile(r"\b(?:after|following)\b", re.IGNORECASE)
_NO_CLAIM = Claim(None)


def find_claim(report: Report, unit_start: int, unit_end: int, start: int, end: int,
               victims_country: str | None = None) -> Claim:
    """The claimant of the figure at ``[start, end)`` in the sentence ``[unit_start, unit_end)``.

    ``victims_country`` (from a demonym: "two Israeli soldiers") settles whose "army" or "officials" speak.
    """
    claim = _quoted_speaker(report, start)
    if claim is None:
        source = _SOURCE.search(report.text, end, unit_end)
        # "..., according to X" names the figure's source even inside "Y said that ..."
        claim = _source_phrase(report, source.end(), unit_end) if source else None
    if claim is None:
        claim = _introducing_cue(report, unit_start, start) or _trailing_cue(report, unit_start, unit_end, end)
    if claim is None:
        claim = _carried_over(report, unit_start, unit_end)
    if claim is not None and claim.organ and victims_country:
        claim = Claim(state_name(report, victims_country), victims_country, organ=True)
    return claim or _NO_CLAIM


def _carried_over(report: Report, unit_start: int, unit_end: int) -> Claim | None:
    """A short sentence with no cue of its own that goes on from a quoted speaker in the same paragraph
    ('"...," the spokesperson said. One soldier suffered minor injuries.') still reports that speaker."""
    text = report.text
    if len(text[unit_start:unit_end].split()) > _CARRY_WORDS or any(
            cue.search(text, unit_start, unit_end) for cue in (_REPORTING, _SOURCE, _PARTICIPLE)):
        return None
    previous_start = _sentence_start(report, unit_start - 1) if unit_start else 0
    if "\n" in text[previous_start:unit_start].strip() or previous_start == unit_start:
        return None
    cues = list(_REPORTING.finditer(text, previous_start, unit_start))
    if not cues or not re.search(r"[\"”]", text[previous_start:cues[-1].start()]):
        return None  # only a speaker just quoted goes on: "'...,' the spokesperson said. One soldier was hurt."
    cue = cues[-1]
    if re.search(r"[,\"”’]\s*$", text[previous_start:cue.start()]) and _clause_after(report, cue.end(), unit_start):
        return _source_phrase(report, cue.end(), unit_start)  # '..." said the spokesman.'
    return _subject(report, previous_start, cue.start())


def _quoted_speaker(report: Report, position: int) -> Claim | None:
    for quote in report.record.quotes:
        inner = quote.evidence.find(quote.text)
        if inner < 0:
            continue
        start = quote.span[0] + inner
        if start <= position < start + len(quote.text):
            for actor in report.actors:
                if actor.name == quote.speaker:
                    return claim_of(report, actor) or Claim(quote.speaker)
            if INSTITUTION.search(quote.speaker):  # "the spokesperson": the state he speaks for
                return organ(report, start, start, quote.speaker) or Claim(quote.speaker)
            return Claim(quote.speaker)
    return None


def _clause_after(report: Report, position: int, limit: int) -> str:
    after = report.text[position:limit]
    stop = _CLAUSE_END.search(after)
    return after[:stop.start()] if stop else after


def _reporting_cues(report: Report, start: int, end: int) -> list[re.Match]:
    """Reporting verbs in ``[start, end)``, with figure-giving ones ("gave a toll of"), in text order."""
    cues = {m.start(): m for m in _REPORTING.finditer(report.text, start, end)}
    toll_verbs = _TOLL_VERB.finditer(report.text, start, end + 40)  # the lookahead reads past ``end``
    cues.update({m.start(): m for m in toll_verbs if m.end() <= end})
    return [cues[k] for k in sorted(cues)]


def _introducing_cue(report: Report, unit_start: int, start: int) -> Claim | None:
    """Rule 3: the nearest cue before the figure that opens what follows ("X said (that) ...",
    "X says A happened, killing 6", "According to X, ..."), not one that closes a clause ("..., X said, as")."""
    text = report.text
    cues = [(m, "verb") for m in _reporting_cues(report, unit_start, start)]
    cues += [(m, "participle") for m in _PARTICIPLE.finditer(text, unit_start, start)]
    cues += [(m, "source") for m in _SOURCE.finditer(text, unit_start, start)]
    for cue, kind in sorted(cues, key=lambda c: c[0].start(), reverse=True):
        if kind == "source":
            return _source_phrase(report, cue.end(), start)
        clause = _clause_after(report, cue.end(), len(text))
        closing = cue.end() + len(clause) < start and len(clause.split()) <= 4 and not re.search(r"\bthat\b", clause)
        if closing and re.match(r",\s+(?:and|while)\b", text[cue.end() + len(clause):]):
            return _subject(report, unit_start, cue.start())  # "5 were killed, police said, and 12 wounded"
        if closing:
            continue  # "..., officials said, as ...", "X said on Sunday."
        if _in_background(report, cue.end(), start):
            return None  # "X said it suspended the accord after a blast wounded two soldiers": the reporter's
        if kind == "participle":
            return _participle_subject(report, unit_start, cue.start())
        return _subject(report, unit_start, cue.start())
    return None


def _in_background(report: Report, cue_end: int, start: int) -> bool:
    """Whether the figure sits in an "after ..." clause that follows what the speaker said, not in it."""
    background = list(_BACKGROUND.finditer(report.text, cue_end, start))
    return bool(background) and background[-1].start() > cue_end + 12 and not re.search(
        r"\b(?:that|said|saying)\b", report.text[background[-1].end():start])


def _participle_subject(report: Report, unit_start: int, cue_start: int) -> Claim | None:
    """"X said, adding ..." is X; "Pakistan condemned the strikes, claiming ..." is the sentence's subject."""
    finite = _reporting_cues(report, unit_start, cue_start)
    if finite:
        return _subject(report, unit_start, finite[-1].start())
    speakers = actor_claims(report, unit_start, cue_start)
    return speakers[0][1] if speakers else None


def _subject(report: Report, unit_start: int, cue_start: int, pronouns: bool = True) -> Claim | None:
    """Who a reporting verb at ``cue_start`` belongs to, looking back from it (``pronouns``: resolve "it said")."""
    before = report.text[unit_start:cue_start]
    cut = max(before.rfind(c) for c in ",;:\"“”(")
    tail_start = unit_start + cut + 1
    relative = list(_RELATIVE.finditer(report.text, tail_start, cue_start))
    if relative and _noun_phrase_start(report.text[relative[-1].end():cue_start]):
        tail_start = relative[-1].end()  # "strikes that health officials said killed 104": the subject follows "that"
    elif relative:
        cue_start = relative[-1].start()  # "the ministry that oversees police said": the head is before "that"
    return _tail_subject(report, unit_start, tail_start, cue_start, pronouns)


def _noun_phrase_start(phrase: str) -> bool:
    """Whether a relative clause's words open with its own subject ("that Afghan officials said"), not with
    its verb ("the ministry that oversees police said")."""
    first = phrase.split()[0] if phrase.split() else ""
    return (first[:1].isupper() or first.lower() in _SUBJECT_OPENERS or INSTITUTION.fullmatch(first) is not None
            or not re.search(r"(?:s|ed)$", first.lower()))


def _tail_subject(report: Report, unit_start: int, tail_start: int, cue_start: int, pronouns: bool) -> Claim | None:
    """The subject phrase ``[tail_start, cue_start)`` of a reporting verb, resolved."""
    before = report.text[unit_start:cue_start]
    words = re.findall(r"[\w’']+", report.text[tail_start:cue_start].lower())
    if words and words[-1] in ("who", "which"):  # "X, an official at ..., who said"
        speakers = actor_claims(report, unit_start, cue_start)
        return speakers[-1][1] if speakers else None
    if words[:1] == ["its"] and len(words) <= 3:  # "... at the city hospital, its officials said": the hospital
        body = _BODY_BEFORE.search(report.text, unit_start, tail_start)
        if body:
            return Claim(" ".join(phrase_words(body.group(0))))
        speakers = actor_claims(report, 0, tail_start)  # "its spokesman": the last body named
        return speakers[-1][1] if speakers else None
    if words and words[0] in ("and", "but") and len(words) <= 2:  # "It said ..., and claimed that ..."
        earlier = _reporting_cues(report, unit_start, tail_start)
        return _subject(report, unit_start, earlier[-1].start(), pronouns) if earlier else None
    if words[-1:] and words[-1] in _PRONOUNS:
        return _previous_speaker(report, tail_start, words[-1]) if pronouns else None
    named = re.search(r"[A-Z]", report.text[tail_start:cue_start].strip()[1:])  # "the Ombudsman's Office said"
    if (words[:1] == ["the"] and len(words) <= 3 and BODY_HEAD.search(words[-1]) and words[-1] not in _ANAPHORS
            and not named):
        return named_before(report, words[-1], tail_start)  # "the board said": the Cricket Board named before
    if words[:1] == ["the"] and len(words) <= 3 and words[-1] in _ANAPHORS:
        speakers = actor_claims(report, 0, tail_start)  # "the group said": the last one named
        return speakers[-1][1] if speakers else None
    owner = re.search(r"(?:['’]s|(?<=s)['’])\s*$", report.text[tail_start:cue_start])
    if owner:  # "disputing the EMC's claim that 14 ... died": the claim is the EMC's
        owners = [claim for actor, claim in actor_claims(report, tail_start, cue_start)
                  if actor.end == tail_start + owner.start()]
        if owners:
            return owners[-1]
    if not words or words[0].endswith("ing"):  # "X, speaking on condition of anonymity, said"
        return _appositive_subject(report, unit_start, tail_start) if before.rstrip().endswith(",") else None
    return resolve_phrase(report, tail_start, cue_start)


def _appositive_subject(report: Report, unit_start: int, end: int) -> Claim | None:
    """The subject of "A, B, said": the nearest comma-separated phrase that names someone, skipping
    participles and relative clauses ("Security officials, speaking on condition of anonymity, said")."""
    segments = list(re.finditer(r"[^,;:\"“”()]+", report.text[unit_start:end]))
    for segment in reversed(segments):
        words = segment.group(0).split()
        if not words or words[0].lower().endswith("ing") or words[0].lower() in ("who", "which", "because"):
            continue
        claim = resolve_phrase(report, unit_start + segment.start(), unit_start + segment.end())
        if claim is not None:
            return claim
    return None


def _previous_speaker(report: Report, position: int, pronoun: str) -> Claim | None:
    """Whom "it said" / "he said" refers to: for "it" and "they", the subject of a reporting verb earlier in its own
    sentence; else the
    speaker of the sentence before (its attribution, else its subject), else of the last attribution in the
    paragraphs before; "it" and "they" do not take a person."""
    person = pronoun in ("he", "she")
    current = _sentence_start(report, position)
    cues = _reporting_cues(report, current, position - 12)
    if cues and not person:  # "Officials accused X of a strike that they said killed 3": the sentence's subject
        claim = _subject(report, current, cues[0].start(), pronouns=False)
        if claim is not None and claim.name is not None:
            return claim
    previous = _sentence_start(report, current - 1) if current else current
    claim = _last_attribution(report, previous, current, person)
    if claim is None:
        subjects = [a for a in report.within(report.actors, previous, current) if (a.kind == "person") == person]
        claim = claim_of(report, subjects[0]) if subjects else None  # "The army issued a statement. It said"
    if claim is None:
        claim = _last_attribution(report, max(0, previous - 700), previous, person)
    if claim is None:
        speakers = [s for s in actor_claims(report, 0, position) if (s[0].kind == "person") == person]
        claim = speakers[-1][1] if speakers else None
    return claim


def _last_attribution(report: Report, start: int, end: int, person: bool) -> Claim | None:
    """The speaker of the last reporting verb in ``[start, end)`` that a "he" (``person``) or an "it" can take."""
    people = [a for a in report.within(report.actors, start, end) if a.kind == "person"]
    for cue in reversed(_reporting_cues(report, start, end)):
        unit_start = _sentence_start(report, cue.start())
        if person and people and people[-1].start > cue.start():
            return claim_of(report, people[-1])  # "..., the army said. A doctor, X, ... He said"
        subject_actors = report.within(report.actors, unit_start, cue.start())
        if subject_actors and (subject_actors[-1].kind == "person") != person:
            continue
        claim = _subject(report, unit_start, cue.start(), pronouns=False)
        if claim is not None and claim.name is not None:
            return claim
    return None


def _sentence_start(report: Report, position: int) -> int:
    starts = [s.start_char for s in report.doc.sents if s.start_char <= position]
    return starts[-1] if starts else 0


def _trailing_cue(report: Report, unit_start: int, unit_end: int, end: int) -> Claim | None:
    """Rule 4: "..., X said", "..., says X", or a headline's ": X"."""
    text = report.text
    verb = next((v for v in _REPORTING.finditer(text, end, unit_end) if not _passive(text, v)), None)
    if verb:
        between = text[end:verb.start()]
        if _SUBORDINATE.match(between) or ";" in between:  # "...; Islamabad claims a hit": a new clause's claim
            return None  # "... killed 12, which the army claimed were militants": not an attribution
        inverted = verb.group(0).lower() not in _ADDRESSEE_VERBS and re.match(r"\s+\w", text[verb.end():unit_end])
        if inverted and not re.search(r"\w", between.split(",")[-1]):  # inverted: "..., says the health ministry"
            return _source_phrase(report, verb.end(), unit_end)
        return _subject(report, end, verb.start())
    colon = re.match(r"[^:]*:\s*([^:]{1,60})$", text[end:unit_end])
    if colon:
        speakers = actor_claims(report, end + colon.start(1), unit_end)
        return speakers[0][1] if speakers else None
    return None


def _passive(text: str, verb: re.Match) -> bool:
    """ "had been admitted", "an attack claimed by the TTP": a verb that reports nobody's words here."""
    return bool(_PASSIVE_BEFORE.search(text, max(0, verb.start() - 12), verb.start())
                or re.match(r"\s+by\b", text[verb.end():verb.end() + 4]))


def _source_phrase(report: Report, start: int, unit_end: int) -> Claim | None:
    """"according to X": a named actor, a state's officials ("Afghan officials"), else X's own words
    ("official Syrian media", "the aid group that runs a clinic"), where a demonym inside says only
    whose media they are."""
    phrase = re.split(r"\s+(?:that|which|who|whose)\s+", _clause_after(report, start, unit_end), maxsplit=1)[0]
    phrase_end = start + len(phrase.rstrip())
    speakers = actor_claims(report, start, phrase_end)
    for actor, claim in speakers:
        if actor.kind != "state" or actor.end >= phrase_end or actor.group:
            return claim
    words = phrase_words(phrase)  # "an army officer at the scene": the officer, not the scene
    if INSTITUTION_HEAD.search(" ".join(words)):
        return speakers[0][1] if speakers else organ(report, start, phrase_end)
    if not 0 < len(words) <= 5 or " ".join(words).lower() in GENERIC_SOURCES:
        return None
    return Claim(" ".join(words))
