"""Agreements and talks across reports: one agreement per accord with the history of its status,
one ordered list of talks rounds.

Reports are taken one at a time in resolution order (publication date, then document id; see
:class:`DiplomacyState`): each report's mentions are placed among the agreements and rounds the reports
before it made, so a state kept at the start of a week takes the reports after it without the rest, and an
ingest resolves again only the reports since the last such checkpoint before its earliest report.

Agreements. Two mentions are one agreement when they are of the same kind, share a party (or one
lists none), nothing contradicts (names, venues, signing and effective dates) and something ties them:
the same name, the same venue, or the same signing or effective day. A bare mention ("the ceasefire
is holding") with no name, venue or date, and a report of an extension ("agreed to extend their truce
until 6 May"), go after the report's other mentions to the agreement of that kind and those parties most
recently signed or taking effect by the report's date (the extension's day) -- among those the same report
names, if any; a bare mention naming no party joins one its report names or, failing that, one between
parties whose reports tell of incidents in the country this report's incidents are in. A bare mention
joins only an agreement named by its own report or an earlier one. Fields are voted
over the mentions (most precise date, most frequent value, earliest report on ties); each report
contributes one observation (status, extension, the day it runs until), the agreement's status is the
latest observation that gives one, and the day it runs until the latest report's that gives one.

Talks. Two mentions are one round when their venues are equal (or one is unknown with both dated to
the same day and a shared party) and their dates overlap at the coarser precision. A mention with a
venue but no date joins, after the report's dated mentions, the latest round at that venue that had
started by the report's date, or, when it announces talks, the next round there known by then. A scheduled
round later held is the same round: the outcome from the latest report wins (a mention without dates only
when no dated one gives one).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import heapq
import io
import itertools
import pickle
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ceasefire.records import Agreement, Talks
from ceasefire.resolution.common import (
    UNDATED,
    clean_date,
    dates_compatible,
    evidence_of,
    finest,
    is_day,
    most_common,
    name_key,
    published_of,
    source_order,
    stable_id,
    week_start,
)
from ceasefire.resolution.model import Evidence, ResolvedAgreement, SourcedRecord, StatusObservation, TalksRound
from ceasefire.resolution.tally import Names, Tally

_NAME_FILLER = re.compile(r"'s\b|\b(?:the|a|an|of|agreement|deal|accord|ceasefire|cease-fire|truce)\b|[^\w\s]")


@dataclass
class _Mention:
    doc_id: str
    item: Any  # Agreement or Talks
    evidence: Evidence
    published: str | None
    order: tuple[tuple[str, str], int]  # its report's resolution key and its place in the report
    countries: set[str]  # where the incidents of its report happened


class _Group:
    """The mentions of one agreement or round, and what comparing a mention with them needs. Read back from a
    checkpoint, a group holds its serial, kind, id and counts, with the rest packed (pickled apart) until
    something reads it: what comparisons need when it is a candidate for a mention, the votes its fields come
    from when a mention joins it, its mentions when it is built whole. An ingest reads back every agreement but
    unpacks only those its reports come near; the mentions are packed in chunks, so a mention joins a group
    without its earlier mentions being read."""

    # each packed form, and the attributes it holds
    _PACKS = {"_compared": ("first", "distinct"), "_placed": ("countries", "parties", "sides", "placing"),
              "_docs": ("docs",), "_votes": ("votes",)}
    _HEADER = ("serial", "kind", "base_id", "count", "doc_count", "merged", "venues")
    STATE = (*_HEADER, "_compared", "_placed", "_docs", "_votes", "_chunks")  # what a checkpoint holds of it
    _CHUNKS = 8  # chunks of mentions a group is packed in before they are packed again as one

    def __init__(self, serial: int, mentions: list[_Mention]) -> None:
        self.serial = serial  # creation order: the order agreements are listed in
        self.kind: str | None = None  # an agreement's (a ceasefire, a peace agreement...): one for all its mentions
        self.base_id = ""  # the id its first mention gives it (see _Book.ids), set by the book
        self.count = 0  # its mentions
        self.doc_count = 0  # the reports they are in
        self.merged = ""  # the week of the report that last merged another group into it
        self.venues: set[str] = set()  # name keys of the venues its mentions name (read without unpacking)
        self.first: _Mention | None = None  # the earliest in resolution order: it names the group
        self.distinct: dict[tuple, Any] = {}  # one item per signature: what comparisons need
        self.docs: set[str] = set()
        self.countries: set[str] = set()  # where the incidents of its reports happened
        self.parties: set[str] = set()  # name keys of the parties its mentions name
        self.sides: set[frozenset[str]] = set()  # the parties its distinct items name, item by item
        self.placing: list[tuple] = []  # its countries and parties as keys, in order seen
        self.votes = _Votes()
        self.mentions: list[_Mention] = []  # in resolution order once built (see ordered)
        self._chunks: list[str | tuple[str, bytes]] = []  # its mentions packed so far (see _named)
        self.fresh: list[_Mention] = []  # its mentions not packed yet
        self.read_back: tuple[int, int] | None = None  # (count, doc_count) when read back from a checkpoint
        self.recent: list[_Mention] | None = []  # mentions joined since (None: a group was merged into it)
        self.add(mentions)

    def __getstate__(self) -> dict[str, Any]:
        if "_state" in self.__dict__:  # unchanged since read back
            return self._state
        state = {name: self.__dict__[name] for name in self._HEADER}
        packs = self.packs()
        for packed, (digest, _) in zip(self._PACKS, packs, strict=False):
            state[packed] = digest  # the bytes are stored apart (see DiplomacyState.dumps)
        state["_chunks"] = [digest for digest, _ in packs[len(self._PACKS):]]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Read back from a checkpoint: its packed forms are digests of packs the store holds (``_fetch``, set by
        :meth:`DiplomacyState.loads`, reads them)."""
        self.__dict__.update(state)
        self.fresh, self.recent, self.read_back, self._state = [], [], (self.count, self.doc_count), state

    def packs(self) -> list[tuple[str, bytes | None]]:
        """The digest and bytes (None: read back, so stored already) of each packed form, then of each chunk of
        mentions, packing what changed since it was last packed."""
        if "_state" in self.__dict__:
            return [_named(self.__dict__[packed]) for packed in self._PACKS] + list(map(_named, self._chunks))
        for packed, names in self._PACKS.items():
            if packed not in self.__dict__:  # changed since it was last packed
                self.__dict__[packed] = _pack({name: self.__dict__[name] for name in names})
        if self.fresh:
            if len(self._chunks) >= self._CHUNKS - 1:  # read back whole, packed again as one
                self.fresh, self._chunks = self.mentions, []
            self._chunks.append(_pack(self.fresh))
            self.fresh = []
        return [_named(self.__dict__[packed]) for packed in self._PACKS] + list(map(_named, self._chunks))

    def __getattr__(self, name: str) -> Any:  # only for what is not unpacked yet
        if name == "mentions" and "_chunks" in self.__dict__:
            chunks = [self._read(*_named(chunk)) for chunk in self.__dict__["_chunks"]]
            self.__dict__["mentions"] = sorted([m for chunk in chunks for m in chunk] + self.fresh,
                                               key=lambda m: m.order)
            return self.__dict__["mentions"]
        packed = next((packed for packed, names in self._PACKS.items() if name in names), None)
        if packed is None or packed not in self.__dict__:
            raise AttributeError(name)
        self.__dict__.update(self._read(*_named(self.__dict__[packed])))
        return self.__dict__[name]

    def _read(self, digest: str, data: bytes | None) -> Any:
        return _StateUnpickler(io.BytesIO(data if data is not None else self._fetch(digest))).load()

    def _changed(self, *packed: str) -> None:
        """Unpack what is about to change, and forget its packed form."""
        for name in packed:
            getattr(self, self._PACKS[name][0])
            self.__dict__.pop(name, None)

    def add(self, mentions: list[_Mention]) -> None:
        self._changed("_compared", "_placed", "_docs", "_votes")
        self.__dict__.pop("_state", None)
        self.fresh.extend(mentions)
        if "mentions" in self.__dict__:
            self.mentions.extend(mentions)
        if self.recent is not None:
            self.recent.extend(mentions)
        self.count += len(mentions)
        if self.kind is None and mentions:
            self.kind = getattr(mentions[0].item, "kind", None)
        kind = self.kind
        for mention in mentions:
            self.votes.add(mention)
            if self.first is None or mention.order < self.first.order:
                self.first = mention
            if mention.doc_id not in self.docs:
                self.docs.add(mention.doc_id)
                self.doc_count += 1
                new = mention.countries - self.countries
                self.countries |= new
                self.placing += [("country", kind, c) for c in sorted(new)]
            signature = _signature(mention.item)
            if signature not in self.distinct:  # a new way of telling it: new parties, perhaps
                self.distinct[signature] = mention.item
                self.venues |= {name_key(mention.item.venue)} if mention.item.venue else set()
                named = frozenset(name_key(p) for p in mention.item.parties)
                self.sides.add(named)
                new = named - self.parties
                self.parties |= new
                self.placing += [("party", kind, key) for key in sorted(new)]

    def absorb(self, other: _Group, week: str) -> None:
        """Take in another group's mentions (a mention tied the two): its votes are counted again in resolution
        order, and what it joined since it was read back no longer says what changed."""
        self.add(other.mentions)
        self.votes = _Votes()
        for mention in self.ordered().mentions:
            self.votes.add(mention)
        self.merged, self.recent = week, None

    def ordered(self) -> _Group:
        """The group with its mentions in resolution order (a report's bare mentions join after its others)."""
        self.mentions.sort(key=lambda m: m.order)
        return self


