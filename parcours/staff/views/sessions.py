"""Collective sessions: list, creation by a coordinator, registration, attendance."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parcours.accounts.access import centre_staff, coordinators, request_user
from parcours.accounts.models import User
from parcours.appointments.enums import SeatStatus
from parcours.appointments.models import CollectiveSession as Session
from parcours.appointments.models import Seat
from parcours.appointments.selectors import (
    session_get_for_staff,
    sessions_visible_to,
    staff_visible_to,
)
from parcours.appointments.services.sessions import (
    SessionPlan,
    attendance_mark,
    seat_cancel,
    seat_register,
    session_create,
)
from parcours.audit.enums import AccessKind
from parcours.audit.services import access_record_many
from parcours.core import iso
from parcours.core.dates import now
from parcours.core.errors import DomainError
from parcours.core.exports import Cell, Sheet
from parcours.core.iso import language_choices
from parcours.pathways.selectors import people_search, person_get_for_staff
from parcours.people.identifiers import normalise_languages
from parcours.staff.flow import attempt
from parcours.staff.forms.appointments import SessionForm
from parcours.staff.lists import export_asked, export_response
from parcours.territory.selectors import offices_visible_to

PICK_LIMIT = 20  # people offered to choose from; more: add a word or the birth date


class FindForm(forms.Form):
    """The person is found by search (name, birth date or national number, in the user's
    centre), never by a number to type."""

    q = forms.CharField(label=gettext_lazy("Name, national number or birth date"), max_length=100)


class RegisterForm(forms.Form):
    person = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    interpreter_language = forms.ChoiceField(
        label=gettext_lazy("Interpreting into (optional)"),
        choices=language_choices,
        required=False,
    )


@centre_staff
@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    since = timezone.now() - timedelta(days=1)
    found = sessions_visible_to(user=request_user(request)).filter(starts_at__gte=since)
    return render(request, "staff/appointments/session_list.html", {"sessions": found[:100]})


def _plan(form: SessionForm) -> SessionPlan:
    data, starts = form.cleaned_data, form.starts_at()
    languages = normalise_languages(list(data["interpreter_languages"] or []))
    return SessionPlan(
        office=data["office"],
        title=data["title"],
        starts_at=starts,
        ends_at=starts + timedelta(minutes=data["minutes"]),
        capacity=data["capacity"],
        language=data["language"],
        room=data["room"],
        presenter=data["presenter"],
        guest_presenter=data["guest_presenter"],
        interpreter_languages=languages,
        online_registration=data["online_registration"],
        counts_as_rights_and_duties=data["counts_as_rights_and_duties"],
    )


@coordinators
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = SessionForm(
        request.POST if request.method == "POST" else None,
        offices=offices_visible_to(user=user),
        staff=staff_visible_to(user=user),
    )
    if form.is_bound and form.is_valid():
        try:
            session = session_create(plan=_plan(form), actor=user, now=now())
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Session created."))
            return redirect("appointments:session", session_id=session.pk)
    return render(request, "staff/appointments/session_new.html", {"form": form})


@centre_staff
@require_GET
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    user = request_user(request)
    session = session_get_for_staff(user=user, session_id=session_id)
    if file_format := export_asked(request):
        return _attendees_export(user, session, file_format)
    return _detail(request, session)


def _attendees_export(user: User, session: Session, file_format: str) -> HttpResponse:
    """The registrations as a file (an attendance sheet to print or fill in)."""
    seats = list(
        session.seats.select_related("person", "intake")
        .exclude(status=SeatStatus.CANCELLED)
        .order_by("status", "person__family_name", "pk")
    )
    rows: list[list[Cell]] = [
        [
            seat.person.full_name if seat.person else str(seat.intake),
            seat.person.birth_date if seat.person else None,
            str(seat.get_status_display()),
            iso.language_name(seat.interpreter_language) if seat.interpreter_language else "",
        ]
        for seat in seats
    ]
    when = date_format(timezone.localtime(session.starts_at), "d/m/Y H:i")
    sheet = Sheet(
        title=session.title,
        header=[_("Person"), _("Born on"), _("Status"), _("Interpreting")],
        rows=rows,
        about=[
            (_("Session"), f"{session.title} — {when}"),
            (_("Presenter"), session.presenter_name or "—"),
        ],
    )
    people = [seat.person for seat in seats if seat.person is not None]
    return export_response(
        user=user, people=people, sheet=sheet, file_format=file_format, filename="session"
    )


def _detail(
    request: HttpRequest, session: Session, find: FindForm | None = None, **extra: object
) -> HttpResponse:
    seats = session.seats.select_related("person", "intake").exclude(status=SeatStatus.CANCELLED)
    context = {
        "session": session,
        "seats": seats,
        "find": find or FindForm(),
        "form": RegisterForm(),
        "started": session.starts_at <= timezone.now(),
        **extra,
    }
    return render(request, "staff/appointments/session_detail.html", context)


def _candidates(request: HttpRequest, session: Session) -> HttpResponse:
    """The search's answer: the people of the centre it finds, each to choose."""
    user = request_user(request)
    find = FindForm(request.POST)
    if not find.is_valid():
        return _detail(request, session, find, candidates=[])
    found = people_search(user=user, query=find.cleaned_data["q"], limit=PICK_LIMIT)
    access_record_many(user=user, people=found, what=AccessKind.SEARCH)
    return _detail(request, session, find, candidates=found)


@centre_staff
@require_POST
def session_register(request: HttpRequest, session_id: int) -> HttpResponse:
    user = request_user(request)
    session = session_get_for_staff(user=user, session_id=session_id)
    if "person" not in request.POST:
        return _candidates(request, session)
    form = RegisterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Find the person by name, birth date or national number."))
        return redirect("appointments:session", session_id=session.pk)
    person = person_get_for_staff(user=user, person_id=form.cleaned_data["person"])
    try:
        seat = seat_register(
            session=session,
            actor=user,
            now=now(),
            person=person,
            interpreter_language=form.cleaned_data["interpreter_language"],
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, seat_message(seat))
    return redirect("appointments:session", session_id=session.pk)


def seat_message(seat: Seat) -> str:
    if seat.status == SeatStatus.REGISTERED:
        return _("Registered: a seat is reserved.")
    from parcours.appointments.services.sessions import waiting_position  # noqa: PLC0415

    return _(
        "The session is full: on the waiting list, position %(n)s. A seat is given "
        "automatically when one frees up."
    ) % {"n": waiting_position(seat)}


@centre_staff
@require_POST
def seat_cancel_view(request: HttpRequest, session_id: int, seat_id: int) -> HttpResponse:
    session = session_get_for_staff(user=request_user(request), session_id=session_id)
    seat = session.seats.filter(pk=seat_id).first()
    if seat is None:
        messages.error(request, _("This registration does not exist."))
        return redirect("appointments:session", session_id=session.pk)
    return attempt(
        request,
        lambda: seat_cancel(seat=seat, actor=request_user(request), now=now()),
        _("Registration cancelled."),
        "appointments:session",
        session.pk,
    )


@centre_staff
@require_POST
def attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    user = request_user(request)
    session = session_get_for_staff(user=user, session_id=session_id)
    present = {int(v) for v in request.POST.getlist("present") if v.isascii() and v.isdigit()}
    return attempt(
        request,
        lambda: attendance_mark(session=session, present=present, actor=user, now=now()),
        _("Attendance recorded."),
        "appointments:session",
        session.pk,
    )
