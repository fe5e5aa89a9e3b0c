"""A commune sees whether the people it referred, or who live in it, follow the pathway:
name, birth year and a status in words, nothing more (DESIGN.md, "Who uses it")."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from parcours.accounts.access import request_user, staff_view
from parcours.accounts.enums import Role
from parcours.audit.enums import AccessKind
from parcours.audit.services import access_record_many
from parcours.pathways.selectors import commune_inbox, commune_people, commune_person_status

PAGE_SIZE = 50


@staff_view(roles=(Role.COMMUNE,))
def commune_people_view(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    page = Paginator(commune_people(user=user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(person, commune_person_status(person)) for person in page.object_list]
    access_record_many(
        user=user, people=[person for person, _status in rows], what=AccessKind.SEARCH
    )
    return render(request, "staff/commune_people.html", {"page": page, "rows": rows})


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