def _pack(value: Any) -> tuple[str, bytes]:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha1(data).hexdigest()[:20], data


def _named(pack: str | tuple[str, bytes]) -> tuple[str, bytes | None]:
    """A pack's digest and bytes: a digest alone names a pack read back, which the store holds already."""
    return (pack, None) if isinstance(pack, str) else pack


class _Buckets:
    """A dict of keys to the lists filed under them, packed in buckets of keys (by a hash that does not change
    from one run to the next): a state read back unpacks only the buckets its reports' keys fall in, and a
    checkpoint stores again only the buckets that changed. A report's own key (``("doc", id)``) is looked up only
    while the report is taken, so it is kept for this run only."""

    SIZE = 256

    def __init__(self) -> None:
        self.buckets: dict[int, dict[tuple, list]] = {n: {} for n in range(self.SIZE)}  # unpacked
        self.packed: dict[int, tuple[str, bytes | None]] = {}  # unchanged since packed or read back
        self.reports: dict[tuple, list] = {}  # the reports' own keys

    def __getstate__(self) -> dict[str, Any]:
        return {"packed": [digest for digest, _ in self.packs()]}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.buckets, self.packed = {}, {n: (digest, None) for n, digest in enumerate(state["packed"])}
        self.reports = {}

    def packs(self) -> list[tuple[str, bytes | None]]:
        """Each bucket's digest and bytes (None: read back, so stored already), packing those that changed."""
        for n in range(self.SIZE):
            if n not in self.packed:
                self.packed[n] = _pack(self.buckets[n])
        return [self.packed[n] for n in range(self.SIZE)]

    def get(self, key: tuple) -> list | None:
        return self.reports.get(key) if key[0] == "doc" else self._bucket(key).get(key)

    def setdefault(self, key: tuple, default: list) -> list:
        """The list filed under the key (``default`` when none is), to be changed: its bucket is packed again."""
        if key[0] == "doc":
            return self.reports.setdefault(key, default)
        n = _bucket_of(key, self.SIZE)
        bucket = self._bucket(key, n)
        self.packed.pop(n, None)
        return bucket.setdefault(key, default)

    def _bucket(self, key: tuple, n: int | None = None) -> dict[tuple, list]:
        n = _bucket_of(key, self.SIZE) if n is None else n
        if n not in self.buckets:
            digest, data = self.packed[n]
            self.buckets[n] = _StateUnpickler(io.BytesIO(data if data is not None else self._fetch(digest))).load()
        return self.buckets[n]


def _bucket_of(key: tuple, size: int) -> int:
    text = "|".join(",".join(sorted(part)) if isinstance(part, frozenset) else str(part) for part in key)
    return zlib.crc32(text.encode()) % size


