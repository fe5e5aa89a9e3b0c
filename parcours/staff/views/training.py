"""The centre's side: refer a person to an offer, follow the answers, read the ledger."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parcours.accounts.access import centre_staff, request_user
from parcours.core.dates import today
from parcours.core.errors import DomainError
from parcours.core.http import file_download, mime_of
from parcours.pathways.loading import pathways_with_file
from parcours.staff.flow import person_url, scoped_pathway
from parcours.staff.forms.training import ReferForm, WithdrawForm
from parcours.training.models import Offer
from parcours.training.selectors import (
    enrolment_get_for_staff,
    history_page,
    pathway_attendance_history,
    pathway_ledger,
    suitable_offers,
)
from parcours.training.services.referrals import enrolment_refer, enrolment_withdraw


@centre_staff
def refer(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    context = {
        "pathway": pathway,
        "person": pathway.person,
        "suggestions": suitable_offers(pathway=pathway),
        "form": ReferForm(),
    }
    return render(request, "staff/training/refer.html", context)


@require_POST
@centre_staff
def refer_to(request: HttpRequest, pathway_id: int, offer_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    offer = get_object_or_404(Offer.objects.select_related("partner"), pk=offer_id)
    form = ReferForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        enrolment_refer(
            pathway=pathway, offer=offer, on=today(), message=message, actor=request_user(request)
        )
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("staff:centre_refer", pathway.pk)
    messages.success(request, _("Referred to %(offer)s.") % {"offer": offer})
    return redirect(person_url(pathway) + "#hours")


@centre_staff
def ledger(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id, what="training_ledger")
    loaded = pathways_with_file().get(pk=pathway.pk)
    # The per-track totals come from SQL sums (ledger); only the history is paged.
    history = history_page(pathway_attendance_history(pathway), request.GET.get("page"))
    context = {
        "pathway": pathway,
        "person": pathway.person,
        "lines": pathway_ledger(pathway=loaded, today=today()),
        "history": history,
        "today": today(),
    }
    return render(request, "staff/training/ledger.html", context)


@centre_staff
def withdraw(request: HttpRequest, pathway_id: int, enrolment_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    enrolment = enrolment_get_for_staff(
        user=request_user(request), pathway=pathway, enrolment_id=enrolment_id
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment_withdraw(
                enrolment=enrolment,
                on=today(),
                reason=form.cleaned_data["reason"],
                actor=request_user(request),
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Referral withdrawn."))
            return redirect("staff:centre_ledger", pathway.pk)
    context = {
        "form": form,
        "pathway": pathway,
        "person": pathway.person,
        "title": _("Withdraw the referral to %(offer)s") % {"offer": enrolment.offer},
    }
    return render(request, "staff/file_form.html", context)


@centre_staff
def attestation_file(
    request: HttpRequest, pathway_id: int, enrolment_id: int, attestation_id: int
) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id, what="training_attestation")
    enrolment = enrolment_get_for_staff(
        user=request_user(request), pathway=pathway, enrolment_id=enrolment_id
    )
    item = get_object_or_404(enrolment.attestations, pk=attestation_id)
    return file_download(item.file, item.content_type)


@centre_staff
def level_proof(request: HttpRequest, pathway_id: int, enrolment_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id, what="training_level_proof")
    enrolment = enrolment_get_for_staff(
        user=request_user(request), pathway=pathway, enrolment_id=enrolment_id
    )
    return file_download(enrolment.level_proof, mime_of(enrolment.level_proof.name or ""))
