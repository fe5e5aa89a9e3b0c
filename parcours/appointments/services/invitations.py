"""Bulk invitations: each chosen person gets a proposed slot (an appointment "planned"), by
e-mail when they have an address, otherwise in a letter printed by the centre (a PDF made
with WeasyPrint, like the casework documents)."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import segno
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.appointments.enums import HOLDING_STATUSES
from parcours.appointments.errors import ClashError
from parcours.appointments.models import Appointment, AppointmentKind
from parcours.appointments.services.booking import (
    BookingRequest,
    appointment_book,
    event_add,
    new_token,
)
from parcours.appointments.services.messages import contact_of, manage_url
from parcours.appointments.services.outbox import invitation_enqueue
from parcours.appointments.slots import Slot, free_slots
from parcours.core.errors import DomainError
from parcours.pathways.documents import html_to_pdf, page_html, render_parts
from parcours.pathways.enums import Status
from parcours.pathways.models import DocumentKind, Pathway
from parcours.pathways.services.status import pathway_transition
from parcours.pathways.services.templates import document_issue, document_template_context
from parcours.people.models import Person
from parcours.territory.models import Office
from parcours.territory.selectors import centre_address


@dataclass
class InvitationResult:
    emailed: list[Appointment] = field(default_factory=list)
    letters: list[tuple[Appointment, str]] = field(default_factory=list)
    not_invited: list[Person] = field(default_factory=list)
    already_booked: list[Person] = field(default_factory=list)


def _slots(
    office: Office, kind: AppointmentKind, first: datetime, days: int, now: datetime
) -> list[Slot]:
    found = free_slots(
        office=office, kind=kind, first_day=first.date(), days=days, now=now, online_only=False
    )
    return [slot for day in found for slot in day.slots]


def _with_coming_appointment(people: Sequence[Person], centre_id: int, now: datetime) -> set[int]:
    """People who already have a coming appointment at this centre: never invited twice."""
    coming = Appointment.objects.filter(
        person__in=people, centre_id=centre_id, status__in=HOLDING_STATUSES, starts_at__gt=now
    )
    return set(coming.values_list("person_id", flat=True))


def _mark_invited(person: Person, centre_id: int, actor: User, now: datetime) -> None:
    """The person's referred file at this centre becomes "invited" (one status service)."""
    found = Pathway.objects.filter(person=person, centre_id=centre_id, status=Status.REFERRED)
    pathway = found.first()
    if pathway is not None:
        pathway_transition(
            pathway=pathway,
            to=Status.INVITED,
            actor=actor,
            reason=_("Invited to a first appointment"),
            on=timezone.localdate(now),
        )


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
    result, found = InvitationResult(), _slots(office, kind, first, days, now)
    staff = User.objects.in_bulk({pk for slot in found for pk in slot.staff_ids})
    slots, booked_before = iter(found), _with_coming_appointment(people, office.centre_id, now)
    for person in people:
        if person.pk in booked_before:
            result.already_booked.append(person)
            continue
        booked = _next_booking(
            person=person, office=office, kind=kind, slots=slots, staff=staff, actor=actor, now=now
        )
        if booked is None:
            result.not_invited.append(person)
            continue
        _mark_invited(person, office.centre_id, actor, now)
        _deliver(booked, result)
    return result


def _next_booking(
    *,
    person: Person,
    office: Office,
    kind: AppointmentKind,
    slots: Iterator[Slot],
    staff: dict[int, User],
    actor: User,
    now: datetime,
) -> tuple[Appointment, str] | None:
    for slot in slots:
        for staff_id in slot.staff_ids:
            token, digest = new_token()
            request = BookingRequest(
                office=office,
                kind=kind,
                staff=staff[staff_id],
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
        invitation_enqueue(appointment, link)
        result.emailed.append(appointment)
    else:
        result.letters.append((appointment, link))


def _printable(appointment: Appointment, actor: User, now: datetime) -> None:
    if actor.centre_id != appointment.centre_id:
        raise DomainError(_("This appointment belongs to another centre."))
    if appointment.person is None:
        raise DomainError(_("An invitation letter needs a person with an address."))
    if appointment.status not in HOLDING_STATUSES or appointment.starts_at <= now:
        raise DomainError(_("Only a coming appointment can be the subject of an invitation."))


def invitation_reference(appointment: Appointment) -> str:
    return f"{appointment.office.centre.code}-A{appointment.pk}"


@transaction.atomic
def invitation_letters_issue(
    *, appointments: Sequence[Appointment], actor: User, now: datetime
) -> list[tuple[Appointment, str]]:
    """Letters to print: each gets a fresh link (the token of an earlier letter or e-mail
    stops working, so only the letter in the person's hands counts) and a history line."""
    letters = []
    for appointment in appointments:
        _printable(appointment, actor, now)
        token, digest = new_token()
        Appointment.objects.filter(pk=appointment.pk).update(token_digest=digest)
        event_add(appointment, appointment.status, _("Invitation letter printed"), actor)
        reference = invitation_reference(appointment)
        centre = appointment.office.centre
        document_issue(
            kind=DocumentKind.INVITATION, reference=reference, centre=centre, actor=actor
        )
        letters.append((appointment, manage_url(token, contact_of(appointment).language)))
    return letters


def invitation_letters_pdf(letters: Sequence[tuple[Appointment, str]], now: datetime) -> bytes:
    """One PDF, one letter after the other: French, then the person's letter language when
    Parcours has a translation (the French text prevails)."""
    contexts = []
    for appointment, link in letters:
        person = appointment.person
        assert person is not None  # noqa: S101 -- checked by invitation_letters_issue
        centre = appointment.office.centre
        reference = invitation_reference(appointment)
        kind = DocumentKind.INVITATION
        context = document_template_context(kind=kind, reference=reference, centre=centre)
        context |= {
            "appointment": appointment,
            "person": person,
            "centre": centre,
            "address": centre_address(centre),
            "letter_reference": reference,
            "signatory": None,
            "link": link,
            "qr": segno.make(link, error="m").svg_data_uri(scale=4),
            "issued_on": timezone.localdate(now),
        }
        contexts.append((context, person.letter_language))
    return invitation_letters_render(contexts)


def invitation_letters_render(
    letters: Sequence[tuple[dict[str, Any], str]], *, specimen: bool = False
) -> bytes:
    """The one layout of the invitation letters (each context with its letter language),
    for letters that leave and for a template's preview."""
    parts, version, accent = [], None, ""
    for context, language in letters:
        version = version or getattr(context["tpl"], "version", None)
        accent = accent or context.get("colour", "")
        parts += render_parts("documents/invitation.html", context, language)
    first = letters[0][0]["centre"] if letters else None
    page = page_html(
        parts, title="Invitations", centre=first, template_version=version, specimen=specimen
    )
    return html_to_pdf(page, accent=accent)
