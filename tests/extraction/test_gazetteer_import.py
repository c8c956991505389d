"""GeoNames country files imported into the user gazetteer (``ceasefire gazetteer import``)."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from ceasefire.cli import main
from ceasefire.extraction.pipeline import Extractor
from ceasefire.extraction.places.gazetteer import Gazetteer
from ceasefire.extraction.places.gazetteer_store import GazetteerFileError, import_geonames

# Rows in the layout of the GeoNames dumps (19 tab-separated columns); the places are made up.
ROWS = [
    ["9900001", "Ndolomo", "Ndolomo", "Ndolomo Village,Ndolomo-Centre", "-1.2345", "28.9876", "P", "PPL", "CD",
     "", "11", "", "", "", "0", "", "1500", "Africa/Lubumbashi", "2024-01-01"],
    ["9900002", "Parc de Kibasi", "Parc de Kibasi", "Kibasi National Park", "-1.5", "29.1", "L", "PRK", "CD",
     "", "11", "", "", "", "0", "", "1700", "Africa/Lubumbashi", "2024-01-01"],
    ["9900003", "Riviere Ndolomo", "Riviere Ndolomo", "", "-1.25", "28.99", "H", "STM", "CD",
     "", "11", "", "", "", "0", "", "1400", "Africa/Lubumbashi", "2024-01-01"],
]


@pytest.fixture()
def dump(tmp_path):
    path = tmp_path / "CD.txt"
    path.write_text("".join("\t".join(row) + "\n" for row in ROWS), encoding="utf-8")
    return path


def test_import_adds_places_and_sites_once(dump, tmp_path):
    target = tmp_path / "user.sqlite"
    result = import_geonames(dump, target)
    assert (result.places, result.skipped) == (2, 1)  # the stream is not a place of incidents
    import_geonames(dump, target)
    assert sqlite3.connect(target).execute("SELECT count(*) FROM places").fetchone() == (2,)
    gazetteer = Gazetteer.load(user_gazetteer=target)
    (village,) = [e for e in gazetteer.lookup("Ndolomo") if e.country == "CD"]
    assert (village.precision, village.kind, round(village.lat, 4)) == ("exact", "town", -1.2345)
    assert gazetteer.lookup("Kibasi National Park")[0].name == "Parc de Kibasi"


def test_imported_village_locates_an_incident(dump, tmp_path, extractor):
    target = tmp_path / "user.sqlite"
    import_geonames(dump, target)
    local = Extractor(nlp=extractor.nlp, gazetteer=Gazetteer.load(user_gazetteer=target),
                      actors=extractor.actors, event_classifier=extractor.event_classifier)
    record = local.extract("Rebels attacked an army post in Ndolomo in eastern Congo on Saturday, killing two "
                           "soldiers.",
                           published="2025-03-10")
    assert [(e.location.name, e.location.country) for e in record.events if e.location] == [("Ndolomo", "CD")]
    assert abs(record.events[0].location.lat + 1.2345) < 1e-3


def test_a_file_that_is_not_geonames_is_refused_with_its_line(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("9900001\tNdolomo\tNdolomo\n", encoding="utf-8")
    with pytest.raises(GazetteerFileError, match=r"notes.txt: line 1 has 3 columns"):
        import_geonames(bad, tmp_path / "user.sqlite")


def test_cli_imports_and_reports_bad_files(dump, tmp_path):
    target = tmp_path / "user.sqlite"
    missing = tmp_path / "XX.txt"
    result = CliRunner().invoke(main, ["gazetteer", "import", str(dump), str(missing), "--to", str(target)])
    assert result.exit_code == 1
    assert "2 places imported" in result.output
    assert f"{missing}: cannot be read" in result.output