class _Votes:
    """What an agreement's or a round's fields are voted from, counted report by report in resolution order: a
    group a mention joins is built without reading its earlier mentions (see :mod:`~ceasefire.resolution.tally`).
    The mentions of the report being taken wait in ``tail``: they may join out of order (a report's bare mentions
    after its others), and are counted in their order once it has been taken (:meth:`settle`)."""

    def __init__(self) -> None:
        self.own = _Told()  # agreements: what the mentions that are not of an extension say
        self.every = _Told()  # what all mentions say (an agreement known only from extensions; rounds)
        self.parties, self.mediators = Names(), Names()
        self.start, self.end = Tally(), Tally()  # rounds
        self.outcome: tuple[tuple, str] | None = None  # rounds: the latest report's outcome, with its sort key
        self.status: tuple[str | None, str | None] = (None, None)  # agreements: the latest status, expiry given
        self.tail: list[_Mention] = []

    def add(self, mention: _Mention) -> None:
        if self.tail and self.tail[0].doc_id != mention.doc_id:
            self._count_tail()
        self.tail.append(mention)

    def _count_tail(self) -> None:
        tail = sorted(self.tail, key=lambda m: m.order)
        self.tail = []
        for mention in tail:
            item = mention.item
            self.parties.add(item.parties)
            self.mediators.add(item.mediators)
            self.every.add(item)
            if isinstance(item, Talks):
                self.start.add(clean_date(item.start))
                self.end.add(clean_date(item.end))
                key = (_is_dated(item), mention.published or "", mention.order)
                if item.outcome and (self.outcome is None or key > self.outcome[0]):
                    self.outcome = (key, item.outcome)
            elif item.extended is None:
                self.own.add(item)
        if isinstance(tail[0].item, Agreement):
            seen = _observation(tail)
            self.status = (seen.status or self.status[0], seen.expires or self.status[1])

    def settle(self) -> None:
        """Count the last report's mentions: it has been taken whole."""
        if self.tail:
            self._count_tail()

    def counted(self) -> _Votes:
        """The votes with the last report's mentions counted (while it is being taken: a copy, as more of its
        mentions may come)."""
        if not self.tail:
            return self
        votes = _Votes()
        votes.own, votes.every = self.own.copy(), self.every.copy()
        votes.parties, votes.mediators = self.parties.copy(), self.mediators.copy()
        votes.start, votes.end = self.start.copy(), self.end.copy()
        votes.outcome, votes.status, votes.tail = self.outcome, self.status, list(self.tail)
        if votes.tail:
            votes._count_tail()
        return votes

    def agreement(self) -> dict[str, Any]:
        """An agreement's voted fields (the mentions of it, not of its extensions, say what it is, when any do)."""
        votes = self.counted()
        own = votes.own if votes.own.seen else votes.every
        effective = own.effective.finest()
        hours = own.hours.get(effective) if effective else None
        return {"name": own.name.most_common(), "parties": votes.parties.values(),
                "mediators": votes.mediators.values(), "venue": own.venue.most_common(),
                "signed": own.signed.finest(), "effective": effective, "status": votes.status[0],
                "effective_time": hours.most_common() if hours else None, "expires": votes.status[1]}

    def round(self) -> dict[str, Any]:
        votes = self.counted()
        return {"venue": votes.every.venue.most_common(), "start": votes.start.finest(), "end": votes.end.finest(),
                "parties": votes.parties.values(), "mediators": votes.mediators.values(),
                "outcome": votes.outcome[1] if votes.outcome else None}


class _Told:
    """What a set of agreement mentions say of its name, venue and days (see :class:`_Votes`)."""

    def __init__(self) -> None:
        self.seen = 0
        self.name, self.venue, self.signed, self.effective = Tally(), Tally(), Tally(), Tally()
        self.hours: dict[str, Tally] = {}  # the hour it took effect, by the day it is given with

    def add(self, item: Agreement | Talks) -> None:
        self.seen += 1
        self.venue.add(item.venue)
        if isinstance(item, Agreement):
            self.name.add(item.name)
            self.signed.add(clean_date(item.signed))
            effective = clean_date(item.effective)
            self.effective.add(effective)
            if item.effective_time and effective:
                self.hours.setdefault(effective, Tally()).add(item.effective_time)

    def copy(self) -> _Told:
        copied = _Told()
        copied.seen = self.seen
        copied.name, copied.venue = self.name.copy(), self.venue.copy()
        copied.signed, copied.effective = self.signed.copy(), self.effective.copy()
        copied.hours = {day: tally.copy() for day, tally in self.hours.items()}
        return copied


class _Index:
    """Which groups a mention can join, found through the keys it shares with them (a name, a venue, a day,
    its parties, its report, a country) rather than by comparing it with every group: resolution stays near
    linear in the mentions. The exact tests (ties, conflicts, the bare mentions' rules) then run on the
    candidates only, in the order the groups were made, so the result is the same as a full comparison's.
    Keys are only ever added (a group that has since named its parties stays filed as partyless): more
    candidates, never fewer."""

    def __init__(self, item_keys: Callable[[Any], set[tuple]], placing: bool = False) -> None:
        self.item_keys, self.placing = item_keys, placing
        self.keys = _Buckets()  # key -> serials of the groups filed under it, in order
        self.groups: dict[int, _Group] = {}
        self.filed: dict[int, tuple[int, int]] = {}  # serial -> (distinct items, placing keys) filed so far

    def __getstate__(self) -> dict[str, Any]:
        return {name: value for name, value in self.__dict__.items() if name != "groups"}  # its book's (see _Book)

    def update(self, group: _Group, merged: list[_Group], doc: str = "") -> None:
        """The group gained mentions (and absorbed ``merged``) from the report ``doc``: index what it now says."""
        for gone in merged:
            self.groups.pop(gone.serial, None)
        self.groups[group.serial] = group
        items, placing = self.filed.get(group.serial, (0, 0))
        keys = set().union(*map(self.item_keys, itertools.islice(group.distinct.values(), items, None)))
        if self.placing:
            keys.update(group.placing[placing:])
            keys |= {("doc", doc)} if doc else set()
            if not group.parties:
                keys.add(("partyless", group.kind))
        self.filed[group.serial] = (len(group.distinct), len(group.placing))
        for key in keys:
            serials = self.keys.setdefault(key, [])
            at = bisect.bisect_left(serials, group.serial)
            if at == len(serials) or serials[at] != group.serial:
                serials.insert(at, group.serial)

    def candidates(self, keys: set[tuple]) -> list[_Group]:
        """The groups filed under any of the keys, in the order they were made."""
        return list(self.in_order(keys))

    def in_order(self, keys: set[tuple]) -> Iterator[_Group]:
        """:meth:`candidates`, one at a time."""
        last = None
        for serial in heapq.merge(*(filed for filed in map(self.keys.get, keys) if filed)):
            if serial != last and serial in self.groups:
                yield self.groups[serial]
            last = serial


