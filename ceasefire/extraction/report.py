"""The container that flows through the extraction stages.

A :class:`Report` holds the text, its publication date and the spaCy ``Doc``; each stage
reads what earlier stages found and adds its own mentions or record items. All offsets are
character offsets into ``Report.text``.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from spacy.tokens import Doc

from ceasefire.records import DocumentRecord, Place

_LINE = re.compile(r"[^\n]+")


@dataclass
class Mention:
    """A stretch of text a stage recognised."""

    start: int
    end: int
    text: str


@dataclass
class DateMention(Mention):
    value: str  # "2025-11-07", "2025-10" or "2025": the length is the precision
    end_value: str | None = None  # last day of a range ("6 and 7 November")


@dataclass
class PlaceMention(Mention):
    place: Place


@dataclass
class ActorMention(Mention):
    name: str  # canonical name, as the spec wants it ("Pakistan", "Tehrik-i-Taliban Pakistan")
    kind: str  # state | armed_group | organisation | person | media | group
    country: str | None = None  # ISO alpha-2 the actor belongs to, where known
    office: str | None = None  # for people: the office the text gives them
    affiliation: str | None = None  # for people and officials: the actor they speak for ("Afghanistan")
    # For demonyms and collective nouns: who is meant ("civilians", "security_forces", ...)
    group: str | None = None


@dataclass
class Report:
    text: str
    published: dt.date | None
    doc: Doc
    record: DocumentRecord
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    # What several stages derive once from the mentions above, by name (e.g. the agreements and
    # talks stages share one "diplomacy" context); a stage only reads what stages before it put here.
    shared: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def lines(self) -> list[tuple[int, int]]:
        """Sentence spans cut again at line breaks (headlines and datelines carry no full stop),
        without surrounding white space: the units most stages read."""
        units = []
        for sent in self.doc.sents:
            for line in _LINE.finditer(self.text, sent.start_char, sent.end_char):
                start, end = trimmed(self.text, *line.span())
                if end > start:
                    units.append((start, end))
        return units

    def line_at(self, position: int) -> tuple[int, int]:
        """The unit of :attr:`lines` that holds the character at ``position`` (else the empty span there)."""
        i = bisect_right(self._line_starts, position) - 1
        if i >= 0 and position < self.lines[i][1]:
            return self.lines[i]
        return position, position

    @cached_property
    def _line_starts(self) -> list[int]:
        return [start for start, _ in self.lines]

    def within(self, mentions: list, start: int, end: int) -> list:
        """The mentions lying inside ``[start, end)``, in text order."""
        return [m for m in mentions if m.start >= start and m.end <= end]


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the whitespace at either end (evidence is the words, not the margins)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
