"""Confirmations and reminders to the person, in their language when Parcours speaks it:
e-mail (with an .ics file) and SMS. Messages never carry more than the appointment (or the
collective session) itself."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from parcours.appointments.ics import calendar_bytes, session_calendar_bytes
from parcours.appointments.models import Appointment, BookingIntake, Seat
from parcours.notifications.sms import send_sms
from parcours.people.models import Person

DEFAULT_SITE_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class Contact:
    email: str
    phone: str
    language: str


def site_url() -> str:
    return str(getattr(settings, "PARCOURS_SITE_URL", DEFAULT_SITE_URL)).rstrip("/")


def _language(code: str) -> str:
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _contact(person: Person | None, intake: BookingIntake | None) -> Contact:
    if person is not None:
        return Contact(person.email, person.phone, _language(person.letter_language))
    assert intake is not None  # noqa: S101 -- the check constraints: a person or an intake
    return Contact(intake.email, intake.phone, _language(intake.language))


def contact_of(appointment: Appointment) -> Contact:
    return _contact(appointment.person, appointment.intake)


def seat_contact(seat: Seat) -> Contact:
    return _contact(seat.person, seat.intake)


def manage_url(token: str, language: str) -> str:
    with translation.override(language):
        return site_url() + reverse("public:booking:manage", args=[token])


def seat_manage_url(token: str, language: str) -> str:
    with translation.override(language):
        return site_url() + reverse("public:booking:seat_manage", args=[token])


def _render(name: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    with translation.override(language):
        subject = render_to_string(f"appointments/messages/{name}_subject.txt", context)
        body = render_to_string(f"appointments/messages/{name}.txt", context)
    return " ".join(subject.split()), body


def _mail(contact: Contact, name: str, context: dict[str, Any], ics: bytes) -> bool:
    if not contact.email:
        return False
    subject, body = _render(name, context, contact.language)
    message = EmailMessage(subject=subject, body=body, to=[contact.email])
    message.attach("appointment.ics", ics, "text/calendar")
    message.send()
    return True


def _text(contact: Contact, name: str, context: dict[str, Any]) -> bool:
    if not contact.phone:
        return False
    _subject, body = _render(f"{name}_sms", context, contact.language)
    send_sms(contact.phone, body.strip())
    return True


def invitation_send(appointment_id: int, link: str) -> bool:
    appointment = Appointment.objects.select_related("office__commune", "kind").get(
        pk=appointment_id
    )
    return send_email("invitation", appointment, link)


def send_email(name: str, appointment: Appointment, link: str = "") -> bool:
    context = {"appointment": appointment, "link": link}
    return _mail(contact_of(appointment), name, context, calendar_bytes([appointment]))


def send_text(name: str, appointment: Appointment, link: str = "") -> bool:
    context = {"appointment": appointment, "link": link}
    return _text(contact_of(appointment), name, context)


def _confirmation_link(appointment: Appointment, token: str) -> str:
    return manage_url(token, contact_of(appointment).language) if token else ""


def confirmation_email(appointment: Appointment, token: str) -> bool:
    """Without a token (after a move), the message says the earlier link still works."""
    return send_email("confirmation", appointment, _confirmation_link(appointment, token))


def confirmation_text(appointment: Appointment, token: str) -> bool:
    return send_text("confirmation", appointment, _confirmation_link(appointment, token))


def seat_message(name: str, seat: Seat, channel: str, extra: dict[str, Any]) -> bool:
    """One message about a seat on one channel; False when the person has no such contact."""
    contact = seat_contact(seat)
    context = {"seat": seat, "session": seat.session, **extra}
    if channel == "email":
        return _mail(contact, name, context, session_calendar_bytes(seat.session))
    return _text(contact, name, context)


def seat_link(seat: Seat, token: str) -> str:
    return seat_manage_url(token, seat_contact(seat).language) if token else ""


def seat_promoted_send(seat_id: int) -> None:
    """A seat freed up and went to this person, first on the waiting list."""
    fresh = Seat.objects.select_related("session__office__commune", "person", "intake")
    promoted = fresh.get(pk=seat_id)
    for channel in ("email", "sms"):
        seat_message("seat_promoted", promoted, channel, {})
