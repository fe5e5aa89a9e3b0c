"""Booking an appointment for a person, its page, status changes, moving, interpreters."""

from datetime import date, timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from parcours.accounts.access import centre_staff, request_user
from parcours.appointments.enums import AppointmentStatus, InterpreterMode
from parcours.appointments.selectors import appointment_get_for_staff, staff_visible_to
from parcours.appointments.services.booking import (
    TRANSITIONS,
    BookingRequest,
    appointment_book,
    appointment_reschedule,
    appointment_set_status,
)
from parcours.appointments.services.interpreters import InterpreterNeed, interpreter_request_create
from parcours.appointments.slots import free_slots
from parcours.core.dates import now
from parcours.core.errors import DomainError
from parcours.pathways.selectors import person_get_for_staff
from parcours.people.models import Person
from parcours.staff.flow import attempt
from parcours.staff.forms.appointments import (
    BookingChoiceForm,
    InterpreterRequestForm,
    SlotForm,
    StatusForm,
    WhenForm,
)
from parcours.territory.selectors import offices_visible_to

# How many days of free slots one page offers; "later" pages on from there.
SLOT_DAYS = 14


def _choice_form(request: HttpRequest) -> BookingChoiceForm:
    user = request_user(request)
    chosen = request.GET if "office" in request.GET else None
    offices = offices_visible_to(user=user)
    return BookingChoiceForm(
        chosen,
        initial={"staff": user.pk, "office": offices.first()},
        offices=offices,
        staff=staff_visible_to(user=user),
    )


def _slot_choices(choice: BookingChoiceForm, first_day: date) -> list[tuple[str, str]]:
    data = choice.cleaned_data
    days = free_slots(
        office=data["office"],
        kind=data["kind"],
        first_day=first_day,
        days=SLOT_DAYS,
        now=now(),
        online_only=False,
    )
    return [
        (
            slot.starts_at.isoformat(),
            date_format(timezone.localtime(slot.starts_at), "l j F Y, H:i"),
        )
        for day in days
        for slot in day.slots
        if data["staff"].pk in slot.staff_ids
    ]


def _book(
    request: HttpRequest, choice: BookingChoiceForm, form: SlotForm, person: Person
) -> HttpResponse | None:
    user, data = request_user(request), choice.cleaned_data
    booking = BookingRequest(
        office=data["office"],
        kind=data["kind"],
        staff=data["staff"],
        starts_at=form.starts_at(),
        person=person,
        room=form.cleaned_data["room"],
        language=person.letter_language,
        note=form.cleaned_data["note"],
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
    """Step one (GET, no JavaScript needed) chooses the office, the staff member and the kind;
    step two offers that staff member's free slots there and books the one chosen (POST)."""
    person = person_get_for_staff(user=request_user(request), person_id=person_id)
    choice = _choice_form(request)
    context: dict[str, object] = {"choice": choice, "person": person}
    if choice.is_bound and choice.is_valid():
        today = timezone.localdate()
        first_day = max(choice.cleaned_data["first_day"] or today, today)
        slots = _slot_choices(choice, first_day)
        data = request.POST if request.method == "POST" else None
        form = SlotForm(data, slots=slots, office=choice.cleaned_data["office"])
        if form.is_bound and form.is_valid():
            done = _book(request, choice, form, person)
            if done is not None:
                return done
        later = request.GET.copy()
        later["first_day"] = (first_day + timedelta(days=SLOT_DAYS)).isoformat()
        context |= {
            "form": form,
            "slots": slots,
            "first_day": first_day,
            "last_day": first_day + timedelta(days=SLOT_DAYS - 1),
            "later": later.urlencode(),
        }
    elif request.method == "POST":
        messages.error(request, _("Choose the office, the staff member and the kind first."))
    return render(request, "staff/appointments/new.html", context)


@centre_staff
@require_http_methods(["GET"])
def detail(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = appointment_get_for_staff(
        user=request_user(request), appointment_id=appointment_id
    )
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
    return render(request, "staff/appointments/detail.html", context)


@centre_staff
@require_POST
def set_status(request: HttpRequest, appointment_id: int, status: str) -> HttpResponse:
    user = request_user(request)
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
    user = request_user(request)
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
    user = request_user(request)
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
