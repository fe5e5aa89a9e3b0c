"""Hours the centre records from an attestation (paper or PDF) covering a period, into the
training ledger — the only source of hours for the completion check. The body may be a partner
in Parcours (an enrolment of the file) or a body outside it (e.g. an orientation done at a
FOREM office): then the centre opens a record of that body for the file."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.enums import EventKind
from parcours.pathways.models import Pathway
from parcours.pathways.services.events import event_record
from parcours.pathways.services.guards import require_followed
from parcours.training.enums import EnrolmentStatus, Track
from parcours.training.models import Attendance, Enrolment, Offer, Partner
from parcours.training.services.attendance import attendance_record_statement

OUTSIDE = "outside"  # the body choice "a body outside Parcours"


@dataclass(frozen=True)
class AttestationInput:
    track: str
    body: str  # an enrolment id of the file, or OUTSIDE
    hours: Decimal
    period_from: date
    attended_on: date
    outside_body: str = ""
    note: str = ""
    overlap: str = ""


def _enrolment_in(pathway: Pathway, track: str, body: str) -> Enrolment:
    accepted = pathway.enrolments.filter(track=track, status=EnrolmentStatus.ACCEPTED)
    found = accepted.filter(pk=int(body)).first() if body.isdigit() else None
    if found is None:
        raise DomainError(
            _("Choose a body the person is enrolled with for this track, or a body outside.")
        )
    return found


def _outside_offer(partner: Partner, track: str, pathway: Pathway, actor: User) -> Offer:
    offer = partner.offers.filter(track=track).first()
    if offer is None:
        offer = Offer.objects.create(
            partner=partner,
            track=track,
            title=_("Attestations — %(track)s") % {"track": Track(track).label},
            commune=pathway.person.commune,
            capacity=1,
            is_open=False,
            updated_by=actor,
        )
    return offer


def _outside_partner(name: str, track: str) -> Partner:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise DomainError(_("Give the name of the body that issued the attestation."))
    # Compared in Python: SQLite folds the case of ASCII letters only ("École").
    names = dict(Partner.objects.values_list("pk", "name"))
    same = [pk for pk, known in names.items() if known.casefold() == cleaned.casefold()]
    partner = Partner.objects.get(pk=same[0]) if same else None
    if partner is not None and not partner.outside_parcours:
        raise DomainError(
            _("%(name)s works in Parcours: refer the person to one of its offers.")
            % {"name": partner.name}
        )
    if partner is None:
        partner = Partner.objects.create(name=cleaned, outside_parcours=True)
    flag = {
        Track.FRENCH: "gives_french",
        Track.CITIZENSHIP: "gives_citizenship",
        Track.JOB_ORIENTATION: "gives_job_orientation",
    }[Track(track)]
    if not getattr(partner, flag):
        setattr(partner, flag, True)
        partner.save(update_fields=[flag])
    return partner


def enrolment_outside_open(
    *, pathway: Pathway, track: str, body: str, on: date, actor: User
) -> Enrolment:
    """The file's record of a body outside Parcours, for the hours its attestations prove:
    accepted from `on`, reused for the next attestation of the same body."""
    partner = _outside_partner(body, track)
    offer = _outside_offer(partner, track, pathway, actor)
    found = pathway.enrolments.filter(offer=offer, status=EnrolmentStatus.ACCEPTED).first()
    if found is not None:
        return found
    enrolment = Enrolment.objects.create(
        pathway=pathway,
        offer=offer,
        track=track,
        status=EnrolmentStatus.ACCEPTED,
        referred_on=on,
        starts_on=on,
        referred_by=actor,
        answered_at=timezone.now(),
    )
    event_record(
        pathway=pathway,
        kind=EventKind.HOURS,
        actor=actor,
        summary=_("%(track)s followed at %(body)s, outside Parcours")
        % {"track": Track(track).label, "body": partner.name},
    )
    return enrolment


@transaction.atomic
def hours_record(*, pathway: Pathway, data: AttestationInput, actor: User) -> Attendance:
    """The centre records the hours an attestation proves for its period. They add to the
    hours already recorded; an overlap is shown to the user, never replaced silently."""
    require_followed(pathway)
    if data.track not in Track.values or data.hours <= 0:
        raise DomainError(_("Give a track and a positive number of hours."))
    if data.body == OUTSIDE:
        enrolment = enrolment_outside_open(
            pathway=pathway,
            track=data.track,
            body=data.outside_body,
            on=data.period_from,
            actor=actor,
        )
    else:
        enrolment = _enrolment_in(pathway, data.track, data.body)
    attendance_record_statement(
        enrolment=enrolment,
        hours=data.hours,
        period_from=data.period_from,
        up_to=data.attended_on,
        actor=actor,
        today=timezone.localdate(),
        note=data.note,
        overlap=data.overlap,
    )
    return Attendance.objects.filter(
        enrolment=enrolment, attended_on=data.attended_on, superseded_at__isnull=True
    ).latest("entered_at")
