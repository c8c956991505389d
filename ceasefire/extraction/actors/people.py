"""People for the actors stage: PERSON entities, the office the text gives them, and surnames.

A person is named in full once ("Pakistan's Interior Minister Farooq Malik") and by
surname afterwards ("Malik said"); every mention carries the full name first given, so the
quotes and casualty stages can name the speaker as the spec wants. The office comes from the
words before the name ("Taliban spokesman Karim Haidari") or an appositive
after it ("Karim Haidari, a Taliban spokesman,"); the affiliation is the state or group
named inside that office.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ceasefire.extraction import DATA
from ceasefire.extraction.report import ActorMention, Report

SPEECH = DATA / "speech.json"
_POSSESSIVE = ("’s", "'s", "’", "'")
_LEADING_JUNK = frozenset({"the", "a", "an", "of", "for", "and", "&", "his", "her", "their", "its", "then", "when",
                           "but", "as", "after", "before", "with", "by", "’s", "'s", "’", "'"})
_APPOSITIVE_STOP = frozenset({",", ".", ";", ":", "(", ")", "—", "–", "“", "”", '"', "who", "which", "whose", "and"})
_WORD_BEFORE = re.compile(r"\b(\w+)\s+$")
_HEADLINE_LENGTH = 300  # characters: a longer line is no headline
# "Al Jazeera’s Lina Haddad": two or three capitalised words after an outlet's possessive
_AFTER_OUTLET = re.compile(r"['’]s\s+([A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2})\b")


def speech_verbs(path: Path = SPEECH) -> frozenset[str]:
    """The verbs that introduce reported speech ("said", "told", "posted")."""
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["verbs"])


class PeopleRules:
    """Word lists that tell an office ("deputy foreign minister") and a name's particles ("bin", "al")."""

    def __init__(self, offices: list[str], modifiers: list[str], particles: list[str], place_nouns: list[str]) -> None:
        self.office_words = frozenset(w for office in offices for w in office.split()) | frozenset(modifiers)
        self.office_heads = frozenset(office.split()[-1] for office in offices)
        self.particles = frozenset(particles)
        self.place_nouns = frozenset(place_nouns)
        self.speech = speech_verbs()


@dataclass
class Person:
    name: str
    parts: frozenset[str]
    first: int  # where the text first names this person
    office: str | None = None
    affiliation: str | None = None
    office_in_text: bool = False  # the office came from this report, not from the table's default


@dataclass
class _Candidate:
    start: int
    end: int
    text: str
    known: ActorMention | None = None  # a hit on the table's list of well-known people


def find_people(report: Report, rules: PeopleRules, organisations: list[ActorMention],
                known: list[ActorMention]) -> list[ActorMention]:
    """Person mentions, each named by the full name first given; ``known`` are table hits on famous people."""
    candidates = _entity_candidates(report, rules, organisations)
    candidates += _correspondents(report, organisations, candidates)
    for hit in known:
        covering = [c for c in candidates if c.start < hit.end and hit.start < c.end]
        if covering:
            covering[0].known = hit
        else:
            candidates.append(_Candidate(hit.start, hit.end, hit.text, hit))
    candidates.sort(key=lambda c: c.start)
    people = _register_full_names(candidates, rules)
    candidates += _surname_candidates(report.text, people, candidates + organisations, rules)
    candidates.sort(key=lambda c: c.start)
    resolved: list[tuple[_Candidate, Person]] = []
    for candidate in candidates:
        person = _resolve(candidate, people, rules)
        office = _office(report, candidate, rules, organisations)
        if person is None:
            if office is None and not _next_to_speech(report.doc, candidate, rules):
                continue
            person = Person(candidate.text, frozenset(_name_words(candidate.text, rules)), candidate.start)
            people.append(person)
        if office and not person.office_in_text:
            person.office, affiliation = office
            person.affiliation = affiliation or person.affiliation
            person.office_in_text = True
        resolved.append((candidate, person))
    return [ActorMention(start=c.start, end=c.end, text=c.text, name=p.name, kind="person", office=p.office,
                         affiliation=p.affiliation) for c, p in resolved]


def _correspondents(report: Report, organisations: list[ActorMention], found: list[_Candidate]) -> list[_Candidate]:
    """An outlet's reporter the model missed: "Al Jazeera’s Lina Haddad, reporting from Deir el-Balah"."""
    names = []
    for outlet in (m for m in organisations if m.kind == "media"):
        match = _AFTER_OUTLET.match(report.text, outlet.end)
        if match and not any(c.start < match.end(1) and match.start(1) < c.end for c in [*found, *organisations]) \
                and not any(p.start < match.end(1) and match.start(1) < p.end for p in report.places):
            names.append(_Candidate(match.start(1), match.end(1), match.group(1)))
    return names


_AGE_BEFORE = re.compile(r"\b\d{1,3}-year-old\s+$")  # "60-year-old Rosette Dorval": a person, whatever the model says
# a surname with its Arabic article joined on: "al-Sharaa", "el-Sisi"
_ARTICLED = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|et|ez|ul|ud)-[A-Z]")


