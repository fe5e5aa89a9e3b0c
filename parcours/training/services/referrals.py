"""Referral of a person to an offer by the centre, and the partner's answers: accept (with a
start date), waiting list (with an expected start), refuse (with a reason). The waiting time
is recorded: while the Region's offer is lacking the person is not sanctionable (art. 152/8),
and the legal clock counts it as a suspension of the track's and the certificate's deadlines
(pathways.services.clock): entering or leaving the waiting list refreshes the file's deadlines."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.enums import EventKind
from parcours.pathways.models import Pathway
from parcours.pathways.services.clock import pathway_refresh
from parcours.pathways.services.events import event_record
from parcours.pathways.services.guards import require_open
from parcours.training.enums import ACTIVE_STATUSES, Answer, EnrolmentStatus
from parcours.training.models import Enrolment, EnrolmentAnswer, Offer

# Which answer may follow which status; an accepted enrolment is settled.
_ANSWERS = {
    EnrolmentStatus.REFERRED: {Answer.ACCEPT, Answer.WAIT, Answer.REFUSE},
    EnrolmentStatus.WAITING: {Answer.ACCEPT, Answer.WAIT, Answer.REFUSE},
}


@transaction.atomic
def enrolment_refer(
    *, pathway: Pathway, offer: Offer, on: date, actor: User, message: str = ""
) -> Enrolment:
    require_open(pathway)
    if not offer.is_open:
        raise DomainError(_("This offer does not take referrals now."))
    active = Enrolment.objects.filter(pathway=pathway, offer=offer, status__in=ACTIVE_STATUSES)
    if active.exists():
        raise DomainError(_("The person is already referred to this offer."))
    enrolment = Enrolment.objects.create(
        pathway=pathway,
        offer=offer,
        track=offer.track,
        referred_on=on,
        referred_by=actor,
        message=message.strip()[:500],
    )
    event_record(
        pathway=pathway,
        kind=EventKind.HOURS,
        actor=actor,
        summary=_("Referred to %(offer)s") % {"offer": offer},
    )
    return enrolment


def _seats_left(offer: Offer) -> int:
    taken = Enrolment.objects.filter(offer=offer, status=EnrolmentStatus.ACCEPTED).count()
    return offer.capacity - taken


def _check_answer(
    enrolment: Enrolment, answer: Answer, on: date, starts_on: date | None, expected: date | None
) -> None:
    if answer not in _ANSWERS.get(EnrolmentStatus(enrolment.status), set()):
        raise DomainError(_("This referral was already settled."))
    if on < enrolment.referred_on:
        raise DomainError(_("The answer cannot come before the referral."))
    if answer == Answer.ACCEPT and starts_on is None:
        raise DomainError(_("Give the start date."))
    if answer == Answer.ACCEPT and _seats_left(enrolment.offer) <= 0:
        raise DomainError(_("The class is full: put the person on the waiting list."))
    if answer == Answer.WAIT and (expected is None or expected < on):
        raise DomainError(_("Give the expected start, on or after today."))


def _apply(
    enrolment: Enrolment, answer: Answer, on: date, starts_on: date | None, expected: date | None
) -> None:
    enrolment.status = answer
    enrolment.answered_at = timezone.now()
    if answer == Answer.WAIT:
        enrolment.waiting_from = enrolment.waiting_from or on
        enrolment.expected_start_on = expected
    elif enrolment.waiting_from is not None and enrolment.waiting_until is None:
        enrolment.waiting_until = on
    if answer == Answer.ACCEPT:
        enrolment.starts_on = starts_on


def _summary(enrolment: Enrolment, answer: Answer, reason: str) -> str:
    partner = enrolment.offer.partner.name
    if answer == Answer.ACCEPT:
        return _("%(partner)s accepted: starts on %(on)s") % {
            "partner": partner,
            "on": enrolment.starts_on,
        }
    if answer == Answer.WAIT:
        return _("%(partner)s: waiting list, expected start %(on)s") % {
            "partner": partner,
            "on": enrolment.expected_start_on,
        }
    return _("%(partner)s refused: %(reason)s") % {"partner": partner, "reason": reason}


@transaction.atomic
def enrolment_answer(
    *,
    enrolment: Enrolment,
    answer: Answer,
    on: date,
    actor: User,
    starts_on: date | None = None,
    expected_start_on: date | None = None,
    reason: str = "",
) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_for_update().select_related("offer__partner").get(pk=enrolment.pk)
    )
    if answer == Answer.REFUSE and not reason.strip():
        raise DomainError(_("Say why the referral is refused."))
    _check_answer(enrolment, answer, on, starts_on, expected_start_on)
    _apply(enrolment, answer, on, starts_on, expected_start_on)
    enrolment.refusal_reason = reason.strip() if answer == Answer.REFUSE else ""
    enrolment.save()
    EnrolmentAnswer.objects.create(
        enrolment=enrolment,
        status=answer,
        on=on,
        starts_on=starts_on if answer == Answer.ACCEPT else None,
        expected_start_on=expected_start_on if answer == Answer.WAIT else None,
        reason=reason.strip(),
        answered_by=actor,
    )
    event_record(
        pathway=enrolment.pathway,
        kind=EventKind.HOURS,
        actor=actor,
        summary=_summary(enrolment, answer, reason.strip()),
    )
    if enrolment.waiting_from is not None:
        pathway_refresh(pathway=enrolment.pathway)
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, on: date, reason: str, actor: User) -> Enrolment:
    """The centre takes a pending referral or a waiting-list place back."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status not in (EnrolmentStatus.REFERRED, EnrolmentStatus.WAITING):
        raise DomainError(_("Only a pending referral or a waiting-list place can be withdrawn."))
    if not reason.strip():
        raise DomainError(_("Say why the referral is withdrawn."))
    if enrolment.waiting_from is not None and enrolment.waiting_until is None:
        enrolment.waiting_until = max(on, enrolment.waiting_from)
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save(update_fields=["status", "waiting_until"])
    EnrolmentAnswer.objects.create(
        enrolment=enrolment,
        status=EnrolmentStatus.WITHDRAWN,
        on=on,
        reason=reason.strip(),
        answered_by=actor,
    )
    event_record(
        pathway=enrolment.pathway,
        kind=EventKind.HOURS,
        actor=actor,
        summary=_("Referral withdrawn"),
        reason=reason.strip(),
    )
    if enrolment.waiting_from is not None:
        pathway_refresh(pathway=enrolment.pathway)
    return enrolment
