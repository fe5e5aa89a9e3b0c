"""The partner's offers, the class grid (people × dates, one POST, all or nothing), the CSV
import of hours, and the API tokens."""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from parcours.accounts.access import partners, request_user
from parcours.accounts.enums import TokenScope
from parcours.accounts.tokens import api_token_issue, api_token_revoke, api_tokens_of
from parcours.core.dates import parse_date, today
from parcours.core.errors import DomainError, NotFoundError
from parcours.partner.forms import ImportForm, OfferForm
from parcours.pathways.services.referral_import import import_load, import_stage
from parcours.training.enums import AttendanceKind, AttendanceSource
from parcours.training.hours_rows import hours_check
from parcours.training.models import Enrolment, Offer
from parcours.training.selectors import (
    Grid,
    class_grid,
    grid_dates,
    offer_get_for_partner,
    partner_enrolments,
    partner_offers,
)
from parcours.training.services.attendance import (
    AttendanceError,
    Cell,
    CellKey,
    attendance_record,
    cell_errors,
    parse_hours,
)
from parcours.training.services.hours_import import hours_import_commit
from parcours.training.services.offers import OfferInput, offer_save

MAX_UPLOAD = 10 * 1024 * 1024
PREVIEW_ROWS = 50


# How many days the class grid shows by default (a product choice).
GRID_DEFAULT_DAYS = 28


def grid_range(request: HttpRequest) -> tuple[date, date]:
    end = parse_date(request.GET.get("to", "")) or today()
    start = parse_date(request.GET.get("from", "")) or end - timedelta(days=GRID_DEFAULT_DAYS - 1)
    if start > end:
        start, end = end, start
    return start, end


@partners
def offer_list(request: HttpRequest) -> HttpResponse:
    offers = partner_offers(user=request_user(request)).order_by("track", "title")
    return render(request, "partner/offers.html", {"offers": offers})


def _offer_form(request: HttpRequest, offer: Offer | None) -> HttpResponse:
    user = request_user(request)
    initial: dict[str, object] = {"is_open": True}
    if offer is not None:
        initial = {
            **{f: getattr(offer, f) for f in OfferForm.base_fields if f != "start_dates"},
            "start_dates": ", ".join(offer.start_dates),
        }
    form = OfferForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = OfferInput(**form.cleaned_data)
        try:
            assert user.partner is not None  # noqa: S101 - @partners
            saved = offer_save(partner=user.partner, data=data, actor=user, offer=offer)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Offer saved."))
            return redirect("partner:offers") if offer else redirect("partner:grid", saved.pk)
    return render(request, "partner/offer_form.html", {"form": form, "offer": offer})


@partners
def offer_new(request: HttpRequest) -> HttpResponse:
    return _offer_form(request, None)


@partners
def offer_edit(request: HttpRequest, offer_id: int) -> HttpResponse:
    return _offer_form(
        request, offer_get_for_partner(user=request_user(request), offer_id=offer_id)
    )


def _name(enrolment_id: int, day: date) -> str:
    return f"h-{enrolment_id}-{day.isoformat()}"


def _posted(request: HttpRequest, grid: Grid) -> tuple[list[Cell], dict[CellKey, str]]:
    """Changed cells; a cleared cell that had hours becomes 0 (a correction, kept in history)."""
    cells, errors = [], {}
    for person in grid.people:
        for day in grid.dates:
            key = (person.enrolment_id, day)
            raw = request.POST.get(_name(*key), "").strip()
            before = grid.values.get(key, "")
            if raw == before or (not raw and not before):
                continue
            try:
                hours = parse_hours(raw) if raw else Decimal(0)
            except ValueError as error:
                errors[key] = str(error)
                continue
            cells.append(Cell(person.enrolment_id, day, hours))
    return cells, errors


