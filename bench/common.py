"""What every bench script shares: Django set up on the test settings, the synthetic region
(`parcours.demo.region`, the one `parcours seed_region` writes) in a throwaway test database,
and the measure printed beside its floors.

- `BENCH_PEOPLE` (default 50,000; `BENCH_PEOPLE=500000 make bench` for the Region's size),
  `BENCH_REPEATS` (default 30).
- On PostgreSQL (`DATABASE_URL`) the test database is seeded once per size and kept for the
  next script and the next run (`var/bench-<database>-<people>.ok`); `BENCH_FRESH=1` seeds
  it again. Without `DATABASE_URL`, SQLite in memory: each script seeds its own.
- Each line: median and p95 over the repeats, the query count, the size of the answer, and
  the ratio to each floor measured in the same run — the raw SQL floor (the same result in
  one psycopg query) and the framework floor (a minimal Django view through the same client,
  running that same query)."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PEOPLE = int(os.environ.get("BENCH_PEOPLE", "50000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))
settings.ROOT_URLCONF = "floor_urls"  # the project's URLs and the framework floor


@dataclass(frozen=True)
class Timing:
    median: float
    p95: float
    queries: tuple[int, int]
    size: int


def _p95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def time_it(run: Callable[[], Any], repeats: int = REPEATS) -> Timing:
    timings, counts, size = [], [], 0
    run()  # warm: the first request compiles templates, fills the caches
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            result = run()
            timings.append((time.perf_counter() - began) * 1000)
        counts.append(len(queries))
        size = len(getattr(result, "content", b"")) if result is not None else 0
    return Timing(statistics.median(timings), _p95(timings), (min(counts), max(counts)), size)


def once(run: Callable[[], Any]) -> Timing:
    """One run, not warmed (a first request, a job): its time is both median and p95."""
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        result = run()
        spent = (time.perf_counter() - began) * 1000
    size = len(getattr(result, "content", b"")) if result is not None else 0
    return Timing(spent, spent, (len(queries), len(queries)), size)


def line(label: str, timing: Timing, floors: dict[str, Timing] | None = None) -> None:
    low, high = timing.queries
    count = f"{low}" if low == high else f"{low}–{high}"
    text = (
        f"{label:<40} median {timing.median:8.1f} ms  p95 {timing.p95:8.1f} ms  queries {count:>5}"
    )
    if timing.size:
        text += f"  {timing.size:>8,} B"
    for name, floor in (floors or {}).items():
        ratio = timing.median / floor.median if floor.median else float("inf")
        text += f"  | {name} {floor.median:6.1f} ms ×{ratio:.1f}"
    print(text, flush=True)


def raw_floor(sql: str, params: Sequence[Any] = ()) -> Callable[[], list[tuple[Any, ...]]]:
    """The same result in one query on the same connection, no ORM."""

    def run() -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    return run


def floors(client: Any, name: str, sql: str, params: Sequence[Any] = ()) -> dict[str, Timing]:
    """Both floors of one page: the raw query alone, then a minimal view through the client."""
    import floor_urls  # noqa: PLC0415 -- the bench's own URLconf, beside this file

    floor_urls.FLOORS[name] = (sql, tuple(params))
    return {
        "raw SQL": time_it(raw_floor(sql, params)),
        "Django": time_it(lambda: client.get(f"/bench/floor/{name}/")),
    }


def _marker() -> Path:
    """Written once the region is seeded: its test database, of its own per size (the other
    benches make and drop `test_<name>` and never touch it)."""
    if connection.vendor == "postgresql":
        base = connection.settings_dict["NAME"]
        connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{base}_region_{PEOPLE}"
    name = connection.creation._get_test_db_name()  # type: ignore[attr-defined]
    return ROOT / "var" / f"bench-{name}.ok"


def database() -> None:
    """The synthetic region of `PEOPLE` people in the test database (kept on PostgreSQL)."""
    from django.core.management import call_command  # noqa: PLC0415

    from parcours.demo.region import region_seed  # noqa: PLC0415
    from parcours.territory.services import reference_load  # noqa: PLC0415

    setup_test_environment()
    marker = _marker()
    keep = connection.vendor == "postgresql" and not os.environ.get("BENCH_FRESH")
    if keep and marker.exists():
        creation = connection.creation
        creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True, serialize=False)
        print(
            f"database: {connection.vendor}, {PEOPLE:,} people (kept from a previous run)",
            flush=True,
        )
        return
    marker.unlink(missing_ok=True)
    creation = connection.creation
    creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False, serialize=False)
    call_command("migrate", verbosity=0)
    reference_load()
    began = time.perf_counter()
    report = region_seed(people=PEOPLE)
    seconds = time.perf_counter() - began
    print(
        f"database: {connection.vendor}, seeded {PEOPLE:,} people, {report.enrolments:,} "
        f"enrolments, {report.attendance:,} attendance rows, {report.appointments:,} "
        f"appointments in {seconds:.0f} s",
        flush=True,
    )
    if connection.vendor == "postgresql":
        marker.parent.mkdir(exist_ok=True)
        marker.write_text(f"{PEOPLE}\n")


def user(role: str, centre: str = "CIMB") -> Any:
    """The first account of that role at that centre (the region's seed makes eight agents)."""
    from parcours.accounts.models import User  # noqa: PLC0415

    return User.objects.filter(role=role, centre__code=centre).order_by("pk").first()


def client_for(account: Any) -> Any:
    from django.test import Client  # noqa: PLC0415

    client = Client()
    client.force_login(account, backend="django.contrib.auth.backends.ModelBackend")
    return client
