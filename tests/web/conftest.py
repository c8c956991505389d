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


def _fill(location: str | Path, folder: Path, extractor) -> None:
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    with open_store(location) as store:
        summary = ingest([str(EXAMPLES), str(hostile)], store, extractor)
    assert summary.failed == [] or not summary.failed, summary.render()


@pytest.fixture(scope="session")
def example_db(tmp_path_factory, extractor) -> Path:
    folder = tmp_path_factory.mktemp("store")
    path = folder / "examples.db"
    _fill(path, folder, extractor)
    return path


@pytest.fixture(scope="session")
def example_postgres(postgres, tmp_path_factory, extractor) -> tuple[str, str]:
    """The same store on PostgreSQL, and an untouched copy to make writable copies from."""
    url = postgres.new_database()
    _fill(url, tmp_path_factory.mktemp("pgstore"), extractor)
    return url, postgres.copy_database(url)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def example_store(request, example_db) -> str:
    """The example store on each backend (the API suite runs against both)."""
    if request.param == "sqlite":
        return str(example_db)
    return request.getfixturevalue("example_postgres")[0]


@pytest.fixture(scope="module")
def writable_store(request, example_store, example_db, tmp_path_factory) -> str:
    """A copy of the example store that tests may write to, on the same backend."""
    if example_store == str(example_db):
        copy = tmp_path_factory.mktemp("rw") / "rw.db"
        copy.write_bytes(example_db.read_bytes())
        return str(copy)
    return request.getfixturevalue("postgres").copy_database(request.getfixturevalue("example_postgres")[1])


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
