"""The accounts a coordinator manages: their centre's, its partner bodies' and its communes'
(casework.accounts says which and what a coordinator may change)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from parcours.accounts.access import coordinators, request_user
from parcours.casework.accounts import (
    Invitation,
    account_active_set,
    account_get_for_coordinator,
    account_invite,
    account_role_set,
    accounts_managed_by,
    is_pending,
)
from parcours.core.errors import DomainError
from parcours.staff.forms.management import InviteForm, RoleForm
from parcours.territory.selectors import communes_served_by
from parcours.training.selectors import partners_managed_by


@coordinators
@require_http_methods(["GET"])
def account_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    rows = [
        {"account": account, "pending": is_pending(account), "self": account.pk == user.pk}
        for account in accounts_managed_by(user=user)
    ]
    return render(request, "staff/manage/accounts.html", {"rows": rows})


@coordinators
@require_http_methods(["GET", "POST"])
def account_invite_view(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    assert user.centre is not None  # noqa: S101 -- a coordinator belongs to a centre
    form = InviteForm(
        request.POST or None,
        partners=partners_managed_by(user=user),
        communes=communes_served_by(centre=user.centre),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitation = Invitation(
            email=data["email"],
            full_name=data["full_name"],
            role=data["role"],
            partner=data["partner"],
            commune=data["commune"],
        )
        try:
            account = account_invite(data=invitation, actor=user)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": account.email})
            return redirect("staff:accounts")
    context = {
        "form": form,
        "title": _("Invite a person"),
        "back": "staff:accounts",
        "submit": _("Send the invitation"),
    }
    return render(request, "staff/manage/form.html", context)


@coordinators
@require_http_methods(["GET", "POST"])
def account_edit(request: HttpRequest, account_id: int) -> HttpResponse:
    user = request_user(request)
    account = account_get_for_coordinator(user=user, account_id=account_id)
    form = RoleForm(request.POST or None, initial={"role": account.role})
    if request.method == "POST" and form.is_valid():
        try:
            account_role_set(account=account, role=form.cleaned_data["role"], actor=user)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Role changed."))
            return redirect("staff:accounts")
    context = {
        "form": form,
        "account": account,
        "pending": is_pending(account),
        "changeable": account.works_for_centre and account.pk != user.pk,
    }
    return render(request, "staff/manage/account.html", context)


@coordinators
@require_POST
def account_active(request: HttpRequest, account_id: int) -> HttpResponse:
    user = request_user(request)
    account = account_get_for_coordinator(user=user, account_id=account_id)
    active = request.POST.get("active") == "1"
    pending = is_pending(account)
    try:
        account_active_set(account=account, active=active, actor=user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        if pending:
            done = _("Invitation sent again.") if active else _("Invitation cancelled.")
        else:
            done = _("Account reactivated.") if active else _("Account deactivated.")
        messages.success(request, done)
    return redirect("staff:accounts")
