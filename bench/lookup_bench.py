"""Account lookup by RR number through the real service, beside the bare indexed SELECT."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import requests

from bench.results import Result
from central_api.seed import SeedReport

BARE_SELECT = "SELECT * FROM consumers WHERE rr_number = %s"
WARM_UP = 200


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(database_url: str) -> Iterator[str]:
    """The central service under uvicorn in its own process on a loopback port; yields its URL."""
    port = _free_port()
    env = {**os.environ, "TRM_DATABASE_URL": database_url}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "central_api.app:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    process = subprocess.Popen(command, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/api/v1/health", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the central service did not start")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def sample_rr_numbers(url: str, count: int, seed_number: int) -> list[str]:
    """`count` RR numbers of random seeded consumers, the same for a given seed."""
    with psycopg.connect(url) as conn:
        highest = conn.execute("SELECT max(id) FROM consumers").fetchone()
        top = int(highest[0]) if highest and highest[0] else 0
        rng = random.Random(seed_number)
        ids = [rng.randint(1, top) for _ in range(count)]
        found: dict[int, str] = dict(
            conn.execute(
                "SELECT id, rr_number FROM consumers WHERE id = ANY(%s)", (ids,)
            ).fetchall()
        )
    return [found[i] for i in ids]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def bare_select_ms(url: str, rr_numbers: list[str]) -> list[float]:
    """Milliseconds per bare indexed SELECT of each row, one connection, prepared statement."""
    times = []
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        for rr in rr_numbers[:WARM_UP]:
            cur.execute(BARE_SELECT, (rr,), prepare=True)
            cur.fetchone()
        for rr in rr_numbers:
            started = time.perf_counter()
            cur.execute(BARE_SELECT, (rr,), prepare=True)
            row = cur.fetchone()
            times.append((time.perf_counter() - started) * 1000)
            assert row is not None
    return times


def service_ms(base: str, report: SeedReport, rr_numbers: list[str]) -> list[float]:
    """Milliseconds per GET /api/v1/consumers/{rr} as a signed-in cashier, over keep-alive."""
    with requests.Session() as http:
        login = http.post(
            f"{base}/api/v1/auth/login",
            timeout=30,
            json={"username": report.example_users["cashier"], "password": report.password},
        )
        login.raise_for_status()
        http.headers["Authorization"] = f"Bearer {login.json()['token']}"
        for rr in rr_numbers[:WARM_UP]:
            http.get(f"{base}/api/v1/consumers/{rr}", timeout=30).raise_for_status()
        times = []
        for rr in rr_numbers:
            started = time.perf_counter()
            reply = http.get(f"{base}/api/v1/consumers/{rr}", timeout=30)
            body = reply.json()
            times.append((time.perf_counter() - started) * 1000)
            if reply.status_code != 200 or body.get("rr_number") != rr:
                raise RuntimeError(f"lookup of {rr} failed: {reply.status_code} {body}")
    return times


def lookup_rr(
    url: str, report: SeedReport, requests_count: int = 2000, seed_number: int = 7
) -> list[Result]:
    """p50 and p99 of lookups by RR number over the seeded database, with the bare SELECT's."""
    rr_numbers = sample_rr_numbers(url, requests_count, seed_number)
    bare = bare_select_ms(url, rr_numbers)
    with serve(url) as base:
        ours = service_ms(base, report, rr_numbers)
    results = []
    for label, fraction, goal in (("p50", 0.50, "< 10 ms"), ("p99", 0.99, "< 50 ms")):
        results.append(
            Result(
                f"centre_lookup_rr_{label}_ms",
                round(_percentile(ours, fraction), 3),
                "ms",
                f"bare_select_rr_{label}_ms",
                round(_percentile(bare, fraction), 3),
                goal=goal,
            )
        )
    return results
