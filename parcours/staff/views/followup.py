from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from parcours.accounts.access import centre_staff, request_user
from parcours.audit.services import access_record
from parcours.core.dates import today
from parcours.core.http import pdf_response
from parcours.pathways.models import Convocation, Evaluation
from parcours.pathways.services.followup import (
    EvaluationInput,
    convocation_pdf,
    convocation_send,
    evaluation_pdf,
    evaluation_record,
)
from parcours.staff.flow import form_flow, scoped_pathway
from parcours.staff.forms.casework import ConvocationForm, EvaluationForm, HoursForm
from parcours.training.services.centre_hours import hours_record


@centre_staff
def hours(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = HoursForm(request.POST or None, initial={"attended_on": today()})
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Record training hours"),
        perform=lambda d: hours_record(pathway=pathway, actor=request_user(request), **d),
        success=_("Hours recorded."),
    )


@centre_staff
def evaluation(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = EvaluationForm(request.POST or None, initial={"held_on": today()})

    def perform(data: dict[str, Any]) -> object:
        return evaluation_record(
            pathway=pathway, actor=request_user(request), data=EvaluationInput(**data)
        )

    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Evaluation interview"),
        perform=perform,
        success=_("Evaluation recorded."),
    )


@centre_staff
def convocation(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = ConvocationForm(request.POST or None)
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Convene to an evaluation"),
        perform=lambda d: convocation_send(pathway=pathway, actor=request_user(request), **d),
        success=_("Convocation recorded."),
    )


@centre_staff
def convocation_letter(request: HttpRequest, pathway_id: int, convocation_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    item = get_object_or_404(
        Convocation.objects.select_related("pathway__person__commune", "pathway__centre"),
        pathway=pathway,
        pk=convocation_id,
    )
    access_record(user=request_user(request), person=pathway.person, what="convocation_pdf")
    return pdf_response(convocation_pdf(item), f"convocation-{item.pk}.pdf")


@centre_staff
def evaluation_report(request: HttpRequest, pathway_id: int, evaluation_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    item = get_object_or_404(
        Evaluation.objects.select_related("pathway__person", "pathway__centre", "held_by"),
        pathway=pathway,
        pk=evaluation_id,
    )
    access_record(user=request_user(request), person=pathway.person, what="evaluation_pdf")
    return pdf_response(evaluation_pdf(item), f"evaluation-{item.pk}.pdf")