class _Agreed:
    """For each key that places a bare mention (:func:`_placing_keys`), the days its agreements were signed or
    took effect, in order: the agreement most recently agreed by a report's date is found by walking back from
    that date, not by reading every agreement of the parties (which made many mentions of one pair of sides
    quadratic)."""

    def __init__(self) -> None:
        self.days = _Buckets()  # key -> (day, serial) of the agreements filed under it, in order
        self.groups: dict[int, _Group] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"days": self.days}  # its groups are its book's (see _Agreements)

    def update(self, group: _Group, merged: list[_Group], mention: _Mention) -> None:
        """Take in what a mention that joined (or started) the group adds, and the groups it merged into it."""
        if not merged:
            self.joined(group, mention)
            return
        for gone in merged:
            self.groups.pop(gone.serial, None)
        self._file(group, _placing_keys(group, mention.doc_id), _agreed_dates(group.distinct.values()))

    def joined(self, group: _Group, mention: _Mention) -> None:
        """Take in what a mention that joined (or started) the group adds: its report, countries and
        parties as keys, and any day it gives."""
        item = mention.item
        keys = {("doc", mention.doc_id)} | {("country", item.kind, c) for c in mention.countries}
        keys |= {("party", item.kind, name_key(p)) for p in item.parties}
        keys |= set() if group.parties else {("partyless", item.kind)}
        self._file(group, keys, _agreed_dates(group.distinct.values()))
        new_days = _agreed_dates([item])
        if new_days:
            self._file(group, _placing_keys(group, mention.doc_id), new_days)

    def _file(self, group: _Group, keys: set[tuple], days: set[str]) -> None:
        self.groups[group.serial] = group
        for key in keys:
            filed = self.days.setdefault(key, [])
            for entry in ((day, group.serial) for day in days):
                at = bisect.bisect_left(filed, entry)
                if at == len(filed) or filed[at] != entry:
                    filed.insert(at, entry)

    def latest(self, keys: set[tuple], cutoff: str) -> Iterator[tuple[str, _Group]]:
        """(day, agreement) under any of the keys, latest day first, from the last day on or before ``cutoff``
        (a day of a coarser date counts when its month or year is not after the cutoff's)."""
        bound = (cutoff + "\x7f",)  # every date whose first len(cutoff) characters are <= cutoff sorts below it
        walks = [_backwards(days, bisect.bisect_left(days, bound)) for days in map(self.days.get, keys) if days]
        for day, serial in heapq.merge(*walks, reverse=True):
            if serial in self.groups:  # not merged into another since
                yield day, self.groups[serial]


def _backwards(days: list[tuple[str, int]], end: int) -> Iterator[tuple[str, int]]:
    for position in range(end - 1, -1, -1):
        yield days[position]


def _agreed_dates(items: Iterable[Agreement]) -> set[str]:
    return {d for item in items for d in (clean_date(item.signed), clean_date(item.effective)) if d}


def _placing_keys(group: _Group, doc: str) -> set[tuple]:
    """What places a bare mention in an agreement: its countries and parties (or that it has none), each with the
    agreement's kind (a bare mention joins one of its own kind only), and the report being taken. (Of its reports
    only that one: a report's key places the report's own bare mentions, and no later report's.)"""
    return set(group.placing) | {("doc", doc)} | (set() if group.parties else {("partyless", group.kind)})


def _bare_keys(mention: _Mention, places: _PartyCountries) -> set[tuple]:
    """The keys of the agreements a bare mention or an extension may join: of its report, naming a party it
    names (or no party at all), or -- naming none itself -- of the countries its report's incidents are in."""
    item = mention.item
    keys = {("doc", mention.doc_id), ("partyless", item.kind)}
    keys |= {("party", item.kind, name_key(p)) for p in item.parties}
    if not item.parties:
        countries = mention.countries
        keys |= {("country", item.kind, c) for c in countries}
        keys |= {("party", item.kind, key) for key in places.parties_in(countries)}
    return keys


def _round_keys(talks: Talks) -> set[tuple]:
    """What :func:`_rounds_tied` compares, as keys: two mentions it ties share one of them. A dated round at a
    venue is filed by the venue and each year its period touches, give or take one (rounds whose periods
    overlap share a year), and by the venue alone, for the mentions without dates (:func:`_round_for_undated`)."""
    start = clean_date(talks.start)
    keys = {("start", start)} if is_day(start) else set()
    if talks.venue:
        venue = name_key(talks.venue)
        keys.add(("venue", venue))
        keys |= {("venue", venue, year) for year in _years_around(talks)}
    return keys


def _round_lookup_keys(talks: Talks) -> set[tuple]:
    """The keys a dated mention looks its round up by: of :func:`_round_keys`, all but the venue alone."""
    return {key for key in _round_keys(talks) if len(key) != 2 or key[0] != "venue"}


def _years_around(talks: Talks) -> range:
    first, last = _period(talks)
    return range(int(first[:4]) - 1, int(last[:4]) + 2) if first and last else range(0)


def _tie_keys(item: Agreement) -> set[tuple]:
    """What :func:`_agreements_tied` compares, as keys: two mentions it ties share one of them. Names match
    when their words are the same, or the fewer words (two or more) are all among the others' (see
    :func:`_names_match`): the name's set of words, and each pair of its words, are keys."""
    words = sorted(_name_words(item.name or ""))
    keys: set[tuple] = {("name", *words)} if words else set()
    keys |= {("words", a, b) for n, a in enumerate(words) for b in words[n + 1:]}
    if item.venue:
        keys.add(("venue", name_key(item.venue)))
    keys |= {("day", d) for d in (clean_date(item.signed), clean_date(item.effective)) if is_day(d)}
    effective = clean_date(item.effective)
    if item.parties and effective:  # same sides, effective dates that agree: in the same year at least
        keys.add(("sides", frozenset(name_key(p) for p in item.parties), effective[:4]))
    return keys


