"""Small helpers shared by the resolution modules: partial dates, evidence, stable ids and votes.

Dates follow the record format: a string whose length is its precision (``"2025-10-15"``,
``"2025-10"``, ``"2025"``). Two dates are compatible when they agree at the coarser precision.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import TypeVar

from ceasefire.resolution.model import Evidence, SourcedRecord, Span

T = TypeVar("T")

_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


def clean_date(value: str | None) -> str | None:
    """The ``YYYY[-MM[-DD]]`` prefix of a date string, or None when it has none."""
    if not value:
        return None
    match = _DATE.match(value.strip())
    return match.group(0) if match else None


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Equal at the coarser precision of the two (a day and its month are compatible); None is not."""
    if a is None or b is None:
        return False
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def is_day(value: str | None) -> bool:
    return value is not None and len(value) == 10


def finest(values: Iterable[str | None]) -> str | None:
    """The most precise value; among equally precise ones the most frequent, then the first given."""
    present = [v for v in values if v]
    if not present:
        return None
    best_len = max(len(v) for v in present)
    return most_common([v for v in present if len(v) == best_len])


def most_common(values: Iterable[T | None]) -> T | None:
    """The most frequent non-null value; ties go to the value seen first (the earliest report)."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    counts = Counter(present)
    top = max(counts.values())
    return next(v for v in present if counts[v] == top)


def union(lists: Iterable[Iterable[str]]) -> list[str]:
    """All names in order of first appearance, compared case-insensitively."""
    seen: dict[str, str] = {}
    for names in lists:
        for name in names:
            if name and name_key(name) not in seen:
                seen[name_key(name)] = name
    return list(seen.values())


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A comparison key for names: case and spacing do not matter."""
    return " ".join(name.casefold().split())


def evidence_of(source: SourcedRecord, span: Span, text: str, published: str | None = None) -> Evidence:
    """The evidence of an item of ``source`` (``published``: the report's :func:`published_of`, when known)."""
    return Evidence(doc_id=source.doc_id, span=(int(span[0]), int(span[1])), text=text,
                    publisher=source.publisher, published=published or published_of(source))


def published_of(source: SourcedRecord) -> str | None:
    """The report's publication date: the store's value, else the record's own."""
    return clean_date(source.published) or clean_date(source.record.document.published)


UNDATED = "9999"  # the resolution day of a report of unknown date: after every known one


def resolution_day(published: str | None, record_published: str | None) -> str:
    """The day resolution sorts a report by: the store's publication date, else the record's own, else
    :data:`UNDATED`."""
    return clean_date(published) or clean_date(record_published) or UNDATED


def source_order(source: SourcedRecord) -> tuple[str, str]:
    """Sort key making resolution independent of input order: publication date (unknown last), doc id."""
    return (resolution_day(source.published, source.record.document.published), source.doc_id)


def stable_id(prefix: str, evidence: Evidence, *details: str | None) -> str:
    """An id derived from the first source only (doc id, span, and details telling apart items that share
    a sentence), so it survives when later sources are merged in."""
    key = "|".join([evidence.doc_id, f"{evidence.span[0]}-{evidence.span[1]}", *(d or "" for d in details)])
    digest = hashlib.sha1(key.encode()).hexdigest()
    return f"{prefix}-{digest[:12]}"


def week_start(day: str) -> str | None:
    """The Monday on or before a date's first day ("2025-11" -> "2025-10-27"); None for an unknown date. Never
    after the date in resolution order, and never decreasing as dates grow."""
    first = {4: "-01-01", 7: "-01"}.get(len(day), "")
    try:
        date = dt.date.fromisoformat(day[:10] + first) if len(day) in (4, 7, 10) else None
    except ValueError:
        return None
    return (date - dt.timedelta(days=date.weekday())).isoformat() if date and day != UNDATED else None
