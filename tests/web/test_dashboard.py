"""The dashboard in a real headless Chromium (Debian's chromium + chromium-driver, driven by Selenium).

Skipped, with the reason printed, where no Chromium is installed; `.ci/run` installs it.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from pages import needs_browser, serve

pytestmark = needs_browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture(scope="module")
def server(example_db):
    with serve(example_db) as url:
        yield url

def api(server: str, path: str) -> dict:
    with urllib.request.urlopen(f"{server}/api/{path}") as response:
        return json.load(response)


def open_dashboard(browser, url: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    WebDriverWait(browser, 20).until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))


def markers_drawn(browser) -> int:
    """Incidents on the map: markers drawn alone, and those a cluster stands for (its number)."""
    alone = len(browser.find_elements("css selector", "path.incident-marker"))
    return alone + sum(int(c.text) for c in browser.find_elements("css selector", ".marker-cluster span"))


def located(items: list[dict]) -> int:
    return sum(1 for i in items if i["location"] and i["location"]["lat"] is not None)


def test_map_draws_one_marker_per_located_incident(server, browser):
    open_dashboard(browser, server + "/")
    expected = located(api(server, "incidents?limit=1000")["items"])
    assert expected > 0
    assert markers_drawn(browser) == expected
    assert browser.execute_script("return window.__pwned") is None
    SCREENSHOTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "dashboard.png"))


def test_a_filter_changes_the_counts_and_the_url(server, browser):
    from selenium.webdriver.support.ui import Select, WebDriverWait

    open_dashboard(browser, server + "/")
    everything = api(server, "incidents?limit=1000")["total"]
    battles = api(server, "incidents?limit=1000&type=Battles")
    assert 0 < battles["total"] < everything
    browser.execute_script("document.body.dataset.ready = 'false'")
    Select(browser.find_element("name", "type")).select_by_value("Battles")
    WebDriverWait(browser, 20).until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    assert "type=Battles" in browser.current_url
    assert browser.find_element("id", "count").text.startswith(
        f"{battles['total']} incidents · {battles['unmapped']} not on the map")
    assert markers_drawn(browser) == located(battles["items"])
    # The URL alone restores the view.
    open_dashboard(browser, server + "/?type=Battles")
    assert browser.find_element("name", "type").get_attribute("value") == "Battles"
    assert markers_drawn(browser) == located(battles["items"])


def test_clicking_an_incident_shows_its_highlighted_evidence(server, browser):
    from selenium.webdriver.support.ui import WebDriverWait

    open_dashboard(browser, server + "/")
    row = browser.find_element("css selector", "#disputed tr.incident")
    incident = api(server, f"incidents/{row.get_attribute('data-id')}")
    row.click()
    WebDriverWait(browser, 20).until(lambda d: d.find_elements("css selector", "#document .doc-text mark.current"))
    highlighted = [m.text for m in browser.find_elements("css selector", "#document .doc-text mark.current")]
    assert highlighted[0] == incident["sources"][0]["text"].strip()
    browser.save_screenshot(str(SCREENSHOTS / "incident.png"))


def test_injected_markup_in_reports_is_shown_as_text_and_never_runs(server, browser):
    from selenium.webdriver.support.ui import WebDriverWait

    def from_hostile_report(incident: dict) -> bool:
        sources = api(server, f"incidents/{incident['id']}")["sources"]
        return any("Injected Outlet" in (s["publisher"] or "") for s in sources)

    hostile = [i for i in api(server, "incidents?limit=1000")["items"] if from_hostile_report(i)]
    assert hostile, "the hostile report produced no incident"
    open_dashboard(browser, server + "/")
    browser.execute_script("showIncident(arguments[0])", hostile[0]["id"])
    WebDriverWait(browser, 20).until(lambda d: "Injected Outlet" in d.find_element("id", "document").text)
    text = browser.find_element("id", "document").text
    assert "<script>window.__pwned = 1</script>" in text
    assert "<b onmouseover" in text
    assert not browser.find_elements("css selector", "#document script, #document img, #document b")
    assert browser.execute_script("return window.__pwned") is None


def table_view(browser) -> str:
    return browser.find_element("id", "incident-table").get_attribute("data-view") or ""


def wait_for_table(browser, view: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20).until(lambda d: table_view(d) == view)


def test_incident_table_lists_every_incident_the_map_cannot_show(server, browser):
    open_dashboard(browser, server + "/")
    everything = api(server, "incidents?limit=1000")
    assert everything["unmapped"] > 0, "the examples should hold an incident without coordinates"
    count = browser.find_element("id", "count").text
    assert count.startswith(f"{everything['total']} incidents · {everything['unmapped']} not on the map")
    assert markers_drawn(browser) == everything["total"] - everything["unmapped"]  # the header agrees with the map
    assert browser.find_element("id", "page-info").text == f"1–{everything['total']} of {everything['total']}"
    browser.find_element("id", "unmapped-only").click()
    wait_for_table(browser, "-date 0 25 true")
    rows = browser.find_elements("css selector", "#incidents tbody tr")
    assert len(rows) == everything["unmapped"]
    assert all("(not on the map)" in row.text for row in rows)
    browser.save_screenshot(str(SCREENSHOTS / "incident-table.png"))


def test_incident_table_sorts_and_pages(server, browser):
    from selenium.webdriver.support.ui import Select

    open_dashboard(browser, server + "/")
    by_toll = api(server, "incidents?limit=10&sort=-killed")
    Select(browser.find_element("id", "page-size")).select_by_value("10")
    wait_for_table(browser, "-date 0 10 false")
    browser.find_element("css selector", "th[data-sort=killed]").click()
    wait_for_table(browser, "-killed 0 10 false")
    ids = [r.get_attribute("data-id") for r in browser.find_elements("css selector", "#incidents tbody tr")]
    assert ids == [i["id"] for i in by_toll["items"]]
    header = browser.find_element("css selector", "th[data-sort=killed]")
    assert header.get_attribute("aria-sort") == "descending"
    browser.find_element("id", "page-next").click()
    wait_for_table(browser, "-killed 10 10 false")
    second = api(server, "incidents?limit=10&offset=10&sort=-killed")
    assert [r.get_attribute("data-id") for r in browser.find_elements("css selector", "#incidents tbody tr")] == [
        i["id"] for i in second["items"]]
    assert browser.find_element("id", "page-info").text.startswith("11–")
    browser.find_element("css selector", "th[data-sort=killed]").click()  # again: ascending, from the first page
    wait_for_table(browser, "killed 0 10 false")


def test_timeline_marks_each_agreement_and_round_of_talks(server, browser):
    open_dashboard(browser, server + "/")
    expected = api(server, "timeline")
    drawn = browser.execute_script("return JSON.parse(document.getElementById('timeline').dataset.markers)")
    assert drawn == [f"{m['kind']} {m['date']}" for m in expected["markers"]]
    kinds = {m["kind"] for m in expected["markers"]}
    assert {"agreement", "talks"} <= kinds
    status = api(server, "status")
    effective = {a["in_force_from"] for a in status["agreements"] if a["in_force_from"]}
    assert effective <= {m["date"] for m in expected["markers"] if m["kind"] == "agreement"}
    axis = [t.text for t in browser.find_elements("css selector", "#timeline .u-axis")]
    assert axis, "the timeline has no axes"


def test_document_view_sets_the_incident_apart_and_lists_its_claims(server, browser):
    from selenium.webdriver.support.ui import WebDriverWait

    open_dashboard(browser, server + "/")
    row = browser.find_element("css selector", "#disputed tr.incident")
    incident = api(server, f"incidents/{row.get_attribute('data-id')}")
    row.click()
    WebDriverWait(browser, 20).until(lambda d: d.find_elements("css selector", "#incident-claims li"))
    claims = [li.text for li in browser.find_elements("css selector", "#incident-claims li")]
    assert len(claims) == len(incident["claims"])
    assert all(c["claimant"] in text for c, text in zip(incident["claims"], claims, strict=True) if c["claimant"])
    current = browser.find_elements("css selector", "#document .doc-text mark.current")
    others = browser.find_elements("css selector", "#document .doc-text mark.other")
    assert current and others
    assert current[0].value_of_css_property("background-color") != others[0].value_of_css_property(
        "background-color")
    assert "None" not in browser.find_element("id", "document").text
