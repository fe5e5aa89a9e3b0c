"""The statuses of SERVICE_ONLY (completed, agreed, non-compliant, reported, transferred,
withdrawn) are entered only by the service that checked their own rule first: the certificate,
the agreement, the non-compliance case, the transfer and the closing. import-linter's
"protected" contract (pyproject.toml) lets only those modules import this one."""

from collections.abc import Mapping
from datetime import date

from parcours.accounts.models import User
from parcours.pathways.enums import Status
from parcours.pathways.models import Pathway
from parcours.pathways.services.status_core import (
    ManyWritten,
    transition_write,
    transitions_check_many,
    transitions_write_many,
)


def pathway_transition_owned(
    *, pathway: Pathway, to: Status, actor: User | None, reason: str, on: date | None = None
) -> Pathway:
    return transition_write(
        pathway=pathway, to=to, actor=actor, reason=reason, on=on, by_service=True
    )


def pathways_transition_owned(
    *,
    reasons: Mapping[int, str],
    to: Status,
    actor: User | None,
    on: date,
    checked: ManyWritten | None = None,
) -> ManyWritten:
    """`pathway_transition_owned` for a set of files, each with its reason (the sweep's);
    `checked`: `pathways_transition_check`'s answer in the same transaction."""
    return transitions_write_many(
        reasons=reasons, to=to, actor=actor, on=on, by_service=True, checked=checked
    )


def pathways_transition_check(*, reasons: Mapping[int, str], to: Status) -> ManyWritten:
    """The checks of `pathways_transition_owned`, the rows locked, nothing written."""
    return transitions_check_many(reasons=reasons, to=to, by_service=True)
