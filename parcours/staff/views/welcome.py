from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parcours.accounts.access import centre_staff, request_user
from parcours.audit.enums import AccessKind
from parcours.core.dates import today
from parcours.core.errors import DomainError
from parcours.pathways.models import HealthNote, SocialAssessment
from parcours.pathways.services import welcome
from parcours.staff.flow import attempt, form_flow, scoped_pathway
from parcours.staff.forms.casework import (
    AssessmentForm,
    DayForm,
    FrenchTestForm,
    HealthForm,
    HelpForm,
    RightsForm,
)


def _assessment_initial(assessment: SocialAssessment | None) -> dict[str, Any]:
    if assessment is None:
        return {"assessed_on": today()}
    names = [f.name for f in SocialAssessment._meta.get_fields() if hasattr(f, "attname")]
    return {name: getattr(assessment, name) for name in names}


@centre_staff
def assessment(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id, what="social_assessment")
    current = SocialAssessment.objects.filter(pathway=pathway).first()
    form = AssessmentForm(request.POST or None, initial=_assessment_initial(current))

    def perform(data: dict[str, Any]) -> object:
        return welcome.assessment_record(
            pathway=pathway,
            sections=form.sections(),
            tracks_needed=data["tracks_needed"],
            assessed_on=data["assessed_on"],
            actor=request_user(request),
            answers=form.answers(),
            children_count=data["children_count"],
        )

    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Social assessment"),
        perform=perform,
        success=_("Social assessment recorded."),
    )


@centre_staff
def health(request: HttpRequest, pathway_id: int) -> HttpResponse:
    """Special-category data: its own page, each view audited; the only place to write it."""
    pathway = scoped_pathway(request, pathway_id, what=AccessKind.HEALTH)
    note = HealthNote.objects.filter(pathway=pathway).select_related("updated_by").first()
    initial = {"notes": note.notes, "needs": note.needs} if note else {}
    form = HealthForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            welcome.health_note_record(
                pathway=pathway,
                notes=form.cleaned_data["notes"],
                clear=form.cleaned_data["clear"],
                needs=form.cleaned_data["needs"],
                actor=request_user(request),
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Health note recorded."))
            return redirect("staff:health", pathway.pk)
    context = {"pathway": pathway, "note": note, "form": form}
    return render(request, "staff/health.html", context)


@centre_staff
def rights(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = RightsForm(request.POST or None, initial={"given_on": today()})
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Rights and duties information"),
        perform=lambda d: welcome.rights_session_record(
            pathway=pathway, actor=request_user(request), **d
        ),
        success=_("Recorded."),
    )


@centre_staff
def french_test(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = FrenchTestForm(request.POST or None, initial={"tested_on": today()})
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("French level test"),
        perform=lambda d: welcome.french_test_record(
            pathway=pathway, actor=request_user(request), **d
        ),
        success=_("Recorded."),
    )


@centre_staff
def administrative_help(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = HelpForm(request.POST or None, initial={"helped_on": today()})
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Administrative help"),
        perform=lambda d: welcome.administrative_help_record(
            pathway=pathway, actor=request_user(request), **d
        ),
        success=_("Recorded."),
    )


@centre_staff
def complete(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = DayForm(request.POST or None, initial={"on": today()})
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Welcome module done"),
        perform=lambda d: welcome.welcome_complete(
            pathway=pathway, on=d["on"], actor=request_user(request)
        ),
        success=_("The welcome module is done."),
    )


@centre_staff
@require_POST
def task_state(request: HttpRequest, pathway_id: int, part: str) -> HttpResponse:
    """A part of the welcome module set in progress, or back to to do (`state` in the form)."""
    pathway = scoped_pathway(request, pathway_id)
    state = request.POST.get("state", "")
    if state not in ("in_progress", "todo"):
        messages.error(request, _("Unknown state."))
        return redirect("staff:person", pathway.person_id)
    return attempt(
        request,
        lambda: welcome.welcome_part_mark(
            pathway=pathway,
            part=part,
            started=state == "in_progress",
            actor=request_user(request),
        ),
        _("Task updated."),
        "staff:person",
        pathway.person_id,
    )
