"""Casualties stage: every casualty figure a report gives, one entry per figure as one claimant states it.

How it works, per sentence (and per line within it: headlines carry no full stop):

1. ``numbers.find_quantities`` finds the quantities; each becomes a placeholder ``#0``, ``#1`` ... in a
   "skeleton" of the sentence, so the patterns read "#0 civilians were killed and #1 injured". "Many"
   (10, as the spec codes it) counts only after a count it is told with ("32 killed and many others
   wounded"); alone ("many lying injured") it is no toll.
2. Patterns, in this order: active ("killed #0 people and wounded #1"), "left #0 dead", "claimed #0
   lives", "deaths of #0", "death toll rose to #0", passive ("#0 soldiers and #1 militants were killed",
   "#0 were killed and #1 other members of her family wounded"), "#0 suffered injuries", "put the number
   of injured at #0", "lost #0 fighters", "pulled #0 bodies from the rubble", "#0 were treated for wounds",
   "X has given a lower figure of #0" (not "a figure of #0 homes"), "leaving #0 bodies", "#0 were among the dead".
   A quantity serves one figure at most; quantities inside "including ..." only describe the victims.
   Coordinated figures of one kind of victim add up ("four boys and a girl" = 5); of different
   kinds they stay apart ("5 soldiers and 25 militants" are two entries).
   An apposition names the same people again ("two civilians, a woman and her son" = 2); a killing that
   may not happen ("could kill hundreds", "tried to kill 3") is no toll. Tolls of several places told with one
   verb are a figure each ("killed #0 people in A, and #1 in B"; "#0 were killed in A, #1 in B"). People named
   as killed or hurt count one each ("X was shot dead"; "X, Y and Z were killed" is 3).
3. Victims and side: see :mod:`ceasefire.extraction.casualties.victims`. A state's own losses ("they lost
   nine fighters", "seven of their own fighters") are its forces.
4. The claimant (see :mod:`ceasefire.extraction.casualties.claims`) is the speaker of a quotation, the
   subject of "X said that ...", or a trailing "..., X said" / "according to X"; null otherwise.
   The ``approximate`` flag follows the death count, or a vague word anywhere ("12 killed and more than
   100 wounded" is exact, as the dev annotators flag it; "15 killed and dozens wounded" is not).
5. One claimant's dead and wounded told apart in one sentence ("X said 11 bodies were found and that 20
   people were wounded") are one entry. Restatements of one toll (headline, lead, body) merge into one
   entry; an unattributed headline's "kills 12" is the body's "12 killed and 43 injured".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ceasefire.extraction.actors.people import inside_phrase
from ceasefire.extraction.casualties.claims import find_claim
from ceasefire.extraction.casualties.sources import WORDS, alternation, state_name
from ceasefire.extraction.casualties.victims import (
    SPECIFIC,
    VICTIM_GROUP,
    Figure,
    describe_span,
    phrase_victims,
    side_of,
    victims_label,
)
from ceasefire.extraction.numbers import QuantityMention, find_quantities
from ceasefire.extraction.report import Report
from ceasefire.records import Casualty

_NOT_VIOLENT = re.compile(r"\b(?:" + "|".join(map(re.escape, WORDS["not_violent"])) + r")\b", re.IGNORECASE)
_PREFILTER = re.compile(r"kill|dead|death|die[sd]?\b|dying|injur|wound|hurt|hospitali|martyr|murder|slain|massacr|"
                        r"gunned|execut|perish|lives|assassinat|toll|maim|behead|lynch|neutrali|eliminat|fatalit|\blos[et]|"
                        r"bod(?:y|ies)\b|figure", re.IGNORECASE)

_STOP = ("were|was|are|is|be|been|being|have|has|had|and|or|but|in|on|at|by|for|from|with|near|across|along|of|"
         "over|during|since|after|before|while|when|where|which|who|whom|that|this|these|those|the|as|than|to|"
         "into|inside|including|among|also|reportedly|allegedly|so|said|says|lost|according|per|amid|then|"
         "killed|dead|died|dying|injured|wounded|hurt|martyred|murdered|slain|massacred|executed|perished|shot|gunned|"
         "maimed|lay|lie|left|lives|neutralised|neutralized|eliminated|embraced")
_WORD = r"[^\W\d_][\w’'-]*"
_NPW = rf"(?!(?:{_STOP})\b)(?!\w*ing\b)(?:{_WORD}|\d+-{_WORD})"  # "12-year-old"
_NOUNS = "|".join(sorted(map(re.escape, VICTIM_GROUP), key=len, reverse=True))
# "two civilians travelling on a minibus behind the convoy were killed": a participle and where they were
_WHERE = (r"(?:\s+(?!including\b)[a-z]+ing(?:\s+(?:on|in|at|near|behind|along|from|to|through|inside|outside|towards?)"
          rf"\s+(?:(?:the|#\d+|an|their|his|her)\s+)?{_NPW}(?:\s+{_NPW})?){{1,2}})?")  # "a" reads as #i
_NP = (rf"(?:\s+of\s+(?:them|whom)\b|\s+of\b(?:\s+the\b)?(?:\s+#\d+)?(?=\s+{_NPW}))?(?:\s+{_NPW}){{0,4}}"
       rf"(?:\s+(?:and|or)\s+(?:{_NPW}\s+)?(?:{_NOUNS})\b)?"  # "women and children"
       rf"(?:\s+of\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:{_NPW}\s+){{0,2}}{_NPW})?")  # "members of X"
_CHAIN = rf"#\d+{_NP}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)#\d+(?!\s+of\s+(?:them|whom)\b){_NP})*"
_INCL_AFTER = (r"(?P<after>\s*,?\s*(?:including|among\s+them|among\s+whom|mostly|mainly|(?:most|many|all)\s+of\s+them)"
               r"\b[^,;:()]*)?")
_INCL = (r"(?P<incl>\s*[,(—–]?\s*(?:including|among\s+them|among\s+whom|mostly|mainly|most\s+of\s+them|"
         r"#\d+\s+of\s+(?:them|whom))\b[^,;:()—–]*(?:,\s+(?!(?:and\s+)?(?:\w+ing|kill\w*|wound\w*|injur\w*|in|at|near)\b)"
         r"[^,;:()—–]*?(?=[,)—–]))*[,)—–]?)?")
# "eight people, five of them children,", "70 people, including soldiers, gunmen, and civilians," (not a clause
# that goes on: "including soldiers, and wounding 50 others", "among them two boys, and wounded five others")
_AUX = (r"(?:\s+(?:were|was|are|is|have|has|had|been|being|be|also|reportedly|allegedly|so\s+far|now|later|reported|"
        r"confirmed|feared|believed|thought|said|to|already|all|both|initially|eventually|subsequently|critically|"
        r"seriously|severely|fatally|badly|lightly|slightly|mortally|then|shot\s+and|stabbed\s+and|[a-z]+ly))*")
_KILLED = (r"killed|dead|died|dying|die|dies|martyred|murdered|slain|massacred|executed|perished|shot\s+dead|"
           r"gunned\s+down|(?:brought|declared|pronounced|found)\s+dead|"
           r"assassinated|(?:stabbed|hacked|beaten|beat|burned|burnt|charred|clubbed|stoned)\s+to\s+death|"
           r"lost\s+(?:their\s+)?lives|beheaded|lynched|neutrali[sz]ed|eliminated|embraced\s+(?:martyrdom|shahadat)")
_HURT = r"injured|wounded|hurt|maimed|hospitali[sz]ed"
_PERSON_HIT = re.compile(rf"\s+(?:was|has\s+been|had\s+been)\s+(?:(?:reportedly|allegedly|also)\s+)?"
                         rf"(?:{_KILLED}|{_HURT})\b")
_PEOPLE_HIT = re.compile(rf"\s+(?:were|have\s+been|had\s+been)\s+(?:(?:reportedly|allegedly|also|both)\s+)?"
                         rf"(?:{_KILLED}|{_HURT})\b")
_NAMES_JOINED = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_ACTIVE = (r"kill(?:s|ed|ing)?|martyr(?:s|ed|ing)|murder(?:s|ed|ing)?|massacr(?:es|ed|ing)|wound(?:s|ed|ing)?|"
           r"assassinat(?:es|ed|ing)|execut(?:es|ed|ing)|"
           r"injur(?:es|ed|ing|e)|(?:shot|shooting|shoots)\s+dead|neutrali[sz](?:es|ed|ing)|eliminat(?:es|ed|ing)|"
           r"gun(?:s|ned|ning)\s+down")
# what is done with bodies that counts them
_FOUND = r"(?:pulled|recovered|retrieved|found|collected|received|brought(?:\s+in)?|taken|saw|seen|counted|showed)"
_SECOND_PASSIVE = (r"(?:(?:\s*,\s*|\s*,?\s+(?:and|while|with)\s+)(?P<q2>#\d+)"
                   rf"{_NP}{_AUX}\s+(?P<v2>{_KILLED}|{_HURT})\b)?")  # "and four other members of her family were hurt"
_SECOND_ACTIVE = rf"(?:\s*,?\s+(?:and|while)\s+(?P<v2>{_ACTIVE})\s+(?P<q2>#\d+){_NP})?"
_TOLL_HURT = (rf"(?:\s+(?:people|persons))?(?:\s+dead)?"
              rf"(?:\s*,?\s+(?:and|with)\s+(?P<q2>#\d+)(?:\s+(?:others|people))?\s+(?P<v2>{_HURT}))?")

# "32 were killed and many others wounded", "five deaths and many injuries", "killed 31 and injured many more":
# "many" joined to the count before it
_TOLD_WITH = re.compile(r"\b(?:and|with)\s+(?:(?:injur|wound|hurt)\w*\s+)?$", re.IGNORECASE)
_UNCOUNTED = alternation(WORDS["not_casualties"])  # "a figure of 3,000 homes": what a figure counts, if not people
# (pattern, kind of figure when the pattern itself fixes it: "killed" or "injured")
_PATTERNS = [(re.compile(p, re.IGNORECASE), kind) for p, kind in [
    (rf"\b(?P<verb>{_ACTIVE})[\"”“'’]?\s+(?:(?:all|another|a\s+further|an\s+additional)\s+)?(?P<chain>{_CHAIN})"
     rf"{_INCL}{_SECOND_ACTIVE}{_INCL_AFTER}", None),
    (rf"\b(?:left|leaving|leaves)\s+(?P<chain>{_CHAIN}){_INCL}\s+(?P<verb>dead|{_HURT})"
     rf"(?:\s+and\s+(?P<q2>#\d+)(?:\s+others)?(?:\s+\w+ly)?\s+(?P<v2>{_HURT}))?", None),
    (r"\b(?:claimed|claiming|claims|claim|cost|costing|costs|took|taking|takes)\s+(?:the\s+lives\s+of\s+"
     rf"(?P<chain>{_CHAIN})|(?P<lives>#\d+(?:\s+(?:more|civilian|innocent|human))?\s+lives))", "killed"),
    (rf"(?P<lives>#\d+(?:\s+(?:more|civilian|innocent|human))?\s+lives){_AUX}\s+(?:lost|taken)\b", "killed"),
    (rf"\bdeaths?\s+of\s+(?P<chain>{_CHAIN})(?:\s+and\s+(?P<v2>injur(?:y|ies))\s+(?:to|of)\s+(?P<q2>#\d+))?",
     "killed"),  # "the death of four people and injuries to 50 others"
    (rf"(?P<chain>#\d+(?:\s+{_WORD})?)\s+(?:deaths|fatalities|martyrs)\b"
     rf"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?P<q2>#\d+)(?:\s+{_WORD})?\s+(?P<v2>injuries))?", "killed"),
    (rf"(?P<chain>#\d+(?:\s+{_WORD})?)\s+injuries\b", "injured"),
    (r"\b(?:toll|number\s+of\s+(?:dead|deaths|fatalities|(?:people|those)\s+killed))\b(?:\s+(?!#)[\w’'-]+){0,6}?"
     r"\s+(?:(?:has|had|have)\s+)?(?:rose|risen|climbed|jumped|reached|stood|stands|hit|increased|was|is)"
     r"(?:\s+running)?"
     rf"(?:\s+(?:to|at|further|now))*\s+(?P<chain>#\d+){_TOLL_HURT}{_INCL_AFTER}", "killed"),
    (rf"\btoll\s+(?:of|to|at)\s+(?P<chain>#\d+){_TOLL_HURT}{_INCL_AFTER}", "killed"),
    # "the clashes pushed the death toll in the state to 105"
    (r"\b(?:pushed|pushing|pushes|brought|bringing|brings|took|taking|takes|lifted|raised|raising)\s+the\s+"
     rf"(?:[\w-]+\s+){{0,2}}?toll\b(?:\s+(?!#)[\w’'-]+){{0,5}}?\s+to\s+(?P<chain>#\d+){_TOLL_HURT}{_INCL_AFTER}",
     "killed"),
    (r"\b(?:put|puts|putting|gave|given|gives|giving|raised|placed)\s+(?P<figure>)(?:the|#\d+|its|their)\s+"
     rf"(?:[\w-]+\s+){{0,2}}?(?:figure|tally|count|toll)\s+(?:[\w-]+\s+){{0,2}}?(?:of|to|at)\s+(?P<chain>#\d+)"
     rf"(?!\s+(?:{_UNCOUNTED})\b){_TOLL_HURT}{_INCL_AFTER}", "killed"),  # "Y put the figure at 30", "Y has given a
    # lower figure of 90 dead" (the article "a" reads as #i), not "a figure of 3,000 homes"
    (rf"(?P<chain>{_CHAIN}){_WHERE}{_INCL}{_AUX}\s+[\"“'‘]?(?P<verb>{_KILLED}|{_HURT})\b(?!\s+or\s+(?:{_KILLED}|{_HURT}))"
     r"(?![\"”“'’]?\s+#)"  # "20 gunmen killed 5 villagers": the gunmen are not the victims
     rf"{_SECOND_PASSIVE}{_INCL_AFTER}", None),
    (rf"(?P<chain>{_CHAIN}){_INCL}{_AUX}\s+(?:suffered|sustained|received|treated\s+for)\s+(?:[\w-]+\s+){{0,2}}?"
     r"(?:injuries|wounds)\b", "injured"),  # "one soldier suffered minor injuries", "nine were treated for wounds"
    (rf"\b(?:number|count|tally)\s+of\s+(?P<verb>{_HURT}|dead|killed|deaths|fatalities)(?P<after>(?:\s+{_NPW}){{0,2}})"
     r"\s+(?:at|to|as)\s+(?P<chain>#\d+)", None),  # "put the number of injured protesters at 20"
    (rf"\b(?:lost|lose|loses|losing)\s+(?P<chain>{_CHAIN})(?!\s+(?:of|in)\b)", "killed"),  # "they lost nine fighters"
    # "rescuers pulled 14 bodies from the rubble", "the hospital received the bodies of 11 people"
    (rf"\b{_FOUND}\s+[\"“]?(?:the\s+)?(?:(?P<chain>#\d+(?:\s+{_NPW})?\s+bodies)\b|bodies\s+of\s+(?P<lives>{_CHAIN})"
     rf"{_INCL})(?:\s*,?\s+and\s+(?P<q2>#\d+)\s+(?:of\s+)?(?:the\s+)?(?:others\s+)?(?P<v2>{_HURT})\b)?"
     rf"{_INCL_AFTER}", "killed"),
    (rf"(?:(?P<chain>#\d+(?:\s+{_NPW})?\s+bodies)|\bbodies\s+of\s+(?P<lives>{_CHAIN})){_AUX}\s+{_FOUND}\b",
     "killed"),
    (rf"\b(?:left|leaving|leaves)\s+(?P<chain>#\d+(?:\s+{_NPW})?\s+bodies)\b", "killed"),  # "leaving 70 bodies"
    # "four police officers were among the dead"
    (rf"(?P<chain>{_CHAIN}){_INCL}{_AUX}\s+among\s+(?:the\s+|those\s+)?(?P<verb>dead|killed|{_HURT})\b", None),
    # "four of those who died were in one house"
    (rf"(?P<chain>#\d+)\s+of\s+(?:those|the\s+people|the\s+victims)\s+(?:who\s+(?:were\s+)?)?"
     rf"(?P<verb>died|killed|dead|{_HURT})\b", None),
]]
# after a toll's place, another toll at another place with the verb left out: "... in A, and #1 (other) people in B"
_ELIDED_TOLL = re.compile(rf"(?:\s+[a-z]+ing\b[^,;#]{{0,40}}?)?(?:\s+(?:in|at|near|across)\s+[^,;]{{1,60}}?)?"
                          rf"\s*(?:,\s*(?:and\s+)?|\s+and\s+)#(?P<q>\d+)(?P<np>(?:\s+other)?{_NP}){_INCL}"
                          rf"(?=\s*,?\s+(?:in|at|near|across)\s)", re.IGNORECASE)
_OWN = re.compile(r"\b(?:(?:its|their|our)\s+own\b|of\s+(?:its|their|our)\b)", re.IGNORECASE)
# "they lost nine fighters": the speaker's own losses; "Russian forces lost 300 troops": Russia's
_HYPOTHETICAL = re.compile(r"\b(?:could|would|might|may|will|can|risks?|(?:tried|trying|attempted|attempting|"
                           r"threaten(?:s|ed)?|vow(?:s|ed)?|plan(?:s|ned)?)\s+to)\s+(?:\w+\s+)?$", re.IGNORECASE)
# "Israel said its strikes killed 20 people": the speaker's own side did the killing, so is not the victims'
_SPEAKER_AGENT = re.compile(r"\b(?:it|we|they|(?:its|our|their)\s+[\w-]+)\s+(?:(?:had|has|have|also|reportedly)\s+)*$",
                            re.IGNORECASE)
_LOSER = re.compile(r"(?:\b(?P<pronoun>they|it|we)|(?P<named>\S))\s+(?:(?:had|have|has|also|reportedly)\s+)*$",
                    re.IGNORECASE)
_ITEM = re.compile(rf"#(?P<q>\d+)(?P<np>{_NP})", re.IGNORECASE)
# "The toll was confirmed by X, who said 30 more were hurt": X confirms the toll given before.
_ANAPHORIC_TOLL = re.compile(r"\bthe\s+(?:death\s+)?toll\s+(?:was|has\s+been|had\s+been)\s+"
                             r"(?:confirmed|verified|corroborated)\b", re.IGNORECASE)


_OPENING_QUOTE = re.compile(r"(?<![\w,.])[“\"‘']$")
_REACH = 1000  # characters around a figure its claimant and side are looked for in
_LOOK_BACK = 120  # how far before a toll the words that make it hypothetical or the speaker's own are read


@dataclass
class _Skeleton:
    """A unit of text with its quantities replaced by ``#i``, and the way back to text offsets."""

    start: int
    text: str
    quantities: list[QuantityMention]
    skeleton: str = ""
    marks: list[tuple[int, int]] = field(default_factory=list)  # (skeleton offset, text offset)
    positions: list[int] = field(default_factory=list)  # the marks' skeleton offsets

    def __post_init__(self) -> None:
        parts, cursor = [], self.start
        for index, quantity in enumerate(self.quantities):
            # a quotation opening on the figure ('killed "three people ..."') is no part of how the toll is told
            parts.append(_OPENING_QUOTE.sub("", self.text[cursor - self.start:quantity.start - self.start]))
            self.marks.append((sum(map(len, parts)), quantity.start))
            parts.append(f"#{index}")
            self.marks.append((sum(map(len, parts)), quantity.end))
            cursor = quantity.end
        parts.append(self.text[cursor - self.start:])
        self.skeleton = "".join(parts)
        self.positions = [skel for skel, _ in self.marks]

    def offset(self, position: int) -> int:
        """Text offset of a skeleton position."""
        i = bisect_right(self.positions, position) - 1
        if i < 0:
            return self.start + position
        skel, text = self.marks[i]
        return text + (position - skel) if i % 2 else text


