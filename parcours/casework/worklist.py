"""The worklist: what needs doing, most urgent first, in a fixed number of queries whatever
the size. The task of a file is the first that applies in `TASKS` order; its due date sorts
the list. All tasks but "appointment today" are kept on the file (pathways.urgency) and read
through an index in order with LIMIT; the files with an appointment today (which depends on who
looks) are few, found from the day's appointments and merged in by their due date (today)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, overload

from django.db.models import (
    DateField,
    Exists,
    Expression,
    F,
    OrderBy,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.appointments.enums import HOLDING_STATUSES
from parcours.appointments.models import Appointment
from parcours.pathways.models import Pathway
from parcours.pathways.selectors import pathways_visible_to
from parcours.pathways.transitions import OPEN_STATUSES
from parcours.pathways.urgency import (
    EVALUATION_WINDOW_DAYS,
    RISK_WINDOW_DAYS,
    base_tasks,
    urgency_catch_up,
)
from parcours.training.enums import EnrolmentStatus
from parcours.training.models import Enrolment

__all__ = ["EVALUATION_WINDOW_DAYS", "RISK_WINDOW_DAYS"]
APPOINTMENT_TODAY = "appointment_today"
URGENCY = "urgency"
# The worklist's orders: the key the URL names and the fields it orders by. "urgency" is the
# due date of each file's task (today's order; "due" says the same), merged in Python with
# the day's appointments, whose due date is today whatever is stored. The others order in
# SQL the stored files and the appointed ones together. Urgency, name and status are read
# through an index in order with LIMIT (pathway_worklist_idx, person_name_order_idx,
# pathway_worklist_status_idx); the referent's order is their name, in another table: a
# top-N sort of the centre's files with a task (docs/performance.md, measured).
ORDERS: dict[str, tuple[str, ...]] = {
    URGENCY: ("worklist_due", "referred_on", "id"),
    "due": ("worklist_due", "referred_on", "id"),
    "name": ("person__family_name", "person__given_names", "person_id", "id"),
    "status": ("status", "worklist_due", "referred_on", "id"),
    "agent": ("agent__full_name", "agent_id", "worklist_due", "referred_on", "id"),
}
# How far the worklist counts (past the page asked for): beyond, it says "more than".
COUNT_BOUND = 500


@dataclass(frozen=True)
class Task:
    code: str
    label: Promise
    condition: Q
    due: str | Expression | None


def _today_appointments(today: date, user: User | None) -> QuerySet[Appointment]:
    """The day's appointments at the user's centre: an agent's own, or any of the centre's
    for a coordinator."""
    start = timezone.make_aware(datetime.combine(today, time.min))
    found = Appointment.objects.filter(
        status__in=HOLDING_STATUSES,
        starts_at__gte=start,
        starts_at__lt=start + timedelta(days=1),
    )
    if user is not None and user.role == Role.AGENT:
        found = found.filter(staff=user)
    return found


def appointments_today(today: date, user: User | None) -> Exists:
    """An appointment of the person at the file's centre today (per file, for SQL)."""
    found = _today_appointments(today, user).filter(
        person=OuterRef("person"), centre=OuterRef("centre")
    )
    return Exists(found)


_LABELS: dict[str, Promise] = {
    "overdue_presentation": _("Presentation overdue"),
    "certificate_ready": _("Certificate ready to issue"),
    "evaluation_overdue": _("Evaluation overdue: at risk of non-compliance"),
    "at_risk": _("Certificate deadline near: at risk of non-compliance"),
    "evaluation_due": _("Evaluation due"),
    "agreement_to_sign": _("Agreement to sign"),
    "welcome": _("Welcome module to complete"),
    "to_invite": _("To invite"),
}


def tasks(today: date, user: User | None = None) -> tuple[Task, ...]:
    """Every task in order, as SQL conditions (the stored ones from pathways.urgency)."""
    first = Task(
        APPOINTMENT_TODAY,
        _("Appointment today"),
        Q(appointments_today(today, user), status__in=OPEN_STATUSES),
        Value(today, output_field=DateField()),
    )
    rest = (Task(t.code, _LABELS[t.code], t.condition, t.due) for t in base_tasks(today))
    return (first, *rest)


