"""Certificate, status changes, moves."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.accounts.access import centre_staff, request_user
from parcours.audit.services import access_record
from parcours.casework.documents import decision_letter_pdf
from parcours.certificates.documents import certificate_pdf
from parcours.certificates.models import Certificate
from parcours.certificates.services import (
    certificate_issue,
    certificate_missing,
    certificate_revoke,
)
from parcours.core.dates import today
from parcours.core.http import pdf_response
from parcours.pathways.enums import Status
from parcours.pathways.services.moves import pathway_close_left_region
from parcours.pathways.services.status import pathway_transition
from parcours.pathways.transitions import form_choices
from parcours.staff.flow import form_flow, scoped_pathway
from parcours.staff.forms.casework import DayForm, ReasonForm, TransitionForm


@centre_staff
def certificate_new(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = DayForm(request.POST or None, initial={"on": today()})
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Issue the certificate"),
        perform=lambda d: certificate_issue(
            pathway=pathway, on=d["on"], actor=request_user(request)
        ),
        success=_("Certificate issued."),
        extra={"missing": certificate_missing(pathway)},
    )


def _certificate(request: HttpRequest, pathway_id: int, certificate_id: int) -> Certificate:
    pathway = scoped_pathway(request, pathway_id)
    return get_object_or_404(
        Certificate.objects.select_related("pathway__person"), pathway=pathway, pk=certificate_id
    )


@centre_staff
def certificate_document(
    request: HttpRequest, pathway_id: int, certificate_id: int
) -> HttpResponse:
    certificate = _certificate(request, pathway_id, certificate_id)
    access_record(
        user=request_user(request), person=certificate.pathway.person, what="certificate_pdf"
    )
    url = request.build_absolute_uri(reverse("verify:verify", args=[certificate.code]))
    return pdf_response(certificate_pdf(certificate, url), f"{certificate.number}.pdf")


@centre_staff
def certificate_revoke_view(
    request: HttpRequest, pathway_id: int, certificate_id: int
) -> HttpResponse:
    certificate = _certificate(request, pathway_id, certificate_id)
    form = ReasonForm(request.POST or None, initial={"on": today()})
    return form_flow(
        request,
        form,
        pathway=certificate.pathway,
        title=_("Revoke the certificate"),
        perform=lambda d: certificate_revoke(
            certificate=certificate, on=d["on"], reason=d["reason"], actor=request_user(request)
        ),
        success=_("Certificate revoked."),
    )


@centre_staff
def transition(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = TransitionForm(request.POST or None, initial={"to": request.GET.get("to")})
    choices = form_choices(pathway.status)
    form.fields["to"].choices = [(s.value, s.label) for s in choices]  # type: ignore[attr-defined]

    def perform(data: dict[str, Any]) -> object:
        return pathway_transition(
            pathway=pathway,
            to=Status(data["to"]),
            reason=data["reason"],
            actor=request_user(request),
            on=today(),
        )

    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Change the status"),
        perform=perform,
        success=_("Status changed."),
    )


@centre_staff
def close_left_region(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = ReasonForm(request.POST or None, initial={"on": today()})
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Close: left the French-language region"),
        perform=lambda d: pathway_close_left_region(
            pathway=pathway, actor=request_user(request), **d
        ),
        success=_("The file is closed."),
    )


@centre_staff
def decision_letter(request: HttpRequest, pathway_id: int, decision_id: int) -> HttpResponse:
    """The obligation decision as a letter to the person, in French and their language."""
    pathway = scoped_pathway(request, pathway_id)
    decision = get_object_or_404(pathway.decisions.filter(rule="obligation"), pk=decision_id)
    user = request_user(request)
    access_record(user=user, person=pathway.person, what="decision_pdf")
    return pdf_response(decision_letter_pdf(decision, user), f"decision-{decision.pk}.pdf")
