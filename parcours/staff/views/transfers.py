"""Transfers between centres: the staff's transfer (new address, commune, confirmation), the
requests other referrers made for this centre's files (accept or refuse), and the inbox of
files received from other centres."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.accounts.access import centre_staff, request_user
from parcours.core.dates import today
from parcours.core.errors import DomainError
from parcours.pathways.selectors import (
    transfer_request_get_for_staff,
    transfer_requests_asked,
    transfer_requests_to_answer,
    transfer_sent_get_for_staff,
    transfers_received,
)
from parcours.pathways.services.transfer_answers import (
    pathway_move,
    transfer_request_accept,
    transfer_request_refuse,
)
from parcours.staff.flow import scoped_pathway
from parcours.staff.forms.casework import RefuseTransferForm, TransferForm

INBOX_ROWS = 100


@centre_staff
def transfer(request: HttpRequest, pathway_id: int) -> HttpResponse:
    user = request_user(request)
    pathway = scoped_pathway(request, pathway_id)
    person = pathway.person
    initial = {"moved_on": today()}
    form = TransferForm(request.POST or None, initial=initial, centre_id=pathway.centre_id)
    if request.method == "POST" and form.is_valid():
        try:
            done = pathway_move(pathway=pathway, actor=user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            return redirect("staff:transfer_done", done.pk)
    context = {
        "form": form,
        "pathway": pathway,
        "person": person,
        "title": _("Transfer to another centre"),
        "intro": _(
            "The person moved: give the new address. The file, its records and its deadlines "
            "go to the centre of the new commune, which finds it in its transfers."
        ),
    }
    return render(request, "staff/file_form.html", context)


@centre_staff
def transfer_done(request: HttpRequest, transfer_id: int) -> HttpResponse:
    done = transfer_sent_get_for_staff(user=request_user(request), transfer_id=transfer_id)
    return render(request, "staff/transfer_done.html", {"transfer": done})


@centre_staff
def transfers(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    context = {
        "to_answer": transfer_requests_to_answer(user=user)[:INBOX_ROWS],
        "asked": transfer_requests_asked(user=user)[:INBOX_ROWS],
        "received": transfers_received(user=user)[:INBOX_ROWS],
    }
    return render(request, "staff/transfers.html", context)


@centre_staff
def transfer_request(request: HttpRequest, request_id: int) -> HttpResponse:
    user = request_user(request)
    asked = transfer_request_get_for_staff(user=user, request_id=request_id)
    form = RefuseTransferForm(request.POST if request.POST.get("refuse") else None)
    if request.method == "POST":
        try:
            if request.POST.get("refuse"):
                if form.is_valid():
                    transfer_request_refuse(
                        request=asked, answer=form.cleaned_data["answer"], actor=user
                    )
                    messages.success(request, _("Refused: the file stays here."))
                    return redirect("staff:transfers")
            else:
                transfer_request_accept(request=asked, actor=user)
                messages.success(request, _("Accepted: the file is transferred."))
                return redirect("staff:transfers")
        except DomainError as error:
            messages.error(request, str(error.message))
            return redirect("staff:transfers")
    return render(request, "staff/transfer_request.html", {"asked": asked, "form": form})
