from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parcours.accounts.access import centre_staff, coordinators, request_user
from parcours.accounts.enums import Role
from parcours.audit.enums import AccessKind
from parcours.audit.selectors import access_events_for, readers_of
from parcours.audit.services import access_record
from parcours.casework.dossier import person_dossier
from parcours.core.dates import today
from parcours.core.errors import DomainError
from parcours.pathways.enums import Status
from parcours.pathways.selectors import people_visible_to, person_get_for_staff
from parcours.pathways.services.intake import person_correct
from parcours.people.services import person_merge
from parcours.staff.forms.people import CorrectionForm, MergeForm


@centre_staff
def person_page(request: HttpRequest, person_id: int) -> HttpResponse:
    user = request_user(request)
    person = person_get_for_staff(user=user, person_id=person_id)
    access_record(user=user, person=person, what="file")
    dossier = person_dossier(user=user, person=person)
    context = {"d": dossier, "person": person, "today": today(), "Status": Status}
    if user.role == Role.COORDINATOR:
        context["readers"] = readers_of(person=person)
    return render(request, "staff/person.html", context)


@centre_staff
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    user = request_user(request)
    person = person_get_for_staff(user=user, person_id=person_id)
    form = CorrectionForm(request.POST or None, initial=CorrectionForm.initial_for(person))
    if request.method == "GET":
        access_record(user=user, person=person, what="identity")
    if request.method == "POST" and form.is_valid():
        try:
            changed = person_correct(
                person=person,
                fields=form.person_fields,
                actor=user,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                ngettext("%(n)s field corrected.", "%(n)s fields corrected.", len(changed))
                % {"n": len(changed)},
            )
            return redirect("staff:person", person.pk)
    return render(request, "staff/person_edit.html", {"form": form, "person": person})


@centre_staff
def person_merge_view(request: HttpRequest, person_id: int) -> HttpResponse:
    user = request_user(request)
    keep = person_get_for_staff(user=user, person_id=person_id)
    form = MergeForm(request.POST or None, initial={"duplicate": request.GET.get("duplicate")})
    duplicate = None
    raw = form.data.get("duplicate") or request.GET.get("duplicate")
    if raw and str(raw).isdecimal() and len(str(raw)) < 10:  # noqa: PLR2004 - a primary key
        duplicate = get_object_or_404(people_visible_to(user=user), pk=int(raw))
        if request.method == "GET":
            access_record(user=user, person=duplicate, what=AccessKind.MERGE)
    if request.method == "POST" and form.is_valid() and duplicate is not None:
        try:
            person_merge(
                keep=keep, duplicate=duplicate, actor=user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The two records are merged."))
            return redirect("staff:person", keep.pk)
    context = {"form": form, "person": keep, "duplicate": duplicate}
    return render(request, "staff/person_merge.html", context)


@coordinators
def access_log(request: HttpRequest, person_id: int) -> HttpResponse:
    """Who looked at this file (DESIGN.md, data model: audit)."""
    person = person_get_for_staff(user=request_user(request), person_id=person_id)
    events = access_events_for(person=person)[:500]
    return render(request, "staff/access_log.html", {"person": person, "events": events})
