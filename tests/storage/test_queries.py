"""Incident queries, on SQLite and on PostgreSQL: date overlap by precision, filters, and the indexes they rely
on."""

from __future__ import annotations

import pytest

from ceasefire.records import Place
from ceasefire.resolution.model import Incident, Resolution
from ceasefire.storage import IncidentFilter, open_store
from ceasefire.storage.queries import _where
from ceasefire.storage.resolved import date_range


def _incident(id_: str, date: str | None, country: str | None, event_type: str = "Battles",
              actor1: str | None = "A", alleged: tuple[str, ...] = ()) -> Incident:
    place = Place(f"town-{id_}", None, country) if country else None
    return Incident(id=id_, event_type=event_type, sub_event_type="Armed clash", date=date, location=place,
                    actor1=actor1, actor2="B", alleged_by=list(alleged), sources=[])


@pytest.fixture
def store(new_store):
    with open_store(new_store("q")) as opened:
        opened.save_resolution(Resolution(incidents=[
            _incident("d1", "2025-10-05", "AF"),
            _incident("d2", "2025-10-20", "AF", "Explosions/Remote violence", actor1="Pakistan", alleged=("AF",)),
            _incident("m1", "2025-10", "AF"),
            _incident("y1", "2025", "PK"),
            _incident("d3", "2025-11-02", "PK", actor1="Afghanistan"),
            _incident("n1", None, None),
        ], agreements=[], talks=[]))
        yield opened


def _ids(store, **filters) -> list[str]:
    return [i.id for i in store.incidents(**filters)]


@pytest.mark.parametrize(("date", "expected"), [
    ("2025-10-05", ("2025-10-05", "2025-10-05")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2025", ("2025-01-01", "2025-12-31")),
    (None, (None, None)),
])
def test_date_range_by_precision(date, expected):
    assert date_range(date) == expected


def test_month_filter_includes_month_dated_and_year_dated_overlaps(store):
    assert _ids(store, country="AF", since="2025-10", until="2025-10") == ["m1", "d1", "d2"]
    assert _ids(store, since="2025-10-10", until="2025-10-31") == ["y1", "m1", "d2"]
    assert _ids(store, since="2025-10-10", until="2025-10-31", whole_period=True) == ["d2"]


def test_type_actor_and_undated_last(store):
    assert _ids(store, event_type="explosions/remote violence") == ["d2"]
    assert _ids(store, event_type="Armed clash", country="PK") == ["y1", "d3"]
    assert _ids(store, actor="afghanistan") == ["d3"]
    assert _ids(store)[-1] == "n1"
    assert _ids(store, limit=2, newest_first=True) == ["d3", "d2"]


def test_country_month_query_uses_the_country_date_index(store):
    where, params = _where(IncidentFilter(country="AF", since="2025-10", until="2025-10"), store.dialect)
    if store.dialect.name == "sqlite":
        plan = " ".join(row[-1] for row in store.connection.execute(
            f"EXPLAIN QUERY PLAN SELECT id FROM incidents{where}", params))
        assert "(country=? AND date_start>? AND date_start<?)" in plan  # an index on both, not a scan
    else:
        store.connection.execute("SET enable_seqscan = off")  # six rows: the planner would rather scan them
        plan = " ".join(row[0] for row in store.connection.execute(f"EXPLAIN SELECT id FROM incidents{where}",
                                                                      params))
        assert "Index" in plan and "incidents_country" in plan and "date_start" in plan


def test_bounding_box_and_disputed_filters(new_store):
    near = Incident(id="near", event_type="Battles", sub_event_type=None, date="2025-10-01",
                    location=Place("Chaman", None, "PK", 30.92, 66.45), actor1=None, actor2=None, alleged_by=[],
                    sources=[], disputed=True)
    far = Incident(id="far", event_type="Battles", sub_event_type=None, date="2025-10-02",
                   location=Place("Kabul", None, "AF", 34.53, 69.17), actor1=None, actor2=None, alleged_by=[],
                   sources=[])
    with open_store(new_store("bbox")) as store:
        store.save_resolution(Resolution(incidents=[near, far], agreements=[], talks=[]))
        assert [i.id for i in store.incidents(bbox=(66.0, 30.0, 67.0, 31.5))] == ["near"]
        assert [i.id for i in store.incidents(disputed=True)] == ["near"]
        assert len(store.incidents()) == 2
