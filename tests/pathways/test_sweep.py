"""The nightly sweep (`parcours sweep`): each ground of non-compliance, volunteers never,
twice the same night changes nothing."""

from datetime import date, datetime, timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus
from parcours.appointments.models import Appointment
from parcours.casework.statistics.facts import facts_refresh, last_refresh
from parcours.casework.sweep import NO_SHOWS_FOR_BREACH, sweep_run
from parcours.casework.tasks import statistics_pages_warm
from parcours.pathways.enums import ComplianceGround, ComplianceStage, Status
from parcours.pathways.models import NonCompliance, Pathway
from parcours.territory.models import Centre
from tests.factories.appointments import at, kind, make_office
from tests.factories.people import make_pathway
from tests.pathways.journey import do_agreement, do_welcome

pytestmark = pytest.mark.django_db

# Registered on 15 Jan 2026: presentation due by 15 Apr 2026 (three months).
AFTER_PRESENTATION = date(2026, 5, 1)


def _signed(agent: User, **person: Any) -> Pathway:
    pathway = make_pathway(actor=agent, **person)
    do_welcome(pathway, agent)
    do_agreement(pathway, agent)
    pathway.refresh_from_db()
    return pathway


def _cases(pathway: Pathway) -> list[tuple[str, str]]:
    return list(NonCompliance.objects.filter(pathway=pathway).values_list("ground", "stage"))


def test_an_obliged_person_who_did_not_present_in_time_is_detected(agent_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons)
    assert pathway.present_by == date(2026, 4, 15)
    with time_machine.travel(date(2026, 4, 15)):
        assert sum(sweep_run(today=date(2026, 4, 15)).opened.values()) == 0
    report = sweep_run(today=AFTER_PRESENTATION)
    assert report.opened == {"presentation_late": 1}
    assert _cases(pathway) == [(ComplianceGround.PRESENTATION_LATE, ComplianceStage.DETECTED)]
    pathway.refresh_from_db()
    assert pathway.status == Status.NON_COMPLIANT
    event = pathway.events.filter(to_status=Status.NON_COMPLIANT).get()
    assert event.actor is None and "15/04/2026" in event.reason


def test_volunteers_are_never_detected_whatever_the_ground(agent_mons: User) -> None:
    late = make_pathway(actor=agent_mons, voluntary=True)
    signed = _signed(agent_mons, voluntary=True, national_number="", family_name="Other")
    Pathway.objects.filter(pk=signed.pk).update(voluntary=True)
    for day in (AFTER_PRESENTATION, date(2026, 10, 5), date(2027, 8, 1)):
        assert sum(sweep_run(today=day).opened.values()) == 0
    assert not NonCompliance.objects.filter(pathway__in=[late, signed]).exists()


def test_a_missed_evaluation_is_detected_once_its_deadline_passed(agent_mons: User) -> None:
    pathway = _signed(agent_mons)
    due = pathway.next_evaluation_by
    assert due is not None
    assert sum(sweep_run(today=due).opened.values()) == 0
    assert sweep_run(today=due + timedelta(days=1)).opened == {"evaluation_missed": 1}
    assert _cases(pathway) == [(ComplianceGround.EVALUATION_MISSED, ComplianceStage.DETECTED)]


def test_a_passed_certificate_deadline_with_obligations_unmet_is_detected(
    agent_mons: User,
) -> None:
    pathway = _signed(agent_mons)
    due = pathway.certificate_by
    assert due is not None
    assert sweep_run(today=due + timedelta(days=1)).opened == {"certificate_late": 1}


def test_repeated_no_shows_are_detected_as_an_agreement_not_followed(
    agent_mons: User, cimb: Centre
) -> None:
    pathway = _signed(agent_mons)
    office = make_office(cimb)
    day = date(2026, 5, 4)
    for index in range(NO_SHOWS_FOR_BREACH):
        start = at(day + timedelta(days=index), 10)
        Appointment.objects.create(
            centre=cimb,
            office=office,
            kind=kind(),
            staff=agent_mons,
            person=pathway.person,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            status=AppointmentStatus.NO_SHOW,
        )
        opened = sweep_run(today=day + timedelta(days=index + 1)).opened
        assert opened == ({"agreement_breach": 1} if index == NO_SHOWS_FOR_BREACH - 1 else {})
    assert _cases(pathway) == [(ComplianceGround.AGREEMENT_BREACH, ComplianceStage.DETECTED)]


def test_the_sweep_is_idempotent_and_does_not_reopen_a_handled_ground(agent_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons)
    assert sum(sweep_run(today=AFTER_PRESENTATION).opened.values()) == 1
    assert sum(sweep_run(today=AFTER_PRESENTATION).opened.values()) == 0
    # The person comes back: the case on this ground is not opened again the next night.
    Pathway.objects.filter(pk=pathway.pk).update(status=Status.INVITED)
    assert sum(sweep_run(today=AFTER_PRESENTATION + timedelta(days=1)).opened.values()) == 0
    assert NonCompliance.objects.filter(pathway=pathway).count() == 1


