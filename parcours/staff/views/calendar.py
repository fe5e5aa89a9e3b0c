"""Calendars: a staff member's week (an hour grid) or day (a list, the phone's agenda), an
office's week or day; the private ICS feed."""

from datetime import date, timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from parcours.accounts.access import centre_staff, request_user
from parcours.appointments.enums import AppointmentStatus as S
from parcours.appointments.ics import calendar_bytes
from parcours.appointments.models import Appointment, CalendarFeed
from parcours.appointments.selectors import (
    DAYS_IN_WEEK,
    CalendarItem,
    feed_by_token,
    hour_grid,
    kinds_legend,
    office_calendar,
    staff_calendar,
    staff_get_for_staff,
    staff_visible_to,
    week_start,
)
from parcours.appointments.services.setup import feed_renew
from parcours.core.dates import parse_date
from parcours.core.forms import EARLIEST, YEARS_AHEAD
from parcours.core.http import HtmxHttpRequest
from parcours.territory.selectors import office_get_for_staff, offices_visible_to

FEED_DAYS_BACK = 30


def _week(request: HttpRequest) -> list[date]:
    first = week_start(request.GET.get("week"), timezone.localdate())
    return [first + timedelta(days=i) for i in range(DAYS_IN_WEEK)]


def _nav(days: list[date]) -> dict[str, object]:
    return {
        "previous": days[0] - timedelta(days=7),
        "next": days[0] + timedelta(days=7),
        "this_week": week_start(None, timezone.localdate()),
    }


def _day(request: HttpRequest) -> tuple[date, str | None]:
    """The day asked for in `?day=` (yyyy-mm-dd or dd/mm/yyyy), else today; a day that is
    no date, or lies outside the casework years, gives today and says so."""
    today = timezone.localdate()
    text = request.GET.get("day", "").strip()
    if not text:
        return today, None
    day = parse_date(text)
    latest = today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28))
    if day is None or not EARLIEST <= day <= latest:
        shown = date_format(today, "j F Y")
        message = _("“%(value)s” is not a day of the calendar: %(today)s is shown.")
        return today, message % {"value": text[:30], "today": shown}
    return day, None


def _day_items(calendar_rows: list[list[CalendarItem]]) -> list[CalendarItem]:
    return sorted((item for cell in calendar_rows for item in cell), key=lambda i: i.iso)


def _focus(days: list[date]) -> date:
    today = timezone.localdate()
    return today if days[0] <= today <= days[-1] else days[0]


@centre_staff
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return redirect("appointments:staff_week", staff_id=request_user(request).pk)


@centre_staff
@require_GET
def staff_week(request: HtmxHttpRequest, staff_id: int) -> HttpResponse:
    user = request_user(request)
    staff = staff_get_for_staff(user=user, staff_id=staff_id)
    days = _week(request)
    calendar = staff_calendar(user=user, staff=staff, days=days)
    focus = _focus(days)
    context = {
        "calendar": calendar,
        "hours": hour_grid(calendar.rows[0]),
        "legend": kinds_legend(),
        "today": timezone.localdate(),
        "subject": staff,
        "staff_list": staff_visible_to(user=user),
        "offices": offices_visible_to(user=user),
        "focus": focus,
        "focus_items": calendar.rows[0].cells[days.index(focus)],
        **_nav(days),
    }
    return render(request, "staff/appointments/staff_week.html", context)


@centre_staff
@require_GET
def staff_day(request: HttpRequest, staff_id: int) -> HttpResponse:
    """One staff member's day as a list in time order: the agenda on a phone."""
    user = request_user(request)
    staff = staff_get_for_staff(user=user, staff_id=staff_id)
    day, error = _day(request)
    calendar = staff_calendar(user=user, staff=staff, days=[day])
    first = day - timedelta(days=day.weekday())
    context = {
        "subject": staff,
        "day": day,
        "error": error,
        "items": _day_items([row.cells[0] for row in calendar.rows]),
        "sessions": calendar.sessions,
        "week": [first + timedelta(days=i) for i in range(DAYS_IN_WEEK)],
        "previous": day - timedelta(days=1),
        "next": day + timedelta(days=1),
        "today": timezone.localdate(),
    }
    status = 400 if error else 200
    return render(request, "staff/appointments/staff_day.html", context, status=status)


@centre_staff
@require_GET
def office_week(request: HtmxHttpRequest, office_id: int) -> HttpResponse:
    user = request_user(request)
    office = office_get_for_staff(user=user, office_id=office_id)
    days = _week(request)
    context = {
        "calendar": office_calendar(user=user, office=office, days=days),
        "legend": kinds_legend(),
        "office": office,
        "offices": offices_visible_to(user=user),
        **_nav(days),
    }
    return render(request, "staff/appointments/office_week.html", context)


@centre_staff
@require_GET
def office_day(request: HtmxHttpRequest, office_id: int) -> HttpResponse:
    user = request_user(request)
    office = office_get_for_staff(user=user, office_id=office_id)
    day, _error = _day(request)
    calendar = office_calendar(user=user, office=office, days=[day])
    items = sorted(
        ((item, row.label) for row in calendar.rows for item in row.cells[0]),
        key=lambda pair: pair[0].iso,
    )
    context = {
        "calendar": calendar,
        "office": office,
        "day": day,
        "items": items,
        "previous": day - timedelta(days=1),
        "next": day + timedelta(days=1),
    }
    return render(request, "staff/appointments/office_day.html", context)


@centre_staff
@require_http_methods(["GET", "POST"])
def feed(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    url = None
    if request.method == "POST":
        token = feed_renew(user=user)
        url = request.build_absolute_uri(reverse("appointments:feed_ics", args=[token]))
    has_feed = CalendarFeed.objects.filter(user=user).exists()
    return render(request, "staff/appointments/feed.html", {"url": url, "has_feed": has_feed})


@require_GET
def feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    feed_row = feed_by_token(token)
    if feed_row is None:
        raise Http404
    since = timezone.now() - timedelta(days=FEED_DAYS_BACK)
    found = Appointment.objects.filter(
        staff_id=feed_row.user_id,
        starts_at__gte=since,
        status__in=(S.PLANNED, S.CONFIRMED, S.ATTENDED),
    )
    body = calendar_bytes(
        found.select_related("kind", "person", "intake", "office__commune"), for_staff=True
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
