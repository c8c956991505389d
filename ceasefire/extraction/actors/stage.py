"""Actors stage: who the report is about, under the names the spec wants.

States, armed groups, organisations and media are found by one table of surface forms
(the curated ``data/actors.json``, every other state from countryinfo's table of the world's countries
(:mod:`.states`), then the register of groups worldwide that ``make train`` builds from ACLED's coding,
``models/actor_register.json``) compiled into a single regular expression: aliases ("TTP", "IDF"),
demonyms ("Afghan", "Pakistanis"), capitals used as actors ("Kabul denies", not "in Kabul").
A demonym or a state's possessive followed by a collective noun ("Afghan civilians",
"Pakistan's army") becomes one mention whose ``group`` says which part of the state is meant.
Bodies the table does not know ("the Lakeside Relief Network") are named as the text writes
them (see :mod:`ceasefire.extraction.actors.organisations`), so their words and figures are not
given to the nearest known party. People come from spaCy's PERSON entities (see
:mod:`ceasefire.extraction.actors.people`); later surname-only mentions resolve to the full name first given.

Other stages read the mentions from ``report.actors`` (see ``Report.within``) and names through
:func:`canonical_actor`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ceasefire.extraction import MODELS
from ceasefire.extraction.actors.organisations import OrganisationWords, find_organisations
from ceasefire.extraction.actors.people import PeopleRules, find_people
from ceasefire.extraction.actors.states import ACTORS_FILE, states, world_states
from ceasefire.extraction.report import ActorMention, Report

# Groups worldwide from ACLED's coding, below the curated table (built by training/actor_register.py).
REGISTER = MODELS / "actor_register.json"

# Collective nouns naming the victims of violence; "government" nouns only widen the mention.
VICTIM_GROUPS = ("civilians", "security_forces", "militants")
# "Rwanda-backed", "Doha-brokered" name an actor; other hyphenated forms ("Pakistan-based",
# "Pakistan-administered") use the name as a place.
_NOT_ACTING = (r"(?!(?:backed|brokered|led|run|mediated|sponsored|supported|allied|aligned|affiliated|linked|"
               r"controlled|held|funded|armed|trained|proposed|hosted)\b)")
# Nouns for the fighters of a group, after its name: "ELN rebels", "Zama militiamen".
_FIGHTER_NOUNS = ("rebels", "militants", "militia", "militias", "militiamen", "fighters", "insurgents", "guerrillas",
                  "guerrilla", "jihadists", "separatists", "gunmen")
# How a report introduces a group no table lists: "the dissident faction known as the EMC", "the
# Popular Defence Front (PDF)". Its later mentions ("the EMC") are that group.
_GROUP_NOUN = (r"(?:group|faction|militia|movement|rebels|insurgents|guerrillas|coalition|alliance|outfit|splinter"
               r"|offshoot|organi[sz]ation)")
_KNOWN_AS = re.compile(rf"\b{_GROUP_NOUN}\s+(?:(?:now\s+)?known|called|calling\s+itself|named)\s+(?:as\s+)?(?:the\s+)?"
                       r"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4})")
_ARMED_HEAD = r"(?:Army|Front|Forces|Brigades?|Militia|Movement|Alliance|Coalition|Guard|Battalions?|Command)"
_PAIRING = (r"(?:and|or|against|versus|vs\.?|accused|accuses|blamed|blames|attacked|attacks|ambushed|fought"
            r"|clashed\s+with|clash\s+with)")
_PAIRED_AFTER = re.compile(rf"\s+{_PAIRING}\s+(?:the\s+)?(?P<acronym>[A-Z]{{2,7}})(?![\w-])")
_PAIRED_BEFORE = re.compile(rf"(?<![\w-])(?P<acronym>[A-Z]{{2,7}})\s+{_PAIRING}\s+(?:the\s+)?$")
_GOVERNMENT_FORCES = re.compile(r"\b(?:[Gg]overnment|[Ss]tate)(?:\s+security)?\s+(?:forces|troops|soldiers)\b")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&/-]{1,9}")  # "SNA", "M23", "KIO/KIA"
_NAME_WITH_ACRONYM = re.compile(
    rf"\b(?P<name>[A-Z][\w'’-]*(?:\s+(?:of|for|the|and|[A-Z][\w'’-]*)){{0,6}}\s+{_ARMED_HEAD})"
    r"\s+\((?P<acronym>[A-Z][A-Za-z0-9-]{1,9})\)")
# Capitalised words that open a sentence or a headline rather than name a group.
_OPENERS = frozenset({"The", "A", "An", "Armed", "Suspected", "Islamist", "Jihadist", "Rebel", "Local", "Some", "Two",
                      "Three", "Several", "Many", "Other", "Unidentified", "Unknown", "Masked", "Heavily", "Rival",
                      "Former", "Tribal", "Ethnic", "Allied", "Pro-government", "Anti-government", "Government",
                      "Opposition", "Militant", "When", "After", "Before", "While", "As", "But", "And", "Meanwhile"})
# A capital after one of these is a place, not the government seated there.
_LOCATIVES = frozenset({"in", "near", "at", "to", "from", "into", "outside", "around", "across", "toward", "towards",
                        "via", "of", "through", "inside", "within", "over", "above", "beyond", "capital", "the"})


@dataclass(frozen=True)
class ActorEntry:
    """What one surface form stands for."""

    name: str
    kind: str  # state | armed_group | organisation | media | person
    country: str | None
    role: str = "alias"  # alias | demonym | capital
    since: str | None = None  # the alias holds for reports published on or after this date
    until: str | None = None  # ... or before this date
    office: str | None = None  # people only
    affiliation: str | None = None  # people only
    # an acronym of the register's, for a group of one country: it stands for the group only in a report that
    # places nothing, or something in that country ("SNA" is Myanmar's Shanni Nationalities Army in a report
    # on Myanmar, and Somalia's army in one on Somalia)
    local: bool = False

    def holds_on(self, published: dt.date | None) -> bool:
        day = (published or dt.date.today()).isoformat()
        return (self.since is None or day >= self.since) and (self.until is None or day < self.until)


class ActorTable:
    """The surface forms of known actors, compiled once; pass it to :func:`find_actors`."""

    def __init__(self, surfaces: dict[str, list[ActorEntry]], collectives: dict[str, str], rules: PeopleRules,
                 organisation_words: OrganisationWords) -> None:
        self.surfaces = surfaces
        self.collectives = collectives
        self.rules = rules
        self.organisation_words = organisation_words
        self.place_nouns = rules.place_nouns
        self.pattern = _alternation(surfaces)
        nouns = "|".join(re.escape(n) for n in sorted(collectives, key=len, reverse=True))
        self.collective_after = re.compile(rf"(?:['’]s)?[^\S\n]+({nouns})\b(?!-)", re.IGNORECASE)
        fighters = "|".join(re.escape(n) for n in sorted(_FIGHTER_NOUNS, key=len, reverse=True))
        self.fighters_after_name = re.compile(
            rf"(?<![\w’'-])([A-Z][A-Za-z’'-]+(?:[^\S\n]+[A-Z][A-Za-z’'-]+){{0,2}})[^\S\n]+(?:{fighters})\b")

    @classmethod
    def load(cls, path: Path = ACTORS_FILE, register: Path | None = REGISTER) -> ActorTable:
        data = json.loads(path.read_text(encoding="utf-8"))
        surfaces: dict[str, list[ActorEntry]] = {}

        def add(surface: str | dict, **fields: str | None) -> None:
            if isinstance(surface, dict):
                fields = {**fields, "since": surface.get("since"), "until": surface.get("until")}
                surface = surface["text"]
            surfaces.setdefault(surface, []).append(ActorEntry(**fields))

        for state in [*data["states"], *world_states(data["states"])]:
            base = {"name": state["name"], "kind": "state", "country": state["country"]}
            for role, key in (("alias", "aliases"), ("demonym", "demonyms"), ("capital", "capitals")):
                for surface in state.get(key, []):
                    add(surface, **base, role=role)
        for org in data["organisations"]:
            for surface in [org["name"], *org["aliases"]]:
                add(surface, name=org["name"], kind=org["kind"], country=org["country"])
        for person in data["people"]:
            for surface in [person["name"], *person["aliases"]]:
                add(surface, name=person["name"], kind="person", country=None, office=person["office"],
                    affiliation=person["affiliation"])
        for state in data["states"]:  # after the state whose own word it is ("Nigerian": Nigeria, then Niger)
            for surface in state.get("borrowed_demonyms", []):
                add(surface, name=state["name"], kind="state", country=state["country"], role="demonym")
        curated = set(surfaces)
        for org in json.loads(register.read_text(encoding="utf-8"))["organisations"] if register else []:
            for surface in org["aliases"]:
                if surface not in curated:
                    add(surface, name=org["name"], kind=org["kind"], country=org["country"],
                        local=bool(org["country"]) and _ACRONYM.fullmatch(surface) is not None)
        collectives = {noun: group for group, nouns in data["collectives"].items() for noun in nouns}
        rules = PeopleRules(offices=data["offices"], modifiers=data["office_modifiers"],
                            particles=data["name_particles"], place_nouns=data["place_nouns"])
        return cls(_dedupe(surfaces), collectives, rules, OrganisationWords.load())

    def lookup(self, surface: str, published: dt.date | None = None,
               countries: Collection[str] = ()) -> ActorEntry | None:
        """The entry a surface form stands for in a report of that date (aliases may change over time) whose places
        are in ``countries``: of several, the first of those countries' ("Nigerian" in a report on Niger), else the
        first."""
        entries = [entry for entry in self.surfaces.get(surface, []) if entry.holds_on(published)]
        return next((entry for entry in entries if entry.country in countries), entries[0] if entries else None)

    def country_of(self, name: str) -> str | None:
        """ISO code of a canonical actor name, where the table knows one."""
        return next((e.country for e in self.surfaces.get(name, []) if e.name == name and e.country), None)


def _dedupe(surfaces: dict[str, list[ActorEntry]]) -> dict[str, list[ActorEntry]]:
    return {surface: list(dict.fromkeys(entries)) for surface, entries in surfaces.items()}


def _alternation(surfaces: dict[str, list[ActorEntry]]) -> re.Pattern[str]:
    """Longest surface first, whole words only; a hyphen joins words only where it starts a new name."""
    body = _trie(list(surfaces))
    return re.compile(rf"(?<![\w.@#/])(?<!\b\w-)(?<!\b\w\w-)(?<!\b\w\w\w-)(?:{body})(?![\w@])(?!-{_NOT_ACTING}[a-z])")


def _trie(words: list[str]) -> str:
    """A pattern matching the same as the alternation of ``words`` longest first, with their common prefixes
    shared ("Afghan(?:istan)?"): Python's ``re`` tries an alternation's branches one by one at every position
    of a text, which for thousands of names made this search most of the actors stage. A word's end is an
    optional group tried after the longer words through it, so the longest word the rest of the pattern
    accepts still wins."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    escaped = {char: re.escape(char) for char in set("".join(words))}

    def pattern(node: dict[str, dict]) -> str:
        branches = [escaped[char] + pattern(child) for char, child in node.items() if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(root)


def find_actors(report: Report, table: ActorTable) -> None:
    """Add to ``report.actors`` every state, group, organisation, outlet and person the text names."""
    hits = [m for m in _table_mentions(report, table) if not _inside_longer_place(report, m)]
    hits += _government_forces(report, hits)
    hits += _named_fighters(report, table, hits)
    hits += _defined_groups(report, hits)
    organisations = [m for m in hits if m.kind != "person"]
    organisations += find_organisations(report, table.organisation_words, hits, table.pattern, table.rules)
    people = find_people(report, table.rules, organisations, [m for m in hits if m.kind == "person"])
    mentions = _without_overlaps(organisations + people)
    for mention in mentions:
        if mention.kind == "person" and mention.affiliation and mention.country is None:
            mention.country = table.country_of(mention.affiliation)
    report.actors.extend(mentions)
    report.actors.sort(key=lambda m: m.start)


def _table_mentions(report: Report, table: ActorTable) -> list[ActorMention]:
    """Every surface form of the table in the text, widened over a following collective noun."""
    text = report.text
    countries = _countries(report)
    found = []
    for match in table.pattern.finditer(text):
        entry = table.lookup(match.group(0), report.published, countries)
        if entry is None or (entry.role == "capital" and not _capital_is_actor(text, match, entry, table)):
            continue
        if entry.local and countries and entry.country not in countries:
            continue
        end, group = match.end(), None
        if entry.kind in ("state", "armed_group"):
            extension = table.collective_after.match(text, end)
            last_word = match.group(0).lower().rsplit(" ", 1)[-1]
            if extension:  # "Afghan civilians", "Pakistan's army"
                end = extension.end()
                group = _victim_group(table.collectives[extension.group(1).lower()], entry)
            elif last_word in table.collectives:  # "Indian Army", "Rapid Support Forces"
                group = _victim_group(table.collectives[last_word], entry)
        found.append(ActorMention(start=match.start(), end=end, text=text[match.start():end], name=entry.name,
                                  kind=entry.kind, country=entry.country, office=entry.office,
                                  affiliation=entry.affiliation, group=group))
    return found


def _countries(report: Report) -> set[str]:
    """The countries of the places the report names."""
    return {m.place.country for m in report.places if m.place.country}


def _government_forces(report: Report, known: list[ActorMention]) -> list[ActorMention]:
    """"Government forces", "government security forces" that no state's name qualifies: the forces of the state
    where the report's places all lie ("government security forces (SNA) clashed with Al Shabaab near Afgooye")."""
    countries = _countries(report)
    country = next(iter(countries)) if len(countries) == 1 else None
    state = state_of_country(country) if country else None
    if state is None:
        return []
    found = []
    for match in _GOVERNMENT_FORCES.finditer(report.text):
        start, end = match.span()
        if not any(m.start < end and start < m.end or 0 <= start - m.end <= 2 for m in known):
            found.append(ActorMention(start=start, end=end, text=match.group(), name=state, kind="state",
                                      country=country, group="security_forces"))
    return found


def _named_fighters(report: Report, table: ActorTable, known: list[ActorMention]) -> list[ActorMention]:
    """Armed groups no table lists, named by the fighters' noun after them: "ELN rebels", "Zama
    militiamen". A known actor, a place ("Darfur rebels") or a word that opens a sentence is not
    a group's name."""
    found = []
    for match in table.fighters_after_name.finditer(report.text):
        start, end = match.span(1)
        for word in re.finditer(r"\S+", match.group(1)):  # "Suspected Islamist militants": no name
            if word.group() not in _OPENERS:
                start += word.start()
                break
        else:
            continue
        if any(m.start < end and start < m.end for m in [*known, *report.places]):
            continue
        found.append(ActorMention(start=start, end=match.end(), text=report.text[start:match.end()],
                                  name=report.text[start:end], kind="armed_group", group="militants"))
    return found


def _defined_groups(report: Report, known: list[ActorMention]) -> list[ActorMention]:
    """Groups no table lists that the report itself introduces ("a faction known as the EMC", "the Popular
    Defence Front (PDF)") or pairs with a known armed group ("clashes between the ELN and the EMC", "the ELN accused
    the EMC"), at every
    mention of the name or its acronym that nothing else claims."""
    text = report.text
    names: dict[str, str] = {}  # surface -> the group's name
    for group in (m for m in known if m.kind == "armed_group"):
        paired = [_PAIRED_AFTER.match(text, group.end),
                  _PAIRED_BEFORE.search(text, max(0, group.start - 25), group.start)]
        for match in filter(None, paired):
            names[match["acronym"]] = match["acronym"]
    for match in _KNOWN_AS.finditer(text):
        names[match["name"]] = match["name"]
    for match in _NAME_WITH_ACRONYM.finditer(text):
        name = match["name"]
        name = name[name.find(" ") + 1:] if name.split()[0] in _OPENERS else name
        names[name] = names[match["acronym"]] = name
    if not names:
        return []
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in sorted(names, key=len, reverse=True))
                         + r")(?![\w-])")
    taken = [*known, *report.places]
    found = []
    for match in pattern.finditer(text):
        if any(m.start < match.end() and match.start() < m.end for m in taken):
            continue
        found.append(ActorMention(start=match.start(), end=match.end(), text=match.group(), name=names[match.group()],
                                  kind="armed_group"))
    return found


