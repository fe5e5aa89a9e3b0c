"""What a file needs next and by when, kept on the file (`worklist_task`, `worklist_due`) so
that the worklist reads an index in order instead of computing a CASE over every open file.

The task is the first that applies in `BASE_TASKS` order. It depends on the facts of the file
(status, obligation, deadlines, readiness) and on the day, through thresholds that only ever
switch on as days pass; `worklist_until` is the first day on which a threshold may switch, so
that a file needs recomputing when its facts change (the services that write them) or when
that day comes (the nightly sweep, and the worklist itself for what the night left).
Two readings of the same rules: `urgency_of` in Python for one file being saved, and
`urgency_expressions` in SQL for a set (`pathway_urgency_refresh`). A test holds them equal.
The "appointment today" task depends on who looks, so it stays computed by the worklist."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from django.db.models import (
    Case,
    CharField,
    DateField,
    Expression,
    F,
    Func,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least, NullIf

from parcours.pathways.enums import Obligation, Status

# Product choices for the worklist, not decree values: how far ahead to look.
EVALUATION_WINDOW_DAYS = 30
RISK_WINDOW_DAYS = 60
RUNNING = (Status.AGREED, Status.IN_TRAINING)
NOT_PRESENTED = (Status.REFERRED, Status.INVITED)
URGENCY_FIELDS = ("worklist_task", "worklist_due", "worklist_until")
# The facts the task is computed from: a save that writes one of them rewrites the task.
URGENCY_FACTS = frozenset(
    {
        "status",
        "obligation",
        "voluntary",
        "present_by",
        "certificate_by",
        "next_evaluation_by",
        "agreement_ends_on",
        "module_done_on",
        "ready_for_certificate",
    }
)
_FAR = date(9999, 12, 31)


@dataclass(frozen=True)
class BaseTask:
    code: str
    condition: Q
    due: str


def base_tasks(today: date) -> tuple[BaseTask, ...]:
    soon = today + timedelta(days=EVALUATION_WINDOW_DAYS)
    risk = today + timedelta(days=RISK_WINDOW_DAYS)
    obliged = Q(obligation=Obligation.OBLIGATED, voluntary=False)
    return (
        BaseTask(
            "overdue_presentation",
            Q(status__in=NOT_PRESENTED, present_by__lt=today),
            "present_by",
        ),
        BaseTask(
            "certificate_ready",
            Q(status__in=RUNNING, ready_for_certificate=True),
            "agreement_ends_on",
        ),
        BaseTask(
            "evaluation_overdue",
            obliged & Q(status__in=RUNNING, next_evaluation_by__lt=today),
            "next_evaluation_by",
        ),
        BaseTask(
            "at_risk",
            obliged & Q(status__in=RUNNING, ready_for_certificate=False, certificate_by__lte=risk),
            "certificate_by",
        ),
        BaseTask(
            "evaluation_due",
            Q(status__in=RUNNING, next_evaluation_by__lte=soon),
            "next_evaluation_by",
        ),
        BaseTask(
            "agreement_to_sign",
            Q(status=Status.WELCOME, module_done_on__isnull=False),
            "module_done_on",
        ),
        BaseTask("welcome", Q(status=Status.WELCOME), "present_by"),
        BaseTask("to_invite", Q(status=Status.REFERRED), "present_by"),
    )


class Facts(Protocol):
    status: str
    obligation: str
    voluntary: bool
    present_by: date | None
    certificate_by: date | None
    next_evaluation_by: date | None
    agreement_ends_on: date | None
    module_done_on: date | None
    ready_for_certificate: bool


@dataclass(frozen=True)
class Urgency:
    task: str
    due: date | None
    until: date | None

    def columns(self) -> dict[str, Any]:
        return {"worklist_task": self.task, "worklist_due": self.due, "worklist_until": self.until}


def _task(p: Facts, today: date) -> tuple[str, date | None]:  # noqa: PLR0911 - one per task
    running = p.status in RUNNING
    obliged = p.obligation == Obligation.OBLIGATED and not p.voluntary
    evaluation = p.next_evaluation_by
    if p.status in NOT_PRESENTED and p.present_by is not None and p.present_by < today:
        return "overdue_presentation", p.present_by
    if running and p.ready_for_certificate:
        return "certificate_ready", p.agreement_ends_on
    if obliged and running and evaluation is not None and evaluation < today:
        return "evaluation_overdue", evaluation
    risk = today + timedelta(days=RISK_WINDOW_DAYS)
    if obliged and running and p.certificate_by is not None and p.certificate_by <= risk:
        return "at_risk", p.certificate_by
    soon = today + timedelta(days=EVALUATION_WINDOW_DAYS)
    if running and evaluation is not None and evaluation <= soon:
        return "evaluation_due", evaluation
    if p.status == Status.WELCOME:
        if p.module_done_on is not None:
            return "agreement_to_sign", p.module_done_on
        return "welcome", p.present_by
    if p.status == Status.REFERRED:
        return "to_invite", p.present_by
    return "", None


def _until(p: Facts, today: date) -> date | None:
    """The first day after `today` on which a threshold of `base_tasks` may switch on."""
    running = p.status in RUNNING
    candidates = []
    if p.status in NOT_PRESENTED and p.present_by is not None and p.present_by >= today:
        candidates.append(p.present_by + timedelta(days=1))
    evaluation = p.next_evaluation_by
    if running and evaluation is not None:
        if evaluation >= today:
            candidates.append(evaluation + timedelta(days=1))
        if evaluation > today + timedelta(days=EVALUATION_WINDOW_DAYS):
            candidates.append(evaluation - timedelta(days=EVALUATION_WINDOW_DAYS))
    certificate = p.certificate_by
    far = today + timedelta(days=RISK_WINDOW_DAYS)
    if running and certificate is not None and certificate > far:
        candidates.append(certificate - timedelta(days=RISK_WINDOW_DAYS))
    return min(candidates, default=None)


def urgency_of(pathway: Facts, today: date) -> Urgency:
    task, due = _task(pathway, today)
    return Urgency(task, due if task else None, _until(pathway, today))


# Every status a task or a threshold of `base_tasks` (and `_until`) looks for.
TASK_STATUSES = frozenset({*RUNNING, *NOT_PRESENTED, Status.WELCOME, Status.REFERRED})


def urgency_of_status(status: str) -> Urgency | None:
    """The urgency every file in `status` has whatever its other facts and the day — none:
    no task, no threshold to wait for — or None when its facts decide (`TASK_STATUSES`). A
    set-based writer moving files to such a status writes these columns with the status
    (one UPDATE, not a second one for the urgency)."""
    return None if status in TASK_STATUSES else Urgency("", None, None)


def urgency_apply(pathway: Any, today: date) -> dict[str, Any]:
    """Set the urgency columns of `pathway` (in memory) from its facts; returns them."""
    columns = urgency_of(pathway, today).columns()
    for name, value in columns.items():
        setattr(pathway, name, value)
    return columns


class _PlusDays(Func):
    """`date + n days` as a date on both engines (PostgreSQL: date + integer)."""

    output_field = DateField()

    def __init__(self, name: str, days: int) -> None:
        self.days = days
        super().__init__(F(name))

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> Any:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"({sql} + %s)", [*params, self.days]

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"date({sql}, %s)", [*params, f"{self.days:+d} days"]


def _when(condition: Q, expression: Expression) -> Expression:
    return Coalesce(
        Case(When(condition, then=expression), default=None, output_field=DateField()),
        Value(_FAR),
        output_field=DateField(),
    )


def urgency_expressions(today: date) -> dict[str, Expression]:
    """The three urgency columns as SQL expressions of the file's own columns (for UPDATE)."""
    items = base_tasks(today)
    task = Case(
        *(When(t.condition, then=Value(t.code)) for t in items),
        default=Value(""),
        output_field=CharField(),
    )
    due = Case(
        *(When(t.condition, then=F(t.due)) for t in items),
        default=None,
        output_field=DateField(),
    )
    running = Q(status__in=RUNNING)
    window = today + timedelta(days=EVALUATION_WINDOW_DAYS)
    risk = today + timedelta(days=RISK_WINDOW_DAYS)
    until = NullIf(
        Least(
            _when(Q(status__in=NOT_PRESENTED, present_by__gte=today), _PlusDays("present_by", 1)),
            _when(running & Q(next_evaluation_by__gte=today), _PlusDays("next_evaluation_by", 1)),
            _when(
                running & Q(next_evaluation_by__gt=window),
                _PlusDays("next_evaluation_by", -EVALUATION_WINDOW_DAYS),
            ),
            _when(
                running & Q(certificate_by__gt=risk),
                _PlusDays("certificate_by", -RISK_WINDOW_DAYS),
            ),
            output_field=DateField(),
        ),
        Value(_FAR),
        output_field=DateField(),
    )
    return {"worklist_task": task, "worklist_due": due, "worklist_until": until}


