"""Confirmations and reminders to the person, in their language when Parcours speaks it:
e-mail (with an .ics file) and SMS. Messages never carry more than the appointment itself."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from parcours.appointments.ics import calendar_bytes
from parcours.appointments.models import Appointment
from parcours.notifications.sms import send_sms

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


def contact_of(appointment: Appointment) -> Contact:
    if appointment.person is not None:
        person = appointment.person
        return Contact(person.email, person.phone, _language(person.letter_language))
    intake = appointment.intake
    assert intake is not None  # noqa: S101 -- the check constraint: a person or an intake
    return Contact(intake.email, intake.phone, _language(intake.language))


def manage_url(token: str, language: str) -> str:
    with translation.override(language):
        return site_url() + reverse("public:booking:manage", args=[token])


def _render(name: str, appointment: Appointment, link: str, language: str) -> tuple[str, str]:
    context = {"appointment": appointment, "link": link}
    with translation.override(language):
        subject = render_to_string(f"appointments/messages/{name}_subject.txt", context)
        body = render_to_string(f"appointments/messages/{name}.txt", context)
    return " ".join(subject.split()), body


def send_email(name: str, appointment: Appointment, link: str = "") -> bool:
    contact = contact_of(appointment)
    if not contact.email:
        return False
    subject, body = _render(name, appointment, link, contact.language)
    message = EmailMessage(subject=subject, body=body, to=[contact.email])
    message.attach("appointment.ics", calendar_bytes([appointment]), "text/calendar")
    message.send()
    return True


def send_text(name: str, appointment: Appointment, link: str = "") -> bool:
    contact = contact_of(appointment)
    if not contact.phone:
        return False
    _subject, body = _render(f"{name}_sms", appointment, link, contact.language)
    send_sms(contact.phone, body.strip())
    return True


def confirmation_send(appointment: Appointment, token: str) -> None:
    link = manage_url(token, contact_of(appointment).language) if token else ""
    send_email("confirmation", appointment, link)
    send_text("confirmation", appointment, link)