class _Book:
    """The groups one section's mentions made so far, by serial (the order they were made), and the index that
    finds them."""

    prefix = ""

    def __init__(self, index: _Index) -> None:
        self.groups: dict[int, _Group] = {}
        self.index = index
        self.made = 0  # the serial of the next group
        self.touched: set[int] = set()  # groups made, joined or merged away since the state was last read back
        self.built: dict[int, Any] = {}  # agreements or rounds built since the groups last changed, by serial
        self.week = ""  # the week of the report being taken
        self.joining: list[_Group] = []  # the groups the report being taken joined

    def __getstate__(self) -> dict[str, Any]:
        """The groups as columns of their states (pickled far faster than one object each); the index finds them
        again when read back."""
        state = dict(self.__dict__)
        state.pop("joining")
        states = [group.__getstate__() for group in self.groups.values()]
        state["groups"] = {name: [of_group[name] for of_group in states] for name in _Group.STATE}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        columns = state.pop("groups")
        self.__dict__.update(state)
        self.groups, self.joining = {}, []
        for values in zip(*columns.values(), strict=True):
            group = _Group.__new__(_Group)
            group.__setstate__(dict(zip(columns, values, strict=True)))
            self.groups[group.serial] = group
        self.index.groups = dict(self.groups)

    def take(self, mentions: list[_Mention]) -> None:
        raise NotImplementedError

    def join(self, mention: _Mention, target: _Group | None) -> _Group:
        """Add the mention to the group, or start a group with it."""
        self.built.clear()
        if target is None:
            target = _Group(self.made, [])
            self.made += 1
            self.groups[target.serial] = target
        target.add([mention])
        target.base_id = stable_id(self.prefix, target.first.evidence, *self.id_details(target.first.item))
        self.joining.append(target)
        self.touched.add(target.serial)
        return target

    def place(self, mention: _Mention, conflict: Callable[[Any, Any], bool], tie: Callable[[Any, Any], bool],
              candidates: list[_Group]) -> tuple[_Group, list[_Group]]:
        """Add the mention to every group of ``candidates`` (in the order made) it is tied to and contradicts
        nowhere, merging those groups when they do not contradict each other; else start a new group. The group
        it went to, and the groups merged into that one."""
        item = mention.item
        fitting = [g for g in candidates if any(tie(item, other) for other in g.distinct.values())
                   and not any(conflict(item, other) for other in g.distinct.values())]
        if not fitting:
            return self.join(mention, None), []
        target, merged = fitting[0], []
        for other in fitting[1:]:
            if not any(conflict(a, b) for a in target.distinct.values() for b in other.distinct.values()):
                target.absorb(other, self.week)
                del self.groups[other.serial]
                self.touched.add(other.serial)
                merged.append(other)
        return self.join(mention, target), merged

    def ids(self) -> dict[int, str]:
        """Each group's id (its first mention's, see :func:`stable_id`), by serial; two groups whose first
        mentions coincide get ``-2``, ``-3`` suffixes in the order they were made."""
        ids, seen = {}, {}
        for serial, group in self.groups.items():
            base = group.base_id
            seen[base] = seen.get(base, 0) + 1
            ids[serial] = base if seen[base] == 1 else f"{base}-{seen[base]}"
        return ids

    def joined_only(self, serial: int) -> bool:
        """Whether the group was read back from a checkpoint and mentions have only joined it since."""
        group = self.groups.get(serial)
        return group is not None and group.read_back is not None and group.recent is not None

    def joined_since(self, serial: int, id_: str) -> tuple[Any, int, int]:
        """A group :meth:`joined_only`: its agreement or round (``id_``) with the sources (and history) of the
        mentions since it was read back only, and how many sources (and reports) it had then."""
        group = self.groups[serial]
        recent = sorted(group.recent, key=lambda m: m.order)
        return self.build(group, id_, recent), *group.read_back

    def id_details(self, item: Any) -> tuple[str | None, ...]:
        raise NotImplementedError

    def build(self, group: _Group, id_: str, mentions: list[_Mention] | None = None) -> Any:
        """The group's agreement or round, with the sources of ``mentions`` (all of them when None)."""
        raise NotImplementedError

    def resolved(self, serials: Iterable[int] | None = None) -> dict[int, Any]:
        """The agreements or rounds (of ``serials``, else all), by serial; each built once while the groups stay
        as they are (a full resolution lists them, then saves them)."""
        ids = self.ids()
        wanted = list(self.groups) if serials is None else sorted(set(serials) & set(self.groups))
        for serial in wanted:
            if serial not in self.built:
                self.built[serial] = self.build(self.groups[serial].ordered(), ids[serial])
        return {serial: self.built[serial] for serial in wanted}


class _Agreements(_Book):
    prefix = "agr"

    def __init__(self) -> None:
        super().__init__(_Index(_tie_keys, placing=True))
        self.places = _PartyCountries()
        self.agreed = _Agreed()

    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)
        self.agreed.groups = dict(self.groups)

    def take(self, mentions: list[_Mention]) -> None:
        """One report's mentions: those that name an agreement, then the bare ones and the extensions."""
        for mention in mentions:
            if not _follows(mention.item):
                target, merged = self.place(mention, _agreements_conflict, _agreements_tied,
                                            self.index.candidates(_tie_keys(mention.item)))
                self._filed(target, merged, mention)
        for mention in mentions:
            if _follows(mention.item):
                target = self.join(mention, _agreement_for_bare(mention, self.index, self.agreed, self.places))
                self._filed(target, [], mention)

    def _filed(self, group: _Group, merged: list[_Group], mention: _Mention) -> None:
        self.index.update(group, merged, mention.doc_id)
        self.places.add(group)
        self.agreed.update(group, merged, mention)

    def id_details(self, item: Agreement) -> tuple[str | None, ...]:
        return item.kind, item.name, item.signed, item.effective

    def build(self, group: _Group, id_: str, mentions: list[_Mention] | None = None) -> ResolvedAgreement:
        return _build_agreement(group, id_, mentions)


