from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from parcours.accounts.admin_site import RoleModelAdmin, admin_site
from parcours.accounts.models import User

_ATTACHMENT = ("full_name", "role", "centre", "partner", "commune", "is_active")


class UserCreationForm(BaseUserCreationForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ("email", *_ATTACHMENT)


class UserEditForm(UserChangeForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ("email", *_ATTACHMENT)


class UserAdmin(RoleModelAdmin, DjangoUserAdmin):  # type: ignore[type-arg]
    """Only administrators manage accounts (RoleModelAdmin's default)."""

    form = UserEditForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Role"), {"fields": _ATTACHMENT}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"fields": ("email", "password1", "password2", *_ATTACHMENT)}),)
    readonly_fields = ("last_login", "date_joined")
    list_display = ("email", "full_name", "role", "centre", "partner", "commune", "is_active")
    list_filter = ("role", "centre", "is_active")
    search_fields = ("email", "full_name")
    ordering = ("email",)
    filter_horizontal = ()


admin_site.register(User, UserAdmin)
