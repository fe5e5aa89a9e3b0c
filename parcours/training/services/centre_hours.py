"""Hours the centre records for a partner's statement (e.g. a paper attestation), into the
training ledger: the only source of hours for the completion check."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.models import Pathway
from parcours.pathways.services.guards import require_followed
from parcours.training.enums import EnrolmentStatus, Track
from parcours.training.models import Attendance, Enrolment
from parcours.training.services.attendance import attendance_record_statement


def _enrolment_in(pathway: Pathway, track: str) -> Enrolment:
    found = (
        pathway.enrolments.filter(track=track, status=EnrolmentStatus.ACCEPTED)
        .order_by("-starts_on", "-pk")
        .first()
    )
    if found is None:
        raise DomainError(
            _("Hours are recorded against an enrolment: first refer the person to an offer.")
        )
    return found


@transaction.atomic
def hours_record(
    *, pathway: Pathway, track: str, hours: Decimal, attended_on: date, actor: User, note: str = ""
) -> Attendance:
    """The centre records hours a partner stated (e.g. on a paper attestation), in the training
    ledger — the only source of hours for the completion check."""
    require_followed(pathway)
    if track not in Track.values or hours <= 0:
        raise DomainError(_("Give a track and a positive number of hours."))
    attendance_record_statement(
        enrolment=_enrolment_in(pathway, track),
        hours=hours,
        up_to=attended_on,
        actor=actor,
        today=timezone.localdate(),
        note=note,
    )
    return Attendance.objects.filter(
        enrolment__pathway=pathway, attended_on=attended_on, superseded_at__isnull=True
    ).latest("entered_at")
