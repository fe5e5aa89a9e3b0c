"""The nightly sweep (`parcours sweep`): refresh the legal clock where it may be stale, open a
non-compliance case (stage "detected") for every obliged person who does not follow, and
enqueue the appointment reminders. Set-based: the queries select the few files concerned;
Python only handles those. Idempotent: a second run on the same day changes nothing.

Grounds (CWASS art. 152/8), for obliged people only — volunteers are never detected:
- presentation deadline passed before the person presented;
- evaluation interview not held by its deadline;
- agreement not followed: `NO_SHOWS_FOR_BREACH` missed appointments at the centre since the
  last case on this ground;
- certificate deadline passed with the obligations unmet.

Last, it anonymises the people whose closed files have passed their retention period
(casework.retention)."""

import logging
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parcours.appointments.enums import AppointmentStatus
from parcours.appointments.models import Appointment
from parcours.appointments.services.outbox import reminders_enqueue
from parcours.appointments.services.pathway_hooks import pathway_no_shows
from parcours.casework.pace import pace_sweep
from parcours.casework.retention import retention_sweep
from parcours.casework.statistics.facts import facts_refresh
from parcours.casework.tasks import statistics_pages_warm
from parcours.core.errors import DomainError
from parcours.pathways.enums import ComplianceGround, Obligation, Status
from parcours.pathways.models import Adjustment, NonCompliance, Pathway
from parcours.pathways.services.clock import pathways_refresh
from parcours.pathways.services.compliance import Detected, noncompliance_open_many
from parcours.pathways.transitions import OPEN_STATUSES
from parcours.pathways.urgency import pathway_urgency_refresh, urgency_stale
from parcours.training.models import Enrolment

logger = logging.getLogger(__name__)

# A product choice, not a value of the decree: how many missed appointments make an
# agreement "not followed" (the worker then weighs the reasons before any reminder).
NO_SHOWS_FOR_BREACH = 3
# Adjustments granted this many days back are replayed into the clock by the sweep.
RECENT_ADJUSTMENT_DAYS = 2
# Files judged and opened together, each chunk in its own transaction: a night stopped half
# way keeps what it did, and the next run (idempotent) does the rest.
CASES_CHUNK = 2000

G = ComplianceGround
_NOT_PRESENTED = (Status.REFERRED, Status.INVITED)
_RUNNING = (Status.AGREED, Status.IN_TRAINING)
_WATCHED = OPEN_STATUSES - {Status.NON_COMPLIANT, Status.REPORTED, Status.SUSPENDED}
# Which deadline each date-based ground watches; the first ground that applies is opened.
_DEADLINES = {
    G.PRESENTATION_LATE: "present_by",
    G.CERTIFICATE_LATE: "certificate_by",
    G.EVALUATION_MISSED: "next_evaluation_by",
}


@dataclass
class SweepReport:
    refreshed: int = 0
    opened: Counter[str] = field(default_factory=Counter)
    failed: int = 0
    reminders: int = 0
    anonymised: int = 0
    pace_changed: int = 0
    statistics_rows: int = 0
    statistics_recomputed: int = 0  # the files whose rows the refresh computed again
    # How long each step took, in seconds, in the order run (the command prints them).
    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        began = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = time.perf_counter() - began


def _case_since(ground: ComplianceGround, day: F | OuterRef) -> Exists:
    """A case on this ground detected after that day: the breach is already handled."""
    return Exists(
        NonCompliance.objects.filter(pathway=OuterRef("pk"), ground=ground, detected_on__gt=day)
    )


def _last_no_show() -> Subquery:
    missed = Appointment.objects.filter(
        person=OuterRef("person"), centre=OuterRef("centre"), status=AppointmentStatus.NO_SHOW
    )
    day = missed.annotate(day=TruncDate("starts_at")).order_by("-starts_at").values("day")[:1]
    return Subquery(day, output_field=DateField())


def _conditions(today: date) -> list[tuple[ComplianceGround, Q]]:
    late = {ground: Q(**{f"{name}__lt": today}) for ground, name in _DEADLINES.items()}
    return [
        (
            G.PRESENTATION_LATE,
            late[G.PRESENTATION_LATE]
            & Q(status__in=_NOT_PRESENTED)
            & ~Q(_case_since(G.PRESENTATION_LATE, OuterRef("present_by"))),
        ),
        (
            G.CERTIFICATE_LATE,
            late[G.CERTIFICATE_LATE]
            & Q(ready_for_certificate=False)
            & ~Q(_case_since(G.CERTIFICATE_LATE, OuterRef("certificate_by"))),
        ),
        (
            G.EVALUATION_MISSED,
            late[G.EVALUATION_MISSED]
            & Q(status__in=_RUNNING)
            & ~Q(_case_since(G.EVALUATION_MISSED, OuterRef("next_evaluation_by"))),
        ),
        (
            G.AGREEMENT_BREACH,
            Q(status__in=_RUNNING, no_shows__gte=NO_SHOWS_FOR_BREACH)
            & ~Q(_case_since_last_no_show()),
        ),
    ]


def _case_since_last_no_show() -> Exists:
    return Exists(
        NonCompliance.objects.filter(
            pathway=OuterRef("pk"),
            ground=G.AGREEMENT_BREACH,
            detected_on__gte=OuterRef("last_no_show_on"),
        )
    )


