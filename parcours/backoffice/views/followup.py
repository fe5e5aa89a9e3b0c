from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from parcours.audit.services import access_record
from parcours.backoffice.forms.casework import ConvocationForm, EvaluationForm, HoursForm
from parcours.backoffice.views._common import (
    casework,
    form_flow,
    pdf_response,
    scoped_pathway,
    staff_user,
    today,
)
from parcours.pathways.models import Convocation
from parcours.pathways.services.followup import (
    EvaluationInput,
    convocation_pdf,
    convocation_send,
    evaluation_record,
    hours_record,
)


@casework
def hours(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = HoursForm(request.POST or None, initial={"attended_on": today()})
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Record training hours"),
        perform=lambda d: hours_record(pathway=pathway, actor=staff_user(request), **d),
        success=_("Hours recorded."),
    )


@casework
def evaluation(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = EvaluationForm(request.POST or None, initial={"held_on": today()})

    def perform(data: dict[str, Any]) -> object:
        return evaluation_record(
            pathway=pathway, actor=staff_user(request), data=EvaluationInput(**data)
        )

    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Evaluation interview"),
        perform=perform,
        success=_("Evaluation recorded."),
    )


@casework
def convocation(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = ConvocationForm(request.POST or None)
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Convene to an evaluation"),
        perform=lambda d: convocation_send(pathway=pathway, actor=staff_user(request), **d),
        success=_("Convocation recorded."),
    )


@casework
def convocation_letter(request: HttpRequest, pathway_id: int, convocation_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    item = get_object_or_404(
        Convocation.objects.select_related("pathway__person__commune", "pathway__centre"),
        pathway=pathway,
        pk=convocation_id,
    )
    access_record(user=staff_user(request), person=pathway.person, what="convocation_pdf")
    return pdf_response(convocation_pdf(item), f"convocation-{item.pk}.pdf")
