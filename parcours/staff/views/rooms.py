"""The rooms and guest presenters of a centre's collective sessions, kept by its coordinator."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parcours.accounts.access import coordinators, request_user
from parcours.appointments.models import Presenter, Room
from parcours.appointments.services.rooms import (
    PresenterInput,
    RoomInput,
    presenter_save,
    room_save,
)
from parcours.core.errors import DomainError
from parcours.staff.forms.management import PresenterForm, RoomForm
from parcours.territory.selectors import offices_visible_to


def _rooms_of(request: HttpRequest) -> Any:
    offices = offices_visible_to(user=request_user(request))
    return Room.objects.filter(office__in=offices).select_related("office")


def _presenters_of(request: HttpRequest) -> Any:
    return Presenter.objects.filter(centre=request_user(request).centre)


def _room_page(request: HttpRequest, room: Room | None) -> HttpResponse:
    user = request_user(request)
    initial = {"is_active": True, "seats": 1}
    if room is not None:
        initial = {n: getattr(room, n) for n in ("office", "name", "seats", "is_active")}
    offices = offices_visible_to(user=user)
    form = RoomForm(request.POST or None, initial=initial, offices=offices)
    if request.method == "POST" and form.is_valid():
        try:
            room_save(data=RoomInput(**form.cleaned_data), actor=user, room=room)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Room saved."))
            return redirect("staff:rooms")
    context: dict[str, Any] = {"form": form, "room": room}
    if room is None:
        context["rooms"] = _rooms_of(request)
    return render(request, "staff/manage/rooms.html", context)


@coordinators
@require_http_methods(["GET", "POST"])
def room_list(request: HttpRequest) -> HttpResponse:
    return _room_page(request, None)


@coordinators
@require_http_methods(["GET", "POST"])
def room_edit(request: HttpRequest, room_id: int) -> HttpResponse:
    return _room_page(request, get_object_or_404(_rooms_of(request), pk=room_id))


def _presenter_page(request: HttpRequest, presenter: Presenter | None) -> HttpResponse:
    user = request_user(request)
    names = tuple(PresenterInput.__dataclass_fields__)
    initial: dict[str, object] = {"is_active": True}
    if presenter is not None:
        initial = {n: getattr(presenter, n) for n in names}
    form = PresenterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = PresenterInput(**form.cleaned_data)
        try:
            presenter_save(data=data, actor=user, presenter=presenter)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Presenter saved."))
            return redirect("staff:presenters")
    context: dict[str, Any] = {"form": form, "presenter": presenter}
    if presenter is None:
        context["presenters"] = _presenters_of(request)
    return render(request, "staff/manage/presenters.html", context)


@coordinators
@require_http_methods(["GET", "POST"])
def presenter_list(request: HttpRequest) -> HttpResponse:
    return _presenter_page(request, None)


@coordinators
@require_http_methods(["GET", "POST"])
def presenter_edit(request: HttpRequest, presenter_id: int) -> HttpResponse:
    found = get_object_or_404(_presenters_of(request), pk=presenter_id)
    return _presenter_page(request, found)
