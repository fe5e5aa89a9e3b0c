"""The file's legal adjustments: waivers (the decision is recomputed), suspension and force
majeure (the clock moves), and the referent agent."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from parcours.accounts.access import centre_staff, request_user
from parcours.appointments.selectors import staff_visible_to
from parcours.pathways.enums import AdjustmentKind
from parcours.pathways.services.staffing import pathway_assign_agent
from parcours.pathways.services.waivers import (
    adjustment_record,
    waiver_grounds,
    waiver_record,
    waiver_withdraw,
)
from parcours.staff.flow import form_flow, scoped_pathway
from parcours.staff.forms.adjustments import (
    AdjustmentForm,
    AgentForm,
    WaiverForm,
    WithdrawForm,
)


@centre_staff
def waiver_new(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = WaiverForm(request.POST or None, grounds=waiver_grounds(pathway.referred_on))
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Record a waiver"),
        perform=lambda d: waiver_record(
            pathway=pathway,
            ground=d["ground"],
            evidence=d["evidence"],
            actor=request_user(request),
        ),
        success=_("Waiver recorded; the obligation decision was recomputed."),
    )


@centre_staff
def waiver_remove(request: HttpRequest, pathway_id: int, waiver_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    waiver = get_object_or_404(pathway.waivers.select_related("pathway"), pk=waiver_id)
    form = WithdrawForm(request.POST or None)
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Withdraw a waiver"),
        perform=lambda d: waiver_withdraw(
            waiver=waiver, reason=d["reason"], actor=request_user(request)
        ),
        success=_("Waiver withdrawn; the obligation decision was recomputed."),
        extra={"intro": waiver.evidence},
    )


@centre_staff
def adjustment_new(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = AdjustmentForm(request.POST or None)
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Suspension or force majeure"),
        perform=lambda d: adjustment_record(
            pathway=pathway,
            kind=AdjustmentKind(d["kind"]),
            starts_on=d["starts_on"],
            until=d["until"],
            reason=d["reason"],
            actor=request_user(request),
        ),
        success=_("Period recorded; the deadlines were recomputed."),
    )


@centre_staff
def agent_assign(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    user = request_user(request)
    form = AgentForm(
        request.POST or None, staff=staff_visible_to(user=user), initial={"agent": pathway.agent}
    )
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Referent agent"),
        perform=lambda d: pathway_assign_agent(pathway=pathway, agent=d["agent"], actor=user),
        success=_("Referent agent saved."),
    )