class _Talks(_Book):
    prefix = "tlk"

    def __init__(self) -> None:
        super().__init__(_Index(_round_keys))
        self.starts: dict[int, str | None] = {}  # the rounds' starts worked out so far

    def take(self, mentions: list[_Mention]) -> None:
        """One report's mentions: the dated ones (and those at no venue), then those at a venue without dates."""
        for mention in mentions:
            if not _undated_at_venue(mention.item):
                target, merged = self.place(mention, _rounds_conflict, _rounds_tied,
                                            self.index.candidates(_round_lookup_keys(mention.item)))
                self.index.update(target, merged)
                for group in (target, *merged):
                    self.starts.pop(group.serial, None)
        for mention in mentions:
            if _undated_at_venue(mention.item):  # adds no date: the round's start stays what it was
                at_venue = self.index.candidates({("venue", name_key(mention.item.venue))})
                self.index.update(self.join(mention, _round_for_undated(mention, at_venue, self.starts)), [])

    def id_details(self, item: Talks) -> tuple[str | None, ...]:
        return item.venue, item.start, item.end

    def build(self, group: _Group, id_: str, mentions: list[_Mention] | None = None) -> TalksRound:
        return _build_round(group, id_, mentions)

    def resolved_in_order(self) -> list[TalksRound]:
        return sorted(self.resolved().values(), key=round_order)


def round_order(talks: TalksRound) -> tuple:
    """How rounds are listed: by start date (unknown last), then end, then id."""
    return (talks.start is None, talks.start or talks.end or "", talks.end or "", talks.id)


def _undated_at_venue(talks: Talks) -> bool:
    return bool(talks.venue) and not _is_dated(talks)


CHECKPOINT_WEEKS = 4  # weeks back from the newest report a checkpoint is kept for (an older report replays all)


@dataclass
class DiplomacyUpdate:
    """Agreements and talks resolved again from the reports of ``since`` on ("": all of them): the state after
    the last report, the checkpoints made on the way (week start -> :class:`Checkpoint`), and the first week a
    checkpoint is kept for."""

    state: DiplomacyState
    since: str
    checkpoints: dict[str, Checkpoint]
    keep_from: str


def resolve_diplomacy(sources: list[SourcedRecord], state: DiplomacyState | None = None,
                      since: str = "") -> DiplomacyUpdate:
    """The agreements and talks of ``sources`` (in resolution order) -- all of them, or, from the ``state``
    checkpointed at the start of the week ``since``, of the reports from that day on -- with checkpoints for
    the weeks of the last :data:`CHECKPOINT_WEEKS` it passes."""
    state = state or DiplomacyState()
    weeks = [week for week in (week_start(source_order(source)[0]) for source in sources) if week]
    newest = dt.date.fromisoformat(max(weeks)) if weeks else None
    keep_from = (newest - dt.timedelta(weeks=CHECKPOINT_WEEKS - 1)).isoformat() if newest else "9999"
    return DiplomacyUpdate(state, since, state.take_all(sources, keep_from), keep_from)


class DiplomacyState:
    """The agreements and talks rounds of the reports taken so far, which must come in resolution order (see
    :func:`~ceasefire.resolution.common.source_order`). Pickled at the start of a week (:meth:`take_all`),
    it is a checkpoint: read back, it takes the reports from that day on and gives what all of them give."""

    def __init__(self) -> None:
        self.agreements = _Agreements()
        self.talks = _Talks()
        self.week = ""  # the latest week start it holds every earlier report of

    def take(self, source: SourcedRecord) -> None:
        """Place the report's agreement and talks mentions (in text order) among those taken before."""
        key, countries = source_order(source), _countries(source)
        published = published_of(source)
        for book, section in ((self.agreements, "agreements"), (self.talks, "talks")):
            book.week = week_start(key[0]) or UNDATED
            items = sorted(getattr(source.record, section), key=lambda i: tuple(i.span))
            if items:
                book.take([_Mention(source.doc_id, item, evidence_of(source, item.span, item.evidence, published),
                                    published, (key, n), countries) for n, item in enumerate(items)])
                for group in book.joining:  # the report is taken whole: its mentions are counted
                    group.votes.settle()
                book.joining.clear()

    def take_all(self, sources: list[SourcedRecord], checkpoints_from: str) -> dict[str, Checkpoint]:
        """Take the reports (in resolution order); the state at the start of each week, from the week of
        ``checkpoints_from`` on, before the first report of that week: by the week's first day."""
        checkpoints = {}
        for source in sources:
            week = week_start(source_order(source)[0])
            if week is not None and week > self.week:
                self.week = week
                if week >= checkpoints_from:
                    checkpoints[week] = self.dumps()
            self.take(source)
        return checkpoints

    def dumps(self) -> Checkpoint:
        """The state put away: its groups' packed forms apart, so that a group unchanged since the last checkpoint
        is not stored again."""
        books = (self.agreements, self.talks)
        kept = [(book.touched, book.built) for book in books]  # what this run changed and built: not the checkpoint's
        for book in books:
            book.touched, book.built = set(), {}
        try:
            packs = dict(pack for group in self._groups() for pack in group.packs())
            packs.update(pack for buckets in self._buckets() for pack in buckets.packs())
            return Checkpoint(pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL), packs)
        finally:
            for book, (touched, built) in zip(books, kept, strict=True):
                book.touched, book.built = touched, built

    @staticmethod
    def loads(data: bytes, packs: Callable[[str], bytes]) -> DiplomacyState:
        """A state pickled by :meth:`dumps`, its groups' packed forms read by digest from ``packs`` when something
        reads them; nothing but the classes a state is made of can be read back."""
        state = _StateUnpickler(io.BytesIO(data)).load()
        if not isinstance(state, DiplomacyState):
            raise pickle.UnpicklingError(f"a diplomacy checkpoint may not hold {type(state).__name__}")
        for group in state._groups():
            group._fetch = packs
        for buckets in state._buckets():
            buckets._fetch = packs
        return state

    def _buckets(self) -> tuple[_Buckets, ...]:
        return self.agreements.index.keys, self.agreements.agreed.days, self.talks.index.keys

    def _groups(self) -> Iterator[_Group]:
        """Every group the state holds (the index and the agreed days find the same ones)."""
        return itertools.chain(self.agreements.groups.values(), self.talks.groups.values())


