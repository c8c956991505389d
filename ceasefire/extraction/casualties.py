"""Casualties stage: every casualty figure a report gives, one entry per figure as one claimant states it.

How it works, per sentence (and per line within it: headlines carry no full stop):

1. ``numbers.find_quantities`` finds the quantities; each becomes a placeholder ``#0``, ``#1`` ... in a
   "skeleton" of the sentence, so the patterns read "#0 civilians were killed and #1 injured".
2. Patterns, in this order: active ("killed #0 people and wounded #1"), "left #0 dead", "claimed #0
   lives", "deaths of #0", passive ("#0 soldiers and #1 militants were killed"), "death toll rose to #0".
   A quantity serves one figure at most; quantities inside "including ..." only describe the victims.
   Coordinated figures of one kind of victim add up ("nine children and a woman" = 10); of different
   kinds they stay apart ("5 soldiers and 25 militants" are two entries).
3. Victims come from the head noun (``casualty_words.json``) and from the actors stage's mentions inside
   the figure: a state's forces, an armed group, a demonym that also gives the side.
4. The claimant (see :mod:`ceasefire.extraction.casualty_claims`) is the speaker of a quotation, the
   subject of "X said that ...", or a trailing "..., X said" / "according to X"; null otherwise.
5. Restatements of one toll (headline, lead, body) merge into one entry.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ceasefire.extraction.casualty_claims import WORDS, Claim, find_claim
from ceasefire.extraction.numbers import QuantityMention, find_quantities
from ceasefire.extraction.report import ActorMention, Report
from ceasefire.records import Casualty

_VICTIM_GROUP = {noun: group for group, nouns in WORDS["victim_nouns"].items() for noun in nouns}
_AFFILIATED = frozenset(WORDS["affiliated_nouns"])
_SPECIFIC = ("civilians", "security_forces", "militants")
_NOT_VIOLENT = re.compile(r"\b(?:" + "|".join(map(re.escape, WORDS["not_violent"])) + r")\b", re.IGNORECASE)
_PREFILTER = re.compile(r"kill|dead|death|died|injur|wound|hurt|martyr|murder|slain|massacr|execut|perish|lives|"
                        r"toll|maim|behead|lynch", re.IGNORECASE)

_STOP = ("were|was|are|is|be|been|being|have|has|had|and|or|but|in|on|at|by|for|from|with|near|across|along|of|"
         "over|during|since|after|before|while|when|where|which|who|whom|that|this|these|those|the|as|than|to|"
         "into|inside|including|among|also|reportedly|allegedly|so|said|says|lost|according|per|amid|then|"
         "killed|dead|died|injured|wounded|hurt|martyred|murdered|slain|massacred|executed|perished|shot|gunned|"
         "maimed|lay|lie|left|lives")
_WORD = r"[^\W\d_][\w’'-]*"
_NPW = rf"(?!(?:{_STOP})\b)(?!\w*ing\b)(?:{_WORD}|\d+-{_WORD})"  # "12-year-old"
_NOUNS = "|".join(sorted(map(re.escape, _VICTIM_GROUP), key=len, reverse=True))
_NP = (rf"(?:\s+of\s+(?:them|whom)\b|\s+of\b(?:\s+the\b)?(?=\s+{_NPW}))?(?:\s+{_NPW}){{0,4}}"
       rf"(?:\s+(?:and|or)\s+(?:{_NPW}\s+)?(?:{_NOUNS})\b)?"  # "women and children"
       rf"(?:\s+of\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:{_NPW}\s+){{0,2}}{_NPW})?")  # "members of X"
_CHAIN = rf"#\d+{_NP}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)#\d+{_NP})*"
_INCL_AFTER = r"(?P<after>\s*,?\s*(?:including|among\s+them|among\s+whom|mostly|mainly)\b[^,;:()]*)?"
_INCL = r"(?P<incl>\s*[,(]?\s*(?:including|among\s+them|among\s+whom|mostly|mainly|most\s+of\s+them)\b[^,;:()]*[,)]?)?"
_AUX = (r"(?:\s+(?:were|was|are|is|have|has|had|been|being|be|also|reportedly|allegedly|so\s+far|now|later|reported|"
        r"confirmed|feared|believed|thought|said|to|already|all|both|initially|eventually|subsequently|critically|"
        r"seriously|severely|fatally|badly|lightly|slightly|mortally|then))*")
_KILLED = (r"killed|dead|died|martyred|murdered|slain|massacred|executed|perished|shot\s+dead|gunned\s+down|"
           r"lost\s+(?:their\s+)?lives|beheaded|lynched")
_HURT = r"injured|wounded|hurt|maimed"
_ACTIVE = (r"kill(?:s|ed|ing)?|martyr(?:s|ed|ing)|murder(?:s|ed|ing)?|massacr(?:es|ed|ing)|wound(?:s|ed|ing)?|"
           r"injur(?:es|ed|ing|e)|(?:shot|shooting|shoots)\s+dead")
_SECOND_PASSIVE = (r"(?:(?:\s*,\s*|\s*,?\s+(?:and|while|with)\s+)(?P<q2>#\d+)"
                   rf"(?:\s+(?:others?|more|people|persons|of\s+them))?{_AUX}\s+(?P<v2>{_KILLED}|{_HURT})\b)?")
_SECOND_ACTIVE = rf"(?:\s*,?\s+(?:and|while)\s+(?P<v2>{_ACTIVE})\s+(?P<q2>#\d+){_NP})?"

# (pattern, kind of figure when the pattern itself fixes it: "killed" or "injured")
_PATTERNS = [(re.compile(p, re.IGNORECASE), kind) for p, kind in [
    (rf"\b(?P<verb>{_ACTIVE})[\"”“'’]?\s+(?P<chain>{_CHAIN}){_INCL}{_SECOND_ACTIVE}", None),
    (rf"\b(?:left|leaving|leaves)\s+(?P<chain>{_CHAIN}){_INCL}\s+(?P<verb>dead|{_HURT})"
     rf"(?:\s+and\s+(?P<q2>#\d+)(?:\s+others)?\s+(?P<v2>{_HURT}))?", None),
    (r"\b(?:claimed|claiming|claims|claim|cost|costing|costs|took|taking|takes)\s+(?:the\s+lives\s+of\s+"
     rf"(?P<chain>{_CHAIN})|(?P<lives>#\d+(?:\s+(?:more|civilian|innocent|human))?\s+lives))", "killed"),
    (rf"\bdeaths?\s+of\s+(?P<chain>{_CHAIN})", "killed"),
    (rf"(?P<chain>#\d+(?:\s+{_WORD})?)\s+(?:deaths|fatalities)\b", "killed"),
    (rf"(?P<chain>{_CHAIN}){_INCL}{_AUX}\s+(?P<verb>{_KILLED}|{_HURT})\b(?!\s+or\s+(?:{_KILLED}|{_HURT}))"
     rf"{_SECOND_PASSIVE}{_INCL_AFTER}", None),
    (r"\b(?:toll|number\s+of\s+(?:dead|deaths|fatalities|(?:people|those)\s+killed))\b(?:\s+(?!#)[\w’'-]+){0,6}?"
     r"\s+(?:(?:has|had|have)\s+)?(?:rose|risen|climbed|jumped|reached|stood|stands|hit|increased|was|is)"
     r"(?:\s+(?:to|at|further|now))*\s+(?P<chain>#\d+)", "killed"),
    (r"\btoll\s+(?:of|to|at)\s+(?P<chain>#\d+)", "killed"),
]]
_ITEM = re.compile(rf"#(?P<q>\d+)(?P<np>{_NP})", re.IGNORECASE)
_ANAPHORIC_TOLL = re.compile(r"\bthe\s+(?:death\s+)?toll\b(?!\s+(?:of|to|at|rose|stood|reached|climbed))",
                             re.IGNORECASE)


@dataclass
class _Skeleton:
    """A unit of text with its quantities replaced by ``#i``, and the way back to text offsets."""

    start: int
    text: str
    quantities: list[QuantityMention]
    skeleton: str = ""
    marks: list[tuple[int, int]] = field(default_factory=list)  # (skeleton offset, text offset)

    def __post_init__(self) -> None:
        parts, cursor = [], self.start
        for index, quantity in enumerate(self.quantities):
            parts.append(self.text[cursor - self.start:quantity.start - self.start])
            self.marks.append((sum(map(len, parts)), quantity.start))
            parts.append(f"#{index}")
            self.marks.append((sum(map(len, parts)), quantity.end))
            cursor = quantity.end
        parts.append(self.text[cursor - self.start:])
        self.skeleton = "".join(parts)

    def offset(self, position: int) -> int:
        """Text offset of a skeleton position."""
        i = bisect_right([m[0] for m in self.marks], position) - 1
        if i < 0:
            return self.start + position
        skel, text = self.marks[i]
        return text + (position - skel) if i % 2 else text