def extract_casualties(report: Report) -> None:
    """Append one ``Casualty`` per figure and claimant to ``report.record.casualties``."""
    entries: list[Casualty] = []
    last_killed: int | None = None
    for unit_start, unit_end in report.lines:
        unit_text = report.text[unit_start:unit_end]
        if not _PREFILTER.search(unit_text):
            continue
        figures = [f for f in _figures(report, unit_start, unit_text)  # not "died of cholera", "floods killed"
                   if not _NOT_VIOLENT.search(report.text, max(unit_start, f.start - 25), min(unit_end, f.end + 40))]
        previous_side = None
        for figure in figures:
            if figure.killed is None and last_killed is not None and _ANAPHORIC_TOLL.search(unit_text):
                figure.killed = last_killed  # "the death toll was confirmed by X, who said 80 were wounded"
            named_side = next(iter(figure.sides)) if len(figure.sides) == 1 else None
            # what a figure's claimant and side are read from: its sentence, or the words around it in a "sentence"
            # of thousands of words with no full stop (a table pasted as text), which would take quadratic time
            around = max(unit_start, figure.start - _REACH), min(unit_end, figure.end + _REACH)
            claim = find_claim(report, *around, figure.start, figure.end, named_side)
            if (figure.own and claim.country and claim.name == state_name(report, claim.country)
                    and figure.groups <= {"militants", "security_forces", "unspecified"}):
                figure.groups, figure.sides = {"security_forces"}, {claim.country}  # a state's own losses
            victims = victims_label(figure.groups)
            side = side_of(report, figure, victims, claim, *around, previous_side)
            previous_side = side
            entry = Casualty(figure.killed, figure.injured, figure.approximate, victims, side, claim.name, unit_text,
                             (unit_start, unit_end))
            if not (entries and entries[-1].span == entry.span and _completes(entries[-1], entry)):
                entries.append(entry)
            last_killed = figure.killed if figure.killed is not None else last_killed
    report.record.casualties.extend(_merge(entries))


