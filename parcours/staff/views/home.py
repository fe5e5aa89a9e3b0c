from datetime import timedelta

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from parcours.accounts.access import request_user, staff_view
from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.casework.dashboard import dashboard
from parcours.core.dates import today
from parcours.pathways.parameters import number
from parcours.pathways.selectors import commune_inbox, commune_people, sanction_files_for
from parcours.territory.models import ReferenceDataset
from parcours.territory.selectors import (
    centres_overview,
    communes_served_by,
    office_get_for_staff,
    offices_visible_to,
)
from parcours.training.enums import EnrolmentStatus
from parcours.training.selectors import partner_enrolments

# "Recent" messages on a commune's home page: the last month.
RECENT_DAYS = 30


def _enrolment_counts(user: User) -> dict[str, int]:
    """A partner's people by the state of their enrolment (one grouped count)."""
    rows = partner_enrolments(user=user).order_by().values_list("status").annotate(n=Count("id"))
    found = dict(rows)
    return {status: found.get(status, 0) for status in EnrolmentStatus.values}


@staff_view()
def home(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    context: dict[str, object] = {"user": user, "Role": Role}
    if user.works_for_centre and user.centre is not None:
        context["board"] = dashboard(user=user, today=today())
        context["offices"] = offices_visible_to(user=user)
        context["communes"] = communes_served_by(centre=user.centre)
    elif user.role == Role.COMMUNE and user.commune is not None:
        context["commune_centre"] = user.commune.centre
        context["permit_months"] = number("permit_minimum_validity", timezone.localdate())
        context["people_count"] = commune_people(user=user).count()
        since = today() - timedelta(days=RECENT_DAYS)
        context["recent_messages"] = commune_inbox(user=user).filter(sent_on__gte=since).count()
        context["recent_days"] = RECENT_DAYS
    elif user.role == Role.PARTNER and user.partner_id is not None:
        context["enrolment_counts"] = _enrolment_counts(user)
    elif user.role in (Role.REGION, Role.ADMIN):
        context["centres"] = centres_overview()
        context["datasets"] = ReferenceDataset.objects.all()
        awaiting = sanction_files_for(user=user).filter(decided_on__isnull=True)
        context["sanctions_awaiting"] = awaiting.count()
    return render(request, f"staff/home_{user.role}.html", context)


@staff_view(roles=(Role.AGENT, Role.COORDINATOR, Role.REGION, Role.ADMIN))
def office_detail(request: HttpRequest, office_id: int) -> HttpResponse:
    office = office_get_for_staff(user=request_user(request), office_id=office_id)
    return render(request, "staff/office_detail.html", {"office": office})