@dataclass
class _Figure:
    killed: int | None
    injured: int | None
    approximate: bool
    groups: set[str]
    sides: set[str]
    start: int  # text offsets of the matched words
    end: int


def extract_casualties(report: Report) -> None:
    """Append one ``Casualty`` per figure and claimant to ``report.record.casualties``."""
    entries: list[Casualty] = []
    last_killed: int | None = None
    for unit_start, unit_end in _units(report):
        unit_text = report.text[unit_start:unit_end]
        if not _PREFILTER.search(unit_text) or _NOT_VIOLENT.search(unit_text):
            continue
        figures = _figures(report, unit_start, unit_text)
        previous_side = None
        for figure in figures:
            if figure.killed is None and last_killed is not None and _ANAPHORIC_TOLL.search(unit_text):
                figure.killed = last_killed  # "the death toll was confirmed by X, who said 80 were wounded"
            claim = find_claim(report, unit_start, unit_end, figure.start, figure.end)
            victims = _victims(figure.groups)
            side = _side(report, figure, victims, claim, unit_start, unit_end, previous_side)
            previous_side = side
            entries.append(Casualty(figure.killed, figure.injured, figure.approximate, victims, side,
                                    claim.name, unit_text, (unit_start, unit_end)))
            last_killed = figure.killed if figure.killed is not None else last_killed
    report.record.casualties.extend(_merge(entries))


