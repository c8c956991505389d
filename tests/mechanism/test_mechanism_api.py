"""The mechanism's HTTP API: logging in, the whole flow, and every role trying every endpoint it must not use."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from mechanism_setup import ACCOUNTS, PASSWORD

from ceasefire.web.app import create_app


@pytest.fixture
def client(db_path):
    return TestClient(create_app(db_path))


def login(client, name: str) -> dict[str, str]:
    answer = client.post("/api/mechanism/login", json={"name": name, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def body(agreement_id: str, **changes) -> dict:
    return {"alleged_by": "Kyrgyzstan", "against": "Tajikistan", "occurred_on": "2022-09-17", "category": "shelling",
            "observed": "heard", "description": "Shelling near the school.", "place": "Pasky-Aryk",
            "latitude": 40.03, "longitude": 70.63, "agreement_id": agreement_id, **changes}


def test_without_a_session_nothing_is_answered(client):
    assert client.get("/api/mechanism/allegations").status_code == 401
    assert client.get("/api/mechanism/allegations", headers={"Authorization": "Bearer forged"}).status_code == 401
    assert client.post("/api/mechanism/login", json={"name": "kg", "password": "wrong"}).status_code == 401


def test_the_whole_flow_over_http(client, agreement_id):
    kg, monitor, chair = login(client, "kg"), login(client, "monitor"), login(client, "chair")
    created = client.post("/api/mechanism/allegations", json=body(agreement_id), headers=kg)
    assert created.status_code == 201
    found = created.json()["id"]
    assert client.put(f"/api/mechanism/allegations/{found}/files/crater.png", headers=kg,
                      content=b"\x89PNG\r\n\x1a\n" + b"\0" * 10).status_code == 201
    assert client.put(f"/api/mechanism/allegations/{found}/files/fake.png", headers=kg,
                      content=b"<svg onload=alert(1)>").status_code == 422
    assert client.post(f"/api/mechanism/allegations/{found}/investigate", json={}, headers=monitor).status_code == 200
    suggestions = client.get(f"/api/mechanism/allegations/{found}/suggestions", headers=monitor).json()
    assert client.post(f"/api/mechanism/allegations/{found}/links", json={"incident_id": suggestions[0]["id"]},
                       headers=monitor).status_code == 200
    ruled = client.post(f"/api/mechanism/allegations/{found}/rule", headers=chair, json={
        "outcome": "substantiated", "finding": "Confirmed by the team.", "attribution": "Tajikistan"})
    assert ruled.json()["state"] == "substantiated"
    assert client.post(f"/api/mechanism/allegations/{found}/publish", headers=chair).json()["published_at"]
    observer = login(client, "observer")
    [seen] = client.get("/api/mechanism/allegations", headers=observer).json()
    assert seen["finding"] == "Confirmed by the team."
    table = client.get("/api/mechanism/table", headers=observer).json()
    assert table["rows"][0]["substantiated"] == 1
    report = client.get("/api/mechanism/report", params={"end": "2022-09-20", "format": "html"}, headers=observer)
    assert report.headers["content-type"].startswith("text/html") and "Pasky-Aryk" in report.text
    assert report.headers["content-security-policy"]


@pytest.mark.parametrize("changes, field", [({"occurred_on": "2999-01-01"}, "occurred_on"),
                                            ({"latitude": 95}, "latitude"), ({"category": "insult"}, "category")])
def test_bad_submissions_are_422_naming_the_field(client, agreement_id, changes, field):
    answer = client.post("/api/mechanism/allegations", json=body(agreement_id, **changes), headers=login(client, "kg"))
    assert answer.status_code == 422 and answer.json()["detail"].startswith(field)


# (method, path, json) for every endpoint that writes or reads something a role may be refused
ENDPOINTS = {
    "submit": ("post", "/api/mechanism/allegations", "ALLEGATION"),
    "investigate": ("post", "/api/mechanism/allegations/{id}/investigate", {}),
    "draft": ("post", "/api/mechanism/allegations/{id}/draft", {"finding": "x"}),
    "rule": ("post", "/api/mechanism/allegations/{id}/rule", {"outcome": "substantiated", "finding": "x"}),
    "publish": ("post", "/api/mechanism/allegations/{id}/publish", None),
    "suggest": ("get", "/api/mechanism/allegations/{id}/suggestions", None),
    "see": ("get", "/api/mechanism/allegations/{id}", None),
    "hotline": ("post", "/api/mechanism/hotline", {"at": "2022-09-17T06:00", "from_party": "Monitors",
                                                   "to_party": "Tajikistan", "channel": "phone", "subject": "x"}),
    "see_hotline": ("get", "/api/mechanism/hotline", None),
    "patrol": ("post", "/api/mechanism/patrols", {"date": "2022-09-18", "participants": {"A": ["x"]},
                                                  "observations": "quiet"}),
    "terms": ("put", "/api/mechanism/terms/{agreement}", {"prohibited": ["shelling"]}),
}
# What each role may do with an allegation another party's liaison (kg) submitted and nobody published yet.
ALLOWED = {
    "kg": {"submit", "see", "see_hotline"},  # a liaison's list of calls holds its side's only
    "tj": {"submit", "hotline", "see_hotline"},  # the call logged is to Tajikistan: tj's side
    "monitor": {"submit", "investigate", "suggest", "see", "hotline", "see_hotline", "patrol"},
    "chair": {"submit", "investigate", "suggest", "see", "hotline", "see_hotline", "patrol", "terms"},
    "observer": set(),
}


@pytest.mark.parametrize("role", sorted(ACCOUNTS))
@pytest.mark.parametrize("action", sorted(ENDPOINTS))
def test_role_matrix(client, agreement_id, role, action):
    kg = login(client, "kg")
    found = client.post("/api/mechanism/allegations", json=body(agreement_id), headers=kg).json()["id"]
    method, path, payload = ENDPOINTS[action]
    if payload == "ALLEGATION":
        party = ACCOUNTS[role][1] or "Monitors"
        payload = body(agreement_id, alleged_by=party, source="public" if role in ("monitor", "chair") else None)
    if action in ("draft", "rule", "publish"):  # these need an allegation under investigation (or ruled)
        client.post(f"/api/mechanism/allegations/{found}/investigate", json={}, headers=login(client, "monitor"))
    if action == "publish":
        client.post(f"/api/mechanism/allegations/{found}/rule", json={"outcome": "not_substantiated", "finding": "x"},
                    headers=login(client, "chair"))
    url = path.format(id=found, agreement=agreement_id)
    answer = client.request(method, url, json=payload, headers=login(client, role))
    allowed = action in ALLOWED[role] or (action in ("draft",) and role in ("monitor", "chair")) or (
        action in ("rule", "publish") and role == "chair")
    if allowed:
        assert answer.status_code < 300, f"{role} {action}: {answer.status_code} {answer.text}"
    else:
        assert answer.status_code in (403, 404), f"{role} {action}: {answer.status_code} {answer.text}"
        assert client.get(f"/api/mechanism/allegations/{found}", headers=login(client, "chair")).json()[
            "state"] in ("alleged", "under_investigation", "not_substantiated")  # and nothing moved
