"""The one way a staff page runs a service: the file in scope, then the service, whose
`DomainError` becomes a message while its transaction rolled back (nothing is changed)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from parcours.accounts.access import request_user
from parcours.audit.services import access_record
from parcours.core.errors import DomainError
from parcours.pathways.models import Pathway
from parcours.pathways.selectors import pathway_get_for_staff


def scoped_pathway(request: HttpRequest, pathway_id: int, what: str = "") -> Pathway:
    pathway = pathway_get_for_staff(user=request_user(request), pathway_id=pathway_id)
    if what:
        access_record(user=request_user(request), person=pathway.person, what=what)
    return pathway


def person_url(pathway: Pathway) -> str:
    return reverse("staff:person", args=[pathway.person_id])


def run_service(request: HttpRequest, action: Callable[[], object], success: str) -> str | None:
    """Calls the service; says `success`, or returns the domain error's message."""
    try:
        action()
    except DomainError as error:
        return str(error.message)
    messages.success(request, success)
    return None


def attempt(
    request: HttpRequest, action: Callable[[], object], success: str, to: str, *args: object
) -> HttpResponse:
    """A button: run the service, say how it went, go back to `to`."""
    error = run_service(request, action, success)
    if error is not None:
        messages.error(request, error)
    return redirect(to, *args)


def form_flow(
    request: HttpRequest,
    form: forms.Form,
    *,
    pathway: Pathway,
    title: str,
    perform: Callable[[dict[str, Any]], object],
    success: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A form on a file: GET shows it; a valid POST runs the service and returns to the
    person; a domain error is shown on the form."""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        error = run_service(request, lambda: perform(data), success)
        if error is None:
            return redirect(person_url(pathway))
        form.add_error(None, error)
    context = {"form": form, "pathway": pathway, "person": pathway.person, "title": title}
    return render(request, "staff/file_form.html", context | (extra or {}))
