"""The public office finder under gunicorn (2 sync workers) on the loopback, driven by a
bounded load generator (asyncio, 16 connections at once, a fixed number of requests and a
time limit; 127.0.0.1 only). The reference data is cached per worker process
(`parcours.territory.reference_cache`), so a request costs one query (the version key, in the
shared database cache). Target: 400 requests per second or more.

Run: `DATABASE_URL=postgres://… .venv/bin/python bench/bench_finder.py` (or `make bench`).
`BENCH_FINDER_REQUESTS` (default 4,000). Nothing is asserted."""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import database
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = int(os.environ.get("BENCH_FINDER_REQUESTS", "4000"))
CONCURRENCY = 16
TIME_LIMIT = 60.0  # seconds: the generator stops by itself
DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"
QUERIES = ("7000", "4000", "mons", "5000", "6000", "liege", "1300", "6700")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


async def _one(port: int, path: str) -> tuple[float, int]:
    began = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    status = int(data[9:12]) if data[:5] == b"HTTP/" else 0
    return (time.perf_counter() - began) * 1000, status


async def _load(port: int) -> tuple[list[float], list[int], float]:
    timings: list[float] = []
    statuses: list[int] = []
    deadline = time.perf_counter() + TIME_LIMIT
    counter = iter(range(REQUESTS))

    async def worker() -> None:
        for n in counter:
            if time.perf_counter() > deadline:
                return
            took, status = await _one(port, f"/offices/?q={QUERIES[n % len(QUERIES)]}")
            timings.append(took)
            statuses.append(status)

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return timings, statuses, time.perf_counter() - began


def _wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped at start")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def main() -> None:
    if connection.vendor != "postgresql":
        print("finder under gunicorn: skipped (needs DATABASE_URL on PostgreSQL)")
        return
    database()
    connection.close()
    port = _free_port()
    env = os.environ | {
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CACHE_BACKEND": DATABASE_CACHE,
        # As in production: each worker keeps its connections in a psycopg pool (without it
        # every request opens a PostgreSQL connection, a backend process forked each time).
        "DATABASE_POOL": "true",
    }
    parcours = Path(sys.executable).parent / "parcours"
    # The workers share the database cache (the version key of the reference data).
    subprocess.run([str(parcours), "createcachetable"], cwd=ROOT, env=env, check=True)  # noqa: S603
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [
        str(gunicorn),
        "config.wsgi",
        "-w",
        "2",
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    try:
        _wait_until_up(port, server)
        asyncio.run(_load(port))  # warm both workers' copies
        timings, statuses, seconds = asyncio.run(_load(port))
    finally:
        server.terminate()
        server.wait(timeout=30)
    ok = sum(1 for s in statuses if s == 200)
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(
        f"office finder, gunicorn 2 workers: {len(timings) / seconds:,.0f} req/s "
        f"({len(timings):,} requests, {CONCURRENCY} at once, {ok:,} answered 200), "
        f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms",
        flush=True,
    )


if __name__ == "__main__":
    main()
