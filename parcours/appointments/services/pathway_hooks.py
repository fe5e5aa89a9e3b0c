"""What an appointment means for the person's pathway, through the pathways services.

Attending a module appointment ticks that part of the welcome module when the part needs no
more than attendance (rights and duties information, administrative help); the social
assessment and the French test need their content (sections, level), so attending them only
records that the person presented. A no-show is an event on the pathway's timeline, counted
by `pathway_no_shows` for non-compliance detection."""

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus, KindCode, SeatStatus
from parcours.appointments.models import Appointment, CollectiveSession, Seat
from parcours.pathways.enums import EventKind
from parcours.pathways.models import Pathway
from parcours.pathways.services.events import event_record
from parcours.pathways.services.guards import ensure_presented
from parcours.pathways.services.welcome import administrative_help_record, rights_session_record
from parcours.pathways.transitions import OPEN_STATUSES
from parcours.people.models import Person


def open_pathway(person: Person | None, centre_id: int) -> Pathway | None:
    if person is None:
        return None
    found = Pathway.objects.filter(person=person, centre_id=centre_id, status__in=OPEN_STATUSES)
    return found.select_related("person").first()


def appointment_attended(*, appointment: Appointment, actor: User | None) -> None:
    pathway = open_pathway(appointment.person, appointment.centre_id)
    if pathway is None or actor is None:
        return
    on = timezone.localdate(appointment.starts_at)
    code = appointment.kind.code
    if code == KindCode.RIGHTS_AND_DUTIES:
        rights_session_record(
            pathway=pathway, given_on=on, language=appointment.language, themes="", actor=actor
        )
    elif code == KindCode.ADMINISTRATIVE_HELP:
        what = appointment.note or str(KindCode.ADMINISTRATIVE_HELP.label)
        administrative_help_record(
            pathway=pathway, helped_on=on, what=what, referred_to="", actor=actor
        )
    else:
        ensure_presented(pathway, actor)


def session_attended(*, session: CollectiveSession, person: Person, actor: User) -> None:
    pathway = open_pathway(person, session.centre_id)
    if pathway is None:
        return
    if session.counts_as_rights_and_duties:
        rights_session_record(
            pathway=pathway,
            given_on=timezone.localdate(session.starts_at),
            language=session.language,
            themes=session.title,
            actor=actor,
        )
    else:
        ensure_presented(pathway, actor)


def _missed(person: Person | None, centre_id: int, what: str, actor: User | None) -> None:
    pathway = open_pathway(person, centre_id)
    if pathway is not None:
        event_record(
            pathway=pathway,
            kind=EventKind.COMPLIANCE,
            actor=actor,
            summary=_("Did not come: %(what)s") % {"what": what},
        )


def appointment_missed(*, appointment: Appointment, actor: User | None) -> None:
    when = timezone.localtime(appointment.starts_at).strftime("%d/%m/%Y %H:%M")
    _missed(appointment.person, appointment.centre_id, f"{appointment.kind} {when}", actor)


def session_missed(*, session: CollectiveSession, person: Person, actor: User | None) -> None:
    when = timezone.localtime(session.starts_at).strftime("%d/%m/%Y %H:%M")
    _missed(person, session.centre_id, f"{session.title} {when}", actor)


def pathway_no_shows(pathways: QuerySet[Pathway]) -> QuerySet[Pathway]:
    """Annotates `no_shows`: missed appointments and sessions of the person at that centre —
    one query, for non-compliance detection and the worklist."""
    appointments = Q(
        person__appointments__status=AppointmentStatus.NO_SHOW,
        person__appointments__centre=F("centre"),
    )
    return pathways.annotate(
        no_shows=Count("person__appointments", filter=appointments, distinct=True)
    )


def no_show_count(person: Person, centre_id: int) -> int:
    appointments = Appointment.objects.filter(
        person=person, centre_id=centre_id, status=AppointmentStatus.NO_SHOW
    ).count()
    seats = Seat.objects.filter(
        person=person, session__centre_id=centre_id, status=SeatStatus.ABSENT
    ).count()
    return appointments + seats
