"""Fetching a URL safely: timeouts, a size limit, and no requests to private, loopback, link-local or
otherwise internal addresses unless the caller allows them.

The guard checks every address the host name resolves to, then connects to the address it checked
(so a second DNS answer cannot swap in an internal one), and checks each redirect target the same way.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ceasefire import __version__
from ceasefire.errors import InputError

MAX_BYTES = 5_000_000
TIMEOUT_SECONDS = 15.0
MAX_REDIRECTS = 5
USER_AGENT = f"ceasefire-monitor/{__version__} (+https://example.invalid/ceasefire)"
_ACCEPT = "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, " \
          "text/plain;q=0.8, */*;q=0.1"


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = TIMEOUT_SECONDS  # per connect / read, and for the whole download
    max_bytes: int = MAX_BYTES
    allow_private: bool = False


@dataclass
class FetchResult:
    url: str  # after redirects
    content: bytes
    content_type: str  # e.g. "text/html"
    charset: str | None


def check_address(address: str, allow_private: bool = False) -> None:
    """Raise :class:`InputError` if ``address`` is not a public unicast address (and private ones are refused)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if allow_private:
        if ip.is_multicast or ip.is_unspecified:
            raise InputError(address, "refusing to connect to a multicast or unspecified address")
        return
    if ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_multicast \
            or ip.is_unspecified or not ip.is_global:
        raise InputError(address, "refusing to fetch from a private, loopback, link-local or reserved address "
                                  "(use --allow-private for a server on your own network)")


def resolve_host(host: str, port: int, allow_private: bool = False) -> str:
    """An address of ``host`` that passes :func:`check_address`; every address it resolves to must pass."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise InputError(host, f"cannot resolve host name ({err.strerror})") from err
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise InputError(host, "host name resolves to no address")
    for address in addresses:
        try:
            check_address(address, allow_private)
        except InputError as err:
            raise InputError(host, f"resolves to {address}: {err.problem}") from None
    return addresses[0]


def fetch(url: str, options: FetchOptions | None = None) -> FetchResult:
    """GET ``url`` (following up to :data:`MAX_REDIRECTS` checked redirects)."""
    options = options or FetchOptions()
    deadline = time.monotonic() + options.timeout * 2
    for _ in range(MAX_REDIRECTS + 1):
        response, connection = _request(url, options, deadline)
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise InputError(url, f"redirect {response.status} without a Location")
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise InputError(url, f"HTTP {response.status} {response.reason}")
            content = _read_limited(response, url, options.max_bytes, deadline)
            return FetchResult(url=url, content=content,
                               content_type=response.headers.get_content_type(),
                               charset=response.headers.get_content_charset())
        finally:
            connection.close()
    raise InputError(url, f"more than {MAX_REDIRECTS} redirects")


def _request(url: str, options: FetchOptions,
             deadline: float) -> tuple[http.client.HTTPResponse, http.client.HTTPConnection]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(url, "only http:// and https:// URLs can be fetched")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = resolve_host(parts.hostname, port, options.allow_private)
    if parts.scheme == "https":
        connection: http.client.HTTPConnection = _PinnedHTTPSConnection(parts.hostname, address, port,
                                                                         options.timeout)
    else:
        connection = _PinnedHTTPConnection(parts.hostname, address, port, options.timeout)
    connection.deadline = deadline
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT,
                                                 "Accept-Encoding": "identity"})
        return connection.getresponse(), connection
    except (OSError, http.client.HTTPException) as err:
        connection.close()
        raise InputError(url, f"request failed ({err})") from err


def _read_limited(response: http.client.HTTPResponse, url: str, max_bytes: int, deadline: float) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise InputError(url, f"response of {int(declared):,} bytes is over the {max_bytes:,}-byte limit")
    chunks, size = [], 0
    try:
        while chunk := response.read1(65536):  # what has arrived, so a slow drip meets the deadline
            size += len(chunk)
            if size > max_bytes:
                raise InputError(url, f"response is over the {max_bytes:,}-byte limit")
            if time.monotonic() > deadline:
                raise InputError(url, "download took too long")
            chunks.append(chunk)
    except (OSError, http.client.HTTPException) as err:
        raise InputError(url, f"download failed ({err})") from err
    return b"".join(chunks)


def _watch(sock: socket.socket, deadline: float) -> threading.Timer:
    """A timer that shuts ``sock`` down at ``deadline``, whatever it is waiting for (headers or a body
    sent a byte at a time would otherwise never time out, each byte arriving within the per-read
    timeout). Cancel it when the connection closes."""
    def expire() -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(0.0, deadline - time.monotonic()), expire)
    timer.daemon = True
    timer.start()
    return timer


class _Deadline:
    """Connections that give up at the deadline of the whole fetch (set by :func:`_request`)."""

    deadline = float("inf")
    _timer: threading.Timer | None = None

    def _guarded(self, sock: socket.socket) -> socket.socket:
        self._timer = _watch(sock, self.deadline)
        return sock

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        super().close()  # type: ignore[misc]


class _PinnedHTTPConnection(_Deadline, http.client.HTTPConnection):
    """Connects to the address that was checked, whatever the host name resolves to now."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = self._guarded(socket.create_connection((self._address, self.port), self.timeout))


class _PinnedHTTPSConnection(_Deadline, http.client.HTTPSConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = self._guarded(socket.create_connection((self._address, self.port), self.timeout))
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