def _figures(report: Report, unit_start: int, unit_text: str) -> list[Figure]:
    """The casualty figures one unit states, in text order."""
    found = [q for q in find_quantities(unit_text, offset=unit_start, articles=True) if q.value > 0]
    found = sorted(found + [q for q in _people_hit(report, unit_start, unit_start + len(unit_text))
                            if not any(other.start < q.end and q.start < other.end for other in found)],
                   key=lambda q: q.start)
    quantities = [q for q in found if not (q.vague and q.value == 10) or (
        any(not (other.vague and other.value == 10) and q.start - 80 < other.start < q.start for other in found)
        and _TOLD_WITH.search(unit_text, max(0, q.start - unit_start - _LOOK_BACK), q.start - unit_start))]
    skeleton = _Skeleton(unit_start, unit_text, quantities)
    used: set[int] = set()
    figures = []
    for pattern, fixed_kind in _PATTERNS:
        for match in pattern.finditer(skeleton.skeleton):
            indices = {int(i) for i in re.findall(r"#(\d+)", match.group(0))}
            if indices & used or _HYPOTHETICAL.search(skeleton.skeleton, *_before(match)):
                continue  # "renewed fighting could kill hundreds" is no toll
            found = _read_match(report, skeleton, match, fixed_kind)
            if found:
                used |= indices
                figures.extend(found)
                figures.extend(_elided_tolls(report, skeleton, match.end(), found[0], used))
    return sorted(figures, key=lambda f: f.start)


