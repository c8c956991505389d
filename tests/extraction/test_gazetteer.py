"""The gazetteer: package data and curated file, normalised lookup, cache."""

from __future__ import annotations

import pytest

from ceasefire.extraction.places import gazetteer_store as store
from ceasefire.extraction.places.gazetteer import Gazetteer, GazetteerEntry, normalise, read_curated


@pytest.fixture(scope="module")
def gazetteer(extractor) -> Gazetteer:
    return extractor.gazetteer


def test_normalise_folds_case_diacritics_apostrophes_and_hyphens():
    assert normalise("Khōst") == normalise("khost") == "khost"
    assert normalise("Deir al-Balah") == normalise("Deir Al Balah")
    assert normalise("O’Smach") == normalise("O'Smach") == "osmach"


def test_lookup_ignores_diacritics(gazetteer):
    assert gazetteer.lookup("Khōst")[0].name == gazetteer.lookup("Khost")[0].name == "Khost"


def test_alternate_names_from_geonames(gazetteer):
    entries = gazetteer.lookup("Spin Buldak")
    assert entries and all(e.country == "AF" for e in entries)
    assert entries[0].admin1 == "Kandahar"


def test_provinces_have_readable_admin1_and_coordinates(gazetteer):
    kunar = [e for e in gazetteer.lookup("Kunar") if e.precision == "province"]
    assert kunar and kunar[0].admin1 == "Kunar" and kunar[0].country == "AF"
    assert kunar[0].km_to(34.87, 71.15) < 50  # Asadabad, the provincial capital
    kp = gazetteer.lookup("Khyber Pakhtunkhwa")[0]
    assert kp.precision == "province" and kp.country == "PK"


def test_towns_carry_admin1_names_not_codes(gazetteer):
    wana = [e for e in gazetteer.lookup("Wana") if e.country == "PK"][0]
    assert wana.admin1 == "Khyber Pakhtunkhwa"


def test_countries_are_entries(gazetteer):
    for name, iso in [("Afghanistan", "AF"), ("Pakistan", "PK"), ("DRC", "CD"), ("US", "US"), ("Thailand", "TH")]:
        countries = [e for e in gazetteer.lookup(name) if e.precision == "country"]
        assert [e.country for e in countries] == [iso], name


def test_curated_crossing_is_found(gazetteer):
    torkham = gazetteer.lookup("Torkham")[0]
    assert torkham.curated and torkham.kind == "crossing" and torkham.country == "PK"
    assert torkham.km_to(34.1, 71.1) < 10


def test_curated_entry_hides_package_entry_of_same_level(gazetteer):
    north_kivu = [e for e in gazetteer.lookup("North Kivu") if e.precision == "province"]
    assert len(north_kivu) == 1 and north_kivu[0].curated


def test_demonyms_and_lowercase_transliterations_are_not_names(gazetteer):
    assert gazetteer.lookup("Afghan") == []
    assert gazetteer.lookup("Pakistani") == []
    assert gazetteer.lookup("sbyn bwldak") == []


def test_every_curated_row_is_well_formed():
    rows = list(read_curated())
    assert len(rows) > 100
    for entry, _alternates in rows:
        assert -90 <= entry.lat <= 90 and -180 <= entry.lon <= 180, entry.name
        assert len(entry.country) == 2 and entry.country.isupper(), entry.name


def test_from_entries_builds_a_small_gazetteer():
    entry = GazetteerEntry("Testville", "Nowhere", "XX", 1.0, 2.0, "exact", "town", 10)
    small = Gazetteer.from_entries([(entry, ["Test Ville"])])
    assert small.lookup("test-ville") == [entry]
    assert "Testville" in small and "Elsewhere" not in small


def test_index_is_built_read_back_and_rebuilt_when_corrupt(tmp_path, monkeypatch):
    builds = []
    entry = GazetteerEntry("Testville", None, "XX", 1.0, 2.0, "exact", "town", 10)

    def fake_build():
        builds.append(1)
        return Gazetteer.from_entries([(entry, ["Test Town"])])

    monkeypatch.setattr(store, "build_package_table", fake_build)
    (tmp_path / "gazetteer-v1-old.pickle").write_bytes(b"an index of an earlier format")
    none = tmp_path / "no-imports.sqlite"
    assert Gazetteer.load(cache_dir=tmp_path, user_gazetteer=none).lookup("Test Town") == [entry]
    assert Gazetteer.load(cache_dir=tmp_path, user_gazetteer=none).lookup("Testville")  # from the index
    assert len(builds) == 1
    (index_file,) = tmp_path.glob("gazetteer-*")  # the old one is gone
    index_file.write_bytes(b"not a database")
    assert Gazetteer.load(cache_dir=tmp_path, user_gazetteer=none).lookup("Testville")
    assert len(builds) == 2


def test_curated_file_is_extensible_and_checked(tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text("# a comment\nname,alternates,kind,admin1,country,lat,lon,precision,prominence\n"
                     "Testburg Crossing,Testburg Gate|Test-burg,crossing,Somewhere,XX,10.5,20.5,exact,\n",
                     encoding="utf-8")
    ((entry, alternates),) = read_curated(extra)
    assert (entry.name, entry.kind, entry.curated, alternates) == (
        "Testburg Crossing", "crossing", True, ["Testburg Gate", "Test-burg"])
    extra.write_text("name,alternates,kind,admin1,country,lat,lon,precision\nX,,town,,XX,1,2,village\n",
                     encoding="utf-8")
    with pytest.raises(ValueError, match="precision"):
        list(read_curated(extra))
