"""Gazetteer index: time to build it from the package data (first use), to open it after, and lookups.

    .venv/bin/python benchmarks/gazetteer_speed.py

Builds into a temporary cache directory, so the user's own index is left alone.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from ceasefire.extraction.places.gazetteer import Gazetteer
from ceasefire.extraction.places.gazetteer_store import package_index_path

NAMES = ["Khost", "Goma", "Deir al-Balah", "Mogadishu", "Sagaing", "El Fasher", "Kharkiv", "Nowhereville"]


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        cache_dir = Path(cache)
        none = cache_dir / "no-imports.sqlite"
        start = time.perf_counter()
        Gazetteer.load(cache_dir=cache_dir, user_gazetteer=none)
        built = time.perf_counter() - start
        opens = []
        for _ in range(5):
            start = time.perf_counter()
            gazetteer = Gazetteer.load(cache_dir=cache_dir, user_gazetteer=none)
            opens.append(time.perf_counter() - start)
        start = time.perf_counter()
        for _ in range(200):
            for name in NAMES:
                gazetteer._find(name.lower())
        per_lookup = (time.perf_counter() - start) / (200 * len(NAMES))
        index = package_index_path(cache_dir)
        places = sqlite3.connect(index).execute("SELECT count(*) FROM places").fetchone()[0]
        print(f"index: {places:,} entries, {index.stat().st_size / 1e6:.0f} MB on disk")
        print(f"built on first use: {built:.1f} s (target < 120 s)")
        print(f"opened after: {min(opens):.2f} s best of 5, curated file included (target < 0.5 s)")
        print(f"uncached lookup: {per_lookup * 1e6:.0f} µs")


if __name__ == "__main__":
    main()
