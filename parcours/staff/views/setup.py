"""A coordinator's calendar set-up: closing days, availability templates and rooms."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from parcours.accounts.access import coordinators, request_user
from parcours.appointments.models import Availability, Room
from parcours.appointments.selectors import closing_days_of, staff_visible_to
from parcours.appointments.services.setup import (
    availability_add,
    availability_remove,
    closing_day_add,
    closing_day_remove,
    room_add,
)
from parcours.staff.flow import attempt
from parcours.staff.forms.appointments import AvailabilityForm, ClosingDayForm, RoomForm
from parcours.territory.selectors import offices_visible_to

TO = "appointments:setup"


@coordinators
@require_GET
def setup(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    offices, staff = offices_visible_to(user=user), staff_visible_to(user=user)
    context = {
        "closing_days": closing_days_of(user=user),
        "offices": offices,
        "availabilities": Availability.objects.filter(office__in=offices).select_related(
            "office", "staff"
        ),
        "rooms": Room.objects.filter(office__in=offices).select_related("office"),
        "closing_form": ClosingDayForm(offices=offices),
        "availability_form": AvailabilityForm(offices=offices, staff=staff),
        "room_form": RoomForm(offices=offices),
    }
    return render(request, "staff/appointments/setup.html", context)


def _invalid(request: HttpRequest) -> HttpResponse:
    messages.error(request, _("Check the fields: something is missing or wrong."))
    return redirect(TO)


@coordinators
@require_POST
def closing_add(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = ClosingDayForm(request.POST, offices=offices_visible_to(user=user))
    if not form.is_valid():
        return _invalid(request)
    data = form.cleaned_data
    return attempt(
        request,
        lambda: closing_day_add(
            office=data["office"],
            whole_centre=data["whole_centre"],
            on=data["on"],
            reason=data["reason"],
            actor=user,
        ),
        _("Closing day added."),
        TO,
    )


@coordinators
@require_POST
def closing_remove(request: HttpRequest, closing_id: int) -> HttpResponse:
    user = request_user(request)
    row = get_object_or_404(closing_days_of(user=user), pk=closing_id)
    return attempt(
        request,
        lambda: closing_day_remove(closing_day=row, actor=user),
        _("Closing day removed."),
        TO,
    )


@coordinators
@require_POST
def availability_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = AvailabilityForm(
        request.POST, offices=offices_visible_to(user=user), staff=staff_visible_to(user=user)
    )
    if not form.is_valid():
        return _invalid(request)
    d = form.cleaned_data
    return attempt(
        request,
        lambda: availability_add(
            office=d["office"],
            staff=d["staff"],
            weekday=d["weekday"],
            starts_at=d["starts_at"],
            ends_at=d["ends_at"],
            online=d["online"],
            actor=user,
        ),
        _("Availability added."),
        TO,
    )


@coordinators
@require_POST
def availability_delete(request: HttpRequest, availability_id: int) -> HttpResponse:
    user = request_user(request)
    row = get_object_or_404(
        Availability.objects.filter(office__in=offices_visible_to(user=user)), pk=availability_id
    )
    return attempt(
        request,
        lambda: availability_remove(availability=row, actor=user),
        _("Availability removed."),
        TO,
    )


@coordinators
@require_POST
def room_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = RoomForm(request.POST, offices=offices_visible_to(user=user))
    if not form.is_valid():
        return _invalid(request)
    d = form.cleaned_data
    return attempt(
        request,
        lambda: room_add(office=d["office"], name=d["name"], seats=d["seats"], actor=user),
        _("Room added."),
        TO,
    )