def pathway_urgency_refresh(pathways: QuerySet[Any], *, today: date) -> int:
    """Recompute the urgency columns of a set of files in one UPDATE; returns how many.
    The nightly sweep calls it on `urgency_stale(today)`; set-based writers on their set."""
    return pathways.update(**urgency_expressions(today))


# The most files a page's catch-up recomputes (`urgency_catch_up`); the nightly sweep does all.
CATCH_UP_MOST = 2000


def urgency_catch_up(pathways: QuerySet[Any], *, today: date, most: int = CATCH_UP_MOST) -> int:
    """What a page does before reading the stored order (worklist, dashboard): recompute the
    files of `pathways` whose threshold came, at most `most` of them (the earliest first), and
    return how many. The keys are read first (`pathway_centre_until_idx` for a centre,
    `pathway_worklist_until_idx` for the Region): after the
    nightly sweep there are none, and no UPDATE is compiled or sent. Bounded, so that the
    first request of a day without a sweep stays a page's cost (it was one UPDATE of every
    stale file of the centre: 11.8 s at 500,000 people); the next requests go on, the sweep
    does the rest."""
    stale = urgency_stale(pathways, today).order_by("worklist_until", "pk")
    keys = list(stale.values_list("pk", flat=True)[:most])
    if not keys:
        return 0
    return pathway_urgency_refresh(pathways.model.objects.filter(pk__in=keys), today=today)


def urgency_stale(pathways: QuerySet[Any], today: date) -> QuerySet[Any]:
    """The files whose task may have changed with the days since it was computed."""
    return pathways.filter(worklist_until__lte=today)


def urgency_fields_for(update_fields: Iterable[str] | None) -> list[str] | None:
    """A save's `update_fields` with the urgency columns when it writes one of their facts."""
    if update_fields is None:
        return None
    fields = list(update_fields)
    if URGENCY_FACTS.intersection(fields):
        fields.extend(f for f in URGENCY_FIELDS if f not in fields)
    return fields
