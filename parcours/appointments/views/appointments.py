"""Booking an appointment for a person, its page, status changes, moving, interpreters."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from parcours.appointments.enums import AppointmentStatus, InterpreterMode
from parcours.appointments.forms import (
    AppointmentForm,
    InterpreterRequestForm,
    StatusForm,
    WhenForm,
)
from parcours.appointments.selectors import appointment_get_for_staff, staff_visible_to
from parcours.appointments.services.booking import (
    TRANSITIONS,
    BookingRequest,
    appointment_book,
    appointment_reschedule,
    appointment_set_status,
)
from parcours.appointments.services.interpreters import InterpreterNeed, interpreter_request_create
from parcours.appointments.views._common import attempt, centre_staff, now, user_of
from parcours.core.errors import DomainError
from parcours.pathways.selectors import person_get_for_staff
from parcours.territory.selectors import offices_visible_to


def _form(request: HttpRequest, person_id: int) -> AppointmentForm:
    user = user_of(request)
    data = request.POST if request.method == "POST" else None
    return AppointmentForm(
        data,
        initial={"person_id": person_id, "staff": user.pk},
        offices=offices_visible_to(user=user),
        staff=staff_visible_to(user=user),
    )


def _book(request: HttpRequest, form: AppointmentForm) -> HttpResponse | None:
    user, data = user_of(request), form.cleaned_data
    person = person_get_for_staff(user=user, person_id=data["person_id"])
    booking = BookingRequest(
        office=data["office"],
        kind=data["kind"],
        staff=data["staff"],
        starts_at=form.starts_at(),
        minutes=data["minutes"],
        person=person,
        room=data["room"],
        language=person.letter_language,
        note=data["note"],
    )
    try:
        appointment = appointment_book(request=booking, actor=user, now=now())
    except DomainError as error:
        form.add_error(None, str(error.message))
        return None
    messages.success(request, _("Appointment booked."))
    return redirect("appointments:detail", appointment_id=appointment.pk)


@centre_staff
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_get_for_staff(user=user_of(request), person_id=person_id)
    form = _form(request, person_id)
    if form.is_bound and form.is_valid():
        done = _book(request, form)
        if done is not None:
            return done
    return render(request, "appointments/new.html", {"form": form, "person": person})


@centre_staff
@require_http_methods(["GET"])
def detail(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = appointment_get_for_staff(user=user_of(request), appointment_id=appointment_id)
    allowed = [
        AppointmentStatus(s)
        for s in TRANSITIONS.get(appointment.status, ())
        if s != AppointmentStatus.RESCHEDULED
    ]
    context = {
        "appointment": appointment,
        "allowed": allowed,
        "move_form": WhenForm(),
        "events": appointment.events.select_related("actor"),
        "interpreters": appointment.interpreter_requests.select_related("provider"),
        "interpreter_form": InterpreterRequestForm(initial={"mode": InterpreterMode.ON_SITE}),
    }
    return render(request, "appointments/detail.html", context)


@centre_staff
@require_POST
def set_status(request: HttpRequest, appointment_id: int, status: str) -> HttpResponse:
    user = user_of(request)
    appointment = appointment_get_for_staff(user=user, appointment_id=appointment_id)
    form = StatusForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if status not in AppointmentStatus.values or status == AppointmentStatus.RESCHEDULED:
        messages.error(request, _("Unknown status."))
        return redirect("appointments:detail", appointment_id=appointment.pk)
    return attempt(
        request,
        lambda: appointment_set_status(
            appointment=appointment,
            to=AppointmentStatus(status),
            actor=user,
            now=now(),
            reason=reason,
        ),
        _("Appointment updated."),
        "appointments:detail",
        appointment.pk,
    )


@centre_staff
@require_POST
def move(request: HttpRequest, appointment_id: int) -> HttpResponse:
    user = user_of(request)
    appointment = appointment_get_for_staff(user=user, appointment_id=appointment_id)
    form = WhenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new date and time."))
        return redirect("appointments:detail", appointment_id=appointment.pk)
    try:
        moved = appointment_reschedule(
            appointment=appointment, starts_at=form.starts_at(), actor=user, now=now()
        )
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("appointments:detail", appointment_id=appointment.pk)
    messages.success(request, _("Appointment moved."))
    return redirect("appointments:detail", appointment_id=moved.pk)


@centre_staff
@require_POST
def interpreter_add(request: HttpRequest, appointment_id: int) -> HttpResponse:
    user = user_of(request)
    appointment = appointment_get_for_staff(user=user, appointment_id=appointment_id)
    form = InterpreterRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the language and the mode."))
        return redirect("appointments:detail", appointment_id=appointment.pk)
    need = InterpreterNeed(
        language=form.cleaned_data["language"],
        dialect=form.cleaned_data["dialect"],
        mode=InterpreterMode(form.cleaned_data["mode"]),
        provider=form.cleaned_data["provider"],
    )
    return attempt(
        request,
        lambda: interpreter_request_create(need=need, actor=user, appointment=appointment),
        _("Interpreter request added."),
        "appointments:detail",
        appointment.pk,
    )
