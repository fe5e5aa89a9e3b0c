"""Interpreter requests: what to send, CSV export, e-mail to the provider, follow-up."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from parcours.accounts.access import centre_staff, coordinators, request_user
from parcours.appointments.enums import InterpreterStatus
from parcours.appointments.models import InterpreterProvider
from parcours.appointments.selectors import (
    interpreter_requests_to_send,
    interpreter_requests_visible_to,
)
from parcours.appointments.services.interpreters import (
    InterpreterUpdate,
    interpreter_request_update,
    requests_csv,
    requests_email,
    requests_mark_sent,
)
from parcours.staff.flow import attempt
from parcours.staff.forms.appointments import InterpreterUpdateForm


@centre_staff
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    found = interpreter_requests_visible_to(user=request_user(request))
    open_ones = found.exclude(status__in=(InterpreterStatus.DONE, InterpreterStatus.CANCELLED))
    context = {
        "requests": open_ones[:200],
        "providers": InterpreterProvider.objects.all(),
        "form": InterpreterUpdateForm(),
    }
    return render(request, "staff/appointments/interpreters.html", context)


@coordinators
@require_POST
def export_csv(request: HttpRequest) -> HttpResponse:
    """POST: exporting marks the requests as sent to the provider."""
    user = request_user(request)
    pending = list(interpreter_requests_to_send(user=user))
    body = requests_csv(pending)
    requests_mark_sent(requests=pending, actor=user)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="interpreter-requests.csv"'
    return response


@coordinators
@require_POST
def email_provider(request: HttpRequest, provider_id: int) -> HttpResponse:
    user = request_user(request)
    provider = get_object_or_404(InterpreterProvider, pk=provider_id)
    pending = list(interpreter_requests_to_send(user=user))
    return attempt(
        request,
        lambda: requests_email(provider=provider, requests=pending, actor=user),
        _("Requests e-mailed to the provider."),
        "appointments:interpreters",
    )


@centre_staff
@require_POST
def update(request: HttpRequest, request_id: int) -> HttpResponse:
    user = request_user(request)
    item = get_object_or_404(interpreter_requests_visible_to(user=user), pk=request_id)
    form = InterpreterUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect("appointments:interpreters")
    data = form.cleaned_data
    change = InterpreterUpdate(
        status=InterpreterStatus(data["status"]),
        interpreter=data["interpreter"],
        contact=data["contact"],
        provider_reference=data["provider_reference"],
    )
    return attempt(
        request,
        lambda: interpreter_request_update(request=item, update=change, actor=user),
        _("Interpreter request updated."),
        "appointments:interpreters",
    )
