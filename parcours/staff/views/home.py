from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from parcours.accounts.access import request_user, staff_view
from parcours.accounts.enums import Role
from parcours.pathways.parameters import number
from parcours.territory.models import ReferenceDataset
from parcours.territory.selectors import (
    centres_overview,
    communes_served_by,
    office_get_for_staff,
    offices_visible_to,
)


@staff_view()
def home(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    context: dict[str, object] = {"user": user, "Role": Role}
    if user.works_for_centre and user.centre is not None:
        context["offices"] = offices_visible_to(user=user)
        context["communes"] = communes_served_by(centre=user.centre)
    elif user.role == Role.COMMUNE and user.commune is not None:
        context["commune_centre"] = user.commune.centre
        context["permit_months"] = number("permit_minimum_validity", timezone.localdate())
    elif user.role in (Role.REGION, Role.ADMIN):
        context["centres"] = centres_overview()
        context["datasets"] = ReferenceDataset.objects.all()
    return render(request, f"staff/home_{user.role}.html", context)


@staff_view(roles=(Role.AGENT, Role.COORDINATOR, Role.REGION, Role.ADMIN))
def office_detail(request: HttpRequest, office_id: int) -> HttpResponse:
    office = office_get_for_staff(user=request_user(request), office_id=office_id)
    return render(request, "staff/office_detail.html", {"office": office})
