"""The one writer of a pathway's status: the checks and the write. Only `status` (what a person
asks for) and `status_owned` (the owning services) may import it — import-linter's
"protected" contract in pyproject.toml says so."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.enums import EventKind, Status
from parcours.pathways.errors import TransitionNotAllowedError
from parcours.pathways.models import Pathway, PathwayEvent
from parcours.pathways.transitions import CLOSED_STATUSES, SERVICE_ONLY, allowed_from

_DATE_FIELDS = {
    Status.INVITED: "invited_on",
    Status.AGREED: "agreed_on",
    Status.COMPLETED: "completed_on",
}


def _check(pathway: Pathway, to: Status, reason: str, by_service: bool) -> None:
    if to in SERVICE_ONLY and not by_service:
        raise TransitionNotAllowedError(
            _("“%(to)s” is set by its own step (certificate, agreement, case, transfer, closing).")
            % {"to": to.label}
        )
    if to not in allowed_from(pathway.status):
        raise TransitionNotAllowedError(
            _("A pathway cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Status(pathway.status).label, "to": to.label}
        )
    # Volunteers are never sanctioned (domain.md, "Who is concerned"; CWASS art. 152/8).
    if to in (Status.NON_COMPLIANT, Status.REPORTED) and not pathway.is_obliged:
        raise TransitionNotAllowedError(_("Only an obliged person can be found non-compliant."))
    if not reason.strip():
        raise DomainError(_("Say why the status changes."))


@transaction.atomic
def transition_write(
    *,
    pathway: Pathway,
    to: Status,
    actor: User | None,
    reason: str,
    on: date | None,
    by_service: bool,
) -> Pathway:
    current = Pathway.objects.select_for_update().select_related("person").get(pk=pathway.pk)
    _check(current, to, reason, by_service)
    day = on or timezone.localdate()  # the centre's calendar day
    fields = ["status", "updated_at"]
    if to in _DATE_FIELDS and getattr(current, _DATE_FIELDS[to]) is None:
        setattr(current, _DATE_FIELDS[to], day)
        fields.append(_DATE_FIELDS[to])
    if to in CLOSED_STATUSES:
        current.closed_on = day
        fields.append("closed_on")
    PathwayEvent.objects.create(
        pathway=current,
        kind=EventKind.STATUS,
        from_status=current.status,
        to_status=to,
        summary=_("Status: %(to)s") % {"to": to.label},
        reason=reason,
        actor=actor,
    )
    current.status = to
    current.save(update_fields=fields)
    pathway.refresh_from_db()
    return current
