"""Calendars: a staff member's week, an office's week or day; the private ICS feed."""

from datetime import date, timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from parcours.accounts.access import centre_staff, request_user
from parcours.appointments.enums import AppointmentStatus as S
from parcours.appointments.ics import calendar_bytes
from parcours.appointments.models import Appointment, CalendarFeed
from parcours.appointments.selectors import (
    DAYS_IN_WEEK,
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
    context = {
        "calendar": calendar,
        "hours": hour_grid(calendar.rows[0]),
        "legend": kinds_legend(),
        "today": timezone.localdate(),
        "subject": staff,
        "staff_list": staff_visible_to(user=user),
        "offices": offices_visible_to(user=user),
        **_nav(days),
    }
    return render(request, "staff/appointments/staff_week.html", context)


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
    try:
        day = date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = timezone.localdate()
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
