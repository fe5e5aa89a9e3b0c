"""What a newcomer sees in their personal space: their own file only, read for themselves
(no staff user: the person is the reader), with the rules' deadlines and the training ledger's
hours, and the documents they may download."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from parcours.appointments.enums import HOLDING_STATUSES
from parcours.appointments.models import Appointment
from parcours.certificates.models import Certificate
from parcours.pathways.loading import pathways_with_file
from parcours.pathways.models import Agreement, Pathway
from parcours.pathways.services.clock import clock_outcome
from parcours.people.models import Person
from parcours.rules import Deadline
from parcours.training.ledger import TrackLine
from parcours.training.selectors import pathway_ledger


@dataclass
class Space:
    person: Person
    pathway: Pathway | None
    appointments: list[Appointment] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    hours: list[TrackLine] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)


def own_pathway(person: Person) -> Pathway | None:
    """The person's latest file (a transferred file is followed by the new centre's)."""
    return pathways_with_file().filter(person=person).order_by("-id").first()


def own_appointments(person: Person) -> list[Appointment]:
    found = Appointment.objects.filter(
        person=person, status__in=HOLDING_STATUSES, starts_at__gte=timezone.now()
    )
    return list(found.select_related("office__commune", "kind").order_by("starts_at")[:10])


def own_appointment(person: Person, appointment_id: int) -> Appointment | None:
    """One of the person's coming appointments, or None (never another person's)."""
    found = [a for a in own_appointments(person) if a.pk == appointment_id]
    return found[0] if found else None


def own_agreement(person: Person, version: int) -> Agreement | None:
    pathway = own_pathway(person)
    if pathway is None:
        return None
    signed = Agreement.objects.filter(pathway=pathway, signed_on__isnull=False)
    signed = signed.select_related("pathway__person", "pathway__centre")
    return signed.filter(version=version).first()


def own_certificate(person: Person, certificate_id: int) -> Certificate | None:
    found = Certificate.objects.filter(pathway__person=person, pk=certificate_id)
    return found.select_related("pathway__person").first()


def coming_deadlines(pathway: Pathway, today: date) -> list[Deadline]:
    """The deadlines still ahead, once each (an evaluation is named twice by the clock);
    none for a file that is completed or closed. Past ones are the centre's to follow up,
    and the clock cannot tell a step that was met from one that was missed."""
    if pathway.completed_on or pathway.closed_on:
        return []
    clock = clock_outcome(pathway)
    seen: set[tuple[bool, date]] = set()
    coming = []
    for deadline in sorted(clock.deadlines if clock else (), key=lambda d: d.due_on):
        key = ("evaluation" in deadline.name, deadline.due_on)
        if deadline.due_on >= today and key not in seen:
            seen.add(key)
            coming.append(deadline)
    return coming


def person_space(*, person: Person, today: date) -> Space:
    pathway = own_pathway(person)
    space = Space(person=person, pathway=pathway, appointments=own_appointments(person))
    if pathway is None:
        return space
    space.deadlines = coming_deadlines(pathway, today)
    space.hours = pathway_ledger(pathway=pathway, today=today)
    space.agreements = list(pathway.agreements.filter(signed_on__isnull=False))
    space.certificates = list(Certificate.objects.filter(pathway__person=person))
    return space
