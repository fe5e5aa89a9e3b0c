import time
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
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
from parcours.territory.models import Office, ReferenceDataset
from parcours.territory.reference_cache import reference_version
from parcours.territory.selectors import FinderResult, office_finder

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


# The finder's answers, per process: the matches of a query (by reference version) and the
# rendered results (by version, query, language and the offices bookable online now, which
# change with the bookings, not with the reference data). A coordinator's edit of a centre,
# commune, locality, office or its hours bumps the version (territory.reference_cache), so
# the next request builds them again. At most `_FINDER_KEPT` of each, then started afresh.
_FINDER_KEPT = 2000
_finder_results: dict[tuple[str, str], tuple[FinderResult, tuple[Office, ...]]] = {}
_finder_html: dict[tuple[str, str, str, frozenset[int]], str] = {}


# Which offices take online bookings changes with the bookings, not with the reference data:
# a process trusts what it read for `_BOOKABLE_SEEN_SECONDS` (an office whose last free time
# was just taken may still offer the booking link that long; the booking page then says so).
_BOOKABLE_SEEN_SECONDS = 5.0
_bookable_seen: dict[tuple[str, tuple[int, ...]], tuple[frozenset[int], float]] = {}


def _bookable(version: str, offices: tuple[Office, ...]) -> frozenset[int]:
    if not offices:
        return frozenset()
    key = (version, tuple(o.pk for o in offices))
    now = time.monotonic()
    seen = _bookable_seen.get(key)
    if seen is not None and now - seen[1] < _BOOKABLE_SEEN_SECONDS:
        return seen[0]
    found = frozenset(bookable_ids(list(offices)))
    if len(_bookable_seen) >= _FINDER_KEPT:
        _bookable_seen.clear()
    _bookable_seen[key] = (found, now)
    return found


def _finder_fragment(query: str) -> str:
    """The results part of the finder for `query`: at most two queries (the version key,
    which of its offices take online bookings), each read again only when its memo is over."""
    version = reference_version()
    found = _finder_results.get((version, query))
    if found is None:
        result = office_finder(query)
        found = (result, tuple(o.office for m in result.matches for o in m.offices))
        if len(_finder_results) >= _FINDER_KEPT:
            _finder_results.clear()
        _finder_results[(version, query)] = found
    result, offices = found
    bookable = _bookable(version, offices)
    key = (version, query, get_language() or "", bookable)
    html = _finder_html.get(key)
    if html is None:
        context = {"result": result, "bookable": bookable}
        html = render_to_string("public/_finder_results.html", context)
        if len(_finder_html) >= _FINDER_KEPT:
            _finder_html.clear()
        _finder_html[key] = html
    return html


@require_GET
def finder(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q")
    results = _finder_fragment(query) if query is not None else ""
    if request.htmx:
        return HttpResponse(results)
    context = {"query": (query or "")[:100], "results": mark_safe(results)}  # noqa: S308 -- our template's output
    return render(request, "public/finder.html", context)


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
