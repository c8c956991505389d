"""Places the gazetteer cannot name by themselves, for the places stage: villages too small for it and sites
it does not hold (parks, oil fields, beaches, a town the model names after "in"), situated by the places
named with them, and "the capital" of the country a report is about."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ceasefire.extraction.actors.states import country_of_demonym
from ceasefire.extraction.places.gazetteer import Gazetteer, GazetteerEntry, fold, normalise
from ceasefire.extraction.report import PlaceMention, Report
from ceasefire.records import Place

# "the village of Xa", "the villages of Xa, Xb and Xc", "the rural town of Xa", "Xa town": a settlement too
# small for the gazetteer.
_NAME = r"(?:(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|et|ez)-)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}"  # "al-Luweib"
_NAME_START = r"\b(?!(?:In|On|At|Near|The|From|To|And|Of|A|An)\b)"  # a name, not a capitalised sentence opener
# "the capital", "the Togolese capital", "Togo's capital", "the capital of Togo"; not "capital punishment".
_THE_CAPITAL = re.compile(r"(?P<phrase>(?:\b[Tt]he\s+(?:(?P<demonym>[A-Z][\w-]+)\s+)?|(?<=['’]s\s))capital\b)"
                          r"(?!\s+(?:city\s+of|punishment)\b)(?P<of>\s+of\s+(?:the\s+)?)?")
_VILLAGE_OF = re.compile(
    rf"\b(?:village|hamlet|settlement|locality|town|cit(?:y|ie))s?\s+of\s+({_NAME}(?:(?:\s*,\s*|,?\s+and\s+){_NAME})*)"
    rf"|{_NAME_START}({_NAME})\s+(?:village|hamlet|settlement|locality|town)\b"
    # "Mbatu, a locality in the Northwest Region", "X, a small farming village near Y"
    rf"|{_NAME_START}({_NAME}),\s+an?\s+(?:[a-z-]+\s+){{0,2}}"
    rf"(?:village|hamlet|settlement|locality|community|town)\s+(?:in|near|of|outside)\b")
_NAME_IN_LIST = re.compile(_NAME)
# "a Kuki-dominated village", "a rebel-held town": words that describe a village, not its name
_DESCRIBES = re.compile(r"-(?:dominated|majority|held|controlled|led|backed|run|based|populated|inhabited|speaking)$")
# "the Tauke oil field", "the Zamzam displacement camp", "Ain al-Asad airbase": a site named with its kind
_KIND_SITE = re.compile(rf"{_NAME_START}(?P<name>{_NAME})\s+(?:oil\s?field|gas\s?field"
                        r"|(?:refugee|displacement|displaced|IDP)\s+camp|air\s?base)s?\b")
_SITUATING_ORDER = ("district", "province", "exact", "country")  # which nearby place best situates a village
_RIGHT_AFTER = 60  # "X village in Y": how far after a village the place that situates it may begin
# between a village and the place that situates it: "X (A, B)", "X, in A", "X village, near the army-held city of A"
SITUATING_GAP = re.compile(r"(?:\s+(?:village|hamlet|settlement|locality|town|area|camp|district|quarter))?"
                           r"(?:\s*[,(]\s*|,?\s+(?:in|near|of|outside)\s+(?:the\s+)?"
                           r"(?:(?:[\w-]+\s+)?(?:city|town)\s+of\s+)?)")
_NOT_VILLAGE_LABELS = frozenset({"NORP", "DATE", "TIME", "MONEY", "CARDINAL"})
_SITE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LOCATIVE_GAP = re.compile(r"\b(?:in|at|near|outside|around|inside|into|on\s+the\s+outskirts\s+of|(?:town|city|village"
                           r"|area|district)\s+of)\s+(?:the\s+)?$", re.I)
# regions, seas and the like: too wide to be where an incident happened; a name glued to a possessive
_TOO_WIDE = re.compile(r"\b(?:Region|Sea|Ocean|Gulf|Africa|Asia|Europe|America)\b|['’]s\w")
# "Islamic State in the Greater Sahara", "Daesh in West Africa": a capitalised word before "in" makes a name
_NAMED_IN = re.compile(r"\b(?-i:[A-Z])[\w-]+\s+(?:in|of)\s+(?:the\s+)?$")
_POSSESSIVE_BEFORE = re.compile(r"\b[A-Z][a-z]+['’]s\s+$")  # "Benin's W National Park"
# right after a country's possessive: "Iraq's Kurdistan" (narrower than the places stage's words between a country
# and a unit named with its kind: in "Myanmar's regime at Ramree town" the possessive owns the regime)
_POSSESSIVE = re.compile(r"['’]s\s+(?:the\s+)?")
_SITE_WORD = re.compile(r"(?:\s+(?:oil\s+|gas\s+)?)?\b(?:Park|Beach|Field|field|Airport|University|Camp|Base|Market"
                        r"|Bridge|Dam|Port|Hospital|Forest|Valley|Hills?|Mountains?|Reserve|Crossing"
                        r"|township|district|county|municipality|commune|village|town)\b")


def capital_mentions(report: Report, gazetteer: Gazetteer, known: list[PlaceMention],
                     named_countries: Counter) -> list[PlaceMention]:
    """"the capital", "the Togolese capital", "Togo's capital", "the capital of Togo": the capital of the country
    named with it (by its name or its demonym), else of the country the report names most."""
    found = []
    for match in _THE_CAPITAL.finditer(report.text):
        country = _country_of_capital(report.text, match, known, named_countries)
        town = gazetteer.capital(country) if country else None
        if town is not None:
            start, end = match.span("phrase")
            found.append(PlaceMention(start=start, end=end, text=match["phrase"], place=_place_of(town)))
    return found


def _country_of_capital(text: str, match: re.Match, known: list[PlaceMention], named_countries: Counter) -> str | None:
    """The country whose capital "the capital" is; None when the words name the town ("the capital Kabul", "the
    capital, Lome") or a province's ("the capital of Khost province")."""
    start, end = match.span("phrase")
    countries = [m for m in known if m.place.precision == "country"]
    if match["of"]:
        return next((m.place.country for m in countries if m.start == match.end()), None)
    if any(m.start < end and start < m.end or 0 <= m.start - end <= 2 for m in known):
        return None
    before = [m for m in countries if m.end <= start and re.fullmatch(r"['’]s\s+", text[m.end:start])]
    if before:
        return before[-1].place.country
    demonym = country_of_demonym(match["demonym"]) if match["demonym"] else None
    return demonym or (named_countries.most_common(1)[0][0] if named_countries else None)


def unlisted_sites(report: Report, gazetteer: Gazetteer, known: list[PlaceMention], named_countries: Counter,
                   not_places: frozenset[str]) -> list[PlaceMention]:
    """Places the model names (GPE, LOC, FAC) that no gazetteer holds in the report's countries (one it holds
    there and the places stage left out was left out for a reason; one it holds only abroad is a namesake),
    where the words say they are places: after "in", "at", "near" ("a police station in Tanougou"), after a
    country's possessive ("Benin's W National Park"), or named with a kind of site ("Lido Beach", "the Tawke
    oil field"). Kept by name, at the town whose name opens theirs ("Erbil International Airport", as a
    district), else in the country of the places named with them (see :func:`_situated`)."""
    found = []
    main_country = _theatre(known, named_countries)
    taken = [*known, *report.actors]
    for entity in report.doc.ents:
        if entity.label_ not in _SITE_LABELS or normalise(entity.text) in not_places:
            continue
        start, end = entity.start_char, entity.end_char
        if entity[0].lower_ == "the":
            start = entity[1].idx if len(entity) > 1 else end
        if start >= end or report.text.startswith("-", end) or any(m.start < end and start < m.end for m in taken):
            continue  # "Iran-backed": a name that describes something else
        before, name = report.text[max(0, start - 30):start], report.text[start:end]
        sited = _SITE_WORD.search(name) or _SITE_WORD.match(report.text, end)
        if _TOO_WIDE.search(name) or (entity.label_ == "LOC" and not sited) or _NAMED_IN.search(before):
            continue  # "the Caribbean" (a LOC), "Kurdistan Region"; "Islamic State in the Greater Sahara" is a group
        if not (_LOCATIVE_GAP.search(before) or _POSSESSIVE_BEFORE.search(before) or sited):
            continue
        line = report.line_at(start)
        countries = {m.place.country for m in known if line[0] <= m.start < line[1]}
        home = {main_country, *countries} - {None}
        if any(not home or entry.country in home or entry.precision == "country"
               for entry in gazetteer.lookup(entity.text)):
            continue  # a name the gazetteer holds there (or a country's) the places stage left out for a reason
        town = _town_it_is_named_after(name, gazetteer, {*named_countries, *home}) if sited else None
        place = _situated(name, end, report, known, main_country) if town is None else replace(
            _place_of(town), name=fold(name), precision="district")  # near the town, as a situated site
        found.append(PlaceMention(start=start, end=end, text=name, place=place))
    return found


def _town_it_is_named_after(name: str, gazetteer: Gazetteer, countries: set[str]) -> GazetteerEntry | None:
    """ "Erbil International Airport", "Tawke oil field": the town whose name opens a site's, in the report's main
    country or one of the places named with the site."""
    words = name.split()
    for count in range(min(3, len(words) - 1), 0, -1):
        if not _SITE_WORD.search(" ".join(words[count:])):
            continue  # "West Imphal" is no site named after a town "West"
        towns = [e for e in gazetteer.lookup(" ".join(words[:count]))
                 if e.precision == "exact" and e.country in countries]
        if towns:
            return max(towns, key=lambda e: e.prominence)
    return None


def unlisted_villages(report: Report, known: list[PlaceMention], named_countries: Counter,
                      not_places: frozenset[str]) -> list[PlaceMention]:
    """Places the gazetteer lacks, named as villages ("the village of X", "X village", "X, a village
    in Y"), unless ``not_places`` holds the name: kept by name, in the country (and province) of the
    finest known place in the sentence, whose coordinates they take at that place's precision (a
    town's as "district"); else in the report's main country, without coordinates."""
    found = []
    main_country = _theatre(known, named_countries)
    for match in _KIND_SITE.finditer(report.text):  # "the Tauke oil field": the kind word is part of its name
        start, end = match.span()
        span = report.doc.char_span(start, match.end("name"), alignment_mode="expand")
        if span is not None and not any(m.start < end and start < m.end for m in [*known, *found]) \
                and normalise(match["name"]) not in not_places \
                and not any(token.ent_type_ in _NOT_VILLAGE_LABELS for token in span):  # "Norwegian oil fields"
            found.append(PlaceMention(start=start, end=end, text=match.group(),
                                      place=_situated(match.group(), end, report, known, main_country)))
    for match in _VILLAGE_OF.finditer(report.text):
        group = next(i for i in (1, 2, 3) if match.group(i))
        for name in _NAME_IN_LIST.finditer(match.group(group)):
            start, end = match.start(group) + name.start(), match.start(group) + name.end()
            span = report.doc.char_span(start, end, alignment_mode="expand")
            if (span is None or any(m.start < end and start < m.end for m in [*known, *found])
                    or normalise(name.group()) in not_places or _DESCRIBES.search(name.group())
                    or any(token.ent_type_ in _NOT_VILLAGE_LABELS for token in span)):
                continue
            found.append(PlaceMention(start=start, end=end, text=name.group(),
                                      place=_situated(name.group(), end, report, known, main_country)))
    return found


def _theatre(known: list[PlaceMention], named_countries: Counter) -> str | None:
    """The country most of the report's places lie in (its towns and provinces count, not only the countries it
    names: a report on strikes in Iraq may name the United States more often than Iraq)."""
    countries = Counter(m.place.country for m in known if m.place.country) or named_countries
    return countries.most_common(1)[0][0] if countries else None


def _situated(name: str, end: int, report: Report, known: list[PlaceMention], main_country: str | None) -> Place:
    """A place no gazetteer holds, kept by name in the country (and province) of the known place named right
    after it ("Pa Zi Gyi village in Kanbalu township, Sagaing region", "Um Sidir (Kutum locality, ...)"),
    else in the country whose possessive it follows ("Iraq's Kurdistan"), else of the finest known place in its
    sentence (cut at line breaks: a dateline is not the next line's), whose coordinates it takes at that place's
    precision (a town's as "district"); else in the report's main country, without coordinates. A name the report
    places elsewhere in its text ("a monastery in Xa", then "Xa in A province") is that place."""
    named = [m.place for m in known if normalise(m.text) == normalise(name) and m.place.lat is not None]
    if named:
        return named[0]
    first, last = report.line_at(end - 1)
    after = [m for m in known if end <= m.start < min(end + _RIGHT_AFTER, last)
             and m.place.precision != "country" and SITUATING_GAP.fullmatch(report.text, end, m.start)]
    owner = next((m.place for m in known if m.place.precision == "country"
                  and _POSSESSIVE.fullmatch(report.text, m.end, end - len(name))), None)
    if owner is not None and not after:  # "Iraq's Kurdistan"
        return Place(name=fold(name), country=owner.country, precision="exact")
    nearby = [m.place for m in known if first <= m.start < last]
    near = min(after, key=lambda m: m.start).place if after else min(
        nearby, key=lambda place: _SITUATING_ORDER.index(place.precision), default=None)
    place = Place(name=fold(name), admin1=near.admin1 if near else None,
                  country=near.country if near else main_country, precision="exact")
    if near is not None and near.precision != "country" and near.lat is not None:
        # located no finer than the place that situates it: "Leego village (Buur Hakaba, Bay)"
        place = replace(place, lat=near.lat, lon=near.lon,
                        precision="district" if near.precision == "exact" else near.precision)
    return place


def _place_of(entry: GazetteerEntry) -> Place:
    return Place(name=fold(entry.name), admin1=entry.admin1, country=entry.country, lat=round(entry.lat, 4),
                 lon=round(entry.lon, 4), precision=entry.precision)
