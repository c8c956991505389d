"""A store made from the bundled example reports (plus one hostile report), shared by the web tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ceasefire.ingestion.ingest import ingest
from ceasefire.storage.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"
# Title and body try script and HTML injection; the dashboard must show them as text.
HOSTILE = {
    "id": "hostile",
    "title": "<script>window.__pwned = 1</script>Clash <img src=x onerror=\"window.__pwned = 2\">",
    "published": "2025-10-20",
    "publisher": "<b onmouseover=\"window.__pwned = 3\">Injected Outlet</b>",
    "text": ("Pakistani shelling hit Spin Boldak on 19 October, killing two civilians, Afghan officials said. "
             "<script>window.__pwned = 4</script> A witness wrote <img src=x onerror=\"window.__pwned = 5\"> "
             "on the wall of the market."),
}


@pytest.fixture(scope="session")
def example_db(tmp_path_factory, extractor) -> Path:
    folder = tmp_path_factory.mktemp("store")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    path = folder / "examples.db"
    with open_store(path) as store:
        summary = ingest([str(EXAMPLES), str(hostile)], store, extractor)
    assert summary.failed == [] or not summary.failed, summary.render()
    return path
