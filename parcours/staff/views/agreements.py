from datetime import date
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from parcours.accounts.access import centre_staff, request_user
from parcours.audit.services import access_record
from parcours.casework.documents import agreement_pdf
from parcours.core.dates import today
from parcours.core.errors import DomainError
from parcours.core.http import file_download, mime_of, pdf_response
from parcours.pathways import parameters
from parcours.pathways.enums import SignatureMethod
from parcours.pathways.models import Agreement
from parcours.pathways.services.agreement import (
    agreement_draft,
    agreement_preview,
    agreement_sign,
)
from parcours.staff.flow import form_flow, scoped_pathway
from parcours.staff.forms.casework import AgreementDraftForm, SignForm
from parcours.training.enums import Track
from parcours.training.models import Offer
from parcours.training.selectors import offer_label, open_offers_by_track

OFFER = "offer_"


def _track_choices(on: date) -> list[tuple[str, str]]:
    return [(code, str(Track(code).label)) for code in parameters.codes("agreement_tracks", on)]


def _offer_fields(form: AgreementDraftForm, tracks: list[str]) -> dict[int, Offer]:
    """One choice a track: an open partner offer, or "to be found" by the centre."""
    known: dict[int, Offer] = {}
    for track, offers in open_offers_by_track(tracks=tracks).items():
        choices = [("", _("To be found by the centre"))]
        choices += [(str(o.pk), f"{offer_label(o)} ({o.commune.name_fr})") for o in offers]
        form.fields[OFFER + track] = forms.ChoiceField(
            label=_("Partner and offer: %(track)s") % {"track": Track(track).label},
            choices=choices,
            required=False,
        )
        known |= {o.pk: o for o in offers}
    return known


def _terms(data: dict[str, Any], known: dict[int, Offer]) -> dict[str, Any]:
    """The form's data for the service: the offers chosen out of their fields."""
    terms = {k: v for k, v in data.items() if not k.startswith(OFFER)}
    chosen = {k[len(OFFER) :]: known[int(v)] for k, v in data.items() if k.startswith(OFFER) and v}
    terms["offers"] = {t: {"offer": o.pk, "label": offer_label(o)} for t, o in chosen.items()}
    return terms


@centre_staff
def draft(request: HttpRequest, pathway_id: int) -> HttpResponse:
    """Tracks chosen on the form (the assessment's by default); a preview before saving."""
    pathway = scoped_pathway(request, pathway_id)
    assessment = getattr(pathway, "assessment", None)
    initial = {"on": today(), "tracks": assessment.tracks_needed if assessment else []}
    form = AgreementDraftForm(request.POST or None, initial=initial)
    choices = _track_choices(today())
    form.fields["tracks"].choices = choices  # type: ignore[attr-defined]
    known = _offer_fields(form, [code for code, _label in choices])
    actor = request_user(request)
    if request.method == "POST" and "preview" in request.POST and form.is_valid():
        try:
            terms = _terms(form.cleaned_data, known)
            unsaved = agreement_preview(pathway=pathway, actor=actor, **terms)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            return pdf_response(agreement_pdf(unsaved), f"agreement-{pathway.pk}-preview.pdf")
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Generate the agreement"),
        perform=lambda d: agreement_draft(pathway=pathway, actor=actor, **_terms(d, known)),
        success=_("Agreement generated: print it or sign it on screen."),
        extra={"preview": True, "show_assessment": assessment is not None},
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
