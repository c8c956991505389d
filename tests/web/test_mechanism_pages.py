"""The mechanism's pages in a real headless Chromium: the submission form, the verification queue and the
published view, each used by the role it is for."""

from __future__ import annotations

from pathlib import Path

import pytest
from pages import needs_browser, serve

from ceasefire.ingestion.ingest import ingest
from ceasefire.mechanism.accounts import add_account
from ceasefire.storage.store import open_store

pytestmark = needs_browser
SCENARIO = Path(__file__).resolve().parents[1] / "analysis" / "truces" / "b-border-truce"
PASSWORD = "a long enough password"
ACCOUNTS = {"kg": ("liaison", "Kyrgyzstan"), "tj": ("liaison", "Tajikistan"), "monitor": ("monitor", None),
            "chair": ("chair", None), "observer": ("observer", None)}


@pytest.fixture(scope="module")
def server(extractor, tmp_path_factory):
    path = tmp_path_factory.mktemp("mechanism-pages") / "store.db"
    with open_store(path) as store:
        ingest([str(SCENARIO)], store, extractor)
        for name, (role, party) in ACCOUNTS.items():
            add_account(store, name, role, PASSWORD, party)
    with serve(path) as url:
        yield url


def log_in(browser, server: str, name: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "/mechanism")
    browser.execute_script("sessionStorage.clear()")
    browser.get(server + "/mechanism")
    browser.find_element("name", "name").send_keys(name)
    browser.find_element("name", "password").send_keys(PASSWORD)
    browser.find_element("css selector", "#login button").click()
    WebDriverWait(browser, 20).until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))


def submit_form(browser, *, day: str, description: str, attachment: Path | None = None) -> str:
    from selenium.webdriver.support.ui import Select, WebDriverWait

    form = browser.find_element("id", "allegation-form")
    form.find_element("name", "against").send_keys("Tajikistan")
    browser.execute_script("document.querySelector('[name=occurred_on]').value = arguments[0]", day)
    Select(form.find_element("name", "category")).select_by_value("shelling")
    Select(form.find_element("name", "observed")).select_by_value("heard")
    form.find_element("name", "place").send_keys("Pasky-Aryk")
    form.find_element("name", "latitude").send_keys("40.03")
    form.find_element("name", "longitude").send_keys("70.63")
    form.find_element("name", "description").send_keys(description)
    if attachment is not None:
        form.find_element("name", "file").send_keys(str(attachment))
    browser.execute_script("document.getElementById('submit-result').textContent = ''")
    form.find_element("css selector", "button[type=submit]").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_element("id", "submit-result").text)
    return browser.find_element("id", "submit-result").text


def queue_rows(browser) -> dict[str, str]:
    """Allegation id -> state, as the queue shows them (read at once: the page redraws the table)."""
    return browser.execute_script("return Object.fromEntries([...document.querySelectorAll('#queue-table tbody tr')]"
                                  ".map((row) => [row.dataset.id, row.dataset.state]))")


def test_the_form_submits_refuses_bad_input_and_keeps_markup_as_text(server, browser, tmp_path):
    log_in(browser, server, "kg")
    assert browser.find_element("name", "alleged_by").get_attribute("value") == "Kyrgyzstan"
    refused = submit_form(browser, day="2999-01-01", description="A day that has not come.")
    assert refused.startswith("Not submitted: occurred_on:") and "future" in refused
    markup = '<img src=x onerror="window.__pwned = 1"> shells at dawn'
    note = tmp_path / "witness-note.txt"
    note.write_text("Heard six impacts between 5 and 6 a.m.", encoding="utf-8")
    done = submit_form(browser, day="2022-09-17", description=markup, attachment=note)
    assert done.startswith("Submitted: alg-") and done.endswith("with witness-note.txt")
    created = done.removeprefix("Submitted: ").split()[0]
    assert queue_rows(browser)[created] == "alleged"
    assert "(1 file(s))" in browser.find_element("css selector", f"tr[data-id='{created}']").text
    assert markup in browser.find_element("id", "queue-table").text
    assert browser.execute_script("return window.__pwned") is None
    assert not browser.find_elements("css selector", "#queue-table img")


def test_from_the_queue_to_the_published_view(server, browser):
    from selenium.webdriver.support.ui import WebDriverWait

    log_in(browser, server, "kg")
    created = submit_form(browser, day="2022-09-18", description="Fire on the border post.").removeprefix(
        "Submitted: ")
    log_in(browser, server, "tj")
    assert created not in queue_rows(browser)  # another side's submission, not yet published
    log_in(browser, server, "monitor")
    assert not browser.find_elements("css selector", "form.rule")  # the chair rules, not a monitor
    browser.find_element("css selector", f"tr[data-id='{created}'] button.investigate").click()
    WebDriverWait(browser, 20).until(lambda d: queue_rows(d).get(created) == "under_investigation")
    log_in(browser, server, "chair")
    ruling = browser.find_element("css selector", f"tr[data-id='{created}'] form.rule")
    ruling.find_element("name", "finding").send_keys("Bullet marks on the post; the team heard the fire.")
    ruling.find_element("name", "attribution").send_keys("Tajikistan")
    ruling.find_element("css selector", "button").click()
    WebDriverWait(browser, 20).until(lambda d: queue_rows(d).get(created) == "substantiated")
    browser.find_element("css selector", f"tr[data-id='{created}'] button.publish").click()
    published_row = f"#published-table tr[data-id='{created}']"
    WebDriverWait(browser, 20).until(lambda d: d.find_elements("css selector", published_row))
    log_in(browser, server, "observer")
    assert not browser.find_element("id", "submit-panel").is_displayed()  # an observer submits nothing
    published = browser.find_element("id", "published-table").text
    assert "Bullet marks on the post" in published and "attributed to Tajikistan" in published
    log_in(browser, server, "tj")
    assert created in queue_rows(browser)  # published: every side sees it


def test_a_monitor_logs_a_hotline_call_through_the_form(server, browser):
    from selenium.webdriver.support.ui import WebDriverWait

    log_in(browser, server, "monitor")
    form = browser.find_element("id", "call-form")
    browser.execute_script("document.querySelector('[name=at]').value = '2022-09-17T06:10'")
    form.find_element("name", "from_party").send_keys("Kyrgyzstan")
    form.find_element("name", "to_party").send_keys("Tajikistan")
    form.find_element("name", "subject").send_keys("Fire reported near the border post")
    form.find_element("css selector", "button[type=submit]").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_element("id", "call-result").text.startswith("Logged"))
    # the log is read again after the call is stored: wait for it rather than race it
    call = "Fire reported near the border post"
    WebDriverWait(browser, 20).until(lambda d: call in d.find_element("id", "hotline").text)
    log_in(browser, server, "observer")
    assert not browser.find_element("id", "hotline-panel").is_displayed()
