"""The home dashboard of a centre's agent or coordinator: a handful of figures, each a grouped
COUNT over the files, appointments and enrolments of the centre (a fixed number of queries
whatever the number of files), each tied to the filtered list it stands for."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.appointments.enums import HOLDING_STATUSES
from parcours.appointments.models import Appointment
from parcours.pathways.enums import Status
from parcours.pathways.models import Pathway
from parcours.pathways.selectors import pathways_visible_to, transfer_requests_to_answer
from parcours.pathways.transitions import OPEN_STATUSES
from parcours.pathways.urgency import urgency_catch_up
from parcours.training.enums import EnrolmentStatus, Track
from parcours.training.models import Enrolment


@dataclass(frozen=True)
class AgentLoad:
    agent_id: int | None
    name: str
    files: int
    overdue: int


@dataclass(frozen=True)
class Waiting:
    track: str
    label: str
    place_id: int | None
    place: str
    people: int


@dataclass
class Dashboard:
    today: date
    appointments_today: list[Appointment] = field(default_factory=list)
    overdue: int = 0
    behind_pace: int = 0
    by_status: list[tuple[str, str, int]] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    team: list[AgentLoad] = field(default_factory=list)
    transfer_requests: int = 0


# The day's appointments shown on the home page (the agenda has them all).
TODAY_SHOWN = 8


def _LATE(today: date) -> Q:  # noqa: N802 (reads as the condition it is)
    return Q(worklist_due__lt=today) & ~Q(worklist_task="")


def _open_files(user: User, mine: bool) -> QuerySet[Pathway]:
    found = pathways_visible_to(user=user).filter(status__in=OPEN_STATUSES)
    return found.filter(agent=user) if mine else found


def _appointments_today(user: User, today: date, mine: bool) -> list[Appointment]:
    start = timezone.make_aware(datetime.combine(today, time.min))
    found = Appointment.objects.filter(
        centre_id=user.centre_id or 0,
        status__in=HOLDING_STATUSES,
        starts_at__gte=start,
        starts_at__lt=start + timedelta(days=1),
    )
    if mine:
        found = found.filter(staff=user)
    found = found.select_related("person", "kind", "staff", "office").order_by("starts_at")
    return list(found[:TODAY_SHOWN])


def _by_status(files: QuerySet[Pathway]) -> list[tuple[str, str, int]]:
    counts = dict(files.order_by().values_list("status").annotate(n=Count("id")))
    return [(code, str(label), counts[code]) for code, label in Status.choices if code in counts]


def _waiting(files: QuerySet[Pathway]) -> list[Waiting]:
    rows = (
        Enrolment.objects.filter(pathway__in=files, status=EnrolmentStatus.WAITING)
        .order_by()
        .values_list("track", "offer__commune_id", "offer__commune__name_fr")
        .annotate(n=Count("pathway_id", distinct=True))
    )
    found = [Waiting(t, str(Track(t).label), c, place or "", n) for t, c, place, n in rows]
    return sorted(found, key=lambda w: (w.label, w.place))


def _team(files: QuerySet[Pathway], today: date) -> list[AgentLoad]:
    rows = (
        files.order_by()
        .values_list("agent_id", "agent__full_name")
        .annotate(n=Count("id"), late=Count("id", filter=_LATE(today)))
    )
    loads = [AgentLoad(a, name or "", n, late) for a, name, n, late in rows]
    return sorted(loads, key=lambda load: (load.agent_id is None, load.name))


def dashboard(*, user: User, today: date) -> Dashboard:
    """An agent's figures are their own files; a coordinator's the whole centre's, with the
    team's load and the transfer requests to answer."""
    mine = user.role == Role.AGENT
    visible = pathways_visible_to(user=user)
    urgency_catch_up(visible, today=today)  # as the worklist does
    files = _open_files(user, mine)
    board = Dashboard(today=today)
    board.appointments_today = _appointments_today(user, today, mine)
    counts = files.aggregate(
        overdue=Count("id", filter=_LATE(today)), pace=Count("id", filter=Q(behind_pace=True))
    )
    board.overdue, board.behind_pace = counts["overdue"], counts["pace"]
    board.by_status = _by_status(files)
    board.waiting = _waiting(files)
    if not mine:
        board.team = _team(files, today)
        board.transfer_requests = (
            transfer_requests_to_answer(user=user).filter(state="pending").count()
        )
    return board
