"""What an appointment means for the person's pathway, through the pathways services.

Attending a module appointment ticks that part of the welcome module when the part needs no
more than attendance (rights and duties information, administrative help); the social
assessment and the French test need their content (sections, level), so attending them only
records that the person presented. A no-show is an event on the pathway's timeline, counted
by `pathway_no_shows` for non-compliance detection."""

from collections.abc import Collection
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
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


def open_pathways(person_ids: Collection[int], centre_id: int) -> dict[int, Pathway]:
    """The open files of these people at the centre, by person: one query for a session."""
    found = Pathway.objects.filter(
        person_id__in=person_ids, centre_id=centre_id, status__in=OPEN_STATUSES
    )
    return {p.person_id: p for p in found.select_related("person")}


def session_attended(*, session: CollectiveSession, pathway: Pathway | None, actor: User) -> None:
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


def _missed(pathway: Pathway | None, what: str, actor: User | None) -> None:
    if pathway is not None:
        event_record(
            pathway=pathway,
            kind=EventKind.COMPLIANCE,
            actor=actor,
            summary=_("Did not come: %(what)s") % {"what": what},
        )


def appointment_missed(*, appointment: Appointment, actor: User | None) -> None:
    when = timezone.localtime(appointment.starts_at).strftime("%d/%m/%Y %H:%M")
    pathway = open_pathway(appointment.person, appointment.centre_id)
    _missed(pathway, f"{appointment.kind} {when}", actor)


def session_missed(
    *, session: CollectiveSession, pathway: Pathway | None, actor: User | None
) -> None:
    when = timezone.localtime(session.starts_at).strftime("%d/%m/%Y %H:%M")
    _missed(pathway, f"{session.title} {when}", actor)


def _count_of(queryset: QuerySet[Any]) -> Coalesce:
    counted = queryset.order_by().values("person_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def pathway_no_shows(pathways: QuerySet[Pathway]) -> QuerySet[Pathway]:
    """Annotates `no_shows`: missed appointments and collective sessions (seats marked
    absent) of the person at that centre — one query, for non-compliance detection and the
    worklist."""
    missed = Appointment.objects.filter(
        person_id=OuterRef("person_id"),
        centre_id=OuterRef("centre_id"),
        status=AppointmentStatus.NO_SHOW,
    )
    absent = Seat.objects.filter(
        person_id=OuterRef("person_id"),
        session__centre_id=OuterRef("centre_id"),
        status=SeatStatus.ABSENT,
    )
    return pathways.annotate(no_shows=_count_of(missed) + _count_of(absent))


def no_show_count(person: Person, centre_id: int) -> int:
    appointments = Appointment.objects.filter(
        person=person, centre_id=centre_id, status=AppointmentStatus.NO_SHOW
    ).count()
    seats = Seat.objects.filter(
        person=person, session__centre_id=centre_id, status=SeatStatus.ABSENT
    ).count()
    return appointments + seats
