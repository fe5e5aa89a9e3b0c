"""The Region (SPW) sees the sanction files sent to it: the summary and the PDF, nothing more
(CWASS art. 152/8), and records its decision on each, then the appeal."""

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.accounts.access import request_user, staff_view
from parcours.accounts.enums import Role
from parcours.audit.enums import AccessKind
from parcours.audit.services import access_record, access_record_many
from parcours.casework.documents import sanction_file_pdf
from parcours.core.dates import today
from parcours.core.http import pdf_response
from parcours.pathways.enums import SanctionDecision
from parcours.pathways.selectors import (
    sanction_file_get,
    sanction_files_for,
)
from parcours.pathways.services import compliance as service
from parcours.staff.flow import run_service
from parcours.staff.forms.casework import AppealForm, DecisionForm

PAGE_SIZE = 25
region_only = staff_view(roles=(Role.REGION,))


@region_only
def sanction_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    found = sanction_files_for(user=user).order_by("-reported_on", "-id")
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    people = [case.pathway.person for case in page.object_list]
    access_record_many(user=user, people=people, what=AccessKind.SANCTION_LIST)
    return render(request, "staff/region_sanctions.html", {"page": page})


@region_only
def sanction_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    case = sanction_file_get(user=request_user(request), case_id=case_id)
    access_record(
        user=request_user(request), person=case.pathway.person, what=AccessKind.SANCTION_FILE
    )
    return pdf_response(sanction_file_pdf(case), f"sanction-file-{case.pk}.pdf")


@region_only
def sanction_decide(request: HttpRequest, case_id: int) -> HttpResponse:
    """The decision while there is none; afterwards the appeal against it."""
    user = request_user(request)
    case = sanction_file_get(user=user, case_id=case_id)
    access_record(user=user, person=case.pathway.person, what=AccessKind.SANCTION_FILE)
    form: forms.Form
    perform: Any
    if case.decided_on is None:
        low, high = service.fine_range(today())
        form = DecisionForm(request.POST or None, initial={"decided_on": today()})
        title = _("Decision on the sanction file")
        intro = _("Today a fine is between %(low)s € and %(high)s €.") % {"low": low, "high": high}
        success = _("Decision recorded.")

        def perform(d: dict[str, Any]) -> object:
            return service.noncompliance_decide(
                case=case,
                decision=SanctionDecision(d["decision"]),
                fine_amount=d["fine_amount"],
                decided_on=d["decided_on"],
                notified_on=d["notified_on"],
                actor=user,
            )

    else:
        initial = {"lodged_on": case.appeal_lodged_on or today(), "outcome": case.appeal_outcome}
        form = AppealForm(request.POST or None, initial=initial)
        title, intro, success = _("Appeal against the decision"), "", _("Appeal recorded.")

        def perform(d: dict[str, Any]) -> object:
            return service.noncompliance_appeal(
                case=case, lodged_on=d["lodged_on"], outcome=d["outcome"], actor=user
            )

    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        error = run_service(request, lambda: perform(data), success)
        if error is None:
            return redirect("staff:region_sanctions")
        form.add_error(None, error)
    context = {"form": form, "case": case, "title": title, "intro": intro}
    return render(request, "staff/region_sanction_decide.html", context)
