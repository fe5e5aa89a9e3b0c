from collections.abc import Callable
from datetime import datetime
from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from parcours.accounts.access import staff_view
from parcours.accounts.enums import CENTRE_ROLES, Role
from parcours.accounts.models import User
from parcours.core.errors import DomainError

View = Callable[..., HttpResponse]
centre_staff = staff_view(roles=CENTRE_ROLES)
coordinators = staff_view(roles=[Role.COORDINATOR])


def user_of(request: HttpRequest) -> User:
    return cast(User, request.user)


def now() -> datetime:
    return timezone.now()


def attempt(
    request: HttpRequest, action: Callable[[], object], success: str, to: str, *args: object
) -> HttpResponse:
    """Run a service; its DomainError becomes a message, and nothing is changed."""
    try:
        action()
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, success)
    return redirect(to, *args)
