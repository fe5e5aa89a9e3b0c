"""The Region (SPW) sees the sanction files sent to it: the summary and the PDF, nothing more
(CWASS art. 152/8)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from parcours.accounts.access import request_user, staff_view
from parcours.accounts.enums import Role
from parcours.audit.enums import AccessKind
from parcours.audit.services import access_record, access_record_many
from parcours.core.http import pdf_response
from parcours.pathways.documents import render_pdf
from parcours.pathways.selectors import (
    sanction_file_context,
    sanction_file_get,
    sanction_files_for,
)

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
    pdf = render_pdf("documents/sanction_file.html", sanction_file_context(case), "fr")
    return pdf_response(pdf, f"sanction-file-{case.pk}.pdf")