def _before(match: re.Match) -> tuple[int, int]:
    """The stretch right before a match that says more about it (bounded: a unit may be thousands of words long)."""
    return max(0, match.start() - _LOOK_BACK), match.start()


def _people_hit(report: Report, start: int, end: int) -> list[QuantityMention]:
    """People named as the ones killed or hurt, as a count of them: "Headteacher Musa Danladi was shot dead" is one,
    "Ali Musa and Omar Said were shot dead" two (not a name inside a phrase: "a student of Hill Crest College")."""
    people = [a for a in report.within(report.actors, start, end) if a.kind == "person"]
    found = []
    for i, person in enumerate(people):
        if inside_phrase(report.text, person.start):
            continue
        if _PERSON_HIT.match(report.text, person.end):
            found.append(QuantityMention(person.start, person.end, person.text, 1, False, False))
            continue
        named = [person]  # "X, Y and Z were killed": the names, each joined to the next
        for other in people[i + 1:]:
            if not _NAMES_JOINED.fullmatch(report.text, named[-1].end, other.start):
                break
            named.append(other)
        if len(named) > 1 and _PEOPLE_HIT.match(report.text, named[-1].end) and (
                i == 0 or not _NAMES_JOINED.fullmatch(report.text, people[i - 1].end, person.start)):
            found.append(QuantityMention(person.start, named[-1].end, report.text[person.start:named[-1].end],
                                         len(named), False, False))
    return found


