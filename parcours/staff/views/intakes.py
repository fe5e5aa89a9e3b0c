"""The online bookings queue and bulk invitations."""

from datetime import datetime, time

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parcours.accounts.access import centre_staff, request_user
from parcours.appointments.enums import HOLDING_STATUSES, IntakeStatus
from parcours.appointments.selectors import (
    appointments_visible_to,
    intake_get_for_staff,
    intakes_visible_to,
)
from parcours.appointments.services.invitations import (
    invitation_letters_issue,
    invitation_letters_pdf,
    people_invite,
)
from parcours.appointments.services.setup import intake_dismiss, intake_link
from parcours.core.dates import now
from parcours.core.errors import DomainError
from parcours.pathways.enums import Status
from parcours.pathways.selectors import pathways_visible_to, person_get_for_staff
from parcours.people.models import Person
from parcours.staff.flow import attempt
from parcours.staff.forms.appointments import InviteForm
from parcours.territory.selectors import offices_visible_to

INVITE_LIMIT = 200


@centre_staff
@require_GET
def intake_list(request: HttpRequest) -> HttpResponse:
    found = intakes_visible_to(user=request_user(request)).filter(status=IntakeStatus.NEW)
    return render(request, "staff/appointments/intakes.html", {"intakes": found[:200]})


@centre_staff
@require_POST
def intake_link_view(request: HttpRequest, intake_id: int) -> HttpResponse:
    user = request_user(request)
    intake = intake_get_for_staff(user=user, intake_id=intake_id)
    raw = request.POST.get("person_id", "")
    if not (raw.isascii() and raw.isdigit()):
        messages.error(request, _("Give the file number of the person."))
        return redirect("appointments:intakes")
    person = person_get_for_staff(user=user, person_id=int(raw))
    return attempt(
        request,
        lambda: intake_link(intake=intake, person=person, actor=user),
        _("Online booking linked to the person."),
        "appointments:intakes",
    )


@centre_staff
@require_POST
def intake_dismiss_view(request: HttpRequest, intake_id: int) -> HttpResponse:
    user = request_user(request)
    intake = intake_get_for_staff(user=user, intake_id=intake_id)
    return attempt(
        request,
        lambda: intake_dismiss(intake=intake, actor=user),
        _("Online booking dismissed."),
        "appointments:intakes",
    )


def _candidates(request: HttpRequest) -> list[Person]:
    """People to invite: referred and not yet invited, at the user's centre."""
    found = pathways_visible_to(user=request_user(request)).filter(status=Status.REFERRED)
    return [p.person for p in found.select_related("person").order_by("present_by")[:INVITE_LIMIT]]


@centre_staff
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = InviteForm(
        request.POST or None,
        offices=offices_visible_to(user=user),
        initial={"first_day": timezone.localdate()},
    )
    candidates = _candidates(request)
    if not (request.method == "POST" and form.is_valid()):
        return render(
            request, "staff/appointments/invite.html", {"form": form, "people": candidates}
        )
    chosen = {int(v) for v in request.POST.getlist("person") if v.isascii() and v.isdigit()}
    people = [p for p in candidates if p.pk in chosen]
    d = form.cleaned_data
    first = timezone.make_aware(datetime.combine(d["first_day"], time.min))
    try:
        result = people_invite(
            people=people,
            office=d["office"],
            kind=d["kind"],
            first=first,
            days=d["days"],
            actor=user,
            now=now(),
        )
    except DomainError as error:
        form.add_error(None, str(error.message))
        return render(
            request, "staff/appointments/invite.html", {"form": form, "people": candidates}
        )
    return render(request, "staff/appointments/invite_done.html", {"result": result})


@centre_staff
@require_POST
def letters_pdf(request: HttpRequest) -> HttpResponse:
    """The invitation letters of the chosen appointments, as one PDF to print."""
    user, moment = request_user(request), now()
    chosen = {int(v) for v in request.POST.getlist("appointment") if v.isascii() and v.isdigit()}
    found = appointments_visible_to(user=user).filter(
        pk__in=chosen, person__isnull=False, status__in=HOLDING_STATUSES, starts_at__gt=moment
    )
    appointments = list(found.select_related("person__commune", "office__centre")[:INVITE_LIMIT])
    if not appointments:
        messages.error(request, _("Choose at least one coming appointment of a person."))
        return redirect("appointments:invite")
    try:
        letters = invitation_letters_issue(appointments=appointments, actor=user, now=moment)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("appointments:invite")
    response = HttpResponse(invitation_letters_pdf(letters, moment), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="invitations.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
