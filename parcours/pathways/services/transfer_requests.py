"""A referral for a person whose open file another centre holds asks that centre for the file
(issue 14, "Files never change hands silently"): recorded here, answered in
`transfer_answers`. Nothing of the person or the file changes meanwhile."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.enums import EventKind
from parcours.pathways.models import Pathway, TransferRequest
from parcours.pathways.services.events import event_record
from parcours.territory.models import Commune


def transfer_request_create(
    *,
    pathway: Pathway,
    fields: dict[str, Any],
    referring: Commune,
    source: str,
    referred_on: date,
    note: str,
    actor: User | None,
) -> TransferRequest:
    """One pending request per file and asking centre: the same referral sent again is the
    same request."""
    commune = fields["commune"]
    if commune.centre_id is None:
        raise DomainError(
            _("%(commune)s is not served by a centre: the Walloon pathway does not apply there.")
            % {"commune": commune.name_fr}
        )
    pending = TransferRequest.objects.filter(
        pathway=pathway, to_centre_id=commune.centre_id, state=TransferRequest.State.PENDING
    ).first()
    if pending is not None:
        return pending
    request = TransferRequest.objects.create(
        pathway=pathway,
        from_centre=pathway.centre,
        to_centre_id=commune.centre_id,
        commune=referring,
        new_commune=commune,
        street=fields.get("street", ""),
        postal_code=fields.get("postal_code", ""),
        source=source,
        referred_on=referred_on,
        note=note,
        requested_by=actor,
    )
    event_record(
        pathway=pathway,
        kind=EventKind.TRANSFER,
        actor=actor,
        summary=_("Transfer asked by %(commune)s (new address in %(new)s)")
        % {"commune": referring.name_fr, "new": commune.name_fr},
    )
    return request
