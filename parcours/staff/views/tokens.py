"""API tokens for POST /api/v1/referrals: a coordinator issues and revokes them for the
commune users of the centre's area, an administrator for every commune user (the command
`parcours api_token --user EMAIL` issues one too). A token is shown once, on the page that
issues it; who issued and who revoked each token stays on the list."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.accounts.access import coordinators_and_admins, request_user
from parcours.accounts.enums import TokenScope
from parcours.accounts.tokens import api_token_issue, api_token_revoke
from parcours.core.errors import DomainError
from parcours.pathways.selectors import (
    commune_user_get_for_staff,
    commune_users_for,
    referral_token_get_for_staff,
)


@coordinators_and_admins
def token_list(request: HttpRequest) -> HttpResponse:
    users = commune_users_for(user=request_user(request))
    return render(request, "staff/tokens.html", {"users": users})


@coordinators_and_admins
def token_issue(request: HttpRequest, user_id: int) -> HttpResponse:
    holder = commune_user_get_for_staff(user=request_user(request), user_id=user_id)
    context = {"holder": holder, "token": None, "error": ""}
    if request.method == "POST":
        try:
            context["token"] = api_token_issue(
                user=holder, scope=TokenScope.REFERRALS, actor=request_user(request)
            )
        except DomainError as error:
            context["error"] = str(error.message)
    response = render(request, "staff/token_issue.html", context)
    response["Cache-Control"] = "no-store"  # the token must not stay in a cache
    return response


@coordinators_and_admins
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = referral_token_get_for_staff(user=request_user(request), token_id=token_id)
    if request.method == "POST":
        try:
            api_token_revoke(token=token, actor=request_user(request))
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Token revoked: it no longer works."))
        return redirect("staff:tokens")
    return render(request, "staff/token_revoke.html", {"token": token})