def _victim_group(category: str, entry: ActorEntry) -> str | None:
    """The victims' group a collective noun names: a state's fighters ("Taliban fighters") are its forces,
    an armed group's forces are militants."""
    if category == "militants" and entry.kind == "state" and entry.role == "alias":
        return "security_forces"
    if category == "security_forces" and entry.kind == "armed_group":  # "Rapid Support Forces"
        return "militants"
    return category if category in VICTIM_GROUPS else None


def _capital_is_actor(text: str, match: re.Match[str], entry: ActorEntry, table: ActorTable) -> bool:
    """"Kabul denies" speaks for a state; "in Kabul", "Kabul airport", "Kabul, Afghanistan" name a place."""
    before = text[max(0, match.start() - 20):match.start()].split()
    if before and before[-1].lower().strip("(,") in _LOCATIVES:
        return False
    after = text[match.end():match.end() + 40]
    following = re.match(r"\s*(?:['’]s\s+)?([\w-]+)", after)
    if re.match(rf"-{_NOT_ACTING}", after) or (following and following.group(1).lower() in table.place_nouns):
        return False
    if re.match(r"\s+[A-Z]", after):  # part of a longer name: "Kabul Airport", "Islamabad High Court"
        return False
    if re.match(r",\s*(?:\d|[A-Z]{3,}\b)", after) or (before and before[-1].endswith(",") and after.startswith(",")):
        return False  # a dateline or a list of places: "New Delhi, 07 May", "Kolkata, New Delhi, INDIA"
    dateline = re.match(r",\s*(?:the\s+)?([A-Z][\w ]+)", after)
    return not (dateline and any(e.name == entry.name for e in table.surfaces.get(dateline.group(1).strip(), [])))


