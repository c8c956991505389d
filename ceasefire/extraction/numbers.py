"""Quantities in news prose: "1,200", "twenty-three", "a dozen", "dozens", "at least 10", "15-20".

Public API, shared by the casualties and events stages:

* :func:`parse_quantity` reads one quantity phrase: ``parse_quantity("more than 100")`` is
  ``Quantity(100, approximate=True)``.
* :func:`find_quantities` finds every quantity in a stretch of text, with character offsets.

Values follow the project's spec (ACLED's coding): a vague quantity keeps the lowest
reasonable value and is approximate (a few = 3, several = 3, many = 10, dozens = 12,
scores = 20, hundreds = 100, thousands = 1000); "at least 10" is 10 and exact; "more than",
"over", "about", "around", "nearly" and ranges ("15-20" -> 15) are approximate.

The finder skips numbers that are not counts of things: years, days of a month, clock
times, percentages, money, ages and labels ("aged 20", "Resolution 2231"), and numbers glued
to letters ("F-16", "23-minute", "22nd").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Quantity:
    value: int
    approximate: bool


@dataclass(frozen=True)
class QuantityMention:
    """A quantity found in text; ``start``/``end`` are offsets into the text given (plus ``offset``)."""

    start: int
    end: int
    text: str
    value: int
    approximate: bool
    vague: bool  # a word like "dozens" or "many" rather than a count


_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_VAGUE = {
    "a few": 3, "a handful": 3, "a couple": 2, "several": 3, "many": 10, "numerous": 10, "half a dozen": 6,
    "several dozen": 36, "a few dozen": 36,
    "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "tens of thousands": 10_000,
    "hundreds of thousands": 100_000, "millions": 1_000_000,
}
_EXACT_MODIFIERS = {"at least", "a minimum of", "no fewer than", "no less than"}

_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WORD = r"(?:" + "|".join(sorted([*_UNITS, *_SCALES, "dozen"], key=len, reverse=True)) + r")"
_FIRST_WORD = r"(?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"  # not a bare "million"
_MODIFIER = (r"(?:at\s+least|at\s+most|a\s+minimum\s+of|no\s+fewer\s+than|no\s+less\s+than|more\s+than|"
             r"fewer\s+than|less\s+than|over|nearly|almost|about|around|some|up\s+to|as\s+many\s+as|roughly|"
             r"approximately|an\s+estimated|close\s+to|upwards\s+of|in\s+excess\s+of)")
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_UPPER = rf"(?:{_DIGITS}|{_WORD}(?:-{_WORD})?)\b"
_VAGUE_RE = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(_VAGUE, key=len, reverse=True))

_QUANTITY = re.compile(
    rf"(?<![\w$£€₹@#/.,:])(?<![A-Za-z0-9][-–])"
    rf"(?:(?P<between>between)\s+|(?P<mod>{_MODIFIER})\s+)?"
    rf"(?:(?P<vague>{_VAGUE_RE})"
    rf"|(?P<digits>{_DIGITS})(?:\s*(?P<dscale>million|billion|thousand|hundred)\b)?"
    rf"|(?P<words>(?:{_FIRST_WORD}|a\s+(?=(?:hundred|thousand|million|dozen)\b){_WORD})"
    rf"(?:(?:\s*-\s*|\s+(?:and\s+)?){_WORD})*)"
    rf"|(?P<article>\ban?\b|\banother\b(?!\s+(?:\d|{_FIRST_WORD}\b|dozen))))"
    rf"(?(between)\s+and\s+(?P<upper>{_UPPER})|(?:\s*(?:-|–|to)\s*(?P<upper2>{_UPPER}))?)"
    rf"(?![\w%]|-[A-Za-z]|[.,:]\d)",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:[$£€₹]|\b(?:rs|pkr|inr|usd|afn|eur|gbp|us\$)\.?)\s*$", re.IGNORECASE)
_AFTER_NOT_COUNT = re.compile(
    r"^\s*(?:%|percent\b|per\s+cent\b|[ap]\.?m\b\.?|gmt\b|ist\b|hrs\b|hours?\s+gmt|"
    r"(?:us\s+)?dollars?\b|rupees?\b|euros?\b|afghanis?\b|" + _MONTHS + r"(?!\w))",
    re.IGNORECASE,
)
_AROUND = 80  # characters on either side of a number that tell what it counts
_MONTH_BEFORE = re.compile(r"\b" + _MONTHS + r"\s*$", re.IGNORECASE)
_LABEL_BEFORE = re.compile(r"\b(?:aged|age|ages|no|nos|number|article|section|resolution|highway|route|road|flight|"
                           r"unit|level|phase|gate|page|chapter|room|block|ward|brigade|division|battalion|corps|"
                           r"regiment|squadron|platform|channel|clause|paragraph|kilometre|kilometer|km|mile|"
                           r"bus|train|tower|building|camp|grade|class|round|day|week)\.?\s*$", re.IGNORECASE)
_YEAR_CONTEXT = re.compile(r"(?:\b(?:in|since|from|by|until|till|to|of|year|early|late|mid|and|the|during)|'s|’s|"
                           r"[,–-])\s*$", re.IGNORECASE)


COUNT = rf"(?:\d+|{_WORD}(?:-{_WORD})?)"  # a count in digits or words: "30", "thirty", "forty-five"


def count_value(text: str) -> int:
    """The value of a :data:`COUNT` ("a" and "an" are one)."""
    return int(text) if text.isdigit() else 1 if text.lower() in ("a", "an") else _words_value(text)


def _words_value(text: str) -> int:
    """Value of a run of number words: "twenty-three" -> 23, "one hundred and fifty" -> 150."""
    total = current = 0
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _UNITS:
            current += _UNITS[word]
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
    return total + current


def _digits_value(digits: str, scale: str | None) -> int:
    number = float(digits.replace(",", ""))
    if scale:
        number *= _SCALES[scale.lower()]
    return int(number)


def _mention(match: re.Match, offset: int) -> QuantityMention | None:
    groups = match.groupdict()
    modifier = re.sub(r"\s+", " ", (groups["mod"] or "").lower())
    vague = groups["vague"] is not None
    if vague:
        value = _VAGUE[re.sub(r"\s+", " ", groups["vague"].lower())]
    elif groups["digits"]:
        value = _digits_value(groups["digits"], groups["dscale"])
    elif groups["words"]:
        value = _words_value(groups["words"])
    else:  # "a"/"an"/"another": one thing, kept only when the caller asks for articles
        value = 1
    ranged = bool(groups["upper"] or groups["upper2"])
    approximate = vague or ranged or bool(modifier and modifier not in _EXACT_MODIFIERS)
    return QuantityMention(match.start() + offset, match.end() + offset, match.group(0), value, approximate, vague)


def _is_count(text: str, match: re.Match) -> bool:
    """False for numbers that are dates, years, times, percentages or money (read from the words around them: a
    "sentence" may be a pasted table of thousands of numbers)."""
    before = text[max(0, match.start() - _AROUND):match.start()]
    after = text[match.end():match.end() + _AROUND]
    if _CURRENCY_BEFORE.search(before) or _AFTER_NOT_COUNT.match(after):
        return False
    if match.group("digits") and not match.group("mod") and _LABEL_BEFORE.search(before):
        return False  # "aged 20", "Resolution 2231", "Highway 7"
    digits = match.group("digits")
    if digits and not match.group("mod"):
        if _MONTH_BEFORE.search(before) and len(digits) <= 4:
            return False
        if re.fullmatch(r"(?:19|20)\d\d", digits) and (_YEAR_CONTEXT.search(before) or not after.strip()
                                                        or after.lstrip()[:1] in ".,;:)"):
            return False
    return True


def find_quantities(text: str, offset: int = 0, articles: bool = False) -> list[QuantityMention]:
    """Every quantity in ``text``, in order; offsets are shifted by ``offset``.

    With ``articles=True`` a bare "a"/"an" or "another" also counts as one ("killed a soldier", "one was killed
    and another injured"); callers that use this must check what follows, since most articles are not counts.
    """
    found = []
    for match in _QUANTITY.finditer(text):
        if match.group("article") and not articles:
            continue
        if not _is_count(text, match):
            continue
        mention = _mention(match, offset)
        if mention is not None:
            found.append(mention)
    return found


def parse_quantity(text: str) -> Quantity | None:
    """The quantity a phrase states ("at least a dozen" -> 12, exact), or None if it states none."""
    phrase = text.strip()
    match = _QUANTITY.fullmatch(phrase)
    if match is None or match.group("article"):
        return None
    mention = _mention(match, 0)
    return None if mention is None else Quantity(mention.value, mention.approximate)
