"""Shared pieces of the casework views: who may enter, the file in scope, one form flow."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.access import View, staff_view
from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.audit.services import access_record
from parcours.core.errors import DomainError
from parcours.pathways.models import Pathway
from parcours.pathways.selectors import pathway_get_for_staff

CASEWORK_ROLES = (Role.AGENT, Role.COORDINATOR)


def casework(view: View) -> View:
    """Casework is for the centre's agents and coordinators only (DESIGN.md)."""
    return staff_view(roles=CASEWORK_ROLES)(view)


def coordinator_only(view: View) -> View:
    return staff_view(roles=(Role.COORDINATOR,))(view)


def staff_user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 -- guaranteed by @staff_view
    return request.user


def today() -> date:
    return timezone.localdate()


def scoped_pathway(request: HttpRequest, pathway_id: int, what: str = "") -> Pathway:
    pathway = pathway_get_for_staff(user=staff_user(request), pathway_id=pathway_id)
    if what:
        access_record(user=staff_user(request), person=pathway.person, what=what)
    return pathway


def person_url(pathway: Pathway) -> str:
    return reverse("backoffice:person", args=[pathway.person_id])


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
    """GET shows the form; a valid POST calls the service; a DomainError is shown on the
    form and nothing is changed (the service's transaction rolled back)."""
    if request.method == "POST" and form.is_valid():
        try:
            perform(form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, success)
            return redirect(person_url(pathway))
    context = {"form": form, "pathway": pathway, "person": pathway.person, "title": title}
    return render(request, "backoffice/file_form.html", context | (extra or {}))


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
