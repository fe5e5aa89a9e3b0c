"""The worklist: what needs doing, most urgent first, in two queries whatever the size.
The task of a file is the first that applies in `TASKS` order; its due date sorts the list."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, CharField, DateField, F, Q, QuerySet, Value, When
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from parcours.accounts.models import User
from parcours.pathways.enums import Obligation, Status
from parcours.pathways.models import Pathway
from parcours.pathways.selectors import pathways_visible_to

# Product choices for the worklist, not decree values: how far ahead to look.
EVALUATION_WINDOW_DAYS = 30
RISK_WINDOW_DAYS = 60
_RUNNING = (Status.AGREED, Status.IN_TRAINING)
_NOT_PRESENTED = (Status.REFERRED, Status.INVITED)


@dataclass(frozen=True)
class Task:
    code: str
    label: Promise
    condition: Q
    due: str | None


def tasks(today: date) -> tuple[Task, ...]:
    soon = today + timedelta(days=EVALUATION_WINDOW_DAYS)
    risk = today + timedelta(days=RISK_WINDOW_DAYS)
    obliged = Q(obligation=Obligation.OBLIGATED, voluntary=False)
    return (
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


@dataclass(frozen=True)
class WorklistFilter:
    task: str = ""
    status: str = ""
    mine: bool = False


def worklist(*, user: User, today: date, filters: WorklistFilter) -> QuerySet[Pathway]:
    items = tasks(today)
    found = pathways_visible_to(user=user).select_related("person", "agent")
    found = found.annotate(
        task=Case(
            *(When(t.condition, then=Value(t.code)) for t in items),
            default=Value(""),
            output_field=CharField(),
        ),
        due=Case(
            *(When(t.condition, then=F(t.due)) for t in items if t.due),
            default=None,
            output_field=DateField(),
        ),
    ).exclude(task="")
    if filters.task:
        found = found.filter(task=filters.task)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.mine:
        found = found.filter(Q(agent=user) | Q(agent__isnull=True))
    return found.order_by(F("due").asc(nulls_last=True), "referred_on", "id")


def task_labels(today: date) -> dict[str, Promise]:
    return {t.code: t.label for t in tasks(today)}
