"""A commune sees whether the people it referred, or who live in it, follow the pathway:
name, birth year and a status in words, nothing more (DESIGN.md, "Who uses it")."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from parcours.accounts.access import request_user, staff_view
from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.audit.enums import AccessKind
from parcours.audit.services import access_record_many
from parcours.core.dates import today
from parcours.core.exports import Cell, Sheet
from parcours.pathways.selectors import commune_inbox, commune_people, commune_person_status
from parcours.people.models import Person
from parcours.staff.lists import export_asked, export_response, sorting

PAGE_SIZE = 50


SORTS = {
    "name": ("family_name", "given_names", "pk"),
    "born": ("birth_date", "family_name", "pk"),
    "status": ("pathway_status", "family_name", "pk"),
}
EXPORT_LIMIT = 5000  # a commune's list; beyond, filter it first


@staff_view(roles=(Role.COMMUNE,))
def commune_people_view(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    order = sorting(request, SORTS, "name")
    found = commune_people(user=user).order_by(*order.order_by)
    if file_format := export_asked(request):
        return _people_export(user, list(found[:EXPORT_LIMIT]), file_format)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(person, commune_person_status(person)) for person in page.object_list]
    access_record_many(
        user=user, people=[person for person, _status in rows], what=AccessKind.SEARCH
    )
    context = {"page": page, "rows": rows, "order": order, "query": request.GET.copy()}
    return render(request, "staff/commune_people.html", context)


def _people_export(user: User, people: list[Person], file_format: str) -> HttpResponse:
    rows: list[list[Cell]] = [
        [p.full_name, p.birth_date.year, str(commune_person_status(p).label)] for p in people
    ]
    sheet = Sheet(
        title=str(_("People and the pathway")),
        header=[str(_("Name")), str(_("Birth year")), str(_("Pathway"))],
        rows=rows,
        about=[(str(_("Extracted on")), date_format(today(), "d/m/Y"))],
    )
    return export_response(
        user=user, people=people, sheet=sheet, file_format=file_format, filename="people"
    )


@staff_view(roles=(Role.COMMUNE,))
def commune_inbox_view(request: HttpRequest) -> HttpResponse:
    """What the centres told the commune about its people ("inform the commune")."""
    user = request_user(request)
    page = Paginator(commune_inbox(user=user), PAGE_SIZE).get_page(request.GET.get("page"))
    notices = list(page.object_list)
    access_record_many(
        user=user, people=[n.pathway.person for n in notices], what=AccessKind.SEARCH
    )
    return render(request, "staff/commune_inbox.html", {"page": page, "notices": notices})
