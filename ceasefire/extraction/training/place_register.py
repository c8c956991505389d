"""Build the place register (``make train``): ``python -m ceasefire.extraction.training.place_register``.

The gazetteer's GeoNames data holds towns of about 500 people or more, and many villages where wars are
fought have no population on record there ("Maxaas town (Bulo Burto, Hiraan)"), nor do the district and
region names reports use ("Hiraan" for GeoNames' "Hiiraan"). ACLED's coders have placed thousands of
incidents in such places, worldwide, with coordinates. This reads the location fields of
``../shared/corpus/acled/train.jsonl`` and writes the places the package gazetteer does not know in their
country:

- towns and villages (coded at geo precision 1 or 2: the coordinates are those of the named place), at
  their most often coded coordinates; a neighbourhood coded "City - Quarter" under the quarter's name too;
- districts (ACLED's admin2) and provinces (admin1), at the median of their incidents' coordinates, which
  situates a village no source holds by the district named with it.

Left out: names the package gazetteer holds in the same country (it stays the authority there), names made
of compass words only ("Central", "North": ACLED's names for some provinces, and words in any text), and
names coded only with a geo precision of 3 (a region's, not the place's, coordinates). Deterministic: the
output is sorted.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
from collections import Counter, defaultdict
from pathlib import Path

from ceasefire.extraction import MODELS
from ceasefire.extraction.places.gazetteer import Gazetteer, normalise, read_curated
from ceasefire.extraction.places.gazetteer_store import open_package_index

ROOT = Path(__file__).resolve().parents[3]
ACLED_TRAIN = ROOT.parent / "shared" / "corpus" / "acled" / "train.jsonl"
REGISTER_FILE = MODELS / "place_register.tsv"
COLUMNS = ("name", "admin1", "country", "lat", "lon", "precision", "events")
_COMPASS = frozenset({"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
                      "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
                      "southeastern", "southwestern", "centre", "center", "middle", "upper", "lower"})


def build(events: list[dict], gazetteer: Gazetteer) -> list[dict]:
    """The register's rows from ACLED codings (their ``gold`` fields), sorted."""
    towns: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    units: dict[tuple[str, str, str], list[tuple]] = defaultdict(list)
    for event in events:
        country, point = event["iso"], (round(float(event["latitude"]), 4), round(float(event["longitude"]), 4))
        if event["geo_precision"] in (1, 2):
            towns[(event["location"], country)].append((point, event["admin1"]))
            city, _, quarter = event["location"].partition(" - ")
            if quarter and city:
                towns[(quarter, country)].append((point, event["admin1"]))
        for precision, name in (("district", event["admin2"]), ("province", event["admin1"])):
            if name:
                units[(name, country, precision)].append((point, event["admin1"]))
    rows = []
    for (name, country), coded in towns.items():
        (lat, lon), admin1 = Counter(coded).most_common(1)[0][0]
        rows.append({"name": name, "admin1": admin1, "country": country, "lat": lat, "lon": lon,
                     "precision": "exact", "events": len(coded)})
    for (name, country, precision), coded in units.items():
        rows.append({"name": name, "admin1": Counter(a for _, a in coded).most_common(1)[0][0], "country": country,
                     "lat": round(statistics.median(p[0] for p, _ in coded), 4),
                     "lon": round(statistics.median(p[1] for p, _ in coded), 4),
                     "precision": precision, "events": len(coded)})
    return sorted((row for row in rows if _new(row, gazetteer)),
                  key=lambda r: (r["country"], r["name"], r["precision"]))


def _new(row: dict, gazetteer: Gazetteer) -> bool:
    """A name worth adding: not made of compass words only, and not known to the gazetteer in its country."""
    words = normalise(row["name"]).split()
    if not words or set(words) <= _COMPASS:
        return False
    return not any(entry.country == row["country"] for entry in gazetteer.lookup(row["name"]))


def write(rows: list[dict], path: Path) -> None:
    """The register's rows as the tab-separated file that
    :func:`ceasefire.extraction.places.gazetteer.read_register` reads."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acled", type=Path, default=ACLED_TRAIN)
    parser.add_argument("--out", type=Path, default=REGISTER_FILE)
    args = parser.parse_args()
    events = [json.loads(line)["gold"] for line in args.acled.read_text(encoding="utf-8").splitlines()]
    known = Gazetteer([open_package_index()])  # the package data and the curated file, not a user's imports
    known.add_curated(read_curated())
    rows = build(events, known)
    write(rows, args.out)
    kinds = Counter(row["precision"] for row in rows)
    print(f"{args.out}: {len(rows)} places ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}) "
          f"from {len(events)} ACLED events")


if __name__ == "__main__":
    main()
