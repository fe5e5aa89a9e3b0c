from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from parcours.accounts.admin_site import ReadOnlyRecordAdmin, RoleModelAdmin, admin_site
from parcours.accounts.models import ApiToken, User
from parcours.accounts.tokens import api_token_revoke
from parcours.core.errors import DomainError

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


class ApiTokenAdmin(ReadOnlyRecordAdmin):
    """Read and revoke only: a token is issued on the staff or partner pages and shown once."""

    list_display = ["prefix", "user", "scope", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "user__email"]
    exclude = ["digest"]
    actions = ["revoke"]

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        actor = request.user if isinstance(request.user, User) else None
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True).select_related("user__commune"):
            try:
                api_token_revoke(token=token, actor=actor)
            except DomainError as error:
                self.message_user(request, str(error.message), messages.ERROR)
            else:
                revoked += 1
        self.message_user(request, _("Tokens revoked: %(count)d.") % {"count": revoked})


admin_site.register(User, UserAdmin)
admin_site.register(ApiToken, ApiTokenAdmin)