@dataclass
class Checkpoint:
    """A state put away: pickled, naming its groups' packed forms by digest, and those packs by digest (None for
    those read back from the store, which holds them already)."""

    state: bytes
    packs: dict[str, bytes | None]


class _StateUnpickler(pickle.Unpickler):
    """Reads back a pickled :class:`DiplomacyState` and refuses every other class (a store shared with others
    must not run code written into it)."""

    allowed = {("builtins", "set"), ("builtins", "frozenset"), ("ceasefire.records", "Agreement"),
               ("ceasefire.records", "Talks"), ("ceasefire.resolution.model", "Evidence"),
               ("ceasefire.resolution.tally", "Tally"), ("ceasefire.resolution.tally", "Names")} | {
        (__name__, name) for name in ("DiplomacyState", "_Agreements", "_Talks", "_Group", "_Mention", "_Index",
                                      "_Agreed", "_PartyCountries", "_tie_keys", "_round_keys", "_Votes", "_Told",
                                      "_Buckets")}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self.allowed:
            raise pickle.UnpicklingError(f"a diplomacy checkpoint may not hold {module}.{name}")
        return super().find_class(module, name)


def _signature(item: Any) -> tuple:
    """What an agreement or talks mention says apart from its evidence, status and outcome."""
    return tuple(tuple(value) if isinstance(value, list) else value
                 for name, value in vars(item).items() if name not in ("evidence", "span", "status", "outcome"))


def _agreements_conflict(a: Agreement, b: Agreement) -> bool:
    """Different kinds, no party in common, different names or venues, or incompatible dates."""
    if a.kind != b.kind or not _parties_overlap(a.parties, b.parties):
        return True
    if (a.name and b.name and not _names_match(a.name, b.name)) or (
        a.venue and b.venue and name_key(a.venue) != name_key(b.venue)
    ):
        return True
    pairs = ((a.signed, b.signed), (a.effective, b.effective))
    return any(x and y and not dates_compatible(clean_date(x), clean_date(y)) for x, y in pairs)


def _agreements_tied(a: Agreement, b: Agreement) -> bool:
    """The same name, the same venue, a day on which one was signed or took effect in common, or the same
    parties with effective dates that agree ("the truce in place since January" and one of 19 January)."""
    if _names_match(a.name, b.name) or (a.venue and b.venue and name_key(a.venue) == name_key(b.venue)):
        return True
    days_a = {d for d in (clean_date(a.signed), clean_date(a.effective)) if is_day(d)}
    days_b = {d for d in (clean_date(b.signed), clean_date(b.effective)) if is_day(d)}
    same_sides = bool(a.parties) and {name_key(p) for p in a.parties} == {name_key(p) for p in b.parties}
    effective_a, effective_b = clean_date(a.effective), clean_date(b.effective)
    return bool(days_a & days_b) or bool(same_sides and effective_a and effective_b
                                         and dates_compatible(effective_a, effective_b))


def _names_match(a: str | None, b: str | None) -> bool:
    """Names match when their words are the same, or one's two or more words are all in the other,
    ignoring articles and words like "agreement" or "truce" ("Doha ceasefire" = "the Doha truce")."""
    if not a or not b:
        return False
    smaller, larger = sorted((_name_words(a), _name_words(b)), key=len)
    return bool(smaller) and (smaller == larger or (len(smaller) >= 2 and smaller <= larger))


def _name_words(name: str) -> set[str]:
    return set(_NAME_FILLER.sub(" ", name.casefold()).split())


def _parties_overlap(a: list[str], b: list[str]) -> bool:
    return not a or not b or bool({name_key(p) for p in a} & {name_key(p) for p in b})


def _follows(item: Agreement) -> bool:
    """A mention that joins an agreement already known rather than making one: it reports an extension, or it
    gives no name, venue or date of its own."""
    return item.extended is not None or not (item.name or item.venue or item.signed or item.effective)


def _countries(source: SourcedRecord) -> set[str]:
    return {e.location.country for e in source.record.events if e.location and e.location.country}


class _PartyCountries:
    """For each party, the countries where the incidents told by the reports of its agreements happened: worked
    out once from the agreements, and kept up as mentions join them (not looked up group by group, which made
    placing mentions that name no party quadratic in the agreements)."""

    def __init__(self) -> None:
        self.countries: dict[str, set[str]] = {}
        self.parties: dict[str, set[str]] = {}  # the other way round: country -> parties

    def add(self, group: _Group) -> None:
        """Take in what a mention that joined (or started) the group adds."""
        for key in group.parties:
            self.countries.setdefault(key, set()).update(group.countries)
            for country in group.countries:
                self.parties.setdefault(country, set()).add(key)

    def parties_in(self, countries: set[str]) -> set[str]:
        """The parties some of whose agreements' incidents happened in these countries."""
        return set().union(*(self.parties.get(c, ()) for c in countries))

    def of(self, group: _Group) -> set[str]:
        """Where the incidents of any agreement between the group's parties happened."""
        return set(group.countries).union(*(self.countries.get(key, ()) for key in group.parties))


