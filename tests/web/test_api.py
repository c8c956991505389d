"""The JSON API, in-process, over a store made from the bundled examples, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from ceasefire.web.app import create_app


@pytest.fixture(scope="module")
def client(example_store):
    return TestClient(create_app(example_store))


@pytest.fixture(scope="module")
def writer(writable_store):
    return TestClient(create_app(writable_store, token="s3cret"))


def test_incidents_are_paginated_and_filterable(client):
    everything = client.get("/api/incidents", params={"limit": 1000}).json()
    assert everything["total"] == len(everything["items"]) > 3
    first = client.get("/api/incidents", params={"limit": 2, "offset": 0}).json()
    second = client.get("/api/incidents", params={"limit": 2, "offset": 2}).json()
    assert len(first["items"]) == 2 and first["total"] == everything["total"]
    assert {i["id"] for i in first["items"]}.isdisjoint(i["id"] for i in second["items"])
    battles = client.get("/api/incidents", params={"type": "Battles", "limit": 1000}).json()
    assert 0 < battles["total"] < everything["total"]
    assert all(i["event_type"] == "Battles" for i in battles["items"])
    october = client.get("/api/incidents", params={"since": "2025-10-01", "until": "2025-10-31",
                                                   "limit": 1000}).json()
    assert 0 < october["total"] < everything["total"]
    # An incident dated to the day or month lies in October; one dated only to the year overlaps it.
    assert all(i["date"] and (i["date"].startswith("2025-10") or i["date"] == "2025") for i in october["items"])


def test_incidents_without_coordinates_are_counted_listed_and_sortable(client):
    everything = client.get("/api/incidents", params={"limit": 1000}).json()
    unmapped = client.get("/api/incidents", params={"limit": 1000, "located": "false"}).json()
    mapped = client.get("/api/incidents", params={"limit": 1000, "located": "true"}).json()
    assert everything["unmapped"] == unmapped["total"] == len(unmapped["items"]) > 0
    assert mapped["total"] + unmapped["total"] == everything["total"]
    assert all(i["location"] is None or i["location"]["lat"] is None for i in unmapped["items"])
    by_toll = client.get("/api/incidents", params={"limit": 1000, "sort": "-killed"}).json()["items"]
    tolls = [i["fatalities"]["best"] for i in by_toll if i["fatalities"]["best"] is not None]
    assert tolls == sorted(tolls, reverse=True) and by_toll[-1]["fatalities"]["best"] is None
    oldest = client.get("/api/incidents", params={"limit": 1, "sort": "date"}).json()["items"][0]
    assert oldest["date"] == min(i["date"] for i in everything["items"] if i["date"])


def test_timeline_counts_month_dated_incidents_apart_and_marks_agreements(client):
    timeline = client.get("/api/timeline").json()
    everything = client.get("/api/incidents", params={"limit": 1000}).json()["items"]
    assert sum(m["count"] for m in timeline["months"]) == sum(1 for i in everything if len(i["date"] or "") == 7)
    assert sum(d["count"] for d in timeline["days"]) == sum(1 for i in everything if len(i["date"] or "") == 10)
    assert [m["date"] for m in timeline["markers"]] == sorted(m["date"] for m in timeline["markers"])
    assert any(m["kind"] == "agreement" and "Doha" in m["label"] for m in timeline["markers"])


def test_bounding_box_keeps_incidents_inside_it(client):
    inside = client.get("/api/incidents", params={"bbox": "60,29,72,38", "limit": 1000}).json()
    assert inside["total"] > 0
    for item in inside["items"]:
        assert 60 <= item["location"]["lon"] <= 72 and 29 <= item["location"]["lat"] <= 38
    assert client.get("/api/incidents", params={"bbox": "0,0,1,1"}).json()["total"] == 0
    assert client.get("/api/incidents", params={"bbox": "north"}).status_code == 422


def test_one_incident_has_its_sources_with_evidence_spans(client):
    some = client.get("/api/incidents", params={"limit": 1}).json()["items"][0]
    detail = client.get(f"/api/incidents/{some['id']}").json()
    assert detail["sources"]
    for source in detail["sources"]:
        document = client.get(f"/api/documents/{source['doc_id']}").json()
        start, end = source["span"]
        assert document["text"][start:end] == source["text"]
    assert client.get("/api/incidents/no-such-incident").status_code == 404


def test_disputed_tolls_and_casualty_tallies(client):
    disputed = client.get("/api/incidents", params={"disputed": "true"}).json()
    assert disputed["total"] >= 1
    for item in disputed["items"]:
        killed = {c["killed"] for c in item["claims"] if c["killed"] is not None}
        assert item["disputed"] and len(killed) > 1
    tallies = client.get("/api/casualties").json()
    assert tallies["fatalities"]["low"] <= tallies["fatalities"]["best"] <= tallies["fatalities"]["high"]
    assert any(row["claimant"] for row in tallies["per_claimant"])


def test_agreements_status_and_talks(client):
    agreements = client.get("/api/agreements").json()
    assert any(a["kind"] == "ceasefire" for a in agreements)
    status = client.get("/api/status").json()
    assert status["agreements"]
    talks = client.get("/api/talks").json()
    assert any(t["venue"] == "Istanbul" for t in talks)


def test_search_finds_documents_by_words(client):
    found = client.get("/api/search", params={"q": "cricketers Paktika"}).json()["items"]
    assert found and all("paktika" in (d["snippet"] + (d["title"] or "")).lower() for d in found)
    assert client.get("/api/search", params={"q": "zzzunknownword"}).json()["items"] == []


def test_server_is_read_only_without_a_token(client, writer):
    report = {"text": "Rockets hit a border village near Chaman on 3 November, Pakistani officials said.",
              "published": "2025-11-04", "title": "Rockets near Chaman"}
    assert client.post("/api/documents", json=report).status_code == 403
    assert writer.post("/api/documents", json=report).status_code == 401
    bad = writer.post("/api/documents", json=report, headers={"Authorization": "Bearer wrong"})
    assert bad.status_code == 401
    before = writer.get("/api/documents").json()["total"]
    made = writer.post("/api/documents", json=report, headers={"Authorization": "Bearer s3cret"})
    assert made.status_code == 201, made.text
    assert writer.get("/api/documents").json()["total"] == before + 1
    again = writer.post("/api/documents", json=report, headers={"Authorization": "Bearer s3cret"})
    assert again.status_code == 201 and writer.get("/api/documents").json()["total"] == before + 1


def test_security_headers_openapi_and_no_cors_by_default(client):
    response = client.get("/api/filters", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    spec = client.get("/openapi.json").json()
    assert {"/api/incidents", "/api/incidents/{incident_id}", "/api/documents", "/api/search"} <= set(spec["paths"])


@pytest.mark.parametrize("published", ["2025-99-99", "2025-02-30"])
def test_regression_bad_publication_date_through_the_api_is_a_422(writer, published):
    report = {"text": "Rockets hit a border village near Chaman on 3 November.", "published": published}
    answer = writer.post("/api/documents", json=report, headers={"Authorization": "Bearer s3cret"})
    assert answer.status_code == 422 and "not a real date" in answer.text


@pytest.mark.parametrize("query", ["since=2025-13", "until=2025-02-30", "since=last+week",
                                   "offset=99999999999999999999999", "limit=0", "sort=colour", "located=maybe"])
def test_regression_bad_incident_parameters_are_422_naming_them(client, query):
    answer = client.get(f"/api/incidents?{query}")
    assert answer.status_code == 422, answer.text
    assert query.split("=")[0] in answer.text
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_regression_bad_as_of_is_422(client):
    answer = client.get("/api/status", params={"as_of": "x"})
    assert answer.status_code == 422 and "as_of" in answer.text


@pytest.mark.parametrize(("body", "problem"), [('{"text": "\\ud800 a lone surrogate"}', "unicode"),
                                               ('{"text": "   "}', "blank")])
def test_regression_posted_text_that_is_no_text_is_422(writer, body, problem):
    answer = writer.post("/api/documents", content=body, headers={"Authorization": "Bearer s3cret",
                                                                   "Content-Type": "application/json"})
    assert answer.status_code == 422 and problem in answer.text
    assert writer.get("/api/incidents").status_code == 200  # the server goes on


def test_regression_an_error_inside_the_app_is_a_500_with_security_headers(example_store, monkeypatch):
    from ceasefire.web import app as web

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(web.browse, "incident_page", broken)
    client = TestClient(web.create_app(example_store), raise_server_exceptions=False)
    answer = client.get("/api/incidents")
    assert answer.status_code == 500 and "a bug" not in answer.text
    assert answer.headers["x-frame-options"] == "DENY"


def test_regression_requests_naming_another_host_are_refused(example_store, monkeypatch):
    from ceasefire.web.app import app_from_environment

    monkeypatch.setenv("CEASEFIRE_DB", example_store)
    monkeypatch.delenv("CEASEFIRE_ALLOWED_HOSTS", raising=False)
    app = app_from_environment()
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/api/status").status_code == 200
    assert TestClient(app, base_url="http://localhost:8000").get("/api/status").status_code == 200
    rebound = TestClient(app, base_url="http://attacker.example:8000").get("/api/status")
    assert rebound.status_code == 400
    monkeypatch.setenv("CEASEFIRE_ALLOWED_HOSTS", "monitor.example.org")
    named = TestClient(app_from_environment(), base_url="https://monitor.example.org")
    assert named.get("/api/status").status_code == 200


def test_regression_link_to_a_merged_incident_redirects_to_its_incident(writer):
    from ceasefire.storage.store import open_store

    items = writer.get("/api/incidents", params={"limit": 1}).json()["items"]
    live = items[0]["id"]
    with open_store(writer.app.state.db_path) as store, store.write() as conn:
        conn.execute("INSERT INTO incident_aliases SELECT 'inc-merged-away', incident_id, doc_key, span_start, "
                     "span_end FROM incident_sources WHERE incident_id = ? LIMIT 1", (live,))
    answer = writer.get("/api/incidents/inc-merged-away", follow_redirects=False)
    assert answer.status_code == 308 and answer.headers["location"] == f"/api/incidents/{live}"
    assert writer.get("/api/incidents/inc-merged-away").json()["id"] == live
    assert writer.get("/api/incidents/inc-never-was").status_code == 404


def test_documents_are_removed_through_the_api_with_the_token(writer):
    report = {"text": "Mortar fire hit a market near Chaman on 5 November, officials said.", "published": "2025-11-06"}
    auth = {"Authorization": "Bearer s3cret"}
    made = writer.post("/api/documents", json=report, headers=auth).json()
    assert writer.delete(f"/api/documents/{made['id']}").status_code == 401
    assert writer.delete(f"/api/documents/{made['id']}", headers=auth).status_code == 204
    assert writer.get(f"/api/documents/{made['id']}").status_code == 404
    assert writer.delete(f"/api/documents/{made['id']}", headers=auth).status_code == 404


def test_status_answers_are_worked_out_once_per_store_revision(writer):
    first = writer.get("/api/status").json()
    computed = writer.app.state.status_answers
    assert writer.get("/api/status").json() == first and len(computed._answers) == 1
    report = {"text": "Rockets hit a market near Chaman on 7 November, officials said.", "published": "2025-11-08"}
    writer.post("/api/documents", json=report, headers={"Authorization": "Bearer s3cret"})
    again = writer.get("/api/status").json()  # the store changed: worked out again
    assert len(computed._answers) == 2 and again["documents"] == first["documents"] + 1


def test_filtered_pages_are_read_once_per_store_revision(writer):
    kept = writer.app.state.pages
    before = len(kept._answers)
    first = writer.get("/api/incidents", params={"country": "AF", "limit": 5}).json()
    again = writer.get("/api/incidents", params={"limit": 5, "country": "AF"}).json()  # same filters, other order
    assert again == first and len(kept._answers) == before + 1
    report = {"text": "Mortar fire hit a village near Khost on 8 November, officials said.", "published": "2025-11-09"}
    writer.post("/api/documents", json=report, headers={"Authorization": "Bearer s3cret"})
    after = writer.get("/api/incidents", params={"country": "AF", "limit": 5}).json()  # the store changed
    assert len(kept._answers) == before + 2 and after["total"] == first["total"] + 1


def test_regression_status_requests_beyond_the_budget_get_503_not_a_queue():
    import threading

    from fastapi import HTTPException

    from ceasefire.web.app import STATUS_COMPUTATIONS, StatusAnswers

    answers, release, started = StatusAnswers(), threading.Event(), threading.Semaphore(0)

    def slow() -> dict:
        started.release()
        release.wait(5)
        return {"ok": True}

    workers = [threading.Thread(target=answers.get, args=((n,), slow)) for n in range(STATUS_COMPUTATIONS)]
    for worker in workers:
        worker.start()
    for _ in workers:
        started.acquire(timeout=5)
    with pytest.raises(HTTPException) as refused:
        answers.get(("another",), slow)
    assert refused.value.status_code == 503 and refused.value.headers["Retry-After"]
    release.set()
    for worker in workers:
        worker.join(5)
    assert answers.get((0,), lambda: {"ok": False}) == {"ok": True}  # kept, not worked out again


def test_no_page_that_needs_a_cdn_and_the_openapi_document_is_served(client):
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "Ceasefire Monitor"