def _elided_tolls(report: Report, skeleton: _Skeleton, position: int, first: Figure, used: set[int]) -> list[Figure]:
    """Tolls told after a toll of one place without their verb, each at its own place ("killed #0 people in A, and
    #1 people in B"; "#0 were killed in A, #1 in B, and #2 in C"): figures of the same kind, of the people they name
    (else of the first toll's). The quantities they read are added to ``used``."""
    kind = "killed" if first.killed is not None else "injured"
    found = []
    while (match := _ELIDED_TOLL.match(skeleton.skeleton, position)) is not None:
        quantity_index = int(match.group("q"))
        words = re.findall(r"[\w’'-]+", match.group("np").lower())
        if quantity_index in used or skeleton.quantities[quantity_index].vague or (
                words and (words[0] == "of" or words[-1] not in VICTIM_GROUP)):
            break  # not "several of them in hospital", nor "80 arrested in the raid"
        used.add(quantity_index)
        used.update(int(i) for i in re.findall(r"#(\d+)", match.group("incl") or ""))
        quantity = skeleton.quantities[quantity_index]
        head = phrase_victims(report, skeleton.offset(match.start("np")), skeleton.offset(match.end("np")))
        named = head is not None and head.groups != {"unspecified"}
        figure = Figure(None, None, quantity.approximate or quantity.vague,
                        set(head.groups) if named else set(first.groups),
                        set(head.sides) if named else set(first.sides), skeleton.offset(match.start("q") - 1),
                        skeleton.offset(match.end()), first.own, first.by_speaker)
        setattr(figure, kind, quantity.value)
        found.append(figure)
        position = match.end()
    return found