def detectable(*, today: date) -> QuerySet[Pathway]:
    """Obliged people's open files with the first ground that applies, in one query."""
    watched = Pathway.objects.filter(
        obligation=Obligation.OBLIGATED, voluntary=False, status__in=_WATCHED
    )
    found = pathway_no_shows(watched).annotate(last_no_show_on=_last_no_show())
    ground = Case(
        *(When(condition, then=Value(g.value)) for g, condition in _conditions(today)),
        default=Value(""),
        output_field=CharField(),
    )
    return found.annotate(ground=ground).exclude(ground="")


def stale(*, today: date) -> QuerySet[Pathway]:
    """Open files whose copied deadlines may be out of date: missing although the facts are
    known, or moved by an adjustment granted lately."""
    facts = Q(person__registered_on__isnull=False, person__permit_ordered_on__isnull=False)
    missing = Q(present_by__isnull=True) | Q(
        agreed_on__isnull=False, next_evaluation_by__isnull=True
    )
    since = today - timedelta(days=RECENT_ADJUSTMENT_DAYS)
    adjusted = Exists(Adjustment.objects.filter(pathway=OuterRef("pk"), starts_on__gte=since))
    return Pathway.objects.filter(status__in=OPEN_STATUSES).filter((facts & missing) | Q(adjusted))


def _still_waiting(pathways: QuerySet[Pathway]) -> QuerySet[Pathway, int]:
    """The files of `pathways` on a partner's waiting list that has not ended."""
    waiting = Enrolment.objects.filter(
        pathway=OuterRef("pk"), waiting_from__isnull=False, waiting_until__isnull=True
    )
    return pathways.filter(Exists(waiting)).values_list("pk", flat=True)


def _refresh(ids: list[int]) -> int:
    """Set-based, in chunks (`pathways_refresh`): the query count follows the number of chunks,
    not of files; returns how many files were looked at."""
    pathways_refresh(ids=ids)
    return len(ids)


def _reason(ground: ComplianceGround, row: dict[str, Any]) -> str:
    if ground == G.AGREEMENT_BREACH:
        missed: int = row["no_shows"]
        return ngettext(
            "Detected by the nightly check: %(n)s missed appointment.",
            "Detected by the nightly check: %(n)s missed appointments.",
            missed,
        ) % {"n": missed}
    due = row[_DEADLINES[ground]]
    return _("Detected by the nightly check: %(ground)s (due by %(on)s).") % {
        "ground": ground.label,
        "on": due.strftime("%d/%m/%Y") if due else "?",
    }


def _open(candidates: list[int], today: date, report: SweepReport) -> None:
    """Open the cases of the detected files, chunk by chunk (`noncompliance_open_many`): a
    fixed number of queries per chunk, not per file."""
    for start in range(0, len(candidates), CASES_CHUNK):
        chunk = candidates[start : start + CASES_CHUNK]
        rows = detectable(today=today).filter(pk__any_of=chunk).order_by("pk")
        # Plain rows, not instances: a first night judges them by the hundred thousand.
        cases = [
            Detected(row["pk"], G(row["ground"]), _reason(G(row["ground"]), row))
            for row in rows.values("pk", "ground", "no_shows", *_DEADLINES.values())
        ]
        try:
            opened = noncompliance_open_many(cases=cases, on=today)
        except DomainError:  # the chunk is rolled back; the next night judges it again
            logger.exception("sweep: a chunk of %s cases could not be opened", len(cases))
            report.failed += len(cases)
            continue
        report.failed += len(cases) - len(opened)
        report.opened.update(ground.value for ground in opened.values())


def sweep_run(*, today: date) -> SweepReport:
    report = SweepReport()
    with report.step("clocks"):
        report.refreshed = _refresh(list(stale(today=today).values_list("pk", flat=True)))
        # The services that record a fact refresh the clock of its file; what still moves
        # by itself is a waiting list that lasts (each night adds a day to the deadlines), so
        # those candidates are refreshed before they are judged.
        report.refreshed += _refresh(list(_still_waiting(detectable(today=today))))
        candidates = list(detectable(today=today).values_list("pk", flat=True))
    with report.step("cases"):
        _open(candidates, today, report)
    with report.step("reminders"):
        report.reminders = reminders_enqueue(today=today)
    with report.step("pace"):
        report.pace_changed = pace_sweep(today=today)
    with report.step("worklist"):
        # The worklist's stored task of the files a passing day moved (pathways.urgency).
        pathway_urgency_refresh(urgency_stale(Pathway.objects.all(), today), today=today)
    with report.step("retention"):
        # Closed files past their retention period (casework.retention).
        report.anonymised = retention_sweep(today=today).people
    with report.step("statistics"):
        # Last, once the night's changes are made: the statistics' table (casework.models).
        # Only the files the night's writes (and the day's) marked, unless many were.
        refresh = facts_refresh(now=timezone.now())
        report.statistics_rows = refresh.rows
        report.statistics_recomputed = refresh.recomputed
    with report.step("statistics pages queued"):
        # Then the pages opened without a filter, so that their first reader waits for none:
        # by the task worker, once the night has committed (tens of seconds of queries at the
        # Region's size). Only a cache is filled: its failure must not fail the night's work
        # (a savepoint: a failed insert must not abort a caller's transaction either).
        try:
            with transaction.atomic():
                statistics_pages_warm.enqueue(refresh.pk, today.isoformat())
        except Exception:
            logger.exception("sweep: the statistics pages could not be queued")
    return report
