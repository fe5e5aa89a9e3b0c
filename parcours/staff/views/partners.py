"""A coordinator's partner bodies and their offers (an administrator's: all of them; the
Region reads the list)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from parcours.accounts.access import coordinators, coordinators_and_admins, request_user, staff_view
from parcours.accounts.enums import Role
from parcours.core.errors import DomainError
from parcours.staff.forms.management import JoinForm, OfferForm, PartnerForm
from parcours.training.models import Offer, Partner
from parcours.training.selectors import (
    offer_get_for_staff,
    partner_get_for_staff,
    partners_managed_by,
    partners_to_join,
)
from parcours.training.services.offers import OfferInput
from parcours.training.services.partners import (
    PartnerInput,
    centre_offer_save,
    partner_join,
    partner_save,
)

_PARTNER_FIELDS = tuple(PartnerInput.__dataclass_fields__)


@staff_view(roles=(Role.COORDINATOR, Role.ADMIN, Role.REGION))
@require_http_methods(["GET"])
def partner_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    partners = partners_managed_by(user=user).prefetch_related("offers")
    joinable = partners_to_join(user=user)
    context = {
        "partners": partners,
        "join_form": JoinForm(partners=joinable) if joinable.exists() else None,
        "can_edit": user.role in (Role.COORDINATOR, Role.ADMIN),
    }
    return render(request, "staff/manage/partners.html", context)


@coordinators
@require_POST
def partner_join_view(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = JoinForm(request.POST, partners=partners_to_join(user=user))
    if not form.is_valid():
        messages.error(request, _("Choose a partner body in the list."))
        return redirect("staff:partners")
    try:
        partner_join(partner=form.cleaned_data["partner"], actor=user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Your centre now works with this partner body."))
    return redirect("staff:partners")


def _form_page(
    request: HttpRequest, form: Any, title: str, back: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "title": title, "back": back, **extra}
    return render(request, "staff/manage/form.html", context)


def _partner_form(request: HttpRequest, partner: Partner | None) -> HttpResponse:
    user = request_user(request)
    admin = user.role == Role.ADMIN
    initial: dict[str, object] = {}
    if partner is not None:
        initial = {name: getattr(partner, name) for name in _PARTNER_FIELDS}
        initial["centres"] = list(partner.centres.all())
    form = PartnerForm(request.POST or None, initial=initial, for_admin=admin)
    if request.method == "POST" and form.is_valid():
        data = PartnerInput(**{name: form.cleaned_data[name] for name in _PARTNER_FIELDS})
        centres = list(form.cleaned_data["centres"]) if admin else None
        try:
            saved = partner_save(data=data, actor=user, partner=partner, centres=centres)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Partner body saved."))
            return redirect("staff:partner_edit", saved.pk)
    title = partner.name if partner else _("New partner body")
    offers = partner.offers.select_related("commune") if partner else None
    return _form_page(request, form, title, "staff:partners", partner=partner, offers=offers)


@coordinators_and_admins
@require_http_methods(["GET", "POST"])
def partner_new(request: HttpRequest) -> HttpResponse:
    return _partner_form(request, None)


@coordinators_and_admins
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, partner_id: int) -> HttpResponse:
    partner = partner_get_for_staff(user=request_user(request), partner_id=partner_id)
    return _partner_form(request, partner)


def _offer_initial(offer: Offer | None) -> dict[str, object]:
    if offer is None:
        return {"is_open": True}
    names = [name for name in OfferForm.base_fields if name != "start_dates"]
    initial: dict[str, object] = {name: getattr(offer, name) for name in names}
    initial["start_dates"] = ", ".join(
        f"{day[8:10]}/{day[5:7]}/{day[:4]}" for day in offer.start_dates
    )
    return initial


def _offer_form(request: HttpRequest, partner: Partner, offer: Offer | None) -> HttpResponse:
    user = request_user(request)
    form = OfferForm(request.POST or None, initial=_offer_initial(offer), tracks=partner.tracks)
    if request.method == "POST" and form.is_valid():
        data = OfferInput(**form.cleaned_data)
        try:
            centre_offer_save(partner=partner, data=data, actor=user, offer=offer)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Offer saved."))
            return redirect("staff:partner_edit", partner.pk)
    title = offer.title if offer else _("New offer of %(partner)s") % {"partner": partner.name}
    return _form_page(request, form, title, "staff:partner_edit", back_id=partner.pk)


@coordinators_and_admins
@require_http_methods(["GET", "POST"])
def offer_new(request: HttpRequest, partner_id: int) -> HttpResponse:
    partner = partner_get_for_staff(user=request_user(request), partner_id=partner_id)
    return _offer_form(request, partner, None)


@coordinators_and_admins
@require_http_methods(["GET", "POST"])
def offer_edit(request: HttpRequest, partner_id: int, offer_id: int) -> HttpResponse:
    user = request_user(request)
    partner = partner_get_for_staff(user=user, partner_id=partner_id)
    offer = offer_get_for_staff(user=user, partner=partner, offer_id=offer_id)
    return _offer_form(request, partner, offer)
