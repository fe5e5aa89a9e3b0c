from dataclasses import replace
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from parcours.accounts.access import centre_staff, request_user
from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.appointments.selectors import staff_visible_to
from parcours.audit.enums import AccessKind
from parcours.audit.services import access_record_many
from parcours.casework.worklist import (
    COUNT_BOUND,
    ORDERS,
    URGENCY,
    WorklistFilter,
    task_labels,
    worklist,
)
from parcours.core.dates import today
from parcours.core.exports import Cell, Sheet
from parcours.pathways.enums import Status
from parcours.pathways.models import Pathway
from parcours.pathways.selectors import (
    SEARCH_LIMIT,
    people_in_order,
    people_search_keys,
    people_search_similar,
)
from parcours.staff.forms.people import SearchForm
from parcours.staff.lists import Sorting, export_asked, export_response, sorting
from parcours.territory.models import Commune
from parcours.training.enums import Track

PAGE_SIZE = 25
EXPORT_LIMIT = 5000  # rows in a downloaded worklist; beyond, filter it first
MAX_DIGITS = 9  # an id in a URL filter: longer is no filter (an integer column's range)


def _number(text: str | None) -> int | None:
    """A number from the URL; anything else is no filter (never an error page)."""
    return int(text) if text and text.isdigit() and len(text) <= MAX_DIGITS else None


def _filters(request: HttpRequest, role: str) -> WorklistFilter:
    get = request.GET
    # Agents start on their own files (and unassigned ones); coordinators on the whole centre.
    scope = get.get("scope", "mine" if role == Role.AGENT else "centre")
    waiting = get.get("waiting", "")
    return WorklistFilter(
        task=get.get("task", ""),
        status=get.get("status", ""),
        mine=scope == "mine",
        own=scope == "own",
        agent=_number(get.get("agent")),
        overdue=get.get("overdue") == "1",
        waiting=waiting if waiting in Track.values else "",
        place=_number(get.get("place")),
        every=get.get("all") == "1",
        pace=get.get("pace") == "1",
    )


def _narrowed_names(user: User, filters: WorklistFilter) -> dict[str, object]:
    """The names a dashboard's filter stands for, within the user's centre only."""
    names: dict[str, object] = {}
    if filters.agent:
        found = staff_visible_to(user=user).filter(pk=filters.agent).first()
        names["agent_name"] = found.full_name if found else ""
    if filters.waiting:
        names["waiting_label"] = Track(filters.waiting).label
    if filters.place is not None:
        commune = Commune.objects.filter(pk=filters.place).first()
        names["place_name"] = commune.name_fr if commune else ""
    return names


