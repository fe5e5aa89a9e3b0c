"""The worklist reads the task kept on each file (pathways.urgency) through an index in order:
it must give exactly what the old computation over every open file gave, for a varied
population, on the day and on the days after (without the nightly sweep in between)."""

import random
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.db.models import Case, CharField, DateField, F, Q, QuerySet, Value, When
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus
from parcours.appointments.models import Appointment
from parcours.casework.worklist import WorklistFilter, tasks, worklist
from parcours.pathways.enums import EventKind, Obligation, Status
from parcours.pathways.models import Pathway
from parcours.pathways.selectors import pathways_visible_to
from parcours.pathways.services.status import pathway_transition
from parcours.pathways.services.status_owned import pathways_transition_owned
from parcours.pathways.urgency import pathway_urgency_refresh, urgency_of, urgency_of_status
from parcours.territory.models import Centre
from tests.factories.accounts import make_user
from tests.factories.appointments import kind, make_office
from tests.factories.people import make_pathway
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 30)
STATUSES = [
    Status.REFERRED,
    Status.INVITED,
    Status.WELCOME,
    Status.AGREED,
    Status.IN_TRAINING,
    Status.SUSPENDED,
    Status.COMPLETED,
]
Row = tuple[int, str, date | None]


def _old(user: User, today: date, filters: WorklistFilter) -> list[Row]:
    """The worklist as it was computed before the columns: a CASE over every visible file."""
    items = tasks(today, user)
    found = pathways_visible_to(user=user).annotate(
        task=Case(
            *(When(t.condition, then=Value(t.code)) for t in items),
            default=Value(""),
            output_field=CharField(),
        ),
        due=Case(
            *(
                When(t.condition, then=F(t.due) if isinstance(t.due, str) else t.due)
                for t in items
                if t.due is not None
            ),
            default=None,
            output_field=DateField(),
        ),
    )
    found = found.exclude(task="")
    if filters.task:
        found = found.filter(task=filters.task)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.mine:
        found = found.filter(Q(agent=user) | Q(agent__isnull=True) | Q(task="appointment_today"))
    ordered = found.order_by(F("due").asc(nulls_last=True), "referred_on", "id")
    return list(ordered.values_list("pk", "task", "due"))


def _new(user: User, today: date, filters: WorklistFilter) -> list[Row]:
    found = worklist(user=user, today=today, filters=filters)
    files: list[Any] = found[0 : found.count()]
    return [(p.pk, p.task, p.due) for p in files]


def _maybe(rng: random.Random, around: date, spread: int) -> date | None:
    if rng.random() < 0.2:
        return None
    return around + timedelta(days=rng.randint(-spread, spread))