def test_the_sweep_refreshes_missing_deadlines(agent_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons)
    Pathway.objects.filter(pk=pathway.pk).update(present_by=None, certificate_by=None)
    report = sweep_run(today=date(2026, 3, 10))
    pathway.refresh_from_db()
    assert report.refreshed == 1 and pathway.present_by == date(2026, 4, 15)


@time_machine.travel(timezone.make_aware(datetime(2026, 5, 1, 2, 0)))
def test_the_command_judges_today_and_prints_what_it_did(agent_mons: User) -> None:
    make_pathway(actor=agent_mons)
    out = StringIO()
    call_command("sweep", stdout=out)
    assert "presentation_late: 1" in out.getvalue()
    call_command("sweep", "--on", "2026-05-01", stdout=out)
    assert NonCompliance.objects.count() == 1


def _sweep_queries(agent: User, files: int) -> int:
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    start = Pathway.objects.count()
    made = [
        make_pathway(actor=agent, national_number="", family_name=f"Sweep{start + n}")
        for n in range(files)
    ]
    Pathway.objects.filter(pk__in=[p.pk for p in made]).update(present_by=None)
    # Each night measured after a statistics refresh, so that both take the same way (the
    # first refresh ever only deletes the change marks, a later one counts them first).
    facts_refresh(now=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        report = sweep_run(today=date(2026, 3, 10))
    assert report.refreshed >= files
    assert not Pathway.objects.filter(pk__in=[p.pk for p in made], present_by=None).exists()
    Pathway.objects.filter(pk__in=[p.pk for p in made]).update(status=Status.WITHDRAWN)
    return len(queries)


def test_the_sweeps_query_count_does_not_grow_with_the_number_of_files(agent_mons: User) -> None:
    """Issue 16: the clock of the files to refresh is recomputed in chunks (a fixed number of
    queries per chunk of 500), no longer 11–13 queries per file."""
    assert _sweep_queries(agent_mons, 2) == _sweep_queries(agent_mons, 7)


def test_the_command_prints_how_long_each_step_took(agent_mons: User) -> None:
    make_pathway(actor=agent_mons)
    out = StringIO()
    call_command("sweep", stdout=out)
    took = out.getvalue().splitlines()[-1]
    assert took.startswith("took: clocks ")
    for step in ("cases", "reminders", "pace", "worklist", "retention", "statistics pages"):
        assert f"{step} " in took


class Unqueued:
    """A task whose queue is down (a django-tasks `Task` is frozen: its method stays)."""

    def __init__(self, enqueue: Any) -> None:
        self.enqueue = enqueue


def test_the_statistics_pages_failing_to_be_computed_ahead_do_not_fail_the_night(
    agent_mons: User, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Computing the pages ahead only fills a cache: the night's cases stay opened, whether
    the task fails (run at once by the test settings' backend, which records the failure
    itself) or cannot even be queued (the sweep logs it)."""

    def broken(*args: Any, **kwargs: Any) -> int:
        raise RuntimeError("cache down")

    monkeypatch.setattr("parcours.casework.tasks.statistics_warm", broken)
    make_pathway(actor=agent_mons)
    report = sweep_run(today=date(2026, 11, 30))
    assert report.opened["presentation_late"] == 1
    monkeypatch.setattr("parcours.casework.sweep.statistics_pages_warm", Unqueued(broken))
    make_pathway(actor=agent_mons, national_number="", family_name="Autre")
    report = sweep_run(today=date(2026, 11, 30))
    assert report.opened["presentation_late"] == 1
    assert NonCompliance.objects.count() == 2
    assert "the statistics pages could not be queued" in caplog.text


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_night_leaves_the_statistics_pages_to_the_task_worker(agent_mons: User) -> None:
    """The sweep ends once the tables are refreshed; the worker computes the pages of that
    refresh (tens of seconds at the Region's size) after the night commits."""
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415

    make_pathway(actor=agent_mons)
    sweep_run(today=date(2026, 11, 30))
    queued = DBTaskResult.objects.get(task_path="parcours.casework.tasks.statistics_pages_warm")
    refresh = last_refresh()
    assert refresh is not None
    assert queued.args_kwargs["args"] == [refresh.pk, "2026-11-30"]
    assert statistics_pages_warm.call(refresh.pk, "2026-11-30") == 2 + Centre.objects.count()
    later = facts_refresh(now=timezone.now())
    assert statistics_pages_warm.call(refresh.pk, "2026-11-30") == 0  # superseded: not worth it
    assert statistics_pages_warm.call(later.pk, "2026-11-30") == 2 + Centre.objects.count()


def _late_files(agent: User, files: int) -> list[Pathway]:
    start = Pathway.objects.count()
    return [
        make_pathway(actor=agent, national_number="", family_name=f"Late{start + n}")
        for n in range(files)
    ]


def _opening_queries(agent: User, files: int) -> int:
    """The night the presentation of `files` new files is late: every one gets its case."""
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    made = _late_files(agent, files)
    facts_refresh(now=timezone.now())  # as `_sweep_queries`: the same way both nights
    with CaptureQueriesContext(connection) as queries:
        report = sweep_run(today=AFTER_PRESENTATION)
    assert report.opened == {"presentation_late": files} and report.failed == 0
    assert NonCompliance.objects.filter(pathway__in=made, stage="detected").count() == files
    Pathway.objects.filter(pk__in=[p.pk for p in made]).update(status=Status.WITHDRAWN)
    return len(queries)


def test_opening_cases_costs_the_same_queries_for_two_files_or_seven(agent_mons: User) -> None:
    """Issue 16: the cases are opened set-based (a fixed number of queries per chunk of
    `CASES_CHUNK` files), no longer 8 ms and a dozen queries per file."""
    assert _opening_queries(agent_mons, 2) == _opening_queries(agent_mons, 7)


def test_each_case_opened_together_is_what_one_file_opened_alone_gets(agent_mons: User) -> None:
    from parcours.pathways.urgency import urgency_of  # noqa: PLC0415

    made = _late_files(agent_mons, 3)
    Pathway.objects.filter(pk=made[1].pk).update(status=Status.INVITED)
    sweep_run(today=AFTER_PRESENTATION)
    for pathway, before in zip(made, ("referred", "invited", "referred"), strict=True):
        pathway.refresh_from_db()
        assert pathway.status == Status.NON_COMPLIANT
        case = NonCompliance.objects.get(pathway=pathway)
        assert (case.ground, case.status_before, case.created_by) == (
            "presentation_late",
            before,
            None,
        )
        assert "15/04/2026" in case.summary
        event = pathway.events.get(to_status=Status.NON_COMPLIANT)
        assert (event.from_status, event.actor, event.reason) == (before, None, case.summary)
        # The worklist's stored task follows the new status, as a save would have it.
        expected = urgency_of(pathway, timezone.localdate())
        assert (pathway.worklist_task, pathway.worklist_due) == (expected.task, expected.due)


def test_a_file_the_status_rules_refuse_is_left_as_it_was_and_counted(agent_mons: User) -> None:
    from parcours.pathways.services.compliance import (  # noqa: PLC0415
        Detected,
        noncompliance_open_many,
    )

    kept, refused = _late_files(agent_mons, 2)
    Pathway.objects.filter(pk=refused.pk).update(voluntary=True)  # volunteers: never
    cases = [Detected(p.pk, ComplianceGround.PRESENTATION_LATE, "Late") for p in (kept, refused)]
    opened = noncompliance_open_many(cases=cases, on=AFTER_PRESENTATION)
    assert list(opened) == [kept.pk]
    refused.refresh_from_db()
    assert refused.status == Status.REFERRED
    assert not refused.non_compliances.exists()
    assert not refused.events.filter(to_status=Status.NON_COMPLIANT).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_a_chunk_of_cases_reads_and_locks_its_files_once(agent_mons: User) -> None:
    """The checks made before the waiting-list excuses hold for the write (the rows stay
    locked): the write does not read and check the same files again (one SELECT … FOR
    UPDATE per chunk, not two)."""
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from parcours.pathways.services.compliance import (  # noqa: PLC0415
        Detected,
        noncompliance_open_many,
    )

    kept, refused = _late_files(agent_mons, 2)
    Pathway.objects.filter(pk=refused.pk).update(voluntary=True)  # volunteers: never
    cases = [Detected(p.pk, ComplianceGround.PRESENTATION_LATE, "Late") for p in (kept, refused)]
    with CaptureQueriesContext(connection) as queries:
        opened = noncompliance_open_many(cases=cases, on=AFTER_PRESENTATION)
    locking = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert len(locking) == 1
    assert list(opened) == [kept.pk]
    assert kept.events.filter(to_status=Status.NON_COMPLIANT).count() == 1


def test_a_transition_given_checks_refuses_files_they_did_not_check(agent_mons: User) -> None:
    from parcours.pathways.services.status_owned import (  # noqa: PLC0415
        pathways_transition_check,
        pathways_transition_owned,
    )

    one, other = _late_files(agent_mons, 2)
    to = Status.NON_COMPLIANT
    checked = pathways_transition_check(reasons={one.pk: "Late"}, to=to)
    with pytest.raises(ValueError, match="1 file"):
        pathways_transition_owned(
            reasons={one.pk: "Late", other.pk: "Late"},
            to=to,
            actor=None,
            on=date(2026, 11, 30),
            checked=checked,
        )
    other.refresh_from_db()
    assert other.status == Status.REFERRED