def _inside_longer_place(report: Report, mention: ActorMention) -> bool:
    return any(p.start <= mention.start and mention.end <= p.end and p.end - p.start > mention.end - mention.start
               and not mention.text.startswith(p.text) for p in report.places)


def _without_overlaps(mentions: list[ActorMention]) -> list[ActorMention]:
    """Where two mentions overlap, keep the longer (the earlier on a tie)."""
    kept: list[ActorMention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


@cache
def states_by_country() -> dict[str, str]:
    """ISO alpha-2 -> the canonical name of the state, for every state (see :mod:`.states`)."""
    return {state["country"]: state["name"] for state in states()}


def state_of_country(country: str) -> str | None:
    """The canonical name of the state with that ISO alpha-2 code ("PK" -> "Pakistan"), where the table has it."""
    return states_by_country().get(country)


def canonical_actor(table: ActorTable, text: str, published: dt.date | None = None) -> str | None:
    """The canonical name of a short phrase that names one actor ("Pakistani forces" -> "Pakistan"), else None.

    Leading "the" and a trailing collective noun are allowed; anything else must be the surface form itself.
    """
    phrase = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    match = table.pattern.match(phrase)
    if match is None:
        return None
    rest = phrase[match.end():]
    if rest and not (table.collective_after.fullmatch(rest) or re.fullmatch(r"['’]s", rest)):
        return None
    entry = table.lookup(match.group(0), published)
    return entry.name if entry else None
