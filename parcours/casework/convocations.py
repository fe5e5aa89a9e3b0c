"""A convocation to an evaluation interview is also an appointment in the agenda: the staff
member's calendar and the office's show it (kind "evaluation"), with the letter as before.
Both or neither: a slot the office or the staff member cannot give refuses the convocation."""

from datetime import date, datetime

from django.db import transaction

from parcours.accounts.models import User
from parcours.appointments.enums import KindCode
from parcours.appointments.models import AppointmentKind
from parcours.appointments.services.booking import BookingRequest, appointment_book
from parcours.pathways.models import Convocation, Pathway
from parcours.pathways.services.followup import convocation_send
from parcours.territory.models import Office


@transaction.atomic
def evaluation_convene(
    *,
    pathway: Pathway,
    meeting_at: datetime,
    place: str,
    office: Office | None,
    staff: User | None,
    actor: User,
    now: datetime,
    sent_on: date | None = None,
    backdated_because: str = "",
) -> Convocation:
    if office is not None:
        kind = AppointmentKind.objects.get(code=KindCode.EVALUATION)
        booking = BookingRequest(
            office=office,
            kind=kind,
            staff=staff or actor,
            starts_at=meeting_at,
            person=pathway.person,
            language=pathway.person.letter_language or "fr",
        )
        appointment_book(request=booking, actor=actor, now=now)
        place = place or f"{office.name}, {office.address}"
    return convocation_send(
        pathway=pathway,
        meeting_at=meeting_at,
        place=place,
        actor=actor,
        sent_on=sent_on,
        backdated_because=backdated_because,
    )
