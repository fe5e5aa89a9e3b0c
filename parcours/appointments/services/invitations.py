"""Bulk invitations: each chosen person gets a proposed slot (an appointment "planned"), by
e-mail when they have an address, otherwise in a letter printed by the centre."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.appointments.errors import ClashError
from parcours.appointments.models import Appointment, AppointmentKind
from parcours.appointments.services.booking import BookingRequest, appointment_book, new_token
from parcours.appointments.services.messages import contact_of, manage_url, send_email
from parcours.appointments.slots import Slot, free_slots
from parcours.core.errors import DomainError
from parcours.people.models import Person
from parcours.territory.models import Office


@dataclass
class InvitationResult:
    emailed: list[Appointment] = field(default_factory=list)
    letters: list[tuple[Appointment, str]] = field(default_factory=list)
    not_invited: list[Person] = field(default_factory=list)


def _slots(
    office: Office, kind: AppointmentKind, first: datetime, days: int, now: datetime
) -> list[Slot]:
    found = free_slots(
        office=office, kind=kind, first_day=first.date(), days=days, now=now, online_only=False
    )
    return [slot for day in found for slot in day.slots]


@transaction.atomic
def people_invite(
    *,
    people: Sequence[Person],
    office: Office,
    kind: AppointmentKind,
    first: datetime,
    days: int,
    actor: User,
    now: datetime,
) -> InvitationResult:
    if actor.centre_id != office.centre_id:
        raise DomainError(_("This office belongs to another centre."))
    result, slots = InvitationResult(), iter(_slots(office, kind, first, days, now))
    for person in people:
        booked = _next_booking(
            person=person, office=office, kind=kind, slots=slots, actor=actor, now=now
        )
        if booked is None:
            result.not_invited.append(person)
        else:
            _deliver(booked, result)
    return result


def _next_booking(
    *,
    person: Person,
    office: Office,
    kind: AppointmentKind,
    slots: Iterator[Slot],
    actor: User,
    now: datetime,
) -> tuple[Appointment, str] | None:
    for slot in slots:
        for staff_id in slot.staff_ids:
            token, digest = new_token()
            request = BookingRequest(
                office=office,
                kind=kind,
                staff=User.objects.get(pk=staff_id),
                starts_at=slot.starts_at,
                person=person,
                language=person.letter_language,
            )
            try:
                with transaction.atomic():
                    return appointment_book(
                        request=request, actor=actor, now=now, token_digest=digest
                    ), token
            except ClashError:
                continue
    return None


def _deliver(booked: tuple[Appointment, str], result: InvitationResult) -> None:
    appointment, token = booked
    link = manage_url(token, contact_of(appointment).language)
    if appointment.person is not None and appointment.person.email:
        transaction.on_commit(lambda: send_email("invitation", appointment, link))
        result.emailed.append(appointment)
    else:
        result.letters.append((appointment, link))
