"""From the person page: send the newcomer the link to their personal space, export
everything held on them (subject access, audited), and record the privacy notice given."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parcours.accounts.access import centre_staff, request_user
from parcours.casework.subject_access import subject_access_json, subject_access_pdf
from parcours.core.http import pdf_response
from parcours.pathways.selectors import person_get_for_staff
from parcours.people.privacy import Channel, privacy_acknowledge
from parcours.people.space import space_link_send
from parcours.staff.flow import attempt


@centre_staff
@require_POST
def space_link(request: HttpRequest, person_id: int) -> HttpResponse:
    user = request_user(request)
    person = person_get_for_staff(user=user, person_id=person_id)
    return attempt(
        request,
        lambda: space_link_send(person=person, actor=user),
        _("The link to the personal space is on its way."),
        "staff:person",
        person.pk,
    )


@centre_staff
def export_json(request: HttpRequest, person_id: int) -> HttpResponse:
    user = request_user(request)
    person = person_get_for_staff(user=user, person_id=person_id)
    response = HttpResponse(
        subject_access_json(person=person, user=user), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@centre_staff
def export_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    user = request_user(request)
    person = person_get_for_staff(user=user, person_id=person_id)
    response = pdf_response(
        subject_access_pdf(person=person, user=user), f"person-{person.pk}-data.pdf"
    )
    response["Cache-Control"] = "no-store"
    return response


@centre_staff
@require_POST
def privacy_given(request: HttpRequest, person_id: int) -> HttpResponse:
    """At the welcome module: the notice was given to the person in the language chosen."""
    user = request_user(request)
    person = person_get_for_staff(user=user, person_id=person_id)
    return attempt(
        request,
        lambda: privacy_acknowledge(
            person=person,
            language=str(request.POST.get("language", ""))[:8],
            channel=Channel.WELCOME,
            now=timezone.now(),
            actor=user,
        ),
        _("The privacy notice given is recorded."),
        "staff:person",
        person.pk,
    )
