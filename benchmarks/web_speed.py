"""HTTP API latency and dashboard load time over a store of 100,000 generated incidents.

Loopback only, bounded: starts `ceasefire serve` on 127.0.0.1, sends filtered one-page requests to
/api/incidents from 20 concurrent clients for a fixed time (wrk, from Debian's packages, where
installed; else a fixed number from Python threads), and prints p50/p95/max; then, where Debian's
chromium and chromedriver are installed, times the dashboard's first interactive view.

    .venv/bin/python benchmarks/web_speed.py [--incidents 100000] [--clients 20] [--requests 1000] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from monitor_speed import generate_resolution  # noqa: E402

from ceasefire.storage.store import open_store  # noqa: E402

QUERIES = [  # one filtered page each, as the dashboard and API clients ask for them
    "country=AF&since=2024-03&until=2024-03&limit=100",
    "country=PK&type=Battles&limit=100",
    "actor=Pakistan&since=2024-06-01&until=2024-08-31&limit=100",
    "bbox=60,29,72,38&limit=100&offset=100",
    "disputed=true&country=AF&limit=50",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def timed_get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
    return time.perf_counter() - started


def bench_api(base: str, clients: int, requests: int) -> None:
    """Latency of filtered one-page requests: with wrk (a C load generator, so the client does not eat
    the cores the server needs) where installed, else with Python threads."""
    for query in QUERIES:  # warm-up: page cache and query plans
        timed_get(f"{base}/api/incidents?{query}")
    if shutil.which("wrk"):
        bench_api_wrk(base, clients)
    else:
        bench_api_threads(base, clients, requests)


WRK_SCRIPT = """
paths = {%s}
i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("WRK p50=%%d p95=%%d max=%%d requests=%%d errors=%%d\\n",
    latency:percentile(50), latency:percentile(95), latency.max, summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


def bench_api_wrk(base: str, clients: int, seconds: int = 15) -> None:
    paths = ", ".join(f'"/api/incidents?{q}"' for q in QUERIES)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % paths)
    out = subprocess.run(["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{seconds}s", "-s", script.name, base],
                         capture_output=True, text=True, check=True).stdout
    stats = dict(item.split("=") for item in out.split("WRK ", 1)[1].split())
    p50, p95, worst = (int(stats[k]) / 1000 for k in ("p50", "p95", "max"))
    print(f"/api/incidents, filtered one-page requests, {clients} concurrent clients (wrk, {seconds} s): "
          f"{int(stats['requests']) / seconds:.0f} req/s, {stats['errors']} errors")
    print(f"  latency p50 {p50:.0f} ms, p95 {p95:.0f} ms (target < 100), max {worst:.0f} ms")


def bench_api_threads(base: str, clients: int, requests: int) -> None:
    rng = random.Random(3)
    urls = [f"{base}/api/incidents?{rng.choice(QUERIES)}" for _ in range(requests)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        latencies = sorted(pool.map(timed_get, urls))
    elapsed = time.perf_counter() - started
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"/api/incidents, {requests} filtered one-page requests from {clients} concurrent Python clients "
          f"(install wrk for a client that does not compete for the cores): {requests / elapsed:.0f} req/s")
    print(f"  latency p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms (target < 100), "
          f"max {latencies[-1] * 1000:.0f} ms")


def bench_dashboard(base: str) -> None:
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver_path):
        print("dashboard load: skipped (no chromium/chromedriver; apt-get install chromium chromium-driver)")
        return
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--window-size=1400,1000",
                 f"--user-data-dir={tempfile.mkdtemp()}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            browser.get(base + "/?country=AF")
            WebDriverWait(browser, 60).until(lambda d: d.execute_script("return document.body.dataset.ready"))
            times.append(time.perf_counter() - started)
        markers = len(browser.find_elements("css selector", "path.incident-marker"))
        print(f"dashboard first view interactive (country filter, {markers} markers): "
              f"best {min(times):.2f} s, worst {max(times):.2f} s of 3 loads (target < 2 s)")
    finally:
        browser.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        db = Path(workdir) / "bench.db"
        with open_store(db) as store:
            store.save_resolution(generate_resolution(args.incidents))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([str(Path(sys.executable).parent / "ceasefire"), "serve", "--db", str(db),
                                   "--port", str(port), "--workers", str(args.workers)], stdout=subprocess.DEVNULL)
        try:
            wait_until_up(base + "/api/filters")
            print(f"store: {args.incidents:,} generated incidents; server: {args.workers} worker process(es)")
            bench_api(base, args.clients, args.requests)
            bench_dashboard(base)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
