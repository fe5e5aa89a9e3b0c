"""Online booking by newcomers: a first welcome appointment, cancelled or moved with the
token of the link they receive. Abuse resistance without a captcha: rate limits per address
and per contact (Django's cache; keys are hashes, never the contact itself), a cap on open
bookings per contact, and the honeypot checked by the form."""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.appointments.enums import HOLDING_STATUSES, AppointmentStatus, KindCode
from parcours.appointments.errors import BookingRefusedError, ClashError
from parcours.appointments.models import Appointment, AppointmentKind, BookingIntake
from parcours.appointments.services.booking import (
    BookingRequest,
    appointment_book,
    appointment_reschedule,
    appointment_set_status,
    new_token,
    token_digest,
)
from parcours.appointments.services.messages import confirmation_send
from parcours.appointments.services.setup import kinds_ensure
from parcours.appointments.slots import slot_at
from parcours.core.errors import DomainError, NotFoundError
from parcours.pathways.models import Pathway
from parcours.people.identifiers import normalise_phone
from parcours.people.models import Person
from parcours.people.names import name_key
from parcours.territory.models import Office

# Product limits against abuse (not decree values): attempts per hour, open bookings.
PER_ADDRESS_PER_HOUR = 10
PER_CONTACT_PER_HOUR = 3
OPEN_BOOKINGS_PER_CONTACT = 2
_HOUR = 3600


@dataclass(frozen=True)
class OnlineBooking:
    office: Office
    starts_at: datetime
    family_name: str
    given_names: str
    birth_date: date
    phone: str
    email: str
    language: str


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def contact_key(email: str, phone: str) -> str:
    return _hash(email.strip().lower() or phone)


def _count(key: str) -> int:
    cache.add(key, 0, timeout=_HOUR)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=_HOUR)
        return 1


def rate_limit_address(address: str) -> None:
    """Counted on every attempt (valid or not) from one network address."""
    if _count(f"booking:address:{_hash(address)}") > PER_ADDRESS_PER_HOUR:
        raise BookingRefusedError(
            _("Too many bookings from this connection. Try again in an hour, or call the centre.")
        )


def rate_limit_contact(contact: str) -> None:
    if _count(f"booking:contact:{contact}") > PER_CONTACT_PER_HOUR:
        raise BookingRefusedError(
            _(
                "Too many attempts with this phone number or e-mail. Try "
                "again in an hour, or call the centre."
            )
        )


def clean_contact(phone: str, email: str) -> tuple[str, str]:
    phone, email = normalise_phone(phone), email.strip().lower()
    if not phone and not email:
        raise DomainError(_("Give a phone number or an e-mail address so that we can confirm."))
    return phone, email


def _check_cap(key: str, now: datetime) -> None:
    open_bookings = Appointment.objects.filter(
        intake__contact_key=key, status__in=HOLDING_STATUSES, starts_at__gt=now
    ).count()
    if open_bookings >= OPEN_BOOKINGS_PER_CONTACT:
        raise BookingRefusedError(
            _(
                "You already have an appointment booked. Use the link you "
                "received to move it, or call the centre."
            )
        )


@dataclass(frozen=True)
class Applicant:
    """Who booked or registered online, as they typed it."""

    family_name: str
    given_names: str
    birth_date: date
    phone: str
    email: str
    language: str


def _match(centre_id: int, applicant: Applicant) -> Person | None:
    """The duplicate rules of parcours.people: same birth date, same names up to accents,
    case, hyphens and order — among the people this centre follows."""
    pathways = Pathway.objects.filter(centre_id=centre_id)
    return Person.objects.filter(
        birth_date=applicant.birth_date,
        merged_into__isnull=True,
        name_key=name_key(applicant.family_name, applicant.given_names),
        pk__in=pathways.values("person_id"),
    ).first()


