"""The holding centre answers a transfer request; a centre's staff transfer a file to the
centre of the person's new address. Either way the file keeps its clock (referral date,
deadlines, records), the address is corrected with its history, and the receiving centre
finds the file in its transfers inbox."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.core.errors import DomainError, PermissionDeniedError
from parcours.pathways.enums import EventKind, Recipient, ReferralSource
from parcours.pathways.facts import OBLIGATION_FACTS
from parcours.pathways.models import Notification, Pathway, Transfer, TransferRequest
from parcours.pathways.services.events import event_record
from parcours.pathways.services.guards import require_open
from parcours.pathways.services.intake import ReferralInput, recompute_open, referral_on
from parcours.pathways.services.moves import pathway_transfer
from parcours.people.services import person_update
from parcours.territory.models import Commune

State = TransferRequest.State


def _pending(request: TransferRequest, actor: User) -> TransferRequest:
    current = TransferRequest.objects.select_for_update().get(pk=request.pk)
    if current.state != State.PENDING:
        raise DomainError(_("This request is already answered."))
    if actor.role != Role.ADMIN and actor.centre_id != current.from_centre_id:
        raise PermissionDeniedError(_("Only the centre holding the file answers this request."))
    return current


def _commune_told(request: TransferRequest, pathway: Pathway, what: str, actor: User) -> None:
    """The commune whose referral asked for the file reads the answer in its inbox
    ("Messages du centre", `commune_inbox`)."""
    Notification.objects.create(
        pathway=pathway,
        recipient=Recipient.COMMUNE,
        commune=request.commune,
        what=what[:300],
        sent_on=timezone.localdate(),
        sent_by=actor,
    )


def _move_person(
    pathway: Pathway, address: dict[str, object], moved_on: date, reason: str, actor: User | None
) -> Transfer:
    """Correct the address (with history), transfer the file, recompute its obligation."""
    commune = address["commune"]
    assert isinstance(commune, Commune)  # noqa: S101 - the callers give a commune
    if commune.centre is None:
        raise DomainError(
            _("%(commune)s is not served by a centre: the Walloon pathway does not apply there.")
            % {"commune": commune.name_fr}
        )
    require_open(pathway)
    if commune.centre_id == pathway.centre_id:
        raise DomainError(_("The person already depends on this centre."))
    person = pathway.person
    given = {name: value for name, value in address.items() if value not in ("", None)}
    changed = person_update(person=person, fields=given, actor=actor, reason=reason)
    new = pathway_transfer(
        pathway=pathway, to_centre=commune.centre, moved_on=moved_on, reason=reason, actor=actor
    )
    if OBLIGATION_FACTS.intersection(changed):
        recompute_open(person, actor)
    return Transfer.objects.select_related("new_pathway__centre").get(new_pathway=new)


@transaction.atomic
def transfer_request_accept(*, request: TransferRequest, actor: User) -> Transfer:
    current = _pending(request, actor)
    reason = _("Transfer asked by %(commune)s, accepted") % {"commune": current.commune.name_fr}
    address = {
        "street": current.street,
        "postal_code": current.postal_code,
        "commune": current.new_commune,
    }
    transfer = _move_person(current.pathway, address, current.referred_on, reason, actor)
    data = ReferralInput(
        person={},
        commune=current.commune,
        referred_on=current.referred_on,
        source=ReferralSource(current.source),
        note=current.note,
    )
    referral_on(pathway=transfer.new_pathway, data=data, actor=current.requested_by)
    told = _("Transfer accepted: the file is now followed by %(centre)s.")
    _commune_told(
        current, transfer.new_pathway, told % {"centre": transfer.new_pathway.centre.name}, actor
    )
    TransferRequest.objects.filter(pk=current.pk).update(
        state=State.ACCEPTED, decided_by=actor, decided_at=timezone.now(), transfer=transfer
    )
    request.refresh_from_db()
    return transfer


@transaction.atomic
def transfer_request_refuse(*, request: TransferRequest, answer: str, actor: User) -> None:
    current = _pending(request, actor)
    if not answer.strip():
        raise DomainError(_("Say why the file stays here."))
    TransferRequest.objects.filter(pk=current.pk).update(
        state=State.REFUSED, decided_by=actor, decided_at=timezone.now(), answer=answer[:2000]
    )
    event_record(
        pathway=current.pathway,
        kind=EventKind.TRANSFER,
        actor=actor,
        reason=answer,
        summary=_("Transfer asked by %(commune)s, refused") % {"commune": current.commune.name_fr},
    )
    told = _("Transfer refused by the centre holding the file: %(answer)s")
    _commune_told(current, current.pathway, told % {"answer": answer.strip()}, actor)
    request.refresh_from_db()


@transaction.atomic
def pathway_move(
    *,
    pathway: Pathway,
    commune: Commune,
    street: str,
    postal_code: str,
    moved_on: date,
    reason: str,
    actor: User,
) -> Transfer:
    """The staff's transfer: the person moved to a commune served by another centre."""
    if not reason.strip():
        raise DomainError(_("Give the reason of the transfer."))
    address = {"street": street, "postal_code": postal_code, "commune": commune}
    return _move_person(pathway, address, moved_on, reason, actor)