def _read_match(report: Report, skeleton: _Skeleton, match: re.Match, fixed_kind: str | None) -> list[Figure]:
    """Figures from one pattern match: one per kind of victim among the coordinated quantities."""
    groups = match.groupdict()
    chain_key = "chain" if groups.get("chain") else "lives"
    chain_start = match.start(chain_key)
    kind = fixed_kind or _kind(groups.get("verb") or "")
    incl_groups, incl_sides = set(), set()
    for name in ("incl", "after"):
        if groups.get(name):
            described = describe_span(report, skeleton.offset(match.start(name)), skeleton.offset(match.end(name)))
            incl_groups |= described[0]
            incl_sides |= described[1]
    by_group: dict[str, Figure] = {}
    start, end = skeleton.offset(match.start()), skeleton.offset(match.end())
    if "figure" in match.re.groupindex:  # "Y put the figure at 30": the verb is Y's cue, not part of the figure
        start = skeleton.offset(match.start("figure"))
    own = bool(_OWN.search(match.group(0)))
    active = match.re is _PATTERNS[0][0]
    by_speaker = active and _SPEAKER_AGENT.search(skeleton.skeleton, *_before(match)) is not None
    loser = _LOSER.search(skeleton.skeleton, *_before(match)) if re.match(r"los", match.group(0), re.I) else None
    own |= bool(loser and loser.group("pronoun"))
    loser_sides = _loser_sides(report, skeleton.offset(match.start())) if loser and loser.group("named") else set()
    previous_item = None
    for item in _ITEM.finditer(match.group(chain_key)):
        quantity = skeleton.quantities[int(item.group("q"))]
        if previous_item is not None and _apposition(match.group(chain_key), previous_item, item, skeleton):
            break  # "two civilians, a woman and her son": the same two people again
        previous_item = item
        head = phrase_victims(report, skeleton.offset(chain_start + item.start("np")),
                              skeleton.offset(chain_start + item.end("np")))
        if head is None or (quantity.text.lower() in ("a", "an") and not head.named):
            continue
        item_groups, sides = head.groups, head.sides
        if not (item_groups & set(SPECIFIC)):
            item_groups = item_groups | incl_groups
        key = "+".join(sorted(item_groups))
        figure = by_group.setdefault(key, Figure(None, None, False, set(item_groups), set(), start, end, own,
                                                 by_speaker))
        figure.sides |= sides | incl_sides | loser_sides
        value, approximate = quantity.value, quantity.approximate
        if quantity.text.lower() in ("a", "an", "one") and _one_more_person(item.group("np")):
            value += 1  # "a 66-year-old man and a 33-year-old woman were killed"
        if quantity.vague and groups.get("incl"):  # "several generals, including X and seven deputies" = 8
            value, approximate = max(value, _included_count(report, skeleton, match)), False
        figure.approximate |= approximate
        setattr(figure, kind, (getattr(figure, kind) or 0) + value)
    if len(by_group) == 2 and "unspecified" in by_group:  # "12 men and 9 women": one toll, of the kind named
        vague = by_group.pop("unspecified")
        other = next(iter(by_group.values()))
        setattr(other, kind, (getattr(other, kind) or 0) + (getattr(vague, kind) or 0))
        other.approximate |= vague.approximate
        other.sides |= vague.sides
    figures = list(by_group.values())
    if figures and groups.get("q2"):
        figures += _add_second(report, skeleton, match, figures[-1], kind)
    return figures


