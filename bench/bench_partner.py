"""The partner's class grid (25 people × 40 session dates: the page, and one POST of the
whole grid) and the centre's ledger of one person with 500 attendance rows.

Run: `.venv/bin/python bench/bench_partner.py` (SQLite in memory by default; set
DATABASE_URL=postgres://… for PostgreSQL: the figures are taken in a throwaway test database
made beside it). Prints server time (median, p95) and query counts. Nothing is asserted.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PEOPLE, DATES, LEDGER_ROWS, REPEATS = 25, 40, 500, 20
FIRST = date(2026, 1, 5)  # a Monday; the offer meets on Monday and Wednesday


def build() -> dict[str, Any]:
    from django.core.management import call_command  # noqa: PLC0415

    from parcours.accounts.enums import Role  # noqa: PLC0415
    from parcours.territory.models import Centre  # noqa: PLC0415
    from parcours.territory.services import reference_load  # noqa: PLC0415
    from parcours.training.models import Attendance  # noqa: PLC0415
    from tests.factories.accounts import make_user  # noqa: PLC0415
    from tests.factories.people import make_pathway  # noqa: PLC0415
    from tests.factories.training import (  # noqa: PLC0415
        make_enrolment,
        make_offer,
        make_partner,
        make_partner_user,
    )

    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    call_command("migrate", verbosity=0)
    reference_load()
    agent = make_user(
        email="a@example.org", role=Role.AGENT, centre=Centre.objects.get(code="CIMB")
    )
    partner = make_partner()
    user = make_partner_user(partner)
    offer = make_offer(partner, "french", weekdays=[0, 2], capacity=PEOPLE)
    enrolments = []
    for n in range(PEOPLE):
        pathway = make_pathway(actor=agent, family_name=f"Person{n:02d}", national_number="")
        enrolments.append(make_enrolment(pathway, offer, agent=agent, partner_user=user, on=FIRST))
    from parcours.appointments.closing_days import public_holiday  # noqa: PLC0415

    # Session dates only: the ledger refuses hours on a public holiday (Easter Monday…).
    meetings = (FIRST + timedelta(days=7 * (i // 2) + 2 * (i % 2)) for i in range(DATES * 2))
    days = [day for day in meetings if not public_holiday(day)][:DATES]
    long = enrolments[0]
    every_day = (FIRST + timedelta(days=i) for i in range(LEDGER_ROWS * 2))
    rows = [
        Attendance(enrolment=long, attended_on=day, hours=3, source="grid")
        for day in [day for day in every_day if not public_holiday(day)][:LEDGER_ROWS]
    ]
    Attendance.objects.bulk_create(rows)
    return {
        "user": user,
        "agent": agent,
        "offer": offer,
        "enrolments": enrolments,
        "days": days,
        "long": long,
    }


def measure(label: str, call: Any) -> None:
    timings, counts = [], []
    for index in range(REPEATS):
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            response = call(index)
            timings.append((time.perf_counter() - began) * 1000)
        assert response.status_code in (200, 302), response.status_code  # noqa: S101
        counts.append(len(queries))
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(
        f"{label}: median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, "
        f"queries {min(counts)}–{max(counts)}, {len(response.content) // 1024} kB"
    )


def main() -> None:
    from django.test import Client  # noqa: PLC0415

    setup_test_environment()
    world = build()
    days, offer = world["days"], world["offer"]
    partner = Client()
    partner.force_login(world["user"], backend="django.contrib.auth.backends.ModelBackend")
    url = f"/partner/offers/{offer.pk}/grid/?from={days[0]}&to={days[-1]}"
    measure(f"grid page {PEOPLE}×{DATES}", lambda _i: partner.get(url))

    def post(index: int) -> Any:
        value = f"{1 + index % 4}"  # every repeat changes every cell: a full write
        data = {f"h-{e.pk}-{d.isoformat()}": value for e in world["enrolments"] for d in days}
        return partner.post(url, data)

    measure(f"grid POST {PEOPLE * DATES} cells", post)
    centre = Client()
    centre.force_login(world["agent"], backend="django.contrib.auth.backends.ModelBackend")
    ledger = f"/staff/training/files/{world['long'].pathway_id}/ledger/"
    measure(f"ledger page, {LEDGER_ROWS}+ rows", lambda _i: centre.get(ledger))
    person = f"/staff/people/{world['long'].pathway.person_id}/"
    measure("person page (hours section from the ledger)", lambda _i: centre.get(person))
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
