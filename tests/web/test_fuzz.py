"""Fuzzing the boundary: whatever the readers and the API's query parameters are given, they answer
with items or named errors, never an unhandled exception or a 500."""

from __future__ import annotations

import io
import json

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire.errors import InputError
from ceasefire.ingestion.inputs import ReportInput
from ceasefire.ingestion.reading import read_jsonl, split_front_matter
from ceasefire.web.app import create_app

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                            max_leaves=12)
_objects = st.fixed_dictionaries({}, optional={"text": st.text() | _json_values, "published": st.text() | _json_values,
                                               "id": _json_values, "url": _json_values})


@FUZZ
@given(st.lists(st.binary(max_size=200) | _objects.map(lambda o: json.dumps(o).encode()), max_size=8))
def test_jsonl_lines_give_reports_or_named_errors(lines):
    good = b'{"text": "Shelling hit the town on Monday, officials said."}'
    stream = io.BytesIO(b"\n".join([*(line.replace(b"\n", b" ") for line in lines), good]) + b"\n")
    found = list(read_jsonl(stream, "in.jsonl"))
    assert all(isinstance(item, ReportInput | InputError) for item in found)
    assert all(item.source.startswith("in.jsonl:") for item in found if isinstance(item, InputError))
    assert isinstance(found[-1], ReportInput)  # every good line gets in, whatever came before


@FUZZ
@given(st.text(max_size=300))
def test_front_matter_never_breaks(text):
    meta, body = split_front_matter(text)
    assert isinstance(meta, dict) and isinstance(body, str)


_param = st.text(max_size=30) | st.integers(min_value=-(2**70), max_value=2**70).map(str) | st.sampled_from(
    ["2025", "2025-10", "2025-10-31", "2025-02-30", "2025-13", "", "0", "-1", "1e9", "NaN", "\x00", "\ud800"])


@FUZZ
@given(st.dictionaries(st.sampled_from(["since", "until", "country", "type", "actor", "agreement", "bbox",
                                        "disputed", "limit", "offset"]), _param, max_size=5))
def test_incident_queries_never_give_a_500(example_db, params):
    client = _client(example_db)
    params = {k: v.encode("utf-8", "replace").decode() for k, v in params.items()}
    answer = client.get("/api/incidents", params=params)
    assert answer.status_code in (200, 422), (params, answer.status_code, answer.text[:200])
    assert answer.headers["x-content-type-options"] == "nosniff"


@FUZZ
@given(st.sampled_from(["/api/status", "/api/timeline", "/api/search"]),
       st.dictionaries(st.sampled_from(["as_of", "agreement", "since", "until", "q", "limit"]), _param, max_size=3))
def test_other_queries_never_give_a_500(example_db, path, params):
    params = {k: v.encode("utf-8", "replace").decode() for k, v in params.items()}
    answer = _client(example_db).get(path, params=params)
    assert answer.status_code in (200, 422), (path, params, answer.status_code, answer.text[:200])


_clients: dict[str, TestClient] = {}


def _client(db) -> TestClient:
    if str(db) not in _clients:
        _clients[str(db)] = TestClient(create_app(db), raise_server_exceptions=False)
    return _clients[str(db)]
