from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from parcours.accounts.access import centre_staff, request_user
from parcours.audit.services import access_record
from parcours.casework.documents import agreement_pdf
from parcours.core.dates import today
from parcours.core.http import file_download, mime_of, pdf_response
from parcours.pathways.enums import SignatureMethod
from parcours.pathways.models import Agreement
from parcours.pathways.services.agreement import agreement_draft, agreement_sign
from parcours.staff.flow import form_flow, scoped_pathway
from parcours.staff.forms.casework import DayForm, SignForm


@centre_staff
def draft(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = DayForm(request.POST or None, initial={"on": today()})
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Generate the agreement"),
        perform=lambda d: agreement_draft(pathway=pathway, on=d["on"], actor=request_user(request)),
        success=_("Agreement generated: print it or sign it on screen."),
    )


@centre_staff
def sign(request: HttpRequest, pathway_id: int, version: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    agreement = get_object_or_404(Agreement, pathway=pathway, version=version)
    form = SignForm(request.POST or None, request.FILES or None, initial={"signed_on": today()})

    def perform(data: dict[str, Any]) -> object:
        return agreement_sign(
            agreement=agreement,
            signed_on=data["signed_on"],
            method=SignatureMethod(data["method"]),
            scan=data.get("scan"),
            actor=request_user(request),
        )

    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Sign the agreement"),
        perform=perform,
        success=_("Agreement signed."),
        extra={"multipart": True},
    )


@centre_staff
def pdf(request: HttpRequest, pathway_id: int, version: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    agreement = get_object_or_404(Agreement, pathway=pathway, version=version)
    access_record(user=request_user(request), person=pathway.person, what="agreement_pdf")
    document = agreement_pdf(agreement)
    return pdf_response(document, f"agreement-{pathway.pk}-v{agreement.version}.pdf")


@centre_staff
def scan(request: HttpRequest, pathway_id: int, version: int) -> HttpResponse:
    """The signed paper agreement as it was scanned (404 for a version signed on screen)."""
    pathway = scoped_pathway(request, pathway_id)
    agreement = get_object_or_404(Agreement, pathway=pathway, version=version)
    access_record(user=request_user(request), person=pathway.person, what="agreement_pdf")
    return file_download(agreement.scan, mime_of(agreement.scan.name))
