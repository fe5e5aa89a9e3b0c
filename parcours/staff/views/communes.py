"""A commune sees whether the people it referred, or who live in it, follow the pathway:
name, birth year and a status in words, nothing more (DESIGN.md, "Who uses it")."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from parcours.accounts.access import request_user, staff_view
from parcours.accounts.enums import Role
from parcours.audit.enums import AccessKind
from parcours.audit.services import access_record_many
from parcours.pathways.selectors import commune_people, commune_status

PAGE_SIZE = 50


@staff_view(roles=(Role.COMMUNE,))
def commune_people_view(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    page = Paginator(commune_people(user=user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(person, commune_status(person.pathway_status)) for person in page.object_list]
    access_record_many(
        user=user, people=[person for person, _status in rows], what=AccessKind.SEARCH
    )
    return render(request, "staff/commune_people.html", {"page": page, "rows": rows})