def _units(report: Report) -> list[tuple[int, int]]:
    """Sentence spans, split again at line breaks and trimmed of surrounding white space."""
    units = []
    for sent in report.doc.sents:
        for line in re.finditer(r"[^\n]+", sent.text):
            text = line.group(0)
            start = sent.start_char + line.start() + len(text) - len(text.lstrip())
            end = sent.start_char + line.end() - (len(text) - len(text.rstrip()))
            if end > start:
                units.append((start, end))
    return units


def _figures(report: Report, unit_start: int, unit_text: str) -> list[_Figure]:
    """The casualty figures one unit states, in text order."""
    quantities = [q for q in find_quantities(unit_text, offset=unit_start, articles=True)
                  if not (q.vague and q.value == 10) and q.value > 0]  # "many" is too vague to count
    skeleton = _Skeleton(unit_start, unit_text, quantities)
    used: set[int] = set()
    figures = []
    for pattern, fixed_kind in _PATTERNS:
        for match in pattern.finditer(skeleton.skeleton):
            indices = {int(i) for i in re.findall(r"#(\d+)", match.group(0))}
            if indices & used:
                continue
            found = _read_match(report, skeleton, match, fixed_kind)
            if found:
                used |= indices
                figures.extend(found)
    return sorted(figures, key=lambda f: f.start)


