"""Who may enter the staff area: one decorator used by every staff view."""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from parcours.accounts.enums import CENTRE_ROLES, Role
from parcours.accounts.models import User

View = Callable[..., HttpResponse]


# Set at login: a user who enrolled a device must use it even where 2FA is optional.
OTP_REQUIRED = "parcours_otp_required"


def needs_second_factor(request: HttpRequest) -> bool:
    verified: Callable[[], bool] = getattr(request.user, "is_verified", lambda: False)
    required = settings.PARCOURS_REQUIRE_2FA or request.session.get(OTP_REQUIRED, False)
    return bool(required) and not verified()


def staff_view(roles: Iterable[Role] = tuple(Role)) -> Callable[[View], View]:
    allowed = frozenset(roles)

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not isinstance(user, User) or not user.is_active:
                return redirect_to_login(request.get_full_path())
            if needs_second_factor(request):
                return redirect("accounts:otp_verify")
            if user.role not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


# The one set of role decorators of every staff and partner page (DESIGN.md, "Who uses it").
centre_staff = staff_view(roles=CENTRE_ROLES)
coordinators = staff_view(roles=(Role.COORDINATOR,))
coordinators_and_admins = staff_view(roles=(Role.COORDINATOR, Role.ADMIN))
admins = staff_view(roles=(Role.ADMIN,))
partners = staff_view(roles=(Role.PARTNER,))


def request_user(request: HttpRequest) -> User:
    """The signed-in user of a request that passed one of the decorators above."""
    assert isinstance(request.user, User)  # noqa: S101 -- guaranteed by staff_view
    return request.user


def lockout_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The name django-axes counts failures under: the e-mail as the login matches it (case and
    surrounding spaces ignored), so that "LOCKME@…" or a trailing space is the same account."""
    typed = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(typed).strip().lower()