def _population(agent: User, colleague: User, cimb: Centre, size: int) -> list[Pathway]:
    rng = random.Random(16)  # noqa: S311 - a reproducible population, not a secret
    made = []
    for index in range(size):
        pathway = make_pathway(
            actor=agent,
            national_number="",
            family_name=f"Varied{index}",
            referred_on=date(2026, 3, 2) + timedelta(days=rng.randint(0, 200)),
        )
        # Facts written behind the services' back, then recomputed as a set, as the sweep does.
        Pathway.objects.filter(pk=pathway.pk).update(
            status=rng.choice(STATUSES),
            obligation=rng.choice([Obligation.OBLIGATED, Obligation.WAIVED]),
            voluntary=rng.random() < 0.2,
            present_by=_maybe(rng, DAY, 40),
            certificate_by=_maybe(rng, DAY + timedelta(days=60), 90),
            next_evaluation_by=_maybe(rng, DAY + timedelta(days=20), 60),
            agreement_ends_on=_maybe(rng, DAY, 200),
            module_done_on=_maybe(rng, DAY, 30) if rng.random() < 0.5 else None,
            ready_for_certificate=rng.random() < 0.15,
            agent=rng.choice([agent, colleague, None]),
        )
        made.append(pathway)
    pathway_urgency_refresh(Pathway.objects.all(), today=DAY)
    office = make_office(cimb, name="Office varied")
    for index, pathway in enumerate(made[:: size // 6]):
        starts = timezone.make_aware(datetime(2026, 11, 30, 9 + index % 6, 0))
        Appointment.objects.create(
            centre=cimb,
            office=office,
            kind=kind(),
            staff=agent if index % 2 else colleague,
            person=pathway.person,
            starts_at=starts,
            ends_at=starts + timedelta(minutes=30),
            status=AppointmentStatus.PLANNED,
        )
    return made


FILTERS = [
    WorklistFilter(),
    WorklistFilter(mine=True),
    WorklistFilter(task="appointment_today"),
    WorklistFilter(task="overdue_presentation"),
    WorklistFilter(task="evaluation_due", mine=True),
    WorklistFilter(status=Status.IN_TRAINING),
]


def test_the_stored_worklist_gives_the_old_computed_order_on_a_varied_population(
    agent_mons: User, coordinator_mons: User, cimb: Centre
) -> None:
    colleague = make_user(email="colleague@example.org", role=Role.AGENT, centre=cimb)
    _population(agent_mons, colleague, cimb, 42)
    codes = {code for _pk, code, _due in _old(coordinator_mons, DAY, WorklistFilter())}
    assert len(codes) >= 7, codes  # the population covers (nearly) every task
    # Forward in time without any sweep: the worklist catches up on what the days changed.
    for later in (0, 1, 15, 31, 45, 61, 120, 400):
        day = DAY + timedelta(days=later)
        with time_machine.travel(datetime(day.year, day.month, day.day, 9, tzinfo=UTC)):
            for user in (agent_mons, coordinator_mons):
                for filters in FILTERS:
                    assert _new(user, day, filters) == _old(user, day, filters), (later, filters)


def test_the_set_based_refresh_and_the_save_compute_the_same_task(
    agent_mons: User, coordinator_mons: User, cimb: Centre
) -> None:
    colleague = make_user(email="colleague@example.org", role=Role.AGENT, centre=cimb)
    _population(agent_mons, colleague, cimb, 24)
    for later in (0, 10, 50, 100):
        day = DAY + timedelta(days=later)
        pathway_urgency_refresh(Pathway.objects.all(), today=day)
        for pathway in Pathway.objects.all():
            expected = urgency_of(pathway, day)
            stored = (pathway.worklist_task, pathway.worklist_due, pathway.worklist_until)
            assert stored == (expected.task, expected.due, expected.until), (later, pathway.pk)


def test_a_status_change_through_its_service_moves_the_file_on_the_worklist(
    agent_mons: User,
) -> None:
    pathway = make_pathway(actor=agent_mons)
    stored: QuerySet[Pathway] = Pathway.objects.filter(pk=pathway.pk)
    # Registered 15 Jan 2026: presentation was due on 15 Apr 2026.
    assert stored.get().worklist_task == "overdue_presentation"
    pathway_transition(pathway=pathway, to=Status.WELCOME, actor=agent_mons, reason="Here")
    assert stored.get().worklist_task == "welcome"


@time_machine.travel(date(2026, 3, 10))
def test_a_file_becomes_overdue_on_the_worklist_the_day_after_its_deadline_without_a_sweep(
    agent_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons)
    assert pathway.present_by == date(2026, 4, 15)
    client = client_for(agent_mons)
    url = reverse("staff:worklist")
    before = client.get(url, {"task": "overdue_presentation"})
    assert before.context["page"].paginator.count == 0
    with time_machine.travel(date(2026, 4, 16)):  # a new day, a new session
        after = client_for(agent_mons).get(url, {"task": "overdue_presentation"})
    assert [p.pk for p in after.context["page"]] == [pathway.pk]


@time_machine.travel(date(2026, 5, 1))
def test_the_worklist_count_is_bounded_and_says_more_than(
    agent_mons: User, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("parcours.staff.views.worklist.COUNT_BOUND", 3)
    monkeypatch.setattr("parcours.staff.views.worklist.PAGE_SIZE", 1)
    for index in range(10):
        make_pathway(actor=agent_mons, national_number="", family_name=f"Many{index}")
    response = client_for(agent_mons).get(reverse("staff:worklist"))
    # Page 1 asked: the count goes to (1 + 4) pages of 1, then says "more than".
    assert response.context["page"].paginator.count == 5
    assert "Plus de 5 dossiers demandent votre attention" in response.content.decode()
    last = client_for(agent_mons).get(reverse("staff:worklist"), {"page": "10"})
    assert last.context["page"].number == 10
    assert "MANY9" in last.content.decode()


def test_after_the_nightly_sweep_every_file_holds_the_task_of_its_facts(
    agent_mons: User, cimb: Centre
) -> None:
    """The sweep's set-based clock refresh skips save(): it must still move the stored task,
    and the days that passed must move it too."""
    from parcours.casework.sweep import sweep_run  # noqa: PLC0415

    colleague = make_user(email="colleague@example.org", role=Role.AGENT, centre=cimb)
    _population(agent_mons, colleague, cimb, 24)
    for later in (1, 40, 120):
        day = DAY + timedelta(days=later)
        with time_machine.travel(datetime.combine(day, datetime.min.time(), tzinfo=UTC)):
            sweep_run(today=day)
        for pathway in Pathway.objects.all():
            expected = urgency_of(pathway, day)
            stored = (pathway.worklist_task, pathway.worklist_due, pathway.worklist_until)
            assert stored == (expected.task, expected.due, expected.until), (later, pathway.pk)


_DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31))


@given(
    status=st.sampled_from(list(Status)),
    obligation=st.sampled_from(list(Obligation)),
    voluntary=st.booleans(),
    ready=st.booleans(),
    dates=st.lists(st.none() | _DAYS, min_size=5, max_size=5),
    day=_DAYS,
)
def test_a_status_that_settles_the_urgency_gives_what_the_facts_would(
    *,
    status: Status,
    obligation: Obligation,
    voluntary: bool,
    ready: bool,
    dates: list[date | None],
    day: date,
) -> None:
    """`urgency_of_status` lets a set-based writer (the sweep's cases) write the urgency with
    the status in one UPDATE: it must be what the facts give, whatever they are."""
    settled = urgency_of_status(status)
    facts = SimpleNamespace(
        status=status,
        obligation=obligation,
        voluntary=voluntary,
        ready_for_certificate=ready,
        present_by=dates[0],
        certificate_by=dates[1],
        next_evaluation_by=dates[2],
        agreement_ends_on=dates[3],
        module_done_on=dates[4],
    )
    if settled is not None:
        assert urgency_of(facts, day) == settled


def test_files_made_non_compliant_together_hold_the_urgency_of_their_facts(
    agent_mons: User,
) -> None:
    """The sweep's cases: status and urgency in one UPDATE (`urgency_of_status`), the
    timeline's events by COPY."""
    made = [
        make_pathway(actor=agent_mons, national_number="", family_name=f"Nc{n}") for n in range(3)
    ]
    Pathway.objects.filter(pk__in=[p.pk for p in made]).update(
        obligation=Obligation.OBLIGATED, voluntary=False
    )
    assert {p.worklist_task for p in Pathway.objects.filter(pk__in=[p.pk for p in made])} == {
        "overdue_presentation"
    }
    reasons = {p.pk: "Late" for p in made}
    with CaptureQueriesContext(connection) as queries:
        written = pathways_transition_owned(
            reasons=reasons, to=Status.NON_COMPLIANT, actor=None, on=DAY
        )
    assert set(written.before) == set(reasons)
    updates = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1, updates  # the status and the urgency together
    for pathway in Pathway.objects.filter(pk__in=reasons):
        expected = urgency_of(pathway, DAY)
        assert pathway.status == Status.NON_COMPLIANT
        assert (pathway.worklist_task, pathway.worklist_due, pathway.worklist_until) == (
            expected.task,
            expected.due,
            expected.until,
        )
        event = pathway.events.get(kind=EventKind.STATUS)
        assert (event.from_status, event.to_status, event.reason) == (
            "referred",
            "non_compliant",
            "Late",
        )