def _grid_page(request: HttpRequest, grid: Grid, errors: dict[CellKey, str]) -> HttpResponse:
    posted = request.method == "POST"
    rows = [
        {
            "person": person,
            "cells": [
                {
                    "name": _name(person.enrolment_id, day),
                    "day": day,
                    "value": request.POST.get(_name(person.enrolment_id, day), "")
                    if posted
                    else grid.values.get((person.enrolment_id, day), ""),
                    "error": errors.get((person.enrolment_id, day), ""),
                }
                for day in grid.dates
            ],
        }
        for person in grid.people
    ]
    context = {
        "grid": grid,
        "rows": rows,
        "errors": errors,
        "start": grid.dates[0] if grid.dates else None,
        "end": grid.dates[-1] if grid.dates else None,
        "query": request.GET.urlencode(),
    }
    return render(request, "partner/grid.html", context)


@partners
def grid(request: HttpRequest, offer_id: int) -> HttpResponse:
    user = request_user(request)
    offer = offer_get_for_partner(user=user, offer_id=offer_id)
    start, end = grid_range(request)
    found = class_grid(user=user, offer=offer, dates=grid_dates(offer, start, end))
    if request.method != "POST":
        return _grid_page(request, found, {})
    cells, errors = _posted(request, found)
    if not cells and not errors:
        messages.info(request, _("Nothing changed."))
        return redirect(f"{request.path}?{request.GET.urlencode()}")
    wanted = [p.enrolment_id for p in found.people]
    scope = {e.pk: e for e in partner_enrolments(user=user).filter(pk__in=wanted)}
    # Every bad cell at once: those that are not numbers and those the ledger refuses.
    errors |= cell_errors(cells, scope, AttendanceKind.SESSION, today())
    if not errors:
        try:
            recorded = attendance_record(
                cells=cells,
                enrolments=scope,
                source=AttendanceSource.GRID,
                actor=user,
                today=today(),
            )
        except AttendanceError as error:
            errors = error.errors
        else:
            written = recorded.written
            done = ngettext("%(n)s cell recorded.", "%(n)s cells recorded.", written)
            messages.success(request, done % {"n": written})
            return redirect(f"{request.path}?{request.GET.urlencode()}")
    return _grid_page(request, found, errors)


def _scope(request: HttpRequest) -> list[Enrolment]:
    return list(partner_enrolments(user=request_user(request)))


@partners
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("The file is larger than 10 MB: split it."))
        else:
            token = import_stage(content=upload.read(), user=request_user(request))
            return redirect("partner:import_preview", token)
    return render(request, "partner/import_upload.html", {"form": form})


@partners
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    user = request_user(request)
    scope = _scope(request)
    try:
        report = hours_check(import_load(token=token, user=user), enrolments=scope, today=today())
    except NotFoundError:
        raise Http404 from None
    if request.method == "POST" and report.ok:
        try:
            recorded = hours_import_commit(token=token, enrolments=scope, actor=user, today=today())
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("%(n)s entries recorded.") % {"n": recorded.written})
            return redirect("partner:inbox")
    context = {
        "report": report,
        "token": token,
        "preview": report.rows[:PREVIEW_ROWS],
        "errors": report.errors[:500],
    }
    return render(request, "partner/import_preview.html", context)


@partners
def tokens(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    created = ""
    if request.method == "POST":
        created = api_token_issue(user=user, scope=TokenScope.PARTNER_HOURS, actor=user)
    mine = api_tokens_of(user=user, scope=TokenScope.PARTNER_HOURS)
    response = render(request, "partner/tokens.html", {"tokens": mine, "created": created})
    response["Cache-Control"] = "no-store"  # a new token must not stay in a cache
    return response


@require_POST
@partners
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user = request_user(request)
    token = get_object_or_404(api_tokens_of(user=user, scope=TokenScope.PARTNER_HOURS), pk=token_id)
    try:
        api_token_revoke(token=token, actor=user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Token revoked."))
    return redirect(reverse("partner:tokens"))