def _entity_candidates(report: Report, rules: PeopleRules, organisations: list[ActorMention]) -> list[_Candidate]:
    """spaCy's PERSON spans, trimmed of titles and possessives, minus those the table or the places claim. A name
    the model calls an organisation is a person's after an office ("government spokesman Armand Dossou"),
    and so are its later mentions by surname ("Dossou said"); a name after an age ("60-year-old X") is a person's
    whatever the model calls it."""
    found = []
    surnames: set[str] = set()
    for ent in report.doc.ents:
        aged = len(ent) > 1 and _AGE_BEFORE.search(report.text, max(0, ent.start_char - 20), ent.start_char)
        if ent.label_ == "ORG":
            if not (ent.text in surnames or len(ent) > 1 and after_office(report.text, ent.start_char, rules) or aged):
                continue
        elif ent.label_ != "PERSON" and not (aged and ent.label_ in ("GPE", "LOC")):
            continue
        start, text = ent.start_char, re.split(r"\n|['’]s\b", ent.text)[0]
        while text and (text.endswith(_POSSESSIVE) or text[-1] in ",.;:"):
            text = text[:-2] if text.endswith(("’s", "'s")) else text[:-1]
        while (title := re.match(r"(\S+)\s+", text)) and title.group(1).lower().rstrip(".") in rules.office_words:
            start, text = start + title.end(), text[title.end():]
        words = text.split()
        if not _is_name(words, rules):
            continue
        if all(w.lower().rstrip(".") in rules.office_words for w in words):
            continue  # a title alone: "Brig", "President"
        candidate = _Candidate(start, start + len(text), text)
        if in_headline(report.text, start, candidate.end) and _office(report, candidate, rules, organisations) is None:
            continue  # "Talks Fail Over Militancy Row": title case, not a name
        following = re.match(r"\s+(\w+)", report.text[candidate.end:candidate.end + 30])
        if following and following.group(1).lower() in rules.place_nouns:
            continue  # "the Badami Bagh cantonment" is a place
        if _overlaps(candidate, organisations) or any(p.start <= candidate.start and candidate.end <= p.end
                                                       for p in report.places):
            continue
        found.append(candidate)
        surnames.add(words[-1])
    return found


def after_office(text: str, start: int, rules: PeopleRules) -> bool:
    """Whether an office stands right before ``start`` ("spokesman Armand Dossou"): what follows is a person's
    name, whatever the model calls it."""
    word = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return word is not None and word.group(1).lower() in rules.office_words


# a preposition (and article) that makes a name part of a longer phrase: "a student of Hill Crest College", "the
# chairman of the Board", "a merchant in the centre of Macomia"
_IN_A_PHRASE = re.compile(r"\b(?:of|for|at|from|in|the)\s+(?:the\s+)?$", re.IGNORECASE)


def inside_phrase(text: str, start: int) -> bool:
    """Whether the name at ``start`` ends a phrase it is part of, rather than naming someone of its own."""
    return _IN_A_PHRASE.search(text, max(0, start - 10), start) is not None


def _is_name(words: list[str], rules: PeopleRules) -> bool:
    """Capitalised words and particles ("Mohammed bin Salman"); the last word may carry a joined Arabic article in
    a short name ("Karim al-Haddadi"), not in a group's ("Jama’at Nusrat al-Islam")."""
    capitalised = [w[0].isupper() or w.lower() in rules.particles for w in words]
    if all(capitalised):
        return bool(words)
    return (len(words) <= 3 and all(capitalised[:-1]) and _ARTICLED.match(words[-1]) is not None
            and not any(re.search(r"['’]", w) for w in words))


