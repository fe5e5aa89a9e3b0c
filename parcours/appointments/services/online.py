"""Online booking by newcomers: a first welcome appointment, cancelled or moved with the
token of the link they receive. Abuse resistance without a captcha: rate limits per address
and per contact (atomic database counters; keys are hashes, never the contact itself), a cap
on open bookings per contact, and the honeypot checked by the form."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
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
)
from parcours.appointments.services.interpreters import (
    InterpreterNeed,
    interpreter_request_create,
)
from parcours.appointments.services.outbox import cancellation_enqueue, confirmation_enqueue
from parcours.appointments.services.setup import kinds_ensure
from parcours.appointments.slots import slot_at
from parcours.core.errors import DomainError, NotFoundError
from parcours.core.ratelimit import rate_count, rate_hit
from parcours.core.tokens import find_by_digest, token_digest
from parcours.pathways.models import Pathway
from parcours.people.identifiers import normalise_phone
from parcours.people.models import Person
from parcours.people.names import name_key
from parcours.territory.models import Office

# Product limits against abuse (not decree values): attempts per hour, open bookings.
PER_ADDRESS_PER_HOUR = 10  # attempts, for the sessions' registration
# Bookings from one address: only successful ones count (a social desk or a shared mobile
# network books for many people); past this many an hour, a proof of work is asked.
BOOKINGS_PER_ADDRESS_PER_HOUR = 10
PER_CONTACT_PER_HOUR = 3
PER_SLOT_PER_HOUR = 6  # attempts at one time of one office (many people racing for it)
OPEN_BOOKINGS_PER_CONTACT = 2
_HOUR = 3600
# The window shown on the booking page: from tomorrow, for four weeks.
BOOKING_WINDOW_DAYS = 28
# A birth date a living person can have.
OLDEST_BIRTH_YEAR = 1900


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
    interpreter_language: str = ""


def _hash(text: str) -> str:
    """A cache key's part that does not hold the address or contact in clear."""
    return token_digest(text)[:32]


def contact_key(email: str, phone: str) -> str:
    return _hash(email.strip().lower() or phone)


def _count(key: str) -> int:
    return rate_hit(key, window_seconds=_HOUR)


def rate_limit_address(address: str) -> None:
    """Counted on every attempt (valid or not) from one network address."""
    if _count(f"booking:address:{_hash(address)}") > PER_ADDRESS_PER_HOUR:
        raise BookingRefusedError(
            _("Too many bookings from this connection. Try again in an hour, or call the centre.")
        )


def _address_key(address: str) -> str:
    return f"booking:address:booked:{_hash(address)}"


def address_needs_proof(address: str) -> bool:
    """Past BOOKINGS_PER_ADDRESS_PER_HOUR successful bookings, a proof of work is asked."""
    return rate_count(_address_key(address), window_seconds=_HOUR) >= BOOKINGS_PER_ADDRESS_PER_HOUR


def address_booked(address: str) -> None:
    """Counts one successful booking from this address."""
    rate_hit(_address_key(address), window_seconds=_HOUR)


def rate_limit_slot(office: Office, starts_at: datetime) -> None:
    if _count(f"booking:slot:{office.pk}:{starts_at.isoformat()}") > PER_SLOT_PER_HOUR:
        raise BookingRefusedError(_("Many people are trying this time. Choose another one."))


def booking_window(now: datetime) -> tuple[date, date]:
    """The first and last days a person can book online (the page shows the same)."""
    first = timezone.localdate(now) + timedelta(days=1)
    return first, first + timedelta(days=BOOKING_WINDOW_DAYS - 1)


def _check_window(starts_at: datetime, now: datetime) -> None:
    first, last = booking_window(now)
    if not first <= timezone.localdate(starts_at) <= last:
        raise BookingRefusedError(_("Choose a time in the list."))


def _check_birth_date(born: date, now: datetime) -> None:
    if born > timezone.localdate(now) or born.year < OLDEST_BIRTH_YEAR:
        raise DomainError(_("Check your date of birth."))


def rate_limit_contact(phone: str, email: str) -> None:
    """Counted on the phone and on the e-mail separately: a new address with the same phone
    (or the reverse) does not start a fresh count."""
    counts = [_count(f"booking:contact:{_hash(value)}") for value in (phone, email) if value]
    if max(counts, default=0) > PER_CONTACT_PER_HOUR:
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


def same_contact(phone: str, email: str, prefix: str = "intake__") -> Q:
    """Bookings made with this phone or with this e-mail (cleaned by `clean_contact`)."""
    found = Q(pk__in=[])
    if phone:
        found |= Q(**{f"{prefix}phone": phone})
    if email:
        found |= Q(**{f"{prefix}email": email})
    return found


def open_cap_check(
    *, open_items: "QuerySet[Any]", phone: str, email: str, message: str | Promise
) -> None:
    """The cap on open bookings (appointments, or seats) per phone and per e-mail."""
    if open_items.filter(same_contact(phone, email)).count() >= OPEN_BOOKINGS_PER_CONTACT:
        raise BookingRefusedError(message)


