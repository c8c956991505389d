"""The URL guard (no network: the address checks) and real fetches from a local server on 127.0.0.1."""

from __future__ import annotations

import http.server
import threading
import time

import pytest

from ceasefire.errors import InputError
from ceasefire.ingestion import fetch as fetch_module
from ceasefire.ingestion.fetch import FetchOptions, check_address, fetch, resolve_host
from ceasefire.ingestion.sources import SourceOptions, expand_sources

PAGE = ("<html><head><title>Truce holds</title></head><body><nav>Home | World</nav><article><h1>Truce holds</h1>"
        + "<p>The ceasefire between the two sides held for a third day on Tuesday, officials said, as traders "
          "waited for the border crossing to reopen.</p>" * 5 + "</article></body></html>").encode()
FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Local Feed</title><item><title>Item</title>'
        b"<link>http://127.0.0.1:1/unused</link><description>" + b"Shelling was reported overnight. " * 30
        + b"</description></item></channel></rss>")


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.8", "192.168.1.20", "172.16.5.4", "169.254.169.254",
                                     "::1", "fe80::1", "fc00::1", "0.0.0.0", "::ffff:10.0.0.1", "100.64.0.1"])
def test_guard_refuses_internal_addresses(address):
    with pytest.raises(InputError, match="private, loopback, link-local"):
        check_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_guard_allows_public_addresses(address):
    check_address(address)


def test_allow_private_lets_internal_addresses_through():
    check_address("127.0.0.1", allow_private=True)
    check_address("10.0.0.8", allow_private=True)


def test_host_names_are_checked_by_every_address_they_resolve_to(monkeypatch):
    answers = [(2, 1, 6, "", ("93.184.216.34", 80)), (2, 1, 6, "", ("10.1.2.3", 80))]
    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", lambda *args, **kwargs: answers)
    with pytest.raises(InputError, match="resolves to 10.1.2.3"):
        resolve_host("mixed.example", 80)
    monkeypatch.undo()
    with pytest.raises(InputError, match="resolves to (127.0.0.1|::1).*refusing"):
        resolve_host("localhost", 80)
    assert resolve_host("localhost", 80, allow_private=True) in ("127.0.0.1", "::1")


def test_only_http_urls(tmp_path):
    with pytest.raises(InputError, match="only http"):
        fetch("file:///etc/passwd")


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes = {"/page": (200, "text/html; charset=utf-8", PAGE), "/feed": (200, "application/rss+xml", FEED),
                  "/big": (200, "text/html", b"x" * 5000)}
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        if self.path in ("/drip-body", "/drip-headers"):  # a byte every 0.1 s, for up to 4 s
            if self.path == "/drip-body":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100000")
                self.end_headers()
            for _ in range(40):
                try:
                    self.wfile.write(b"x" if self.path == "/drip-body" else b"X-Slow: 1\r\n"[:1])
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.1)
            return
        if self.path == "/elsewhere":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.2:{self.server.server_address[1]}/page")
            self.end_headers()
            return
        status, kind, body = routes.get(self.path, (404, "text/plain", b"missing"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = FetchOptions(timeout=5, allow_private=True)


def test_loopback_is_refused_without_allow_private(server):
    with pytest.raises(InputError, match="allow-private"):
        fetch(f"{server}/page")


def test_fetch_follows_redirects_and_reports_type(server):
    result = fetch(f"{server}/redirect", LOCAL)
    assert result.url == f"{server}/page"
    assert (result.content_type, result.charset, result.content) == ("text/html", "utf-8", PAGE)


def test_size_limit_and_http_errors(server):
    with pytest.raises(InputError, match="over the 1,000-byte limit"):
        fetch(f"{server}/big", FetchOptions(timeout=5, max_bytes=1000, allow_private=True))
    with pytest.raises(InputError, match="HTTP 404"):
        fetch(f"{server}/nothing", LOCAL)


def test_redirect_targets_are_checked_too(server, monkeypatch):
    real_check = fetch_module.check_address

    def only_127_0_0_1(address: str, allow_private: bool = False) -> None:
        if address != "127.0.0.1":
            real_check(address, False)

    monkeypatch.setattr(fetch_module, "check_address", only_127_0_0_1)
    with pytest.raises(InputError, match="127.0.0.2"):
        fetch(f"{server}/elsewhere")


def test_web_page_and_feed_urls_as_sources(server):
    options = SourceOptions(fetch=LOCAL, follow_feed_links=False)
    [page] = list(expand_sources([f"{server}/page"], options))
    report = page.load()
    assert "The ceasefire between the two sides held" in report.text and report.title == "Truce holds"
    assert "Home | World" not in report.text
    [entry] = list(expand_sources([f"{server}/feed"], options))
    assert entry.url == "http://127.0.0.1:1/unused"
    assert entry.load().publisher == "Local Feed"


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_regression_server_dripping_bytes_meets_the_whole_fetch_deadline(server, path):
    started = time.monotonic()
    with pytest.raises(InputError, match="took too long|failed"):
        fetch(server + path, FetchOptions(timeout=0.5, allow_private=True))
    assert time.monotonic() - started < 2.5  # the deadline is twice the timeout, not 4 s of drip
