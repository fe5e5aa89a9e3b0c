from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.access import centre_staff, request_user
from parcours.appointments.selectors import staff_visible_to
from parcours.audit.services import access_record
from parcours.casework.convocations import evaluation_convene
from parcours.core.dates import today
from parcours.core.errors import DomainError
from parcours.core.http import pdf_response
from parcours.pathways.models import Convocation, Evaluation, Pathway
from parcours.pathways.services.followup import (
    EvaluationInput,
    convocation_pdf,
    evaluation_pdf,
    evaluation_record,
)
from parcours.staff.flow import form_flow, person_url, scoped_pathway
from parcours.staff.forms.casework import ConvocationForm, EvaluationForm, HoursForm
from parcours.territory.selectors import offices_visible_to
from parcours.training.enums import EnrolmentStatus
from parcours.training.models import Attendance
from parcours.training.services.attendance import AttestationOverlapError
from parcours.training.services.centre_hours import AttestationInput, hours_record


def _bodies(pathway: Pathway) -> list[tuple[str, str]]:
    accepted = pathway.enrolments.filter(status=EnrolmentStatus.ACCEPTED)
    rows = accepted.select_related("offer__partner").order_by("track", "-starts_on")
    return [(str(e.pk), f"{e.offer.partner.name} — {e.get_track_display()}") for e in rows]


@centre_staff
def hours(request: HttpRequest, pathway_id: int) -> HttpResponse:
    """An attestation of hours: an overlap with hours already recorded is shown with the rows,
    and the user says whether the attestation includes them."""
    pathway = scoped_pathway(request, pathway_id)
    initial = {"attended_on": today()}
    form = HoursForm(request.POST or None, initial=initial, bodies=_bodies(pathway))
    overlap: list[Attendance] = []
    if request.method == "POST" and form.is_valid():
        data = AttestationInput(**form.cleaned_data)
        try:
            hours_record(pathway=pathway, data=data, actor=request_user(request))
        except AttestationOverlapError as error:
            overlap = error.rows
            form.add_error("overlap", str(error.message))
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Hours recorded."))
            return redirect(person_url(pathway))
    context = {
        "form": form,
        "pathway": pathway,
        "person": pathway.person,
        "title": _("Record hours proven by an attestation"),
        "overlap": overlap,
        "overlap_hours": sum((r.hours for r in overlap), Decimal(0)),
    }
    return render(request, "staff/attestation_form.html", context)


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
    user = request_user(request)
    offices = offices_visible_to(user=user)
    first = offices.first()
    initial = {"office": first.pk if first else None, "staff": pathway.agent_id or user.pk}
    form = ConvocationForm(
        request.POST or None, initial=initial, offices=offices, staff=staff_visible_to(user=user)
    )
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Convene to an evaluation"),
        perform=lambda d: evaluation_convene(pathway=pathway, actor=user, now=timezone.now(), **d),
        success=_("Convocation recorded, and the interview is in the agenda."),
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
