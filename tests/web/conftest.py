"""A store made from the bundled example reports (plus one hostile report), shared by the web tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pages import CHROMEDRIVER, CHROMIUM

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


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync",
                 "--window-size=1400,1800", f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