def _read_match(report: Report, skeleton: _Skeleton, match: re.Match, fixed_kind: str | None) -> list[_Figure]:
    """Figures from one pattern match: one per kind of victim among the coordinated quantities."""
    groups = match.groupdict()
    chain_key = "chain" if groups.get("chain") else "lives"
    chain_start = match.start(chain_key)
    kind = fixed_kind or _kind(groups.get("verb") or "")
    incl_groups, incl_sides = set(), set()
    for name in ("incl", "after"):
        if groups.get(name):
            described = _describe_span(report, skeleton.offset(match.start(name)), skeleton.offset(match.end(name)))
            incl_groups |= described[0]
            incl_sides |= described[1]
    by_group: dict[str, _Figure] = {}
    start, end = skeleton.offset(match.start()), skeleton.offset(match.end())
    for item in _ITEM.finditer(match.group(chain_key)):
        quantity = skeleton.quantities[int(item.group("q"))]
        head = _head(report, skeleton, chain_start + item.start("np"), chain_start + item.end("np"))
        if head is None or (quantity.text.lower() in ("a", "an") and not head[0]):
            continue
        item_groups, sides = head[1], head[2]
        if not (item_groups & set(_SPECIFIC)):
            item_groups = item_groups | incl_groups
        key = "+".join(sorted(item_groups))
        figure = by_group.setdefault(key, _Figure(None, None, False, set(item_groups), set(), start, end))
        figure.sides |= sides | incl_sides
        value, approximate = quantity.value, quantity.approximate
        if quantity.vague and groups.get("incl"):  # "several generals, including X and seven deputies" = 8
            value, approximate = max(value, _included_count(report, skeleton, match)), False
        figure.approximate |= approximate
        setattr(figure, kind, (getattr(figure, kind) or 0) + value)
    figures = list(by_group.values())
    if figures and groups.get("q2"):
        _add_second(report, skeleton, match, figures[-1], kind)
    return figures


def _included_count(report: Report, skeleton: _Skeleton, match: re.Match) -> int:
    """How many an "including ..." list names: its counts plus the people it names one by one."""
    counted = sum(skeleton.quantities[int(i)].value for i in re.findall(r"#(\d+)", match.group("incl")))
    start, end = skeleton.offset(match.start("incl")), skeleton.offset(match.end("incl"))
    return counted + sum(1 for a in report.within(report.actors, start, end) if a.kind == "person")


def _add_second(report: Report, skeleton: _Skeleton, match: re.Match, figure: _Figure, first_kind: str) -> None:
    """The second half of "#0 killed and #1 injured" joins the first figure."""
    kind = _kind(match.group("v2"))
    if kind == first_kind:
        return
    quantity = skeleton.quantities[int(match.group("q2")[1:])]
    setattr(figure, kind, quantity.value)
    figure.approximate |= quantity.approximate
    groups, sides = _describe_span(report, quantity.end, skeleton.offset(match.end("q2")) + 12)
    figure.groups |= {g for g in groups if g in _SPECIFIC}
    figure.sides |= sides


def _kind(verb: str) -> str:
    return "injured" if re.match(r"(?:wound|injur|hurt|maim)", verb, re.IGNORECASE) else "killed"


def _head(report: Report, skeleton: _Skeleton, np_start: int, np_end: int) -> tuple[bool, set, set] | None:
    """(has a victim noun, victim groups, sides) of a figure's noun phrase; None if it does not name people.

    The head noun decides ("civilians"); an actor mention ending the phrase decides when it is itself the
    head ("15 Afghan Taliban", "40 Taliban members": a state's forces, an armed group's militants) or when
    it says more than the noun ("Taliban fighters" are Afghanistan's forces). A demonym gives only the side.
    """
    start, end = skeleton.offset(np_start), skeleton.offset(np_end)
    words = re.findall(r"[\w’'-]+", report.text[start:end].lower())
    while words and words[0] in ("of", "the", "them", "whom"):
        words.pop(0)
    if "of" in words:  # "members of the same family": the head comes before "of"
        words = words[:words.index("of")]
    actors = report.within(report.actors, start, end)
    sides = {a.country for a in actors if a.country and a.kind != "armed_group"}
    if not words:
        return False, {"unspecified"}, sides
    head_group = _VICTIM_GROUP.get(words[-1])
    at_head = [a for a in actors if a.end >= end - 1]
    if head_group is None and not at_head and words[-1] not in _AFFILIATED:
        return None
    grouped = [a.group for a in at_head if a.group in _SPECIFIC]
    if grouped:
        return True, {grouped[0]}, sides
    if head_group in _SPECIFIC:
        return True, {head_group}, sides
    if head_group is None:  # the actor itself, or its "members"
        kinds = {a.kind for a in (at_head or actors)}
        groups = {"security_forces"} if "state" in kinds else {"militants"} if "armed_group" in kinds else set()
        return True, groups or {"unspecified"}, sides
    return True, {"unspecified"}, sides


