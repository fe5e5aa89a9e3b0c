from django.contrib import admin

from parcours.accounts.admin_site import RoleModelAdmin, admin_site
from parcours.accounts.enums import Role
from parcours.appointments.models import AppointmentKind, Interpreter, InterpreterProvider

_EDITORS = frozenset({Role.ADMIN, Role.COORDINATOR})


@admin.register(AppointmentKind, site=admin_site)
class AppointmentKindAdmin(RoleModelAdmin):
    list_display = ("code", "default_minutes", "bookable_online")
    edit_roles = _EDITORS

    def has_add_permission(self, request: object, *args: object) -> bool:
        return False  # the kinds are a fixed list; their lengths are what an admin edits

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(InterpreterProvider, site=admin_site)
class InterpreterProviderAdmin(RoleModelAdmin):
    list_display = ("name", "email", "phone", "is_default")
    edit_roles = _EDITORS


@admin.register(Interpreter, site=admin_site)
class InterpreterAdmin(RoleModelAdmin):
    list_display = ("name", "provider", "phone")
    edit_roles = _EDITORS
