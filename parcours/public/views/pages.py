from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from parcours.casework.retention import RETENTION_PARAMETERS
from parcours.core.http import HtmxHttpRequest
from parcours.core.languages import catalogue_statuses
from parcours.pathways.enums import Status
from parcours.pathways.parameters import read
from parcours.people.privacy import NOTICE_VERSION
from parcours.public.views.booking import bookable_ids
from parcours.rules.errors import ParameterNotInForce
from parcours.territory.models import ReferenceDataset
from parcours.territory.selectors import office_finder

# The figures the home page quotes, read from the decree's parameters on the day shown.
_HOME_FIGURES = {
    "permit_months": "permit_minimum_validity",
    "french_hours": "french_minimum_hours",
    "french_level": "french_exit_level",
    "citizenship_hours": "citizenship_minimum_hours",
    "orientation_hours": "job_orientation_minimum_hours",
}


def _in_force(name: str, on: date) -> object:
    """The value on that date, or None where the decree has none (e.g. job orientation in 2016)."""
    try:
        return read(name, on).value
    except ParameterNotInForce:
        return None


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    figures = {key: _in_force(name, today) for key, name in _HOME_FIGURES.items()}
    return render(request, "public/home.html", figures)


# What the information page quotes, read from the parameters in force on the day shown.
_INFORMATION_FIGURES = {
    **_HOME_FIGURES,
    "presentation_months": "presentation_delay",
    "certificate_months": "certificate_delay",
    "fine_minimum": "fine_minimum",
    "fine_maximum": "fine_maximum",
}


@require_GET
def information(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    figures = {key: _in_force(name, today) for key, name in _INFORMATION_FIGURES.items()}
    return render(request, "public/information.html", figures)


@require_GET
def languages(request: HttpRequest) -> HttpResponse:
    here = request.get_full_path()
    rows = [
        {"language": s.language, "status": s, "url": translate_url(here, s.language.code)}
        for s in catalogue_statuses()
    ]
    return render(request, "public/languages.html", {"statuses": rows})


@require_GET
def finder(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q")
    result = office_finder(query) if query is not None else None
    template = "public/_finder_results.html" if request.htmx else "public/finder.html"
    offices = [o.office for m in (result.matches if result else []) for o in m.offices]
    context = {"result": result, "query": (query or "")[:100], "bookable": bookable_ids(offices)}
    return render(request, template, context)


@require_GET
def about_data(request: HttpRequest) -> HttpResponse:
    return render(request, "public/about_data.html", {"datasets": ReferenceDataset.objects.all()})


# When each closed file's period starts, in the notice's words (casework.retention).
_RETENTION_EVENTS = {
    Status.COMPLETED: _("after the certificate is issued"),
    Status.WAIVED: _("after a waiver"),
    Status.NOT_CONCERNED: _("after a decision that the pathway does not concern you"),
    Status.WITHDRAWN: _("after you leave the pathway"),
    Status.TRANSFERRED: _("after a transfer to another centre, for the first centre's file"),
}


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice; its retention periods are the rules parameters in force today."""
    today = timezone.localdate()
    entries = []
    for status, name in RETENTION_PARAMETERS.items():
        try:
            entries.append((_RETENTION_EVENTS[status], read(name, today)))
        except ParameterNotInForce:
            continue
    context = {
        "periods": [{"event": event, "years": entry.value} for event, entry in entries],
        "unconfirmed": any(entry.confidence != "confirmed" for _event, entry in entries),
        # Shown as a date (an ISO date would read backwards in a right-to-left line).
        "version_on": date.fromisoformat(NOTICE_VERSION),
    }
    return render(request, "public/privacy.html", context)