def _describe_span(report: Report, start: int, end: int) -> tuple[set[str], set[str]]:
    """Victim groups and sides named anywhere in a stretch ("including four children")."""
    groups, sides = _actor_groups(report.within(report.actors, start, end))
    for word in re.findall(r"[^\W\d_]+", report.text[start:end].lower()):
        if _VICTIM_GROUP.get(word) in _SPECIFIC:
            groups.add(_VICTIM_GROUP[word])
    return groups, sides


def _actor_groups(actors: list[ActorMention]) -> tuple[set[str], set[str]]:
    """What actor mentions inside a figure say: a state's forces, an armed group, a demonym's side."""
    groups, sides = set(), set()
    for actor in actors:
        if actor.group in _SPECIFIC:
            groups.add(actor.group)
        elif actor.kind == "armed_group":
            groups.add("militants")
        if actor.country and actor.kind != "armed_group":
            sides.add(actor.country)
    return groups, sides


def _victims(groups: set[str]) -> str:
    specific = groups & set(_SPECIFIC)
    if len(specific) > 1:
        return "mixed"
    return specific.pop() if specific else "unspecified"


def _side(report: Report, figure: _Figure, victims: str, claim: Claim, unit_start: int, unit_end: int,
          previous: str | None) -> str | None:
    """The victims' country: a demonym in the figure; else, except for militants, the claimant state's own
    (states report their own losses), the nearest place below country level, or the sentence's last side."""
    if len(figure.sides) == 1:
        return next(iter(figure.sides))
    if victims == "militants" or figure.sides:
        return None
    if claim.country:
        return claim.country
    capitals_as_actors = {(a.start, a.end) for a in report.within(report.actors, unit_start, unit_end)}
    places = [p for p in report.within(report.places, max(unit_start, figure.start - 80), unit_end)
              if p.place.country and p.place.precision != "country" and (p.start, p.end) not in capitals_as_actors]
    if places:
        nearest = min(places, key=lambda p: max(p.start - figure.end, figure.start - p.end, 0))
        return nearest.place.country
    return previous


def _restates(first: Casualty, later: Casualty) -> bool:
    """Whether ``later`` repeats ``first``: the same toll, from the same claimant or about the same victims."""
    if (first.killed, first.injured) != (later.killed, later.injured):
        return False
    if first.claimant is not None and later.claimant is not None:
        return first.claimant == later.claimant
    return "unspecified" in (first.victims, later.victims) or first.victims == later.victims


def _merge(entries: list[Casualty]) -> list[Casualty]:
    """One entry per toll and claimant: a restated toll fills in what its first mention left open."""
    merged: list[Casualty] = []
    for entry in entries:
        same = next((m for m in merged if _restates(m, entry)), None)
        if same is None:
            merged.append(entry)
            continue
        if same.claimant is None and entry.claimant is not None:
            same.claimant, same.evidence, same.span = entry.claimant, entry.evidence, entry.span
        if same.side is None and entry.side is not None:
            same.side, same.victims = entry.side, entry.victims if entry.victims != "unspecified" else same.victims
        elif same.victims == "unspecified":
            same.victims = entry.victims
    return merged