def in_headline(text: str, start: int, end: int, around_only: bool = False) -> bool:
    """The line holding ``[start, end)`` is in title case (a headline), where spaCy sees names everywhere.

    With ``around_only``, the words of ``[start, end)`` itself do not count, so a long capitalised name does not
    make a short sentence look like a headline ("The El Obeid Emergency Response Room said 40 died.").
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = line_end if line_end >= 0 else len(text)
    if line_end - line_start > _HEADLINE_LENGTH:
        return False
    line = text[line_start:start] + " " + text[end:line_end] if around_only else text[line_start:line_end]
    words = re.findall(r"[^\W\d_][\w’'-]*", line)
    capitalised = sum(w[0].isupper() for w in words)
    return len(words) >= (3 if around_only else 4) and capitalised >= 0.7 * len(words)


def _name_words(text: str, rules: PeopleRules) -> list[str]:
    words = re.split(r"[\s-]+", text)
    return [w for w in words if w.lower() not in rules.particles and not re.fullmatch(r"(\w\.)+", w)]


def _register_full_names(candidates: list[_Candidate], rules: PeopleRules) -> list[Person]:
    """One :class:`Person` per full name, in order of first mention; a shorter form of a known name is no new one."""
    people: list[Person] = []
    for candidate in candidates:
        words = set(_name_words(candidate.text, rules))
        known = candidate.known
        if any(words <= person.parts for person in people):
            continue
        if known is not None and len(words) < 2:  # a bare "Trump": the table knows the full name
            words |= set(_name_words(known.name, rules))
            name = known.name
        elif len(words) >= 2:
            name = candidate.text
        else:
            continue
        people.append(Person(name, frozenset(words), candidate.start, known.office if known else None,
                             known.affiliation if known else None))
    return people


def _surname_candidates(text: str, people: list[Person], taken: list, rules: PeopleRules) -> list[_Candidate]:
    """Bare surnames or first names of people already named ("Malik said") that spaCy did not tag."""
    parts = sorted({p for person in people for p in person.parts if len(p) > 2}, key=len, reverse=True)
    if not parts:
        return []
    pattern = re.compile(r"(?<![\w’'-])(" + "|".join(map(re.escape, parts)) + r")(?![\w-])(?! [A-Z])")
    found: list[_Candidate] = []
    for match in pattern.finditer(text):
        previous = re.search(r"(\S+)\s+$", text[max(0, match.start() - 30):match.start()])
        if previous and previous.group(1)[0].isupper() and previous.group(1)[-1].isalnum() \
                and previous.group(1).lower().rstrip(".") not in rules.office_words:
            continue  # part of another name: "Imran Khan" is not "Zahid Khan"
        candidate = _Candidate(match.start(), match.end(), match.group(1))
        if not _overlaps(candidate, taken) and not _overlaps(candidate, found):
            found.append(candidate)
    return found


def _resolve(candidate: _Candidate, people: list[Person], rules: PeopleRules) -> Person | None:
    """The person a mention names: the one whose name holds all its words, the latest named before it on a tie."""
    words = set(_name_words(candidate.text, rules))
    matching = [p for p in people if words and words <= p.parts]
    if not matching and candidate.known is not None:
        words |= set(_name_words(candidate.known.name, rules))
        matching = [p for p in people if words <= p.parts]
    if not matching:
        return None
    earlier = [p for p in matching if p.first <= candidate.start]
    return max(earlier, key=lambda p: p.first) if earlier else matching[0]


def _office(report: Report, candidate: _Candidate, rules: PeopleRules,
            organisations: list[ActorMention]) -> tuple[str, str | None] | None:
    """The office the text gives at this mention, and the actor named inside it."""
    span = report.doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None:
        return None
    found = _office_before(span, rules) or _office_after(span, rules)
    if found is None:
        return None
    start, end = found
    inside = [m for m in organisations if m.start >= start and m.end <= end and m.kind != "media"]
    return report.text[start:end], inside[0].name if inside else None


def _office_before(span: Span, rules: PeopleRules) -> tuple[int, int] | None:
    """ "Pakistani Interior Minister [Farooq Malik]": title-case words and office words right before the name."""
    doc: Doc = span.doc
    tokens = []
    i = span.start - 1
    while i >= max(0, span.start - 12):
        token = doc[i]
        if token.text == ")":  # "inspector general of police (operations) IK Muivah": skip the bracket
            opening = next((j for j in range(i - 1, max(-1, i - 5), -1) if doc[j].text == "("), None)
            if opening is None:
                break
            i = opening - 1
            continue
        if token.text in _POSSESSIVE or _joins_title(token, rules):
            tokens.append(token)
        elif token.is_punct or "\n" in token.text_with_ws:
            break
        elif token.lower_.rstrip(".") in rules.office_words or token.text[:1].isupper():
            tokens.append(token)
        else:
            break
        i -= 1
    while tokens and tokens[-1].lower_ in _LEADING_JUNK:
        tokens.pop()
    if not any(t.lower_.rstrip(".") in rules.office_heads for t in tokens):
        return None
    return tokens[-1].idx, tokens[0].idx + len(tokens[0])


def _joins_title(token: Token, rules: PeopleRules) -> bool:
    """The "." of "Brig." or the "-" of "Secretary-General", split off by the tokenizer."""
    if token.text not in (".", "-") or token.i == 0 or token.doc[token.i - 1].whitespace_:
        return False
    return token.text == "-" or token.doc[token.i - 1].lower_ in rules.office_words


def _office_after(span: Span, rules: PeopleRules) -> tuple[int, int] | None:
    """ "[Karim Haidari], a Taliban spokesman, said": an appositive right after the name."""
    doc: Doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != ",":
        return None
    tokens = []
    for token in doc[span.end + 1:span.end + 16]:
        if token.lower_ in _APPOSITIVE_STOP or token.lower_ in rules.speech or "\n" in token.text:
            break
        tokens.append(token)
    while tokens and tokens[0].lower_ in ("a", "an", "the"):
        tokens.pop(0)
    if not tokens or len(tokens) > 14 or not any(t.lower_ in rules.office_heads for t in tokens):
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _next_to_speech(doc: Doc, candidate: _Candidate, rules: PeopleRules) -> bool:
    """A bare unknown name counts as a person when it speaks: "Sajidulrahman said", "said Sajidulrahman"."""
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None:
        return False
    after = [t.lower_ for t in doc[span.end:span.end + 3]]
    before = [t.lower_ for t in doc[max(0, span.start - 1):span.start]]
    return any(w in rules.speech for w in after + before)


def _overlaps(mention: _Candidate | ActorMention, others: list) -> bool:
    return any(mention.start < o.end and o.start < mention.end for o in others)
