"""Places stage: find the places a report names and pin each to a gazetteer entry.

The small spaCy model misses many places ("Spin Boldak") and tags crossings as organisations
("Torkham"), so NER is one witness among several:

1. Candidates are runs of capitalised words (1-4 words, with joiners such as "al-", "of",
   "and") found in the gazetteer, longest first. A lowercase kind word after the name
   ("district", "province", "city", "crossing") becomes a hint, or part of the name when the
   gazetteer knows the pair ("Gaza city").
2. A candidate is kept when NER calls it GPE/LOC/FAC, when the entry is curated or a
   country, or when the words around it say place ("in X", "near X", "X district", "X's").
   Person names, demonyms, dates and names inside a longer organisation name are dropped.
3. Namesakes are told apart by context: a province or country named in the same sentence
   ("Kandahar's Spin Boldak district", "Bajaur in Khyber Pakhtunkhwa"), the countries the
   report names or that several of its place names point to ("Afgooye" and "Lower Shabelle"),
   the kind hint, then prominence. A bare name shared by a town and the unit
   around it ("Kandahar") is the town.
4. Villages too small for the gazetteer ("the village of X", "X village") are kept by name,
   situated by the place named with them, and "the capital" is the capital of the country the
   report is about (see :mod:`ceasefire.extraction.places.unlisted`).

Country names are places of precision ``country``; demonyms ("Afghan") and vague stretches
("along the border", "the Afghanistan-Pakistan border") give none.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace

from spacy.attrs import IDX, LENGTH, SPACY
from spacy.tokens import Doc, Token

from ceasefire.extraction.actors.states import country_of_demonym
from ceasefire.extraction.places.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    fold,
    normalise,
    strip_unit_word,
    without_romanisation,
)
from ceasefire.extraction.places.unlisted import capital_mentions, unlisted_sites, unlisted_villages
from ceasefire.extraction.report import PlaceMention, Report
from ceasefire.records import Place

MAX_NAME_WORDS = 4
MAX_NAME_TOKENS = 8
# Lowercase words inside place names ("Dar es Salaam", "Santa Cruz de la Sierra", "Ras al Khaimah"): a run
# through them is a name only when the gazetteer holds the whole of it.
_JOINERS = frozenset({"-", "al", "el", "ad", "ash", "as", "ar", "an", "at", "ul", "ud", "ed", "es", "e", "i", "de",
                      "du", "des", "da", "do", "dos", "das", "del", "della", "di", "la", "le", "les", "los", "las",
                      "y", "en", "sur", "van", "der", "den", "von", "am", "im", "of", "and", "the", "bin", "ibn",
                      "'s", "’s"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL",
                               "QUANTITY", "LAW", "LANGUAGE", "WORK_OF_ART", "EVENT", "PRODUCT"})
_CONTAINING_LABELS = frozenset({"ORG", "PERSON", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})
_PLACE_BEFORE = frozenset({"in", "near", "at", "from", "to", "into", "across", "outside", "around", "toward",
                           "towards", "inside", "via", "through", "over", "on", "between", "and", "of", "nearby",
                           "seized", "captured", "took", "retook", "recaptured", "overran", "stormed", "entered",
                           "besieged", "shelled", "bombed", "struck", "hit", "targeted", "reached", "fled",
                           "encircled", "surrounded", "liberated", "evacuated", "("})
_LOCATIVE_BEFORE = frozenset({"in", "near", "at", "outside", "around", "inside"})
_DISTRICT_WORDS = frozenset({"district", "districts", "agency", "tehsil", "territory", "county", "raion",
                             "subdistrict", "sub-district", "township", "commune", "municipality"})
_PROVINCE_WORDS = frozenset({"province", "provinces", "oblast", "state", "governorate", "division"})
_EXACT_WORDS = frozenset({"city", "town", "village", "crossing", "camp", "sector", "temple", "base", "airport",
                          "checkpoint", "valley", "hospital", "market", "ruins", "capital", "railway", "station",
                          "prison", "jail", "mosque", "church", "port", "harbour", "harbor"})
_VAGUE_WORDS = frozenset({"region", "area", "border", "areas", "regions", "outskirts", "frontier"})
_HINT_WORDS = _DISTRICT_WORDS | _PROVINCE_WORDS | _EXACT_WORDS | _VAGUE_WORDS
_POSSESSIVE = frozenset({"'s", "’s"})
# Capitalised words the gazetteer knows as some place but that a report means otherwise.
_NEVER_PLACES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mr", "mrs", "ms",
    "dr", "general", "minister", "president", "army", "police", "taliban", "god", "islam", "reuters", "afp", "ap",
    "hamas", "thai", "arab", "christian", "gazan", "western", "eastern", "northern", "southern", "central", "north",
    "south", "east", "west", "africa", "asia", "europe", "america", "middle east", "latin america"})
_MIN_PROMINENCE_FROM_CONTEXT = 50_000
# A place this far from the province or district the words put it in, in another province, is a namesake.
_SAME_UNIT_KM = 100
# A name found in more countries than this says nothing about which country a report is about.
_CORROBORATING_COUNTRIES = 2
# A town abroad smaller than this (or a district or province abroad), in a report about other countries,
# is taken for a namesake ...
_MIN_PROMINENCE_ABROAD = 100_000
# ... and farther than this from every place the report names in those countries.
_NAMESAKE_KM = 1500
# Labels the model gives one-word town names by mistake, and how big a town must be to overrule it.
_MISREAD_LABELS = frozenset({"WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
_MIN_PROMINENCE_MISREAD = 100_000
# A city this big keeps its name against a unit abroad said to hold it; a smaller town is taken for a namesake.
_MIN_PROMINENCE_SITUATED = 1_000_000
_PARENTHESIS_TOKENS = 30  # how far back from a unit its opening parenthesis and the place before it are looked for
# the names before a unit in the parentheses that situate a place: "X (", "X village (A, ", "X town (A township, "
_PARENTHETICAL_UNIT = re.compile(r"[A-Z][\w’'-]*(?:\s+[a-z]+){0,2}\s*\((?:[^().;]*?,\s*)?$")
# between a country and a place it owns: "Iraq's semi-autonomous ", "Nigeria's northwestern "
_OWNED_BY = re.compile(r"['’]s\s+(?:[a-z][\w-]*\s+){0,2}")
# between a place and the district or province that holds it: "X (A", "X town (B district, A", "X, A", "X in A"
SITUATED_BY = re.compile(r"(?:\s+[a-z]+)?\s*(?:\((?:[^()]*?,\s*)?|,\s*|\s+in\s+(?:the\s+)?)")


@dataclass
class _Candidate:
    start: int  # character offsets of the name
    end: int
    first: int  # token indices [first, last)
    last: int
    entries: list[GazetteerEntry]
    hint: str | None  # lowercase kind word that follows the name
    text: str = ""  # the name as written
    sentence: int = 0  # index of its sentence
    named_by_entry: bool = False  # the span takes in a kind word ("Torkham crossing"): use the entry's name


def locate_places(report: Report, gazetteer: Gazetteer) -> None:
    """Append a PlaceMention for every place the report names, in text order."""
    doc = report.doc
    candidates = _candidates(doc, report.text, gazetteer)
    sentence_starts = [sentence.start for sentence in doc.sents]
    for candidate in candidates:
        candidate.text = report.text[candidate.start:candidate.end]
        candidate.sentence = bisect_right(sentence_starts, candidate.first) - 1
    named_countries = Counter(c.entries[0].country for c in candidates if c.entries[0].precision == "country")
    context = set(named_countries) | _corroborated_countries(candidates, doc)
    covered = {i for c in candidates for i in range(c.first, c.last)}
    candidates = [c for c in candidates if _is_place(c, doc, context, covered)]
    candidates = _drop_border_pairs(candidates, doc)
    mentions = []
    owners = _possessive_countries(report.text, candidates)
    peoples = _demonym_countries(doc)
    chosen = [(c, _choose(c, candidates, context | peoples, owners.get(normalise(c.text)))) for c in candidates]
    anchors = [entry for _, entry in chosen if entry.country in context]
    situated = {id(candidate): _situated_by(candidate, *situating) for i, (candidate, entry) in enumerate(chosen)
                if (situating := _situating_unit(report.text, candidate, entry, chosen[i + 1:])) is not None}
    # a name the words once situate in a unit of another country ("Xa in A province") than the namesake the
    # gazetteer holds is not that namesake wherever the report names it
    abroad = {normalise(candidate.text): situated[id(candidate)] for candidate, entry in chosen
              if id(candidate) in situated and situated[id(candidate)].country != entry.country}
    for candidate, entry in chosen:
        owner = owners.get(normalise(candidate.text))
        if _namesake_abroad(entry, context, anchors) or owner not in (None, entry.country):
            continue  # "Iraq's Kurdistan region" is not the province of Iran
        place = situated.get(id(candidate))
        if place is None:
            home = abroad.get(normalise(candidate.text))
            place = home if home is not None and home.country != entry.country else _place(candidate, entry)
        mentions.append(PlaceMention(start=candidate.start, end=candidate.end, text=candidate.text, place=place))
    mentions += unlisted_villages(report, mentions, named_countries, _NEVER_PLACES)
    mentions += unlisted_sites(report, gazetteer, mentions, named_countries, _NEVER_PLACES)
    mentions += capital_mentions(report, gazetteer, mentions, named_countries)
    report.places.extend(mentions)
    report.places.sort(key=lambda mention: mention.start)


def _demonym_countries(doc: Doc) -> set[str]:
    """The countries whose people the report names ("the Serbian president", "Sudanese troops"): they choose
    between namesakes, but do not make the report about them ("a Canadian mining company")."""
    return {country for entity in doc.ents if entity.label_ == "NORP"
            if (country := country_of_demonym(entity.text)) is not None}


def _corroborated_countries(candidates: list[_Candidate], doc: Doc) -> set[str]:
    """Countries that several distinct names of the report point to, though none names the country:
    "Afgooye" and "Lower Shabelle" both lie in Somalia. Only names with namesakes in at most
    :data:`_CORROBORATING_COUNTRIES` countries count, so that common names vouch for nothing; and not a date
    ("August", also a town in the United States)."""
    names_by_country: dict[str, set[str]] = {}
    for candidate in candidates:
        if doc[candidate.first].ent_type_ in _NOT_PLACE_LABELS:
            continue
        countries = {entry.country for entry in candidate.entries}
        if len(countries) <= _CORROBORATING_COUNTRIES:
            for country in countries:
                names_by_country.setdefault(country, set()).add(strip_unit_word(normalise(candidate.text)))
    return {country for country, names in names_by_country.items() if len(names) >= 2}


def _possessive_countries(text: str, candidates: list[_Candidate]) -> dict[str, str]:
    """The country a place named with its kind is said to belong to by a possessive right before it ("Iraq's
    semi-autonomous Kurdistan region", "Nigeria's Kebbi state"; not "Israel's Gaza offensive"), by the place's
    name: the same name elsewhere in the report ("Kurdistan's security service") is the same place."""
    owners = {}
    for owner, candidate in zip(candidates, candidates[1:], strict=False):
        country = next((e.country for e in owner.entries if e.precision == "country"), None)
        if country and candidate.hint and _OWNED_BY.fullmatch(text, owner.end, candidate.start):
            owners.setdefault(normalise(candidate.text), country)
    return owners


def _namesake_abroad(entry: GazetteerEntry, context: set[str], anchors: list[GazetteerEntry]) -> bool:
    """A small place far from every place the report names in the countries it is about: more often
    a namesake of a place the gazetteer lacks ("Ada" in a Ghanaian report is not the county in
    Idaho) than a real mention. A small town across a border stays, and so does a big city abroad."""
    small = entry.precision in ("district", "province") or entry.prominence < _MIN_PROMINENCE_ABROAD
    return (entry.country not in context and not entry.curated and entry.precision != "country" and small
            and bool(anchors)
            and all(entry.km_to(anchor.lat, anchor.lon) > _NAMESAKE_KM for anchor in anchors))


def _situating_unit(text: str, candidate: _Candidate, entry: GazetteerEntry,
                    after: list[tuple[_Candidate, GazetteerEntry]]) -> tuple[GazetteerEntry, str] | None:
    """A district or province the words name as holding the place ("X town (A district, B state)", "X, A",
    "X in A", "X in A province" where the gazetteer knows A as a town) in another country or province than the
    entry found for the place's name, far from it: that entry is a namesake of a place the gazetteer lacks
    ("Kani (Yinmarbin district, Sagaing region)" is not the town in Japan, an "Umm Dukhun (Kereneik, West
    Darfur)" not the one in Central Darfur), unless it is curated, a country, or a well-known place under its
    own name. Returned with the unit's precision. ``after``: the places named after it, in order."""
    if entry.curated or entry.precision == "country" or (
            entry.prominence >= _MIN_PROMINENCE_SITUATED and normalise(entry.name) == normalise(candidate.text)):
        return None
    for other, unit in after:
        if other.sentence != candidate.sentence:
            break
        if SITUATED_BY.fullmatch(text, candidate.end, other.start):
            precision = unit.precision if unit.precision != "exact" else _hinted_precision(other.hint)
            return (unit, precision) if precision in ("district", "province") and _outside(entry, unit) else None
    return None


def _outside(entry: GazetteerEntry, unit: GazetteerEntry) -> bool:
    """Whether the entry lies in another country than the unit, or in another province and far from it."""
    if unit.country != entry.country:
        return True
    other_province = bool(entry.admin1 and unit.admin1) and normalise(entry.admin1) != normalise(unit.admin1)
    return other_province and entry.km_to(unit.lat, unit.lon) > _SAME_UNIT_KM


def _situated_by(candidate: _Candidate, unit: GazetteerEntry, precision: str) -> Place:
    """The place kept by name in the unit that holds it, located no finer than that unit."""
    return Place(name=fold(" ".join(candidate.text.split())), admin1=unit.admin1 or unit.name, country=unit.country,
                 lat=round(unit.lat, 4), lon=round(unit.lon, 4), precision=precision)


# ------------------------------------------------------------------ candidates


def _is_name_word(token: Token) -> bool:
    return _name_word(token.text)


def _name_word(text: str) -> bool:
    return text[:1].isupper() and any(ch.isalpha() for ch in text)


@dataclass
class _Tokens:
    """What the candidate search reads of each token, read from spaCy once a document (a token object is
    made at every ``doc[i]``, and runs of tokens are read many times over)."""

    text: list[str]
    lower: list[str]
    space: list[bool]  # followed by whitespace
    start: list[int]  # character offsets
    name: list[bool]  # a name word

    @classmethod
    def of(cls, doc: Doc, whole: str) -> _Tokens:
        columns = doc.to_array([IDX, LENGTH, SPACY]).tolist()
        texts = [whole[start:start + length] for start, length, _ in columns]
        return cls(texts, [text.lower() for text in texts], [bool(space) for _, _, space in columns],
                   [start for start, _, _ in columns], [_name_word(text) for text in texts])

    def end(self, i: int) -> int:
        return self.start[i] + len(self.text[i])

    def span_text(self, first: int, last: int) -> str:
        return "".join(self.text[i] + (" " if self.space[i] and i < last - 1 else "") for i in range(first, last))


def _candidates(doc: Doc, text: str, gazetteer: Gazetteer) -> list[_Candidate]:
    """``text``: the report's, which the doc was made from (``doc.text`` would build it again from every token)."""
    found = []
    tokens = _Tokens.of(doc, text)
    i = 0
    while i < len(doc):
        candidate = _longest_match(tokens, i, gazetteer) if tokens.name[i] else None
        if candidate is None:
            i += 1
            continue
        found.append(candidate)
        i = candidate.last
    _share_plural_hints(found, text)
    return found


def _share_plural_hints(candidates: list[_Candidate], text: str) -> None:
    """In "Khost and Paktika provinces" the kind word belongs to both names."""
    for left, right in reversed(list(zip(candidates, candidates[1:], strict=False))):
        between = text[left.end:right.start].strip()
        if left.hint is None and right.hint and right.hint.endswith("s") and between in (",", "and", ", and", "or"):
            left.hint = right.hint


def _longest_match(tokens: _Tokens, first: int, gazetteer: Gazetteer) -> _Candidate | None:
    """The longest run of name words from ``first`` that the gazetteer knows."""
    ends = []
    words = 0
    count = len(tokens.text)
    for last in range(first + 1, min(first + MAX_NAME_TOKENS, count) + 1):
        text = tokens.text[last - 1]
        hyphened = last > first + 2 and tokens.text[last - 2] == "-" and not tokens.space[last - 2]
        if tokens.name[last - 1]:
            words += 1
        elif (tokens.lower[last - 1] not in _JOINERS and not hyphened) or last == first + 1:  # "Pakistan-administered"
            break
        if words > MAX_NAME_WORDS or (last > first + 1 and tokens.space[last - 2] and text == "-"):
            break
        if tokens.name[last - 1]:
            ends.append(last)
    for last in reversed(ends):
        name = tokens.span_text(first, last)
        hint = tokens.lower[last] if last < count and tokens.lower[last] in _HINT_WORDS else None
        if hint and not tokens.name[last]:
            with_hint = gazetteer.lookup(f"{name} {hint}")
            if with_hint and hint in _EXACT_WORDS:
                return _Candidate(tokens.start[first], tokens.end(last), first, last + 1, with_hint, None,
                                  named_by_entry=True)
            if with_hint:
                return _Candidate(tokens.start[first], tokens.end(last - 1), first, last, with_hint, hint)
        entries = gazetteer.lookup(name)
        if entries:
            return _Candidate(tokens.start[first], tokens.end(last - 1), first, last, entries, hint)
    return None


# ------------------------------------------------------------------ is it a place here?


def _entity_over(candidate: _Candidate, doc: Doc, covered: set[int]) -> tuple[str | None, bool]:
    """The NER label over the candidate, and whether that entity holds name words that are not
    other known places ("Tehran Police Command", "Badami Bagh", but not "Fordow and Isfahan", nor the
    kind of unit in "Rakhine State", "Rathedaung Township")."""
    for token in doc[candidate.first:candidate.last]:
        if token.ent_type_:
            ent_start = token.i
            while doc[ent_start].ent_iob_ == "I" and ent_start > 0:
                ent_start -= 1
            ent_end = token.i + 1
            while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I":
                ent_end += 1
            unit_word = candidate.last + (candidate.hint in _DISTRICT_WORDS | _PROVINCE_WORDS)
            outside = [*doc[ent_start:candidate.first], *doc[max(unit_word, ent_start):ent_end]]
            adjacent = (candidate.first - 1, candidate.last)  # "Badami Bagh": one name, even if "Bagh" is known
            return token.ent_type_, any(_is_name_word(t) and t.lower_ != "the"
                                        and (t.i not in covered or t.i in adjacent) for t in outside)
    return None, False


def _is_place(candidate: _Candidate, doc: Doc, countries: set[str], covered: set[int]) -> bool:
    """Step 2 of the module docstring; ``countries`` are those the report names or its names point to."""
    if normalise(candidate.text) in _NEVER_PLACES:
        return False
    if _situating_list(candidate, doc):
        return True  # "Maxaas town (Bulo Burto, Hiraan)"
    # "the town of Macomia", whatever the model tags it (not "the town of Pont Sonde": "Pont" is not its name)
    if _called_a_place(candidate, doc) and not _next_to_unknown_name(candidate, doc):
        return True
    label, larger = _entity_over(candidate, doc, covered)
    best = candidate.entries[0]
    if larger and (label in _CONTAINING_LABELS or not best.curated):
        return False
    if not best.curated and label not in _PLACE_LABELS and _next_to_unknown_name(candidate, doc):
        return False
    if _ends_an_organisation_name(candidate, doc) or _qualifies_a_word(candidate, doc):
        return False
    # the model tags many one-word places as people: a well-known curated one ("Kyiv") is trusted, and so
    # is one the words call a place ("Rostov region")
    if label == "PERSON" and candidate.hint is not None and (
            not countries or any(entry.country in countries for entry in candidate.entries)):
        return True
    # "in Pachuca, Hidalgo": after a locative word, a town of the report's countries (or a big one) is
    # a place whatever the model says
    if label == "PERSON" and _after_locative(candidate, doc) and any(
            entry.country in countries or entry.prominence >= _MIN_PROMINENCE_FROM_CONTEXT
            for entry in candidate.entries):
        return True
    # and many one-word towns after "in" or "near" as organisations ("a protest in Sarande"): a town of the
    # report's countries, a big one, or any when the report names no country, is a place there
    if label == "ORG" and candidate.last - candidate.first == 1 and _after_locative(candidate, doc) and (
            not countries or any(entry.country in countries or entry.prominence >= _MIN_PROMINENCE_FROM_CONTEXT
                                 for entry in candidate.entries)):
        return True
    doubtful_person = label == "PERSON" and candidate.last - candidate.first == 1 and best.prominence < 100_000
    # "Nasir County" in a report on South Sudan: a little-known namesake abroad is not the place meant
    at_home = not countries or any(entry.country in countries or entry.prominence >= _MIN_PROMINENCE_FROM_CONTEXT
                                   for entry in candidate.entries)
    if (best.curated and not doubtful_person) or (candidate.hint and label != "PERSON" and at_home):
        return True
    # "a blast in Quetta" tagged as a work of art: a big town after a place word is still the town
    misread = label in _MISREAD_LABELS and candidate.last - candidate.first == 1
    if misread and best.prominence >= _MIN_PROMINENCE_MISREAD and _place_context(candidate, doc):
        return True
    if label in _NOT_PLACE_LABELS or (label == "PERSON" and not best.curated):
        return False
    known = best.curated or any(entry.country in countries or entry.precision == "country"
                                or entry.prominence >= _MIN_PROMINENCE_FROM_CONTEXT for entry in candidate.entries)
    if label in _PLACE_LABELS:
        if not countries and _after_locative(candidate, doc):
            return True  # "a house in Arauquita" in a report that names no country: nothing is abroad
        # a little-known town abroad is more often the model misreading a name ("spoke to Dar")
        return known or candidate.last - candidate.first > 1
    first = doc[candidate.first]
    if label is None and any(entry.precision == "country" for entry in candidate.entries):
        return not first.is_upper
    if first.is_upper or first.is_sent_start:
        return False
    return known and _place_context(candidate, doc)


def _situating_list(candidate: _Candidate, doc: Doc) -> bool:
    """A district or province in the parentheses that situate the name before them: "Maxaas town (Bulo Burto,
    Hiraan)", "Ma Mon village (Mohnyin township, Kachin state)"."""
    if not any(entry.precision in ("district", "province") for entry in candidate.entries):
        return False
    before = doc[max(0, candidate.first - _PARENTHESIS_TOKENS):candidate.first].text
    return _PARENTHETICAL_UNIT.search(before) is not None


def _after_locative(candidate: _Candidate, doc: Doc) -> bool:
    return candidate.first > 0 and doc[candidate.first - 1].lower_ in _LOCATIVE_BEFORE


def _called_a_place(candidate: _Candidate, doc: Doc) -> bool:
    """"the city of Taiz", "the village of Keran": a kind word and "of" right before the name."""
    return (candidate.first >= 2 and doc[candidate.first - 1].lower_ == "of"
            and doc[candidate.first - 2].lower_ in _EXACT_WORDS | _DISTRICT_WORDS | _PROVINCE_WORDS)


def _next_to_unknown_name(candidate: _Candidate, doc: Doc) -> bool:
    """"Moo Pa base": a known name glued to capitalised words the gazetteer does not know."""
    before = doc[candidate.first - 1] if candidate.first > 0 else None
    after = doc[candidate.last] if candidate.last < len(doc) else None
    glued_before = (before is not None and bool(before.whitespace_) and _is_name_word(before)
                    and not before.is_sent_start and before.lower_ not in _JOINERS)
    glued_after = (after is not None and _is_name_word(after) and bool(doc[candidate.last - 1].whitespace_)
                   and after.lower_ not in _DISTRICT_WORDS | _PROVINCE_WORDS)  # not its kind: "Rakhine State"
    return glued_before or (glued_after and candidate.entries[0].precision != "country")


def _ends_an_organisation_name(candidate: _Candidate, doc: Doc) -> bool:
    """"Tehrik-i-Taliban Pakistan": the place closes the name of a group the model tagged apart."""
    if candidate.first == 0:
        return False
    before = doc[candidate.first - 1]
    return (bool(before.whitespace_) and _is_name_word(before)
            and (before.ent_type_ in ("ORG", "PERSON", "NORP") or normalise(before.text) in _NEVER_PLACES))


def _qualifies_a_word(candidate: _Candidate, doc: Doc) -> bool:
    """"a Pakistan-based group", "Iran-backed militias": the name only qualifies what follows."""
    end = candidate.last
    return (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
            and not doc[end].whitespace_ and doc[end + 1].is_lower)


def _place_context(candidate: _Candidate, doc: Doc) -> bool:
    """Do the words around the candidate say it is a place ("in X", "near X", "X's", "province's X")?"""
    if candidate.hint is not None:
        return True
    before = doc[candidate.first - 1].lower_ if candidate.first > 0 else ""
    after = doc[candidate.last].lower_ if candidate.last < len(doc) else ""
    return before in _PLACE_BEFORE or before in _POSSESSIVE or after in _POSSESSIVE


def _drop_border_pairs(candidates: list[_Candidate], doc: Doc) -> list[_Candidate]:
    """"the Afghanistan-Pakistan border" names a line, not a place: drop both countries."""
    dropped = set()
    for left, right in zip(candidates, candidates[1:], strict=False):
        joined = left.last == right.first - 1 and doc[left.last].text in ("-", "–")
        both_countries = all(c.entries[0].precision == "country" for c in (left, right))
        if joined and both_countries:
            dropped.update((id(left), id(right)))
    return [c for c in candidates if id(c) not in dropped]


# ------------------------------------------------------------------ which namesake


def _choose(candidate: _Candidate, candidates: list[_Candidate], countries: set[str],
            owner: str | None = None) -> GazetteerEntry:
    """The entry that fits the context best (see the module docstring, step 3); ``owner``: the country a
    possessive says the place belongs to."""
    in_owner = [entry for entry in candidate.entries if entry.country == owner]
    if in_owner and len(in_owner) < len(candidate.entries):
        return _choose(replace(candidate, entries=in_owner), candidates, countries)
    if len(candidate.entries) == 1:
        return candidate.entries[0]
    neighbours = [c for c in candidates if c is not candidate and c.sentence == candidate.sentence]
    near_names = {strip_unit_word(normalise(c.text)) for c in neighbours}
    near_countries = {e.country for c in neighbours for e in c.entries if e.precision == "country"}
    # the one country of a neighbour known nowhere else ("Karin village (Bossaso, Bari)": Bossaso lies in Somalia)
    near_units = {c.entries[0].country for c in neighbours if len({e.country for e in c.entries}) == 1}
    wanted = _hinted_precision(candidate.hint)
    key = normalise(candidate.text)

    def score(entry: GazetteerEntry) -> float:
        value = math.log10(entry.prominence + 10)
        # a match on an alternate (often historic) name counts for a thirtieth of the population
        value -= 0.0 if strip_unit_word(normalise(entry.name)) == strip_unit_word(key) else 1.5
        value += 5.0 if entry.curated else 0.0
        value += 2.5 if entry.country in countries else 0.0
        value += 3.0 if entry.country in near_countries else 2.5 if entry.country in near_units else 0.0
        if entry.admin1 and strip_unit_word(normalise(entry.admin1)) in near_names and entry.precision != "province":
            value += 4.0
        if wanted is not None:
            value += 3.0 if entry.precision == wanted else 0.0
        elif entry.precision in ("district", "province"):
            value -= 1.0
        return value

    best = max(candidate.entries, key=score)
    if wanted is None and best.kind in ("province", "district"):
        towns = [e for e in candidate.entries if e.precision == "exact" and e.country == best.country
                 and e.km_to(best.lat, best.lon) <= 60]
        return max(towns, key=score) if towns else best
    return best


def _hinted_precision(hint: str | None) -> str | None:
    """The precision a kind word asks for; vague words ("region", "area") ask for none."""
    if hint in _DISTRICT_WORDS:
        return "district"
    if hint in _PROVINCE_WORDS:
        return "province"
    if hint in _EXACT_WORDS:
        return "exact"
    return None


def _place(candidate: _Candidate, entry: GazetteerEntry) -> Place:
    """The record's place: the name as written, unless the entry's own name is better."""
    surface = " ".join(candidate.text.split())
    # the entry's spelling mends case ("GOMA", "Gaza city") but not when it adds marks ("Ryazan’")
    same_name = normalise(surface) == normalise(entry.name) and _marks(entry.name) == _marks(surface)
    name = entry.name if candidate.named_by_entry or entry.precision == "country" or same_name else surface
    precision = entry.precision
    wanted = _hinted_precision(candidate.hint)
    if wanted in ("district", "province") and precision != "country":
        precision = wanted
    # accents the report writes stay ("Cúcuta"); romanisation marks ("Khōst") and the gazetteer's do not
    written = without_romanisation(surface) if not surface.isascii() and normalise(surface) == normalise(name) \
        else fold(name)
    return Place(name=written, admin1=entry.admin1, country=entry.country,
                 lat=round(entry.lat, 4), lon=round(entry.lon, 4), precision=precision)


def _marks(name: str) -> set[str]:
    return {ch for ch in name if not ch.isalnum() and not ch.isspace()}