@dataclass(frozen=True)
class WorklistFilter:
    task: str = ""
    status: str = ""
    mine: bool = False
    # The home dashboard's figures open the worklist on these (each in the URL).
    own: bool = False  # the user's files only, not the unassigned ones
    agent: int | None = None  # one referent's files (0: the unassigned)
    overdue: bool = False  # the task's due date has passed
    waiting: str = ""  # on a partner's waiting list for this track…
    place: int | None = None  # …at an offer in this commune
    every: bool = False  # the open files with nothing to do as well
    pace: bool = False  # a track's hours behind pace (Pathway.behind_pace)


def _key(due: date | None, referred_on: date, pk: int) -> tuple[bool, date, date, int]:
    return (due is None, due or date.min, referred_on, pk)


class Worklist:
    """What the paginator reads: a bounded count and slices in the worklist's order. Each
    file carries `task` and `due`."""

    def __init__(
        self,
        stored: QuerySet[Pathway],
        appointed: QuerySet[Pathway],
        *,
        show_appointed: bool,
        today: date,
        reach: int,
        sort: str = URGENCY,
        descending: bool = False,
    ) -> None:
        self.stored = stored
        self.sort = sort if sort in ORDERS else URGENCY
        self.descending = descending
        self.today = today
        self.reach = reach
        self.capped = False
        self._show_appointed = show_appointed
        self._appointed_query = appointed
        self._appointed: list[tuple[int, date]] | None = None

    def _all_appointed(self) -> list[tuple[int, date]]:
        """Every file with an appointment today (one query), shown or not: their task is
        "appointment today", whatever is stored."""
        if self._appointed is None:
            self._appointed = list(self._appointed_query.values_list("pk", "referred_on"))
        return self._appointed

    def appointed(self) -> list[tuple[int, date]]:
        return self._all_appointed() if self._show_appointed else []

    def _stored(self) -> QuerySet[Pathway]:
        ids = [pk for pk, _referred in self._all_appointed()]
        return self.stored.exclude(pk__in=ids) if ids else self.stored

    def count(self) -> int:
        stored = self._stored()[: self.reach + 1].count()
        self.capped = stored > self.reach
        return min(stored, self.reach) + len(self.appointed())

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Pathway]:
        return iter(self[0 : self.count()])

    @overload
    def __getitem__(self, index: int) -> Pathway: ...
    @overload
    def __getitem__(self, index: slice) -> list[Pathway]: ...
    def __getitem__(self, index: int | slice) -> Pathway | list[Pathway]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        bottom, top = index.start or 0, index.stop
        if top is None:
            raise TypeError("the worklist is read by pages")
        if self.sort in (URGENCY, "due"):
            return self._by_urgency(bottom, top)
        return self._by_column(bottom, top)

    def _by_urgency(self, bottom: int, top: int) -> list[Pathway]:
        rows = self._stored().values_list("worklist_due", "referred_on", "pk")[:top]
        keyed = [(_key(due, on, pk), pk) for due, on, pk in rows]
        keyed += [(_key(self.today, on, pk), pk) for pk, on in self.appointed()]
        page = sorted(keyed, reverse=self.descending)[bottom:top]
        chosen = [pk for _key_, pk in page]
        found = Pathway.objects.select_related("person", "agent").in_bulk(chosen)
        return self._shown([found[pk] for pk in chosen])

    def _by_column(self, bottom: int, top: int) -> list[Pathway]:
        """The first `top` stored files in the column's order, the appointed ones beside
        them, ordered again together by the database (its collation orders the names)."""
        order = _order_by(self.sort, self.descending)
        stored = list(self._stored().order_by(*order).values_list("pk", flat=True)[:top])
        chosen = stored + [pk for pk, _on in self.appointed()]
        found = Pathway.objects.filter(pk__in=chosen).select_related("person", "agent")
        return self._shown(list(found.order_by(*order)[bottom:top]))

    def _shown(self, files: list[Any]) -> list[Pathway]:
        """Each file with its task and due date: "appointment today", today, for the day's."""
        appointed = {pk for pk, _on in self.appointed()}
        for pathway in files:
            if pathway.pk in appointed:
                pathway.task, pathway.due = APPOINTMENT_TODAY, self.today
            else:
                pathway.task, pathway.due = pathway.worklist_task, pathway.worklist_due
        return files