def _agreement_for_bare(mention: _Mention, index: _Index, agreed: _Agreed, places: _PartyCountries) -> _Group | None:
    """Among the agreements of this kind and parties that the same report names, else among all of them (when
    the mention names no party: those whose reports tell of incidents in a country this report's incidents are
    in): the one most recently agreed by the report's date (the first made among equals; the first made of all
    when none was agreed by then)."""
    item = mention.item
    cutoff = clean_date(item.extended) or mention.published or "9999"
    sides = frozenset(name_key(p) for p in item.parties)

    def fits(group: _Group) -> bool:  # of its kind, and a party in common with each mention naming any
        return group.kind == item.kind and (not sides or all(not s or s & sides for s in group.sides))

    doc = mention.doc_id
    same_report = [g for g in index.candidates({("doc", doc)}) if doc in g.docs and fits(g)]
    if same_report:
        return max(same_report, key=lambda group: _agreed_by(group, cutoff))
    countries = mention.countries
    if not item.parties and not countries:
        return None

    def placed(group: _Group) -> bool:
        return fits(group) and bool(item.parties or places.of(group) & countries)

    keys = _bare_keys(mention, places)
    best: _Group | None = None
    best_day, seen = "", set()
    for day, group in agreed.latest(keys, cutoff):
        if best is not None and day < best_day:
            break
        if group.serial not in seen:  # first seen at its latest day by the cutoff
            seen.add(group.serial)
            if placed(group) and (best is None or group.serial < best.serial):
                best, best_day = group, day
    return best or next((g for g in index.in_order(keys) if placed(g)), None)


def _agreed_by(group: _Group, cutoff: str) -> str:
    """The latest day the group's agreement was signed or took effect by ``cutoff`` ("" when none)."""
    return max((d for d in _agreed_dates(group.distinct.values()) if d[: len(cutoff)] <= cutoff), default="")


def _build_agreement(group: _Group, id_: str, mentions: list[_Mention] | None = None) -> ResolvedAgreement:
    """The agreement, with the sources and the history of ``mentions`` (all of them when None)."""
    mentions = group.mentions if mentions is None else mentions
    return ResolvedAgreement(id=id_, kind=group.kind, **group.votes.agreement(), history=_history(mentions),
                             sources=[m.evidence for m in mentions])


def _history(mentions: list[_Mention]) -> list[StatusObservation]:
    """One observation per report, oldest first (see :func:`_observation`)."""
    by_doc: dict[str, list[_Mention]] = {}
    for mention in mentions:
        by_doc.setdefault(mention.doc_id, []).append(mention)
    history = [_observation(of_doc) for of_doc in by_doc.values()]
    history.sort(key=lambda obs: (obs.as_of or "9999", obs.evidence.doc_id))
    return history


def _observation(mentions: list[_Mention]) -> StatusObservation:
    """What one report's mentions of an agreement say of it: the most frequent status (the later mention on ties),
    and the day it runs until and the day of an extension."""
    in_text_order = sorted(mentions, key=lambda m: m.evidence.span, reverse=True)
    status = most_common(m.item.status for m in in_text_order)
    chosen = next((m for m in in_text_order if m.item.status == status), in_text_order[0])
    extensions = [m for m in mentions if m.item.extended]  # their day to run until is the report's news
    return StatusObservation(
        status=status, as_of=mentions[0].published, evidence=chosen.evidence,
        expires=finest([clean_date(m.item.expires) for m in extensions or mentions]),
        extended=finest([clean_date(m.item.extended) for m in extensions]))


def _rounds_conflict(a: Talks, b: Talks) -> bool:
    """Different venues, or dated periods that do not overlap."""
    if a.venue and b.venue and name_key(a.venue) != name_key(b.venue):
        return True
    return None not in (_period(a)[0], _period(b)[0]) and not _periods_overlap(a, b)


def _rounds_tied(a: Talks, b: Talks) -> bool:
    """Same venue with both dated, or (a venue unknown) the same start day and a party in common."""
    if a.venue and b.venue:
        return None not in (_period(a)[0], _period(b)[0])
    start = clean_date(a.start)
    shared_party = bool({name_key(p) for p in a.parties} & {name_key(p) for p in b.parties})
    return is_day(start) and start == clean_date(b.start) and shared_party


def _periods_overlap(a: Talks, b: Talks) -> bool:
    """The rounds' [start, end] periods overlap, comparing each bound at the coarser precision. A round
    known only by its first day ("will meet on 6 November") and one known only by its last ("the talks
    that ended on 7 November") fit when the last day follows the first within a week."""
    for first, last in ((a, b), (b, a)):
        if first.start and not first.end and last.end and not last.start:
            return _within_a_week(clean_date(first.start), clean_date(last.end))
    (a_start, a_end), (b_start, b_end) = _period(a), _period(b)
    return _not_after(a_start, b_end) and _not_after(b_start, a_end)


def _within_a_week(first: str | None, last: str | None) -> bool:
    if not (is_day(first) and is_day(last)):
        return bool(first and last) and _not_after(first, last)
    gap = dt.date.fromisoformat(last) - dt.date.fromisoformat(first)
    return dt.timedelta(0) <= gap <= dt.timedelta(days=7)


def _period(talks: Talks) -> tuple[str | None, str | None]:
    start, end = clean_date(talks.start), clean_date(talks.end)
    return (start or end, end or start)


def _not_after(x: str, y: str) -> bool:
    n = min(len(x), len(y))
    return x[:n] <= y[:n]


def _round_for_undated(mention: _Mention, groups: list[_Group], starts: dict[int, str | None]) -> _Group | None:
    """For talks announced at a venue, the next round there after the report; otherwise the latest
    round there that had started by the report's date (else the latest one there). ``groups``: those that
    name the venue (or more); ``starts``: the rounds' starts worked out so far."""
    venue = name_key(mention.item.venue)
    cutoff = mention.published or "9999"
    at_venue = [g for g in groups if venue in g.venues]
    for group in at_venue:
        if group.serial not in starts:
            starts[group.serial] = _group_start(group)
    if mention.item.outcome == "scheduled":
        upcoming = [g for g in at_venue if not _not_after(starts[g.serial] or "9999", cutoff)]
        return min(upcoming, key=lambda g: starts[g.serial] or "9999", default=None)
    started = [g for g in at_venue if _not_after(starts[g.serial] or "9999", cutoff)]
    return max(started or at_venue, key=lambda g: starts[g.serial] or "", default=None)


def _is_dated(talks: Talks) -> bool:
    return bool(talks.start or talks.end)


def _group_start(group: _Group) -> str | None:
    votes = group.votes.round()
    return votes["start"] or votes["end"]


def _build_round(group: _Group, id_: str, mentions: list[_Mention] | None = None) -> TalksRound:
    """The round, with the sources of ``mentions`` (all of them when None)."""
    mentions = group.mentions if mentions is None else mentions
    return TalksRound(id=id_, **group.votes.round(), sources=[m.evidence for m in mentions])
