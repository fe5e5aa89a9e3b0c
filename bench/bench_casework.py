"""The worklist and the person page with 50,000 people in the database.

Run: `DATABASE_URL=postgres://… .venv/bin/python bench/bench_casework.py [PEOPLE]` (the
figures are taken in a throwaway test database made beside it; SQLite in memory without
DATABASE_URL). The people are made by the bulk referral path (the CSV import's), in ten
cohorts of referral dates, then moved to realistic states with set-based updates. Prints, for
each page, the median and p95 server time over the repeats and the query count; and the
time of a 10,000-row CSV commit, and the plan of a name search. Nothing is asserted.
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

PEOPLE = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
REPEATS = 30
TODAY = date(2026, 11, 30)
NAMES = ("Haddad", "Nguyen", "Diallo", "Kowalski", "Moussa", "Ahmadi", "Petrenko", "Yilmaz")
GIVEN = ("Yara", "Amira", "Omar", "Olena", "Ali", "Fatou", "Mehmet", "Lina", "Karim", "Anna")


def _fields(index: int, communes: list[Any], cohort: date) -> dict[str, Any]:
    registered = cohort - timedelta(days=30 + index % 40)
    return {
        "family_name": f"{NAMES[index % len(NAMES)]}{index}",
        "given_names": GIVEN[index % len(GIVEN)],
        "birth_date": date(1960 + index % 45, 1 + index % 12, 1 + index % 28),
        "sex": "FM"[index % 2],
        "nationalities": ["SY", "AF", "UA", "TR", "CD"][index % 5 : index % 5 + 1],
        "commune": communes[index % len(communes)],
        "registered_on": registered,
        "permit_ordered_on": registered - timedelta(days=5),
        "permit_valid_from": registered - timedelta(days=5),
        "legal_stay_since": registered - timedelta(days=60),
        "permit_kind": "A",
    }


def _states() -> None:
    """Move the files to a realistic mix of states, set-based (no per-row loop)."""
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
        values: dict[str, Any] = {"status": status}
        if status in ("in_training", "completed"):
            values |= {
                "module_done_on": F("referred_on") + timedelta(days=30),
                "agreed_on": F("referred_on") + timedelta(days=45),
                "next_evaluation_by": F("referred_on") + timedelta(days=225),
                "agreement_ends_on": F("referred_on") + timedelta(days=500),
            }
        if status == "completed":
            values["completed_on"] = F("referred_on") + timedelta(days=400)
        Pathway.objects.filter(pk__in=chunk).update(**values)


def build() -> tuple[Any, Any, int]:
    from django.core.management import call_command  # noqa: PLC0415

    from parcours.accounts.enums import Role  # noqa: PLC0415
    from parcours.pathways.enums import ReferralSource  # noqa: PLC0415
    from parcours.pathways.models import Pathway  # noqa: PLC0415
    from parcours.pathways.services.bulk import BulkReferrals, referrals_bulk_register  # noqa: PLC0415
    from parcours.territory.models import Centre, Commune  # noqa: PLC0415
    from parcours.territory.services import reference_load  # noqa: PLC0415
    from tests.factories.accounts import make_user  # noqa: PLC0415

    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    call_command("migrate", verbosity=0)
    reference_load()
    cimb = Centre.objects.get(code="CIMB")
    agent = make_user(email="agent@example.org", role=Role.AGENT, centre=cimb)
    coordinator = make_user(email="coord@example.org", role=Role.COORDINATOR, centre=cimb)
    # Half the files at the CIMB (the pages measured), half spread over the other centres.
    served = list(Commune.objects.filter(centre__isnull=False).select_related("centre"))
    local = [c for c in served if c.centre_id == cimb.pk]
    communes = [c for pair in zip(local * 20, served, strict=False) for c in pair]
    began = time.perf_counter()
    cohorts = 10
    for cohort in range(cohorts):
        referred = TODAY - timedelta(days=90 * (cohorts - cohort))
        rows = [
            _fields(n, communes, referred)
            for n in range(cohort * PEOPLE // cohorts, (cohort + 1) * PEOPLE // cohorts)
        ]
        data = BulkReferrals(
            rows=rows, commune=local[0], referred_on=referred, source=ReferralSource.CSV
        )
        referrals_bulk_register(data=data, actor=agent if cohort % 2 else None)
    _states()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does after a bulk load: real estimates
    seconds = time.perf_counter() - began
    print(f"built {Pathway.objects.count():,} files in {seconds:.1f} s ({PEOPLE / seconds:,.0f}/s)")
    busy = Pathway.objects.filter(centre=cimb, status="in_training").order_by("pk").first()
    assert busy is not None  # noqa: S101 -- the data set is broken otherwise
    return agent, coordinator, busy.person_id


def measure(client: Any, url: str, label: str) -> None:
    timings, counts = [], []
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.status_code)  # noqa: S101
        counts.append(len(queries))
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(
        f"{label:<38} median {statistics.median(timings):7.1f} ms  p95 {p95:7.1f} ms  "
        f"queries {min(counts)}–{max(counts)}  ({len(response.content):,} bytes)"
    )


def search_plan(user: Any) -> None:
    from parcours.pathways.selectors import people_search  # noqa: PLC0415

    found = people_search(user=user, query="moussa12")
    sql, params = found.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ANALYZE {sql}", params)
        lines = [row[0] for row in cursor.fetchall()]
    used = [line.strip() for line in lines if "Index" in line or "Seq Scan" in line]
    print("search 'moussa12' plan:", *used[:6], sep="\n  ")
    print(" ", lines[-1].strip())


def import_commit_time(agent: Any) -> None:
    from parcours.pathways.services.referral_import import import_commit, import_stage  # noqa: PLC0415
    from parcours.territory.models import Commune  # noqa: PLC0415

    header = "family_name;given_names;birth_date;sex;nationalities;commune_nis;registered_on;"
    header += "permit_ordered_on;permit_valid_from;legal_stay_since"
    line = "Csv{n};Yara;02/02/1992;F;SY;53053;15/10/2026;10/10/2026;2026-10-10;2026-09-01"
    content = "\r\n".join([header, *(line.format(n=n) for n in range(10_000))]).encode()
    token = import_stage(content=content, user=agent)
    began = time.perf_counter()
    count = import_commit(
        token=token,
        referring_commune=Commune.objects.get(nis_code="53053"),
        referred_on=TODAY,
        actor=agent,
    )
    print(f"CSV commit of {count:,} rows (check + write): {time.perf_counter() - began:.1f} s")


def main() -> None:
    from django.test import Client  # noqa: PLC0415

    setup_test_environment()
    agent, coordinator, person_id = build()
    print(f"database: {connection.vendor}, {PEOPLE:,} people, {REPEATS} repeats")
    for user, label in ((agent, "agent"), (coordinator, "coordinator")):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        measure(client, "/staff/worklist/?scope=centre", f"worklist ({label}, whole centre)")
        measure(client, "/staff/worklist/?scope=centre&page=40", f"worklist ({label}, page 40)")
    measure(client, f"/staff/people/{person_id}/", "person page (in training)")
    measure(client, "/staff/search/?q=moussa12", "search by partial name")
    if connection.vendor == "postgresql":
        search_plan(coordinator)
    import_commit_time(agent)
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
