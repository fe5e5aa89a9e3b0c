"""The Region's statistics page, each of its figures and the annual dataset, on a synthetic
population.

Run: `DATABASE_URL=postgres://… .venv/bin/python bench/bench_statistics.py [PEOPLE]`, or
`BENCH_STATISTICS_PEOPLE=500000 make bench` (default 2,000 people and 3 repeats: the Region's
small-cell suppression is slow today; the figures are taken in a throwaway test database made
beside it; SQLite in memory without DATABASE_URL). The people
are made by the bulk referral path in twelve monthly cohorts spread over every centre, then
moved to realistic states with set-based updates. Prints the median and p95 time and the
query count of the whole page (as the Region, one year, every centre), of each figure as the
Region sees it (computed and suppressed) and of the dataset. Nothing is asserted.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

_ARG = sys.argv[1] if len(sys.argv) > 1 else "2000"
PEOPLE = int(os.environ.get("BENCH_STATISTICS_PEOPLE", _ARG))
REPEATS = int(os.environ.get("BENCH_STATISTICS_REPEATS", "3"))
TODAY = date(2026, 11, 30)
YEAR = date(2026, 1, 1)
NAMES = ("Haddad", "Nguyen", "Diallo", "Kowalski", "Moussa", "Ahmadi", "Petrenko", "Yilmaz")
NATIONS: tuple[list[str], ...] = (["SY"], ["AF"], ["UA"], ["TR"], ["CD"], ["FR"], ["MA", "BE"], [])


def _fields(index: int, communes: list[Any], cohort: date) -> dict[str, Any]:
    registered = cohort - timedelta(days=30 + index % 40)
    return {
        "family_name": f"{NAMES[index % len(NAMES)]}{index}",
        "given_names": "Yara",
        "birth_date": date(1960 + index % 45, 1 + index % 12, 1 + index % 28),
        "sex": "FM"[index % 2],
        "nationalities": NATIONS[index % len(NATIONS)],
        "commune": communes[index % len(communes)],
        "registered_on": registered,
        "permit_ordered_on": registered - timedelta(days=5),
        "permit_valid_from": registered - timedelta(days=5),
        "legal_stay_since": registered - timedelta(days=60),
        "permit_kind": "A",
    }


def _states() -> None:
    """A realistic mix of states and milestones, set-based."""
    from django.db.models import F  # noqa: PLC0415

    from parcours.pathways.models import Pathway  # noqa: PLC0415

    ids = list(Pathway.objects.order_by("pk").values_list("pk", flat=True))
    shares = [
        ("invited", 0.10),
        ("welcome", 0.15),
        ("in_training", 0.30),
        ("completed", 0.20),
        ("withdrawn", 0.05),
    ]
    start = int(len(ids) * 0.20)  # the first 20 % stay "referred"
    for status, share in shares:
        chunk = ids[start : start + int(len(ids) * share)]
        start += len(chunk)
        values: dict[str, Any] = {"status": status, "invited_on": F("referred_on") + timedelta(7)}
        if status in ("in_training", "completed"):
            values |= {
                "module_done_on": F("referred_on") + timedelta(days=30),
                "agreed_on": F("referred_on") + timedelta(days=45),
            }
        if status == "completed":
            values["completed_on"] = F("referred_on") + timedelta(days=200)
        if status == "withdrawn":
            values["closed_on"] = F("referred_on") + timedelta(days=20)
        Pathway.objects.filter(pk__in=chunk).update(**values)


def build() -> Any:
    from django.core.management import call_command  # noqa: PLC0415

    from parcours.accounts.enums import Role  # noqa: PLC0415
    from parcours.pathways.enums import ReferralSource  # noqa: PLC0415
    from parcours.pathways.models import Pathway  # noqa: PLC0415
    from parcours.pathways.services.bulk import BulkReferrals, referrals_bulk_register  # noqa: PLC0415
    from parcours.territory.models import Commune  # noqa: PLC0415
    from parcours.territory.services import reference_load  # noqa: PLC0415
    from tests.factories.accounts import make_user  # noqa: PLC0415

    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    call_command("migrate", verbosity=0)
    reference_load()
    region = make_user(email="region@example.org", role=Role.REGION)
    served = list(Commune.objects.filter(centre__isnull=False).order_by("nis_code"))
    began = time.perf_counter()
    cohorts = 12
    for cohort in range(cohorts):
        referred = YEAR + timedelta(days=27 * cohort)
        rows = [
            _fields(n, served, referred)
            for n in range(cohort * PEOPLE // cohorts, (cohort + 1) * PEOPLE // cohorts)
        ]
        data = BulkReferrals(
            rows=rows, commune=served[0], referred_on=referred, source=ReferralSource.CSV
        )
        referrals_bulk_register(data=data, actor=None)
    _states()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    seconds = time.perf_counter() - began
    print(f"built {Pathway.objects.count():,} files in {seconds:.1f} s ({PEOPLE / seconds:,.0f}/s)")
    return region


def measure(label: str, run: Callable[[], object]) -> None:
    timings, counts = [], []
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            run()
            timings.append((time.perf_counter() - began) * 1000)
        counts.append(len(queries))
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
    print(
        f"{label:<34} median {statistics.median(timings):8.1f} ms  p95 {p95:8.1f} ms  "
        f"queries {min(counts)}–{max(counts)}"
    )


def _figure(figure: Any, f: Any, publish: Any, figure_compute: Any) -> object:
    """One figure as the Region gets it: computed, then its small cells suppressed."""
    return publish(figure_compute(figure, f, by_centre=False), suppress=True)


def main() -> None:
    from django.test import Client  # noqa: PLC0415

    from parcours.casework.statistics.dataset import dataset_rows  # noqa: PLC0415
    from parcours.casework.statistics.figures import FIGURES, figure_compute  # noqa: PLC0415
    from parcours.casework.statistics.filters import StatsFilter  # noqa: PLC0415
    from parcours.casework.statistics.suppression import publish  # noqa: PLC0415

    setup_test_environment()
    region = build()
    print(f"database: {connection.vendor}, {PEOPLE:,} people, {REPEATS} repeats")
    client = Client()
    client.force_login(region, backend="django.contrib.auth.backends.ModelBackend")
    query = f"?start={YEAR.isoformat()}&end=2026-12-31"

    def page() -> None:
        response = client.get(f"/staff/statistics/{query}")
        assert response.status_code == 200, response.status_code  # noqa: S101

    measure("whole page (Region, one year)", page)
    measure(
        "whole page, centres side by side",
        lambda: client.get(f"/staff/statistics/{query}&compare=on"),
    )
    f = StatsFilter(start=YEAR, end=date(2026, 12, 31))
    for figure in FIGURES:
        measure(f"  {figure.key}", partial(_figure, figure, f, publish, figure_compute))
    measure("dataset rows (one year)", lambda: dataset_rows(f, today=TODAY))
    measure(
        "dataset CSV download", lambda: client.get(f"/staff/statistics/dataset-2026.csv{query}")
    )
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
