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


def send_email(name: str, appointment: Appointment, link: str = "") -> bool:
    context = {"appointment": appointment, "link": link}
    return _mail(contact_of(appointment), name, context, calendar_bytes([appointment]))


def send_text(name: str, appointment: Appointment, link: str = "") -> bool:
    context = {"appointment": appointment, "link": link}
    return _text(contact_of(appointment), name, context)


def confirmation_send(appointment: Appointment, token: str) -> None:
    link = manage_url(token, contact_of(appointment).language) if token else ""
    send_email("confirmation", appointment, link)
    send_text("confirmation", appointment, link)


def _seat_send(name: str, seat: Seat, context: dict[str, Any]) -> None:
    contact = seat_contact(seat)
    context = {"seat": seat, "session": seat.session, **context}
    _mail(contact, name, context, session_calendar_bytes(seat.session))
    _text(contact, name, context)


def seat_confirmation_send(seat: Seat, token: str, position: int) -> None:
    """After an online registration: a seat, or a place on the waiting list, and the link."""
    link = seat_manage_url(token, seat_contact(seat).language)
    _seat_send("seat_confirmation", seat, {"link": link, "position": position})


def seat_promoted_send(seat: Seat) -> None:
    """A seat freed up and went to this person, first on the waiting list."""
    fresh = Seat.objects.select_related("session__office__commune", "person", "intake")
    _seat_send("seat_promoted", fresh.get(pk=seat.pk), {})
