"""The worklist: what needs doing, most urgent first, in two queries whatever the size.
The task of a file is the first that applies in `TASKS` order; its due date sorts the list."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    Expression,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.appointments.enums import HOLDING_STATUSES
from parcours.appointments.models import Appointment
from parcours.pathways.enums import Obligation, Status
from parcours.pathways.models import Pathway
from parcours.pathways.selectors import pathways_visible_to
from parcours.pathways.transitions import OPEN_STATUSES

# Product choices for the worklist, not decree values: how far ahead to look.
EVALUATION_WINDOW_DAYS = 30
RISK_WINDOW_DAYS = 60
_RUNNING = (Status.AGREED, Status.IN_TRAINING)
_NOT_PRESENTED = (Status.REFERRED, Status.INVITED)
APPOINTMENT_TODAY = "appointment_today"


@dataclass(frozen=True)
class Task:
    code: str
    label: Promise
    condition: Q
    due: str | Expression | None


def appointments_today(today: date, user: User | None) -> Exists:
    """An appointment of the person at the file's centre today: an agent's own, or any of the
    centre's for a coordinator."""
    start = timezone.make_aware(datetime.combine(today, time.min))
    found = Appointment.objects.filter(
        person=OuterRef("person"),
        centre=OuterRef("centre"),
        status__in=HOLDING_STATUSES,
        starts_at__gte=start,
        starts_at__lt=start + timedelta(days=1),
    )
    if user is not None and user.role == Role.AGENT:
        found = found.filter(staff=user)
    return Exists(found)


def tasks(today: date, user: User | None = None) -> tuple[Task, ...]:
    soon = today + timedelta(days=EVALUATION_WINDOW_DAYS)
    risk = today + timedelta(days=RISK_WINDOW_DAYS)
    obliged = Q(obligation=Obligation.OBLIGATED, voluntary=False)
    return (
        Task(
            APPOINTMENT_TODAY,
            _("Appointment today"),
            Q(appointments_today(today, user), status__in=OPEN_STATUSES),
            Value(today, output_field=DateField()),
        ),
        Task(
            "overdue_presentation",
            _("Presentation overdue"),
            Q(status__in=_NOT_PRESENTED, present_by__lt=today),
            "present_by",
        ),
        Task(
            "certificate_ready",
            _("Certificate ready to issue"),
            Q(status__in=_RUNNING, ready_for_certificate=True),
            "agreement_ends_on",
        ),
        Task(
            "evaluation_overdue",
            _("Evaluation overdue: at risk of non-compliance"),
            obliged & Q(status__in=_RUNNING, next_evaluation_by__lt=today),
            "next_evaluation_by",
        ),
        Task(
            "at_risk",
            _("Certificate deadline near: at risk of non-compliance"),
            obliged & Q(status__in=_RUNNING, ready_for_certificate=False, certificate_by__lte=risk),
            "certificate_by",
        ),
        Task(
            "evaluation_due",
            _("Evaluation due"),
            Q(status__in=_RUNNING, next_evaluation_by__lte=soon),
            "next_evaluation_by",
        ),
        Task(
            "agreement_to_sign",
            _("Agreement to sign"),
            Q(status=Status.WELCOME, module_done_on__isnull=False),
            "module_done_on",
        ),
        Task("welcome", _("Welcome module to complete"), Q(status=Status.WELCOME), "present_by"),
        Task("to_invite", _("To invite"), Q(status=Status.REFERRED), "present_by"),
    )


def _due(due: str | Expression) -> F | Expression:
    return F(due) if isinstance(due, str) else due


@dataclass(frozen=True)
class WorklistFilter:
    task: str = ""
    status: str = ""
    mine: bool = False


def worklist(*, user: User, today: date, filters: WorklistFilter) -> QuerySet[Pathway]:
    items = tasks(today, user)
    found = pathways_visible_to(user=user).select_related("person", "agent")
    found = found.annotate(
        task=Case(
            *(When(t.condition, then=Value(t.code)) for t in items),
            default=Value(""),
            output_field=CharField(),
        ),
        due=Case(
            *(When(t.condition, then=_due(t.due)) for t in items if t.due is not None),
            default=None,
            output_field=DateField(),
        ),
    ).exclude(task="")
    if filters.task:
        found = found.filter(task=filters.task)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.mine:
        # An agent's own appointments today show whoever the file's referent is.
        found = found.filter(Q(agent=user) | Q(agent__isnull=True) | Q(task=APPOINTMENT_TODAY))
    return found.order_by(F("due").asc(nulls_last=True), "referred_on", "id")


def task_labels(today: date) -> dict[str, Promise]:
    return {t.code: t.label for t in tasks(today)}
