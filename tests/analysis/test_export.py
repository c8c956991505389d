"""Each export format read back by a real reader: csv, json, shapely for GeoJSON, pandas for ACLED."""

from __future__ import annotations

import csv
import io
import json

import pytest

from ceasefire.analysis.export import ACLED_COLUMNS, export_incidents


def _export(store, fmt: str, **filters) -> str:
    out = io.StringIO()
    export_incidents(store.incidents(**filters), fmt, out)
    return out.getvalue()


def test_csv_reads_back_with_the_csv_module(hand_store):
    rows = list(csv.DictReader(io.StringIO(_export(hand_store, "csv"))))
    assert len(rows) == 7
    urgun = next(r for r in rows if r["id"] == "i3")
    assert urgun["location"] == "Urgun" and urgun["country"] == "AF"
    assert (urgun["fatalities_low"], urgun["fatalities_best"], urgun["disputed"]) == ("2", "10", "True")
    assert urgun["claims"] == "Afghanistan: 10 killed, 4 injured; Pakistan: 2 killed"


def test_json_keeps_sources_and_claims_with_spans(hand_store):
    data = json.loads(_export(hand_store, "json", country="AF", since="2025-10-20"))
    assert [d["id"] for d in data] == ["i3"]
    assert data[0]["claims"][0]["evidence"]["span"] == [0, len("evidence sentence")]
    assert data[0]["merge_reasons"] == ["same air/drone strike in Urgun on 2025-10-24"]


def test_geojson_is_valid_for_shapely(hand_store):
    shapely_geometry = pytest.importorskip("shapely.geometry")
    data = json.loads(_export(hand_store, "geojson"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 7
    placed = [f for f in data["features"] if f["geometry"] is not None]
    assert len(placed) == 5  # i5 (Kurram) has no coordinates, i6 no place
    urgun = next(f for f in placed if f["id"] == "i3")
    point = shapely_geometry.shape(urgun["geometry"])
    assert point.is_valid and (point.x, point.y) == (69.18, 32.93)  # longitude first
    assert urgun["properties"]["location"] == "Urgun"


def test_acled_columns_and_codes_read_by_pandas(hand_store):
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(io.StringIO(_export(hand_store, "acled")))
    assert tuple(frame.columns) == ACLED_COLUMNS
    by_location = frame.set_index("location")
    urgun = by_location.loc["Urgun"]
    assert urgun["fatalities"] == 2  # ACLED: the lowest credible figure
    assert urgun["country"] == "Afghanistan" and urgun["iso"] == 4 and urgun["admin1"] == "Paktika"
    assert urgun["geo_precision"] == 2 and urgun["time_precision"] == 1
    assert urgun["admin2"] == "Urgun"  # a district: its own admin2
    assert set(frame["region"].dropna()) == {"South Asia"}  # an incident placed nowhere has none
    assert pandas.isna(by_location.loc["Peshawar"]["admin2"])  # a town: the district it lies in is not known
    assert urgun["event_date"] == "2025-10-24" and urgun["year"] == 2025
    assert urgun["disorder_type"] == "Political violence" and urgun["civilian_targeting"] == "Civilian targeting"
    assert "Claimants disagree on the toll." in urgun["notes"]
    assert by_location.loc["Kurram"]["geo_precision"] == 3
    assert by_location.loc["Peshawar"]["disorder_type"] == "Demonstrations"
    month_only = frame[frame["event_date"] == "2025-10-15"]
    assert list(month_only["time_precision"]) == [3]
    assert set(frame["fatalities"]) == {0, 2, 3, 5}


def test_unknown_format_is_refused(hand_store):
    with pytest.raises(ValueError, match="unknown export format"):
        _export(hand_store, "xlsx")


def test_acled_actor_types_and_interaction(hand_store):
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(io.StringIO(_export(hand_store, "acled")), keep_default_na=False)
    by_location = frame.set_index("location")
    # i3: Pakistan's strike in Afghanistan (external forces, 8) on Afghanistan at home (1)
    urgun = by_location.loc["Urgun"]
    assert [str(urgun[c]) for c in ("inter1", "inter2", "interaction")] == ["8", "1", "18"]
    peshawar = by_location.loc["Peshawar"]  # protesters alone
    assert [str(peshawar[c]) for c in ("inter1", "inter2", "interaction")] == ["6", "", "60"]
    assert all(isinstance(t, int) and t > 1_700_000_000 for t in frame["timestamp"])


@pytest.mark.parametrize(("actor", "country", "code"), [
    ("Pakistan", "PK", 1), ("Pakistan", "AF", 8), ("Protesters (Kenya)", "KE", 6), ("Rioters", None, 5),
    ("Civilians (Sudan)", "SD", 7), ("Fulani ethnic militia", "BF", 4), ("Koglweogo Militia", "BF", 3),
    ("Al Shabaab", "SO", 2), (None, "SO", None),
])
def test_inter_codes(actor, country, code):
    from ceasefire.analysis.export import inter_code

    assert inter_code(actor, country) == code


def test_geojson_dates_play_in_a_temporal_controller(hand_store):
    data = json.loads(_export(hand_store, "geojson"))
    by_id = {f["id"]: f["properties"] for f in data["features"]}
    assert (by_id["i3"]["date_start"], by_id["i3"]["date_end"], by_id["i3"]["date_precision"]) == (
        "2025-10-24", "2025-10-24", "day")
    assert (by_id["i6"]["date_start"], by_id["i6"]["date_end"], by_id["i6"]["date_precision"]) == (
        "2025-10-01", "2025-10-31", "month")
