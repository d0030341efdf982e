"""Benchmark: the web API under load, from a second process on loopback.

Starts ``rotoscope serve`` in a subprocess over a store built from the mirror,
warms the caches (one request per endpoint), then drives each endpoint at
concurrency 16 from this process with an async httpx loop that stops by itself
after ``--seconds``. Prints p50 and p99 latency and requests per second per
endpoint, and each one's ratio to the baseline measured in the same run:

- ``health``: ``GET /api/health``, the cheapest request the app answers (routing,
  JSON and middleware only);
- ``facts``: ``GET /api/facts?as_of=2026-02-09`` (every fact of a session, about
  half a megabyte of JSON, from the per-date cache);
- ``check``: ``POST /api/check`` with a three-claim paragraph (recomputed for
  every request: texts are not cached).

Any response other than 200 is an error and the benchmark fails.

Then the adversarial mix: 14 clients send ordinary requests (``facts`` and
``check`` in turn) for ``--seconds``, first alone (the plain run), then while 2
more clients send claim-dense texts of 99,000 characters (about 2,800 claims
each, over the app's limit of claims per text, so each is refused with a 413
once its claims are found). It prints the ordinary requests' p50 and p99 in
both runs and their ratio (target: p99 under 3x the plain run's, no error
among the ordinary requests), and what the dense texts got back.

Usage: python benchmarks/serve.py [--data-dir DIR] [--seconds S] [--concurrency N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

import rotoscope
from rotoscope.config import default_data_dir

TEXT = ("Published February 9, 2026. The Russell 2000 rose 0.70% on the day and the "
        "S&P 500 gained 0.47%. Small caps are up 8.3% year to date.")
#: A claim-dense text: two to three claims per sentence, 99,000 characters.
DENSE_SENTENCE = ("The Russell 2000 rose 0.70% on the day and the S&P 500 gained 0.47%. "
                  "Small caps are up 8.3% year to date while the Nasdaq fell 1.2% this week. ")
DENSE = ("Published February 9, 2026.\n\n" + DENSE_SENTENCE * 1400)[:99_000]
ORDINARY_CLIENTS = 14
HEAVY_CLIENTS = 2
Request = tuple[str, str, dict[str, Any]]
CASES: dict[str, Request] = {
    "health": ("GET", "/api/health", {}),
    "facts": ("GET", "/api/facts", {"params": {"as_of": "2026-02-09"}}),
    "check": ("POST", "/api/check", {"json": {"text": TEXT}}),
}


async def drive(url: str, method: str, path: str, kwargs: dict[str, Any], seconds: float,
                concurrency: int) -> tuple[list[float], int, float]:
    """Send requests from ``concurrency`` workers for ``seconds``; return latencies."""
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        stop = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                r = await client.request(method, path, **kwargs)
                await r.aread()
                latencies.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    errors += 1

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    return latencies, errors, elapsed


async def mix(url: str, seconds: float, heavy: bool) -> tuple[list[float], int, dict[int, int]]:
    """Run the ordinary clients (and the heavy ones when asked) for ``seconds``.

    Returns the ordinary latencies, the ordinary errors (any status but 200) and
    the heavy requests' count per status.
    """
    ordinary = [CASES["facts"], CASES["check"]]
    latencies: list[float] = []
    errors = 0
    heavy_status: dict[int, int] = {}
    clients = ORDINARY_CLIENTS + (HEAVY_CLIENTS if heavy else 0)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=300) as client:
        stop = time.perf_counter() + seconds

        async def ordinary_client(k: int) -> None:
            nonlocal errors
            turn = k
            while time.perf_counter() < stop:
                method, path, kwargs = ordinary[turn % 2]
                turn += 1
                t0 = time.perf_counter()
                r = await client.request(method, path, **kwargs)
                await r.aread()
                latencies.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    errors += 1

        async def heavy_client() -> None:
            while time.perf_counter() < stop:
                r = await client.post("/api/check", json={"text": DENSE})
                await r.aread()
                heavy_status[r.status_code] = heavy_status.get(r.status_code, 0) + 1

        workers = [ordinary_client(k) for k in range(ORDINARY_CLIENTS)]
        if heavy:
            workers += [heavy_client() for _ in range(HEAVY_CLIENTS)]
        await asyncio.gather(*workers)
    return latencies, errors, heavy_status


def pct(values: list[float], q: float) -> float:
    """Return the q-th percentile (nearest rank) in milliseconds."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data-dir", default=os.environ.get("ROTOSCOPE_DATA_DIR"))
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    data_dir = default_data_dir(args.data_dir)
    with tempfile.TemporaryDirectory() as tmp:
        store = rotoscope.init_store(data_dir, store=Path(tmp) / "rotoscope.duckdb").path
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {**os.environ, "ROTOSCOPE_HOME": str(store.parent)}
        server = subprocess.Popen(
            [sys.executable, "-c", "from rotoscope.cli import main; main()", "serve",
             "--port", str(port), "--log-level", "error"], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(url + "/api/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            for method, path, kwargs in CASES.values():  # warm: imports, caches
                httpx.request(method, url + path, timeout=120, **kwargs).raise_for_status()
            results: dict[str, tuple[float, float, float, int, int]] = {}
            for name, (method, path, kwargs) in CASES.items():
                lat, errors, elapsed = asyncio.run(
                    drive(url, method, path, kwargs, args.seconds, args.concurrency))
                results[name] = (statistics.median(lat) * 1000, pct(lat, 99),
                                 len(lat) / elapsed, len(lat), errors)
            plain = asyncio.run(mix(url, args.seconds, heavy=False))
            attacked = asyncio.run(mix(url, args.seconds, heavy=True))
        finally:
            server.terminate()
            server.wait(timeout=20)
    base = results["health"][2]
    print(f"concurrency {args.concurrency}, {args.seconds:g} s per endpoint, server and "
          "client on loopback in separate processes")
    print(f"{'endpoint':<9}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}"
          f"{'vs health':>11}")
    for name, (p50, p99, rps, n, errors) in results.items():
        print(f"{name:<9}{n:>9,}{errors:>8}{p50:>9.1f}{p99:>9.1f}{rps:>9.1f}"
              f"{rps / base:>10.2f}x")
    print()
    print(f"adversarial mix: {ORDINARY_CLIENTS} clients send facts and check requests in "
          f"turn; {HEAVY_CLIENTS} more send {len(DENSE):,}-character claim-dense texts")
    print(f"{'run':<12}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}")
    for name, (lat, errors, _) in (("plain", plain), ("adversarial", attacked)):
        print(f"{name:<12}{len(lat):>9,}{errors:>8}{statistics.median(lat) * 1000:>9.1f}"
              f"{pct(lat, 99):>9.1f}")
    p50_ratio = statistics.median(attacked[0]) / statistics.median(plain[0])
    p99_ratio = pct(attacked[0], 99) / pct(plain[0], 99)
    print(f"ordinary requests under attack vs plain: p50 {p50_ratio:.2f}x, p99 {p99_ratio:.2f}x "
          "(target: p99 under 3x)")
    print("dense texts answered: " + ", ".join(
        f"{n} x {status}" for status, n in sorted(attacked[2].items())))
    failed = {n: r[4] for n, r in results.items() if r[4]}
    failed.update({f"{name} mix": run[1] for name, run in (("plain", plain),
                                                          ("adversarial", attacked)) if run[1]})
    if failed:
        sys.exit(f"errors: {failed}")


if __name__ == "__main__":
    main()
