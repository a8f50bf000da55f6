"""Concurrent read load against `marquee serve` on SQLite: requests per second and latency.

    .venv/bin/python bench/load.py                      # demo site, 16 clients, 20 s per page
    .venv/bin/python bench/load.py --clients 32 --duration 30
    .venv/bin/python bench/load.py --url http://127.0.0.1:8000 --path /   # an already running site

Without --url it builds a fresh demo site in a temporary folder, serves it with gunicorn, loads the
home page and a review page in turn, and stops the server. Traffic goes to loopback only, and every
run is bounded by --duration.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARQUEE = [sys.executable, "-m", "marquee"]


@dataclass
class Result:
    path: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed: float = 0.0

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000

    def row(self) -> str:
        rps = len(self.latencies) / self.elapsed
        return (
            f"| `{self.path}` | {len(self.latencies)} | {self.errors} | {rps:.0f} | "
            f"{statistics.median(self.latencies) * 1000:.1f} | {self.percentile(0.95):.1f} | "
            f"{self.percentile(0.99):.1f} |"
        )


def _client(host: str, port: int, path: str, deadline: float, result: Result, lock) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=10)
    latencies, errors = [], 0
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=10)
            continue
        latencies.append(time.perf_counter() - started)
    connection.close()
    with lock:
        result.latencies.extend(latencies)
        result.errors += errors


def load(base_url: str, path: str, *, clients: int, duration: float) -> Result:
    """``clients`` keep-alive connections requesting ``path`` for ``duration`` seconds."""
    parsed = urllib.parse.urlsplit(base_url)
    result, lock = Result(path), threading.Lock()
    deadline = time.perf_counter() + duration
    threads = [
        threading.Thread(
            target=_client, args=(parsed.hostname, parsed.port, path, deadline, result, lock)
        )
        for _ in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.perf_counter() - started
    return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def demo_server(workers: int):
    """A fresh demo site on SQLite served by `marquee serve`, stopped afterwards."""
    data_dir = tempfile.mkdtemp(prefix="marquee-bench-")
    env = {**os.environ, "MARQUEE_DATA_DIR": data_dir, "DATABASE_URL": ""}
    subprocess.run([*MARQUEE, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run(
        [*MARQUEE, "demo", "--password", "bench-password-1"],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port = _free_port()
    server = subprocess.Popen(
        [*MARQUEE, "serve", "--port", str(port), "--workers", str(workers), "--no-migrate"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base_url)
        yield base_url, env
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)


def _wait_until_up(base_url: str, timeout: float = 60) -> None:
    parsed = urllib.parse.urlsplit(base_url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server at {base_url} did not come up in {timeout} s")


def _a_review_path(env: dict) -> str:
    out = subprocess.run(
        [
            *MARQUEE,
            "shell",
            "-c",
            "from marquee.reviews.models import Review;"
            "r = Review.objects.published().order_by('pk').first();"
            "print(r.get_absolute_url())",
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="load an already running site instead of a fresh demo")
    parser.add_argument("--path", action="append", help="page to load (repeatable)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per page")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of warm-up per page")
    args = parser.parse_args()

    def run(base_url: str, paths: list[str]) -> None:
        print(f"{args.clients} clients, {args.duration:.0f} s per page, {os.cpu_count()} cores")
        print("| page | requests | errors | req/s | p50 ms | p95 ms | p99 ms |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for path in paths:
            load(base_url, path, clients=args.clients, duration=args.warmup)
            print(load(base_url, path, clients=args.clients, duration=args.duration).row())

    if args.url:
        run(args.url, args.path or ["/"])
        return
    with demo_server(args.workers) as (base_url, env):
        run(base_url, args.path or ["/", _a_review_path(env)])


if __name__ == "__main__":
    main()
