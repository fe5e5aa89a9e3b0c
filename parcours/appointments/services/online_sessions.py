"""Online registration of newcomers for collective sessions: a seat, or a place on the waiting
list when the session is full, and a token link to cancel (which promotes the waiting list).
The same abuse limits as the online booking of a first appointment: rate limits per address
(checked by the view) and per contact, and a cap on open registrations per contact."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from parcours.appointments.enums import SeatStatus
from parcours.appointments.models import CollectiveSession, Seat
from parcours.appointments.services.booking import new_token
from parcours.appointments.services.online import (
    Applicant,
    clean_contact,
    contact_key,
    intake_open,
    open_cap_check,
    rate_limit_contact,
    same_contact,
)
from parcours.appointments.services.outbox import seat_confirmation_enqueue
from parcours.appointments.services.sessions import (
    LIVE,
    seat_cancel,
    seat_register,
    session_lock,
    waiting_position,
)
from parcours.core.errors import DomainError, NotFoundError
from parcours.core.tokens import find_by_digest, token_digest


@dataclass(frozen=True)
class OnlineRegistration:
    session: CollectiveSession
    applicant: Applicant
    interpreter_language: str = ""


def _check_cap(phone: str, email: str, now: datetime) -> None:
    coming = Seat.objects.filter(status__in=LIVE, session__starts_at__gt=now)
    open_cap_check(
        open_items=coming,
        phone=phone,
        email=email,
        message=_(
            "You are already registered for sessions. Use the link you received to "
            "cancel one, or call the centre."
        ),
    )


def _check_not_twice(session: CollectiveSession, phone: str, email: str) -> None:
    live = session.seats.filter(same_contact(phone, email), status__in=LIVE)
    if live.exists():
        raise DomainError(
            _(
                "You are already registered for this session (or on its waiting list). "
                "Use the link you received to cancel."
            )
        )


def online_register(*, registration: OnlineRegistration, now: datetime) -> tuple[Seat, str]:
    """Returns the seat (registered, or waiting when the session is full) and the token. The
    attempt is counted first, in its own transaction, so that a refusal still counts."""
    given = registration.applicant
    phone, email = clean_contact(given.phone, given.email)
    rate_limit_contact(phone, email)
    return _online_register(registration=registration, phone=phone, email=email, now=now)


@transaction.atomic
def _online_register(
    *, registration: OnlineRegistration, phone: str, email: str, now: datetime
) -> tuple[Seat, str]:
    given = registration.applicant
    key = contact_key(email, phone)
    _check_cap(phone, email, now)
    session = session_lock(registration.session)
    if not session.online_registration:
        raise DomainError(_("This session is not open to online registration. Call the centre."))
    _check_not_twice(session, phone, email)
    applicant = Applicant(
        given.family_name, given.given_names, given.birth_date, phone, email, given.language
    )
    intake = intake_open(centre_id=session.centre_id, applicant=applicant, key=key)
    token, digest = new_token()
    seat = seat_register(
        session=session,
        actor=None,
        now=now,
        intake=intake,
        interpreter_language=registration.interpreter_language,
        token_digest=digest,
    )
    position = waiting_position(seat) if seat.status == SeatStatus.WAITING else 0
    seat_confirmation_enqueue(seat, token, position)
    return seat, token


def seat_by_digest(digest: str) -> Seat:
    """The live seat of a manage link, found by the SHA-256 of its token."""
    found = Seat.objects.filter(status__in=LIVE).select_related(
        "session__office__commune", "intake"
    )
    seat = find_by_digest(found, digest, field="token_digest")
    if seat is None:
        raise NotFoundError(
            _(
                "This link is not valid any more: the registration was cancelled. "
                "Call the centre if you need help."
            )
        )
    return seat


def seat_by_token(token: str) -> Seat:
    return seat_by_digest(token_digest(token) if token else "")


def online_seat_cancel(*, digest: str, now: datetime) -> Seat:
    seat = seat_by_digest(digest)
    if seat.session.starts_at <= now:
        raise DomainError(_("The session has started: call the centre."))
    seat_cancel(seat=seat, actor=None, now=now)
    return seat
