"""The one writer of a pathway's status: the checks and the write. Only `status` (what a person
asks for) and `status_owned` (the owning services) may import it — import-linter's
"protected" contract in pyproject.toml says so."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.bulk import values_insert
from parcours.core.errors import DomainError
from parcours.pathways.enums import EventKind, Status
from parcours.pathways.errors import TransitionNotAllowedError
from parcours.pathways.models import Pathway, PathwayEvent
from parcours.pathways.transitions import CLOSED_STATUSES, SERVICE_ONLY, allowed_from
from parcours.pathways.urgency import pathway_urgency_refresh, urgency_of_status

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
    fields = ["status", "updated_at", "pace_check_on"]
    current.pace_check_on = None  # its pace is read again tonight (casework.pace)
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


@dataclass(frozen=True)
class ManyWritten:
    """What `transitions_write_many` did: each changed file's status before, by primary key,
    and why each refused file was refused."""

    before: dict[int, str]
    refused: dict[int, str]


def transitions_check_many(
    *, reasons: Mapping[int, str], to: Status, by_service: bool
) -> ManyWritten:
    """The checks of `transition_write` for a set of files, their rows locked until the end
    of the transaction, nothing written: what `transitions_write_many` would do."""
    current = (
        Pathway.objects.select_for_update()
        .filter(pk__any_of=reasons)
        .only("pk", "status", "obligation", "voluntary")
        .order_by("pk")
    )
    before: dict[int, str] = {}
    refused: dict[int, str] = {}
    for pathway in current:
        try:
            _check(pathway, to, reasons[pathway.pk], by_service)
        except DomainError as error:
            refused[pathway.pk] = str(error)
        else:
            before[pathway.pk] = pathway.status
    return ManyWritten(before, refused)


@transaction.atomic
def transitions_write_many(
    *,
    reasons: Mapping[int, str],
    to: Status,
    actor: User | None,
    on: date,
    by_service: bool,
    checked: ManyWritten | None = None,
) -> ManyWritten:
    """The same change as `transition_write` for a set of files (the nightly sweep's): the
    same checks file by file in one locking read, then one UPDATE of the status (with the
    worklist's stored task when the new status settles it, `urgency_of_status`; else a second
    UPDATE for it) and one COPY of the timeline events, whatever the number of files.
    `reasons`: the files' primary keys, each with its reason. A file the checks refuse is
    left as it was, with the reason of the refusal. `checked`: what `transitions_check_many`
    answered for these files and this `to` earlier in the same transaction (their rows
    locked since): not read and checked again."""
    if checked is None:
        checked = transitions_check_many(reasons=reasons, to=to, by_service=by_service)
    else:
        unchecked = set(reasons) - checked.before.keys() - checked.refused.keys()
        if unchecked:
            raise ValueError(f"{len(unchecked)} file(s) were not checked")
        checked = ManyWritten(
            {pk: status for pk, status in checked.before.items() if pk in reasons},
            {pk: why for pk, why in checked.refused.items() if pk in reasons},
        )
    if not checked.before:
        return checked
    columns: dict[str, Any] = {"status": to, "updated_at": timezone.now(), "pace_check_on": None}
    if to in _DATE_FIELDS:
        columns[_DATE_FIELDS[to]] = Coalesce(F(_DATE_FIELDS[to]), Value(on))
    if to in CLOSED_STATUSES:
        columns["closed_on"] = on
    changed = Pathway.objects.filter(pk__any_of=checked.before)
    settled = urgency_of_status(to)  # a status whose urgency no fact changes: with it
    changed.update(**columns, **(settled.columns() if settled else {}))
    if settled is None:
        pathway_urgency_refresh(changed, today=timezone.localdate())  # as `Pathway.save` does
    summary = _("Status: %(to)s") % {"to": to.label}
    actor_id = actor.pk if actor is not None else None
    values_insert(
        PathwayEvent,
        [
            {
                "pathway_id": pk,
                "kind": EventKind.STATUS,
                "from_status": status,
                "to_status": to,
                "summary": summary,
                "reason": reasons[pk],
                "actor_id": actor_id,
            }
            for pk, status in checked.before.items()
        ],
    )
    return checked