def _check_cap(phone: str, email: str, now: datetime) -> None:
    coming = Appointment.objects.filter(status__in=HOLDING_STATUSES, starts_at__gt=now)
    open_cap_check(
        open_items=coming,
        phone=phone,
        email=email,
        message=_(
            "You already have an appointment booked. Use the link you "
            "received to move it, or call the centre."
        ),
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
    interpreter_language: str = ""


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
        interpreter_language=applicant.interpreter_language[:8],
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


def online_book(*, booking: OnlineBooking, now: datetime) -> tuple[Appointment, str]:
    """The attempt is counted first, in its own transaction: a refused booking (a time just
    taken, a bad contact) still counts against the rate limit."""
    phone, email = clean_contact(booking.phone, booking.email)
    _check_window(booking.starts_at, now)
    _check_birth_date(booking.birth_date, now)
    rate_limit_contact(phone, email)
    rate_limit_slot(booking.office, booking.starts_at)
    return _online_book(booking=booking, phone=phone, email=email, now=now)


@transaction.atomic
def _online_book(
    *, booking: OnlineBooking, phone: str, email: str, now: datetime
) -> tuple[Appointment, str]:
    key = contact_key(email, phone)
    _check_cap(phone, email, now)
    kind = first_welcome_kind()
    staff = _staff_for(booking, kind, now)
    applicant = Applicant(
        booking.family_name,
        booking.given_names,
        booking.birth_date,
        phone,
        email,
        booking.language,
        booking.interpreter_language,
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
    if booking.interpreter_language:  # asked on the form: the centre's list shows it to request
        need = InterpreterNeed(language=booking.interpreter_language)
        interpreter_request_create(need=need, actor=None, appointment=appointment)
    confirmation_enqueue(appointment, token)
    return appointment, token


def appointment_by_digest(digest: str) -> Appointment:
    """The live appointment of a manage link, found by the SHA-256 of its token (the view
    keeps only that digest, in the session)."""
    live = Appointment.objects.filter(status__in=HOLDING_STATUSES)
    found = live.select_related("office__commune", "kind")
    appointment = find_by_digest(found, digest, field="token_digest")
    if appointment is None:
        raise NotFoundError(
            _(
                "This link is not valid any more: the appointment was cancelled "
                "or moved. Call the centre if you need help."
            )
        )
    return appointment


def appointment_by_token(token: str) -> Appointment:
    return appointment_by_digest(token_digest(token) if token else "")


def _coming(digest: str, now: datetime) -> Appointment:
    """A manage link acts only before the appointment starts."""
    appointment = appointment_by_digest(digest)
    if appointment.starts_at <= now:
        raise DomainError(
            _("Your appointment has already started or is over. Call the centre if you need help.")
        )
    return appointment


@transaction.atomic
def online_cancel(*, digest: str, now: datetime) -> Appointment:
    """Cancelled, and a message says so (on every channel the person gave)."""
    appointment = _coming(digest, now)
    cancelled = appointment_set_status(
        appointment=appointment,
        to=AppointmentStatus.CANCELLED_BY_PERSON,
        actor=None,
        now=now,
        reason=_("Cancelled online"),
    )
    cancellation_enqueue(cancelled)
    return cancelled


@transaction.atomic
def online_move(*, digest: str, starts_at: datetime, now: datetime) -> tuple[Appointment, str]:
    """The moved appointment gets a new link, sent with the new time in the confirmation
    (Parcours keeps only digests, so the first link's token cannot be sent again); returns
    the moved appointment and the new link's digest."""
    appointment = _coming(digest, now)
    _check_window(starts_at, now)
    slot = slot_at(office=appointment.office, kind=appointment.kind, starts_at=starts_at, now=now)
    if slot is None:
        raise ClashError(_("This time is no longer free. Choose another one."))
    staff = User.objects.get(pk=slot.staff_ids[0])
    moved = appointment_reschedule(
        appointment=appointment, starts_at=starts_at, actor=None, now=now, staff=staff
    )
    token, new_digest = new_token()
    Appointment.objects.filter(pk=moved.pk).update(token_digest=new_digest)
    moved.token_digest = new_digest
    confirmation_enqueue(moved, token)
    return moved, new_digest


def online_confirm(*, digest: str, now: datetime) -> Appointment:
    appointment = _coming(digest, now)
    if appointment.status == AppointmentStatus.CONFIRMED:
        return appointment
    return appointment_set_status(
        appointment=appointment,
        to=AppointmentStatus.CONFIRMED,
        actor=None,
        now=now,
        reason=_("Confirmed online"),
    )


def appointment_manage_digest(*, appointment: Appointment) -> str:
    """The digest a manage page works with, for an appointment opened from the personal
    space: the one of the link already sent, or a new one (its token is never shown: the
    space is the door)."""
    if appointment.token_digest:
        return appointment.token_digest
    _token, digest = new_token()
    Appointment.objects.filter(pk=appointment.pk, token_digest="").update(token_digest=digest)
    appointment.refresh_from_db(fields=["token_digest"])
    return appointment.token_digest
