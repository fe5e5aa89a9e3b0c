"""Who follows a file: the referent agent, chosen among the centre's active staff."""

from django.db import transaction
from django.utils.translation import gettext as _

from parcours.accounts.enums import CENTRE_ROLES
from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.enums import EventKind
from parcours.pathways.models import Pathway
from parcours.pathways.services.events import event_record
from parcours.pathways.services.guards import require_open


@transaction.atomic
def pathway_assign_agent(*, pathway: Pathway, agent: User | None, actor: User) -> Pathway:
    """`agent` None leaves the file unassigned (it shows on every agent's worklist)."""
    require_open(pathway)
    if agent is not None and (
        agent.role not in CENTRE_ROLES
        or agent.centre_id != pathway.centre_id
        or not agent.is_active
    ):
        raise DomainError(_("The referent must be an active member of the centre's staff."))
    if agent is not None and agent.pk == pathway.agent_id:
        return pathway
    Pathway.objects.filter(pk=pathway.pk).update(agent=agent)
    name = (agent.full_name or agent.email) if agent else _("nobody")
    event_record(
        pathway=pathway,
        kind=EventKind.STATUS,
        actor=actor,
        summary=_("Referent agent: %(name)s") % {"name": name},
    )
    pathway.agent = agent
    return pathway