@centre_staff
def worklist_view(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    filters = _filters(request, user.role)
    day = today()
    number = request.GET.get("page")
    asked = int(number) if number and number.isdigit() else 1
    # The count goes a few pages past the one asked for, never over every open file.
    reach = max(COUNT_BOUND, (min(asked, 10_000) + 4) * PAGE_SIZE)
    order = sorting(request, ORDERS, URGENCY)
    if order.key == "due":  # the next due date is the urgency order; its column shows it
        order = replace(order, key=URGENCY)
    if file_format := export_asked(request):
        every = worklist(
            user=user,
            today=day,
            filters=filters,
            reach=EXPORT_LIMIT,
            sort=order.key,
            descending=order.descending,
        )
        return _worklist_export(user, list(every), day, file_format, order)
    found = worklist(
        user=user,
        today=day,
        filters=filters,
        reach=reach,
        sort=order.key,
        descending=order.descending,
    )
    page = Paginator[Pathway](found, PAGE_SIZE).get_page(number)
    # Each label translated once per page (rows and filters), not once per row: a row's
    # `get_status_display` translated every status (Django hashes the lazy choices each call).
    tasks = {code: str(label) for code, label in task_labels(day).items()}
    statuses = {code: str(label) for code, label in Status.choices}
    for pathway in page.object_list:  # its label, not a loop over every task in each row
        pathway.task_label = tasks.get(getattr(pathway, "task", ""), "")
        pathway.status_label = statuses.get(pathway.status, pathway.status)
    context = {
        "page": page,
        "capped": found.capped,
        "filters": filters,
        "tasks": tasks,
        "statuses": list(statuses.items()),  # the filter's list, translated above
        "today": day,
        "query": request.GET.urlencode(),
        "query_dict": request.GET.copy(),
        "order": order,
        "sort_choices": _sort_choices(),
        **_narrowed_names(user, filters),
    }
    template = "staff/_worklist_rows.html" if request.htmx else "staff/worklist.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _day(day: date | None) -> str:
    return date_format(day, "d/m/Y") if day else ""


SORT_LABELS = {
    URGENCY: _lazy("Due"),
    "due": _lazy("Due"),
    "name": _lazy("Person"),
    "status": _lazy("Status"),
    "agent": _lazy("Agent"),
}


def _worklist_export(
    user: User, files: list[Pathway], day: date, file_format: str, order: Sorting
) -> HttpResponse:
    """The worklist as filtered and sorted on the page, as a file (each person audited)."""
    tasks = task_labels(day)
    rows: list[list[Cell]] = [
        [
            p.person.full_name,
            date_format(p.person.birth_date, "d/m/Y"),
            str(tasks.get(getattr(p, "task", ""), "")),
            _day(getattr(p, "due", None)),
            p.get_status_display(),
            p.agent.full_name if p.agent else "",
        ]
        for p in files
    ]
    header = [_("Person"), _("Born on"), _("To do"), _("Due"), _("Status"), _("Agent")]
    sheet = Sheet(
        title=str(_("Worklist")),
        header=[str(h) for h in header],
        rows=rows,
        about=[
            (str(_("Extracted on")), date_format(day, "d/m/Y")),
            (str(_("Sorted by")), _sorted_by(order)),
        ],
    )
    return export_response(
        user=user,
        people=[p.person for p in files],
        sheet=sheet,
        file_format=file_format,
        filename="worklist",
    )


def _sort_choices() -> list[tuple[str, str]]:
    """The orders of the filter form (the column headers are hidden on a narrow screen)."""
    keys = [key for key in SORT_LABELS if key != "due"]
    return [
        (
            f"-{key}" if down else key,
            f"{SORT_LABELS[key]} ({_('descending') if down else _('ascending')})",
        )
        for key in keys
        for down in (False, True)
    ]


def _sorted_by(order: Sorting) -> str:
    way = _("descending") if order.descending else _("ascending")
    return f"{SORT_LABELS[order.key]} ({way})"


def _search_page(keys: list[int], number: str | None) -> Page[Any]:
    """The matches are found once, as keys in rank order (at most `SEARCH_LIMIT`: the count
    is their number); then only the page's people are read, by primary key."""
    page: Page[Any] = Paginator(keys, PAGE_SIZE).get_page(number)
    page.object_list = people_in_order(list(page.object_list))
    return page


@centre_staff
def search(request: HttpRequest) -> HttpResponse:
    """POST only for the query: personal data never lands in a URL; the people
    shown are written to the access log."""
    user = request_user(request)
    form = SearchForm(request.POST if request.method == "POST" else None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        keys = people_search_keys(user=user, query=query)
        if not keys:  # nobody by that spelling: the closest spellings
            keys = list(people_search_similar(user=user, query=query).values_list("pk", flat=True))
        results = _search_page(keys, request.POST.get("page"))
        # One INSERT of every person shown (one statement: no transaction around it).
        access_record_many(user=user, people=results.object_list, what=AccessKind.SEARCH)
    capped = results is not None and results.paginator.count >= SEARCH_LIMIT
    template = "staff/_search_results.html" if request.htmx else "staff/search.html"  # type: ignore[attr-defined]
    return render(request, template, {"form": form, "results": results, "capped": capped})
