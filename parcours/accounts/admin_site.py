"""The admin for reference data: coordinators and administrators, after the second factor."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from parcours.accounts.access import needs_second_factor
from parcours.accounts.enums import ADMIN_SITE_ROLES, Role
from parcours.accounts.models import User


class ParcoursAdminSite(admin.AdminSite):
    site_header = _("Parcours — administration")
    site_title = _("Parcours administration")
    index_title = _("Reference data and accounts")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return (
            isinstance(user, User)
            and user.is_active
            and user.role in ADMIN_SITE_ROLES
            and not needs_second_factor(request)
        )

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """The staff login (password, then second factor) serves the admin too."""
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            target = reverse("admin:index", current_app=self.name)
        if self.has_permission(request):
            return redirect(target)
        if not request.user.is_authenticated:
            return redirect_to_login(target)
        if needs_second_factor(request):
            return redirect(f"{reverse('accounts:otp_verify')}?{urlencode({'next': target})}")
        raise PermissionDenied


admin_site = ParcoursAdminSite(name="admin")


def user_role(request: HttpRequest) -> str | None:
    return request.user.role if isinstance(request.user, User) else None


class RoleModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Permissions by role rather than by Django's per-model permissions."""

    view_roles: frozenset[str] = frozenset({Role.ADMIN})
    edit_roles: frozenset[str] = frozenset({Role.ADMIN})

    def has_module_permission(self, request: HttpRequest) -> bool:
        return user_role(request) in self.view_roles | self.edit_roles

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return user_role(request) in self.edit_roles

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return user_role(request) in self.edit_roles

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return user_role(request) in self.edit_roles


class ReadOnlyRecordAdmin(RoleModelAdmin):
    """Casework records in the admin: the administrator reads them; every write goes through
    the services (history, timeline, recomputed decisions), so nothing is editable here."""

    view_roles: frozenset[str] = frozenset({Role.ADMIN})
    edit_roles: frozenset[str] = frozenset()

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
