"""Moves: a new address served by another centre transfers the file and its clock; leaving
the French-language region ends it (domain.md, "The pathway", 9)."""

from datetime import date

from django.db import models, transaction
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.enums import EventKind, Status
from parcours.pathways.models import (
    Adjustment,
    AdministrativeHelp,
    Agreement,
    Convocation,
    Decision,
    Evaluation,
    FrenchTest,
    HealthNote,
    NonCompliance,
    Pathway,
    RightsSession,
    SocialAssessment,
    Transfer,
    Waiver,
)
from parcours.pathways.services.clock import pathway_refresh
from parcours.pathways.services.events import event_record
from parcours.pathways.services.guards import require_open
from parcours.pathways.services.status_owned import pathway_transition_owned
from parcours.territory.models import Centre

# The file follows the person; the old centre keeps its timeline and the transfer record.
_FOLLOWING = (
    Adjustment,
    AdministrativeHelp,
    Agreement,
    Convocation,
    Decision,
    Evaluation,
    FrenchTest,
    HealthNote,
    NonCompliance,
    RightsSession,
    SocialAssessment,
    Waiver,
)
# Records of the domains above pathways that follow a file when it moves to another centre:
# they register here when their app is ready (pathways imports none of them).
_followers: list[type[models.Model]] = []


def follower_register(model: type[models.Model]) -> None:
    if model not in _followers:
        _followers.append(model)


_COPIED = (
    "person",
    "status",
    "voluntary",
    "obligation",
    "referred_on",
    "invited_on",
    "module_done_on",
    "agreed_on",
)


@transaction.atomic
def pathway_transfer(
    *, pathway: Pathway, to_centre: Centre, moved_on: date, reason: str, actor: User | None
) -> Pathway:
    require_open(pathway)
    if to_centre.pk == pathway.centre_id:
        raise DomainError(_("The person already depends on this centre."))
    new = Pathway.objects.create(
        centre=to_centre,
        transferred_from=pathway,
        **{name: getattr(pathway, name) for name in _COPIED},
    )
    following: tuple[type[models.Model], ...] = (*_FOLLOWING, *_followers)
    for model in following:
        model._default_manager.filter(pathway=pathway).update(pathway=new)
    Transfer.objects.create(
        old_pathway=pathway,
        new_pathway=new,
        from_centre=pathway.centre,
        to_centre=to_centre,
        moved_on=moved_on,
        reason=reason,
        created_by=actor,
    )
    pathway_transition_owned(
        pathway=pathway, to=Status.TRANSFERRED, actor=actor, on=moved_on, reason=reason
    )
    event_record(
        pathway=new,
        kind=EventKind.TRANSFER,
        actor=actor,
        reason=reason,
        summary=_("Transferred from %(c)s") % {"c": pathway.centre.code},
    )
    return pathway_refresh(pathway=new)


@transaction.atomic
def pathway_close_left_region(*, pathway: Pathway, on: date, reason: str, actor: User) -> Pathway:
    return pathway_transition_owned(
        pathway=pathway,
        to=Status.WITHDRAWN,
        actor=actor,
        on=on,
        reason=reason or _("Left the French-language region."),
    )
