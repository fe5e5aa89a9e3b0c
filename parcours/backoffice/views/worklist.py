from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from parcours.accounts.enums import Role
from parcours.audit.enums import AccessKind
from parcours.audit.services import access_record_many
from parcours.backoffice.forms.people import SearchForm
from parcours.backoffice.views._common import casework, staff_user, today
from parcours.pathways.enums import Status
from parcours.pathways.selectors import people_search
from parcours.pathways.worklist import WorklistFilter, task_labels, worklist

PAGE_SIZE = 25


def _filters(request: HttpRequest, role: str) -> WorklistFilter:
    get = request.GET
    # Agents start on their own files (and unassigned ones); coordinators on the whole centre.
    mine = get.get("scope", "mine" if role == Role.AGENT else "centre") == "mine"
    return WorklistFilter(task=get.get("task", ""), status=get.get("status", ""), mine=mine)


@casework
def worklist_view(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    filters = _filters(request, user.role)
    day = today()
    page = Paginator(worklist(user=user, today=day, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "filters": filters,
        "tasks": task_labels(day),
        "statuses": Status.choices,
        "today": day,
        "query": request.GET.urlencode(),
    }
    template = "backoffice/_worklist_rows.html" if request.htmx else "backoffice/worklist.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@casework
def search(request: HttpRequest) -> HttpResponse:
    """POST only for the query: personal data never lands in a URL (issue 4); the people
    shown are written to the access log."""
    user = staff_user(request)
    form = SearchForm(request.POST if request.method == "POST" else None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        found = people_search(user=user, query=form.cleaned_data["q"])
        results = Paginator(found, PAGE_SIZE).get_page(request.POST.get("page"))
        access_record_many(user=user, people=results.object_list, what=AccessKind.SEARCH)
    template = "backoffice/_search_results.html" if request.htmx else "backoffice/search.html"  # type: ignore[attr-defined]
    return render(request, template, {"form": form, "results": results})