def _order_by(sort: str, descending: bool) -> list[OrderBy]:
    """Descending is the exact reverse (a file without a due date or a referent comes last,
    then first), which is the same index read backwards."""
    return [
        F(name).desc(nulls_first=True) if descending else F(name).asc(nulls_last=True)
        for name in ORDERS[sort]
    ]


def worklist(
    *,
    user: User,
    today: date,
    filters: WorklistFilter,
    reach: int = COUNT_BOUND,
    sort: str = URGENCY,
    descending: bool = False,
) -> Worklist:
    """`reach`: how far the count goes (the view asks past the page it shows). The files
    whose task moved with the days since it was computed are brought up to date first (the
    nightly sweep does it for all; here at most `CATCH_UP_MOST` of them, and after the sweep
    one index probe that finds none: `urgency_catch_up`)."""
    visible = pathways_visible_to(user=user)
    urgency_catch_up(visible, today=today)
    if filters.status:
        visible = visible.filter(status=filters.status)
    people = _today_appointments(today, user)
    if user.centre_id is not None:
        people = people.filter(centre_id=user.centre_id)
    appointed = visible.filter(
        status__in=OPEN_STATUSES, person__in=people.values("person_id")
    ).order_by()
    stored = _narrowed(visible, user=user, today=today, filters=filters)
    if filters.task == APPOINTMENT_TODAY:
        stored = stored.none()
    elif filters.task:
        stored = stored.filter(worklist_task=filters.task)
    if filters.mine:
        # An agent's own appointments today show whoever the file's referent is.
        stored = stored.filter(Q(agent=user) | Q(agent__isnull=True))
    sort = sort if sort in ORDERS else URGENCY
    ordered = stored.order_by(*_order_by(URGENCY if sort == "due" else sort, descending))
    show = filters.task in ("", APPOINTMENT_TODAY) and not _narrowing(filters)
    return Worklist(
        ordered,
        appointed,
        show_appointed=show,
        today=today,
        reach=reach,
        sort=sort,
        descending=descending,
    )


def _narrowing(filters: WorklistFilter) -> bool:
    """A dashboard's filter: the day's appointments (who looks) are not merged in."""
    return bool(
        filters.own
        or filters.agent is not None
        or filters.overdue
        or filters.waiting
        or filters.pace
    )


def _narrowed(
    visible: QuerySet[Pathway], *, user: User, today: date, filters: WorklistFilter
) -> QuerySet[Pathway]:
    found = visible.filter(status__in=OPEN_STATUSES) if filters.every else visible
    found = found if filters.every else found.exclude(worklist_task="")
    if filters.own:
        found = found.filter(agent=user)
    if filters.agent is not None:
        found = found.filter(agent_id=filters.agent or None)
    if filters.overdue:
        found = found.filter(worklist_due__lt=today).exclude(worklist_task="")
    if filters.pace:
        found = found.filter(behind_pace=True)
    if filters.waiting:
        waiting = Enrolment.objects.filter(
            pathway=OuterRef("pk"), status=EnrolmentStatus.WAITING, track=filters.waiting
        )
        if filters.place is not None:
            waiting = waiting.filter(offer__commune_id=filters.place)
        found = found.filter(Exists(waiting))
    return found


def task_labels(today: date) -> dict[str, Promise]:
    return {t.code: t.label for t in tasks(today)}
