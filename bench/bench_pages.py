"""The worklist, the person search and the person page: time, queries and plans (issue 16).

Run: `DATABASE_URL=postgres://… .venv/bin/python bench/bench_pages.py [PEOPLE]` (default
20,000; a throwaway test database beside DATABASE_URL's, as bench_casework). Builds the people
with bench_casework's bulk path and states, recomputes the files' stored tasks as the nightly
sweep would (the states are written behind the services' back), books a few appointments
today, then prints per page the median and p95 over the repeats and the query count, and the
EXPLAIN ANALYZE of the worklist's page query and count, of the old computed worklist query
(for comparison) and of the searches. Nothing is asserted; docs/performance.md keeps a run.
"""

from __future__ import annotations

import statistics
import sys
import time as clock
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_casework as base
from django.db import connection
from django.test.utils import CaptureQueriesContext, setup_test_environment

REPEATS = 30


def _appointments_today(agent: Any, count: int) -> None:
    from django.utils import timezone  # noqa: PLC0415

    from parcours.appointments.enums import AppointmentStatus  # noqa: PLC0415
    from parcours.appointments.models import Appointment  # noqa: PLC0415
    from parcours.pathways.models import Pathway  # noqa: PLC0415
    from tests.factories.appointments import kind as appointment_kind  # noqa: PLC0415
    from tests.factories.appointments import make_office  # noqa: PLC0415

    office = make_office(agent.centre, name="Bench office")
    kind = appointment_kind()
    people = Pathway.objects.filter(centre_id=agent.centre_id, status="in_training")
    start = timezone.make_aware(datetime.combine(base.TODAY, time(9)))
    Appointment.objects.bulk_create(
        Appointment(
            centre_id=agent.centre_id,
            office=office,
            kind=kind,
            staff=agent,
            person_id=person_id,
            starts_at=start + timedelta(minutes=10 * n),
            ends_at=start + timedelta(minutes=10 * n + 10),
            status=AppointmentStatus.PLANNED,
        )
        for n, person_id in enumerate(people.values_list("person_id", flat=True)[:count])
    )


def _measure(client: Any, label: str, get: str = "", post: dict[str, str] | None = None) -> None:
    timings, counts = [], []
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as queries:
            began = clock.perf_counter()
            search = post is not None
            response = client.post("/staff/search/", post) if search else client.get(get)
            timings.append((clock.perf_counter() - began) * 1000)
        assert response.status_code == 200, (label, response.status_code)  # noqa: S101
        counts.append(len(queries))
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(
        f"{label:<40} median {statistics.median(timings):7.1f} ms  p95 {p95:7.1f} ms  "
        f"queries {min(counts)}–{max(counts)}"
    )


def _explain(title: str, sql: str) -> None:
    """`sql` as captured (values inlined): run without parameters, so `%` stays a `%`."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}", None)
        lines = [row[0] for row in cursor.fetchall()]
    print(f"\n--- {title}")
    print("\n".join(lines))


def _captured(client: Any, url: str, post: dict[str, str] | None = None) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        if post is None:
            client.get(url)
        else:
            client.post(url, post)
    return [q["sql"] for q in queries.captured_queries]


def _old_worklist_sql(user: Any) -> str:
    from django.db.models import Case, CharField, DateField, F, Value, When  # noqa: PLC0415

    from parcours.casework.worklist import tasks  # noqa: PLC0415
    from parcours.pathways.selectors import pathways_visible_to  # noqa: PLC0415

    items = tasks(base.TODAY, user)
    found = pathways_visible_to(user=user).select_related("person", "agent")
    found = found.annotate(
        task=Case(
            *(When(t.condition, then=Value(t.code)) for t in items),
            default=Value(""),
            output_field=CharField(),
        ),
        due=Case(
            *(When(t.condition, then=F(t.due) if isinstance(t.due, str) else t.due) for t in items),
            default=None,
            output_field=DateField(),
        ),
    ).exclude(task="")
    ordered = found.order_by(F("due").asc(nulls_last=True), "referred_on", "id")[:25]
    sql, params = ordered.query.sql_with_params()
    with connection.cursor() as cursor:
        return cursor.mogrify(sql, params)  # type: ignore[no-any-return]


def main() -> None:
    from django.test import Client  # noqa: PLC0415

    from parcours.pathways.models import Pathway  # noqa: PLC0415
    from parcours.pathways.urgency import pathway_urgency_refresh  # noqa: PLC0415

    setup_test_environment()
    agent, coordinator, person_id = base.build()
    began = clock.perf_counter()
    changed = pathway_urgency_refresh(Pathway.objects.all(), today=base.TODAY)
    print(f"urgency of {changed:,} files recomputed in {clock.perf_counter() - began:.2f} s")
    _appointments_today(agent, 40)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"database: {connection.vendor}, {base.PEOPLE:,} people, {REPEATS} repeats")
    clients = {}
    for user, label in ((agent, "agent"), (coordinator, "coordinator")):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        clients[label] = client
        _measure(client, f"worklist ({label}, page 1)", "/staff/worklist/?scope=centre")
        _measure(client, f"worklist ({label}, page 40)", "/staff/worklist/?scope=centre&page=40")
    client = clients["coordinator"]
    _measure(client, "person page (in training)", f"/staff/people/{person_id}/")
    for query in ("nguyen", "yara haddad", "haddad12", "85.07.30-033.28", "30/07/1985"):
        _measure(client, f"search {query!r}", post={"q": query})
    if connection.vendor != "postgresql":
        return
    sqls = _captured(client, "/staff/worklist/?scope=centre&page=40")
    for sql in sqls:
        if "pathways_pathway" in sql and ("COUNT(" in sql or "ORDER BY" in sql or "UPDATE" in sql):
            kind = "count" if "COUNT(" in sql else "update" if "UPDATE" in sql else "page"
            if kind != "update":
                _explain(f"worklist {kind} (coordinator, page 40)", sql)
    _explain("old computed worklist, page 1 (before issue 16)", _old_worklist_sql(coordinator))
    for query in ("nguyen", "yara haddad"):
        for sql in _captured(client, "/staff/search/", {"q": query}):
            if "people_person" in sql and "search_text" in sql:
                kind = "count" if "COUNT(" in sql else "page"
                _explain(f"search {query!r} {kind}", sql)
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