_AND_ONE_MORE = re.compile(r"\band\s+(?:(?:his|her|their|an?|one)\s+)?(?:[\w’'-]+\s+)?(?P<noun>[\w’'-]+)\s*$",
                           re.IGNORECASE)
_PLURAL_PEOPLE = frozenset({"men", "women", "children", "people", "police", "elderly", "schoolchildren", "youth"})


def _one_more_person(phrase: str) -> bool:
    """Whether the phrase of one person ends with one more ("man and woman", "boy and his father")."""
    match = _AND_ONE_MORE.search(phrase)
    noun = match["noun"].lower() if match else ""
    return noun in VICTIM_GROUP and not noun.endswith("s") and noun not in _PLURAL_PEOPLE


def _loser_sides(report: Report, position: int) -> set[str]:
    """The country of a state named just before "lost" ("Russian forces had lost 1,020 troops")."""
    before = [a for a in report.within(report.actors, max(0, position - 40), position) if a.kind == "state"]
    return {before[-1].country} if before and before[-1].country else set()


def _apposition(chain: str, previous: re.Match, item: re.Match, skeleton: _Skeleton) -> bool:
    """Whether ``item`` only spells out the people counted just before it ("two civilians, a woman and her son")."""
    joined_by_comma = re.fullmatch(r"\s*,\s*", chain[previous.end():item.start()]) is not None
    return (joined_by_comma and skeleton.quantities[int(previous.group("q"))].value >= 2
            and re.search(r"\b(?:her|his|their)\b", item.group("np")) is not None)


