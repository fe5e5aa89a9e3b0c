"""Partner bodies as a centre's coordinator manages them: create, edit, work with an existing
body, and the offers of the bodies the centre works with. Administrators manage them all.
Every change is written to the admin's change log too (who, what, when), as the admin does."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from parcours.accounts.changelog import change_record
from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.territory.models import Centre, Commune
from parcours.training.models import Offer, Partner
from parcours.training.services.offers import OfferInput, offer_save


@dataclass(frozen=True)
class PartnerInput:
    name: str
    street: str = ""
    commune: Commune | None = None
    contact_email: str = ""
    phone: str = ""
    gives_french: bool = False
    gives_citizenship: bool = False
    gives_job_orientation: bool = False
    outside_parcours: bool = False


def _check_actor(actor: User, partner: Partner | None) -> None:
    if actor.role == Role.ADMIN:
        return
    if actor.role != Role.COORDINATOR or actor.centre_id is None:
        raise DomainError(_("Only a coordinator or an administrator manages partner bodies."))
    if partner is not None and not partner.centres.filter(pk=actor.centre_id).exists():
        raise DomainError(_("This partner body does not work with your centre."))


def _check(data: PartnerInput) -> None:
    if not data.name.strip():
        raise DomainError(_("Give the name of the partner body."))
    if not (data.gives_french or data.gives_citizenship or data.gives_job_orientation):
        raise DomainError(_("Tick at least one track the partner body gives."))


@transaction.atomic
def partner_save(
    *,
    data: PartnerInput,
    actor: User,
    partner: Partner | None = None,
    centres: list[Centre] | None = None,
) -> Partner:
    """Creates or edits a body; a new one works with the coordinator's centre (an
    administrator says which centres, `centres`)."""
    _check_actor(actor, partner)
    _check(data)
    target = partner or Partner()
    for name, value in vars(data).items():
        setattr(target, name, value.strip() if isinstance(value, str) else value)
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError:
        raise DomainError(
            _("A partner body of this name already exists: add it to your centre's bodies.")
        ) from None
    if actor.role == Role.COORDINATOR and partner is None:
        target.centres.add(actor.centre_id)  # type: ignore[arg-type]  # checked above
    elif actor.role == Role.ADMIN and centres is not None:
        target.centres.set(centres)
    change_record(actor=actor, target=target, created=partner is None, what=_("partner body"))
    return target


@transaction.atomic
def partner_join(*, partner: Partner, actor: User) -> Partner:
    """The coordinator's centre works with an existing body (and manages it from now on)."""
    if actor.role != Role.COORDINATOR or actor.centre_id is None:
        raise DomainError(_("Only a coordinator adds a partner body to a centre."))
    partner.centres.add(actor.centre_id)
    change_record(actor=actor, target=partner, created=False, what=_("centres"))
    return partner


@transaction.atomic
def centre_offer_save(
    *, partner: Partner, data: OfferInput, actor: User, offer: Offer | None = None
) -> Offer:
    """An offer of a body the coordinator's centre works with (partner.tracks checked by
    offer_save)."""
    _check_actor(actor, partner)
    if data.track not in partner.tracks:
        raise DomainError(
            _("This partner body does not give this track: tick it on the body's page first.")
        )
    saved = offer_save(partner=partner, data=data, actor=actor, offer=offer)
    change_record(actor=actor, target=saved, created=offer is None, what=_("offer"))
    return saved
