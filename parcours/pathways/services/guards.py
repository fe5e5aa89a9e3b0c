import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.enums import Status
from parcours.pathways.models import Pathway
from parcours.pathways.services.status import pathway_transition
from parcours.pathways.transitions import OPEN_STATUSES


def require_open(pathway: Pathway) -> None:
    pathway.refresh_from_db(fields=["status", "module_done_on", "agreed_on"])
    if pathway.status not in OPEN_STATUSES:
        raise DomainError(_("This pathway is closed: nothing can be recorded on it."))


def ensure_presented(pathway: Pathway, actor: User | None) -> None:
    """Recording a part of the welcome module means the person presented at the centre."""
    if pathway.status in (Status.REFERRED, Status.INVITED):
        pathway_transition(
            pathway=pathway,
            to=Status.WELCOME,
            actor=actor,
            reason=_("The person presented at the centre."),
        )


P = ParamSpec("P")
R = TypeVar("R")


def dates_in_calendar(service: Callable[P, R]) -> Callable[P, R]:
    """Deadlines computed from a date far in the future leave the calendar (year 9999):
    a clear refusal, and the service's transaction rolls back, instead of a 500."""

    @functools.wraps(service)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return service(*args, **kwargs)
        except (OverflowError, ValueError) as error:  # date(10000, …), timedelta overflow
            raise DomainError(
                _("These dates or months lead past the calendar: check them.")
            ) from error

    return wrapper


_FOLLOWED = (Status.AGREED, Status.IN_TRAINING)


def require_followed(pathway: Pathway) -> None:
    """Follow-up (hours, evaluations) starts once the agreement is signed."""
    require_open(pathway)
    if pathway.status not in _FOLLOWED:
        raise DomainError(_("Follow-up starts once the agreement is signed."))