def _included_count(report: Report, skeleton: _Skeleton, match: re.Match) -> int:
    """How many an "including ..." list names: its counts plus the people it names one by one."""
    counted = sum(skeleton.quantities[int(i)].value for i in re.findall(r"#(\d+)", match.group("incl")))
    start, end = skeleton.offset(match.start("incl")), skeleton.offset(match.end("incl"))
    return counted + sum(1 for a in report.within(report.actors, start, end) if a.kind == "person")


def _add_second(report: Report, skeleton: _Skeleton, match: re.Match, figure: Figure, first_kind: str) -> list[Figure]:
    """The second half of "#0 killed and #1 injured" joins the first figure ("and #1 others killed" adds up), unless
    it counts other people's dead ("11 soldiers were killed and some forty insurgents neutralised"): then it is
    a figure of its own, as the kinds of victim a chain coordinates are. The figures it makes."""
    kind = _kind(match.group("v2"))
    quantity = skeleton.quantities[int(match.group("q2")[1:])]
    groups, sides = describe_span(report, quantity.end, skeleton.offset(match.end("q2")) + 12)
    specific = {g for g in groups if g in SPECIFIC}
    if kind == first_kind and specific and figure.groups & set(SPECIFIC) and not specific & figure.groups:
        second = Figure(None, None, quantity.vague or quantity.approximate, specific, sides, figure.start, figure.end,
                        figure.own, figure.by_speaker)
        setattr(second, kind, quantity.value)
        return [second]
    already = (getattr(figure, kind) or 0) if kind == first_kind else 0
    setattr(figure, kind, already + quantity.value)
    # as annotators flag a toll: by its death count, or by a vague word anywhere ("12 killed and over 100 hurt"
    # is exact, "15 killed and dozens hurt" is not)
    figure.approximate |= quantity.vague or (kind == "killed" and quantity.approximate)
    figure.groups |= specific
    figure.sides |= sides
    return []


def _kind(verb: str) -> str:
    return "injured" if re.match(r"(?:wound|injur|hurt|maim|hospitali)", verb, re.IGNORECASE) else "killed"


def _completes(killed: Casualty, injured: Casualty) -> bool:
    """Whether ``injured`` is the wounded half of the toll ``killed`` gives in the same sentence ("X said 11 bodies
    were recovered and that 20 people were wounded"), and if so, fold it in."""
    if killed.injured is not None or killed.killed is None or injured.killed is not None:
        return False
    if killed.claimant != injured.claimant or None not in (killed.side, injured.side) and killed.side != injured.side:
        return False
    if "unspecified" not in (killed.victims, injured.victims) and killed.victims != injured.victims:
        return False
    killed.injured, killed.approximate = injured.injured, killed.approximate or injured.approximate
    killed.side = killed.side or injured.side
    if killed.victims == "unspecified":
        killed.victims = injured.victims
    return True


def _restates(first: Casualty, later: Casualty) -> bool:
    """Whether ``later`` repeats ``first``: the same toll, from the same claimant or about the same victims."""
    if (first.killed, first.injured) != (later.killed, later.injured):
        # "12 killed" in a headline, unattributed or by the same source, is the "12 killed and 43 injured" the body's
        # source gives
        return (first.killed is not None and first.killed == later.killed and first.injured is None
                and (first.claimant is None or first.claimant.casefold() == (later.claimant or "").casefold())
                and _headline(first))
    if first.claimant is not None and later.claimant is not None:
        return first.claimant == later.claimant
    return "unspecified" in (first.victims, later.victims) or first.victims == later.victims


def _headline(entry: Casualty) -> bool:
    """A headline has no full stop: its toll is told in brief, the body gives it in full."""
    return not re.search(r"[.!?\"”’']\s*$", entry.evidence)


def _merge(entries: list[Casualty]) -> list[Casualty]:
    """One entry per toll and claimant: a restated toll fills in what its first mention left open."""
    merged: list[Casualty] = []
    for entry in entries:
        same = next((m for m in merged if _restates(m, entry)), None)
        if same is None:
            merged.append(entry)
            continue
        if same.injured is None and entry.injured is not None:  # a headline's toll, told in full in the body
            same.injured, same.side, same.victims = entry.injured, entry.side or same.side, entry.victims
        if same.claimant is None and entry.claimant is not None:
            same.claimant, same.evidence, same.span = entry.claimant, entry.evidence, entry.span
        if same.side is None and entry.side is not None and same.victims != "militants":
            same.side, same.victims = entry.side, entry.victims if entry.victims != "unspecified" else same.victims
        elif same.victims == "unspecified":
            same.victims = entry.victims
    return merged

