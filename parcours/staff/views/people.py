from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parcours.accounts.access import admins, centre_staff, coordinators, request_user
from parcours.accounts.enums import Role
from parcours.audit.enums import AccessKind
from parcours.audit.selectors import access_events_for, readers_of
from parcours.audit.services import access_record, access_record_page
from parcours.casework.dossier import person_dossier
from parcours.casework.worklist import task_labels
from parcours.core.dates import today
from parcours.core.errors import DomainError
from parcours.pathways.enums import Status
from parcours.pathways.selectors import (
    merged_person_target,
    merges_for,
    people_visible_to,
    person_find_for_page,
    person_get_for_staff,
)
from parcours.pathways.services.intake import person_correct
from parcours.pathways.services.merge import people_merge, people_merge_undo
from parcours.people.models import Person
from parcours.people.services import EDITABLE_FIELDS, MERGE_PICKS
from parcours.staff.forms.people import CorrectionForm, MergeForm


@centre_staff
def person_page(request: HttpRequest, person_id: int) -> HttpResponse:
    user = request_user(request)
    person = person_find_for_page(user=user, person_id=person_id)
    if person is None:
        kept = merged_person_target(user=user, person_id=person_id)
        if kept is not None:  # a merged record: its page is the kept person's
            return redirect("staff:person", kept)
        raise Http404
    dossier = person_dossier(user=user, person=person)
    # The person and the probable duplicates the page names, in one INSERT.
    access_record_page(
        user=user, person=person, what="file", beside=dossier.duplicates, where="staff:person"
    )
    day = today()
    context = {"d": dossier, "person": person, "today": day, "Status": Status}
    if dossier.pathway is not None:
        context["task_label"] = task_labels(day).get(dossier.pathway.worklist_task)
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


def _comparison(keep: Person, duplicate: Person, picks: dict[str, str]) -> list[dict[str, Any]]:
    """The two records side by side, one row per field, with the value the merge keeps."""
    rows = []
    for name in EDITABLE_FIELDS:
        ours, theirs = getattr(keep, name), getattr(duplicate, name)
        default = "duplicate" if ours in ("", None, []) and theirs not in ("", None, []) else "keep"
        rows.append(
            {
                "name": name,
                "label": getattr(Person._meta.get_field(name), "verbose_name", name),
                "keep": _shown(ours),
                "duplicate": _shown(theirs),
                "differs": ours != theirs,
                "pick": picks.get(name, default),
            }
        )
    return rows


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def _picks(request: HttpRequest) -> dict[str, str]:
    return {
        name: str(request.POST[f"pick_{name}"])
        for name in EDITABLE_FIELDS
        if request.POST.get(f"pick_{name}") in MERGE_PICKS
    }


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
    picks = _picks(request) if request.method == "POST" else {}
    if request.method == "POST" and form.is_valid() and duplicate is not None:
        try:
            people_merge(
                keep=keep,
                duplicate=duplicate,
                actor=user,
                reason=form.cleaned_data["reason"],
                picks=picks,
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The two records are merged."))
            return redirect("staff:person", keep.pk)
    rows = _comparison(keep, duplicate, picks) if duplicate is not None else []
    context = {"form": form, "person": keep, "duplicate": duplicate, "rows": rows}
    return render(request, "staff/person_merge.html", context)


@admins
def merge_list(request: HttpRequest) -> HttpResponse:
    """The recorded merges; an administrator undoes one from here."""
    return render(request, "staff/merges.html", {"merges": merges_for(user=request_user(request))})


@admins
def merge_undo(request: HttpRequest, merge_id: int) -> HttpResponse:
    user = request_user(request)
    merge = get_object_or_404(merges_for(user=user), pk=merge_id)
    if request.method == "POST":
        try:
            people_merge_undo(merge=merge, actor=user)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The merge is undone: both records are back."))
        return redirect("staff:merges")
    return render(request, "staff/merge_undo.html", {"merge": merge})


@coordinators
def access_log(request: HttpRequest, person_id: int) -> HttpResponse:
    """Who looked at this file (DESIGN.md, data model: audit)."""
    person = person_get_for_staff(user=request_user(request), person_id=person_id)
    events = access_events_for(person=person)[:500]
    return render(request, "staff/access_log.html", {"person": person, "events": events})
