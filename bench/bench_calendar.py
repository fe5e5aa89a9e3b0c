"""The week view of a busy office: 20 staff members, 1,000 appointments in one week.

Run: `.venv/bin/python bench/bench_calendar.py` (SQLite in memory by default; set
DATABASE_URL=postgres://… for PostgreSQL: the figures are taken in a throwaway test database
made beside it, never in the database itself). Prints the server time of the week view
(median and p95 over the repeats), its query count and size. Nothing is asserted: compare
with the last run.

Measured on the 2-core machine, the two versions run one after the other (2026-11-26):
- before (a template include per appointment, model instances, get_status_display in the
  template): median 395 ms SQLite / 345 ms PostgreSQL, 8 queries, 202 KiB;
- after (values_list rows turned into CalendarItem with labels and links computed once, one
  compact cell fragment, no include): median 52 ms SQLite / 59 ms PostgreSQL, 9 queries
  (the kinds' labels), 201 KiB.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

STAFF, APPOINTMENTS, REPEATS = 20, 1_000, 30
MONDAY = date(2027, 3, 1)


def build() -> tuple[object, int]:
    from django.core.management import call_command  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from parcours.accounts.enums import Role  # noqa: PLC0415
    from parcours.appointments.models import Appointment, AppointmentKind  # noqa: PLC0415
    from parcours.territory.models import Centre  # noqa: PLC0415
    from parcours.territory.services import reference_load  # noqa: PLC0415
    from tests.factories.accounts import make_user  # noqa: PLC0415
    from tests.factories.appointments import make_office  # noqa: PLC0415
    from tests.factories.people import make_pathway  # noqa: PLC0415

    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    call_command("migrate", verbosity=0)
    reference_load()
    centre = Centre.objects.get(code="CIMB")
    office = make_office(centre, "Bureau chargé")
    staff = [
        make_user(email=f"s{i}@example.org", role=Role.AGENT, centre=centre) for i in range(STAFF)
    ]
    person = make_pathway().person
    kind = AppointmentKind.objects.get(code="other")
    rows = []
    for n in range(APPOINTMENTS):  # 50 per staff member: 10 a day, 30 minutes each
        member, slot = staff[n % STAFF], n // STAFF
        day = MONDAY + timedelta(days=slot // 10)
        start = timezone.make_aware(datetime.combine(day, clock(9))) + timedelta(
            minutes=30 * (slot % 10)
        )
        rows.append(
            Appointment(
                centre=centre,
                office=office,
                kind=kind,
                staff=member,
                person=person,
                starts_at=start,
                ends_at=start + timedelta(minutes=30),
            )
        )
    Appointment.objects.bulk_create(rows)
    return staff[0], office.pk


def main() -> None:
    from django.test import Client  # noqa: PLC0415

    setup_test_environment()
    user, office_id = build()
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")  # type: ignore[arg-type]
    url = f"/staff/appointments/offices/{office_id}/?week={MONDAY}"
    timings = []
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200  # noqa: S101 -- a broken page is not a benchmark
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"week view, {STAFF} staff, {APPOINTMENTS} appointments ({connection.vendor}): "
        f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
        f"{len(queries.captured_queries)} queries, {len(response.content) // 1024} KiB"
    )


if __name__ == "__main__":
    main()