def intake_open(*, centre_id: int, applicant: Applicant, key: str) -> BookingIntake:
    """The entry in the centre's queue of online bookings (contact already cleaned)."""
    if not applicant.family_name.strip() or not applicant.given_names.strip():
        raise DomainError(_("Give your family name and your given names."))
    return BookingIntake.objects.create(
        centre_id=centre_id,
        family_name=applicant.family_name.strip()[:150],
        given_names=applicant.given_names.strip()[:150],
        birth_date=applicant.birth_date,
        phone=applicant.phone,
        email=applicant.email,
        language=applicant.language[:8],
        contact_key=key,
        matched_person=_match(centre_id, applicant),
    )


def first_welcome_kind() -> AppointmentKind:
    found = AppointmentKind.objects.filter(code=KindCode.FIRST_WELCOME).first()
    if found is None:
        kinds_ensure()
        found = AppointmentKind.objects.get(code=KindCode.FIRST_WELCOME)
    return found


def _staff_for(booking: OnlineBooking, kind: AppointmentKind, now: datetime) -> User:
    slot = slot_at(office=booking.office, kind=kind, starts_at=booking.starts_at, now=now)
    if slot is None:
        raise ClashError(_("This time is no longer free. Choose another one."))
    return User.objects.get(pk=slot.staff_ids[0])


@transaction.atomic
def online_book(*, booking: OnlineBooking, now: datetime) -> tuple[Appointment, str]:
    phone, email = clean_contact(booking.phone, booking.email)
    key = contact_key(email, phone)
    rate_limit_contact(key)
    _check_cap(key, now)
    kind = first_welcome_kind()
    staff = _staff_for(booking, kind, now)
    applicant = Applicant(
        booking.family_name, booking.given_names, booking.birth_date, phone, email, booking.language
    )
    intake = intake_open(centre_id=booking.office.centre_id, applicant=applicant, key=key)
    token, digest = new_token()
    request = BookingRequest(
        office=booking.office,
        kind=kind,
        staff=staff,
        starts_at=booking.starts_at,
        intake=intake,
        language=booking.language,
    )
    appointment = appointment_book(request=request, actor=None, now=now, token_digest=digest)
    transaction.on_commit(lambda: confirmation_send(appointment, token))
    return appointment, token


def appointment_by_token(token: str) -> Appointment:
    found = Appointment.objects.filter(
        token_digest=token_digest(token), status__in=HOLDING_STATUSES
    )
    appointment = found.select_related("office__commune", "kind").first() if token else None
    if appointment is None:
        raise NotFoundError(
            _(
                "This link is not valid any more: the appointment was cancelled "
                "or moved. Call the centre if you need help."
            )
        )
    return appointment


def online_cancel(*, token: str, now: datetime) -> Appointment:
    appointment = appointment_by_token(token)
    return appointment_set_status(
        appointment=appointment,
        to=AppointmentStatus.CANCELLED_BY_PERSON,
        actor=None,
        now=now,
        reason=_("Cancelled online"),
    )


@transaction.atomic
def online_move(*, token: str, starts_at: datetime, now: datetime) -> Appointment:
    appointment = appointment_by_token(token)
    slot = slot_at(office=appointment.office, kind=appointment.kind, starts_at=starts_at, now=now)
    if slot is None:
        raise ClashError(_("This time is no longer free. Choose another one."))
    staff = User.objects.get(pk=slot.staff_ids[0])
    moved = appointment_reschedule(
        appointment=appointment, starts_at=starts_at, actor=None, now=now, staff=staff
    )
    transaction.on_commit(lambda: confirmation_send(moved, token))
    return moved


def online_confirm(*, token: str, now: datetime) -> Appointment:
    appointment = appointment_by_token(token)
    if appointment.status == AppointmentStatus.CONFIRMED:
        return appointment
    return appointment_set_status(
        appointment=appointment,
        to=AppointmentStatus.CONFIRMED,
        actor=None,
        now=now,
        reason=_("Confirmed online"),
    )
