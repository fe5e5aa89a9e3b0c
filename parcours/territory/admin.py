from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from parcours.accounts.admin_site import RoleModelAdmin, admin_site
from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.territory.enums import LanguageRegion
from parcours.territory.models import (
    Centre,
    Commune,
    CommuneCentreChange,
    Office,
    OpeningHours,
    PostalLocality,
    ReferenceDataset,
)
from parcours.territory.services import commune_assign_centre


class CommuneCentreForm(forms.ModelForm):  # type: ignore[type-arg]
    reason = forms.CharField(
        label=_("Why does this commune change centre?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when the centre changes; kept in the history."),
    )

    class Meta:
        model = Commune
        fields = ["centre"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "centre" not in self.changed_data:
            return data
        if not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the commune changes centre."))
        if data.get("centre") and self.instance.language_region != LanguageRegion.FRENCH:
            self.add_error(
                "centre", _("Only a commune of the French-language region can have a centre.")
            )
        return data


class CentreChangeInline(admin.TabularInline):  # type: ignore[type-arg]
    model = CommuneCentreChange
    extra = 0
    can_delete = False
    fields = ("changed_at", "changed_by", "previous_centre", "new_centre", "reason")
    readonly_fields = ("changed_at", "changed_by", "previous_centre", "new_centre", "reason")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True


def _coordinator_may_change(user: User, commune: Commune) -> bool:
    """A commune their centre serves, or one they moved away themselves (to undo a mistake).

    Read the stored centre: on a refused form, `commune` already holds the new one.
    """
    centre_id = user.centre_id
    if (
        centre_id is not None
        and Commune.objects.filter(pk=commune.pk, centre_id=centre_id).exists()
    ):
        return True
    latest = CommuneCentreChange.objects.filter(commune_id=commune.pk).first()
    return latest is not None and latest.changed_by_id == user.pk


@admin.register(Commune, site=admin_site)
class CommuneAdmin(RoleModelAdmin):
    """Coordinators correct the communes their centre serves; administrators any commune."""

    view_roles = frozenset({Role.COORDINATOR, Role.ADMIN})
    edit_roles = frozenset({Role.COORDINATOR, Role.ADMIN})
    form = CommuneCentreForm
    list_display = ["nis_code", "name_fr", "arrondissement_name", "language_region", "centre"]
    list_filter = ["centre", "language_region", "province", "centre_source"]
    search_fields = ["name_fr", "name_de", "nis_code"]
    readonly_fields = ("nis_code", "name_fr", "arrondissement_name", "language_region")
    fields = (*readonly_fields, "centre", "reason")
    inlines = [CentreChangeInline]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        user = request.user
        if not isinstance(user, User) or user.role not in self.edit_roles:
            return False
        if user.role == Role.COORDINATOR and obj is not None and user.centre_id is not None:
            return _coordinator_may_change(user, obj)
        return True

    def save_model(self, request: HttpRequest, obj: Commune, form: Any, change: bool) -> None:
        assert isinstance(request.user, User)  # noqa: S101 -- the admin site requires a User
        if "centre" not in form.changed_data:
            return  # nothing else on this form is editable
        # The form already checked what the service checks: a DomainError here is a bug.
        commune_assign_centre(
            commune=obj,
            centre=form.cleaned_data["centre"],
            reason=form.cleaned_data.get("reason", ""),
            actor=request.user,
        )


class OpeningHoursInline(admin.TabularInline):  # type: ignore[type-arg]
    model = OpeningHours
    extra = 1


@admin.register(Office, site=admin_site)
class OfficeAdmin(RoleModelAdmin):
    list_display = ["name", "centre", "commune", "by_appointment_only", "is_demo"]
    list_filter = ["centre", "is_demo"]
    search_fields = ["name", "street"]
    autocomplete_fields = ["commune"]
    inlines = [OpeningHoursInline]


@admin.register(Centre, site=admin_site)
class CentreAdmin(RoleModelAdmin):
    view_roles = frozenset({Role.COORDINATOR, Role.ADMIN})
    list_display = ["code", "name", "city", "phone", "website"]
    search_fields = ["code", "name"]


@admin.register(PostalLocality, site=admin_site)
class PostalLocalityAdmin(RoleModelAdmin):
    list_display = ["postal_code", "name", "commune"]
    search_fields = ["postal_code", "name"]
    list_select_related = ["commune"]
    autocomplete_fields = ["commune"]


@admin.register(ReferenceDataset, site=admin_site)
class ReferenceDatasetAdmin(RoleModelAdmin):
    view_roles = frozenset({Role.COORDINATOR, Role.ADMIN})
    edit_roles = frozenset()
    list_display = ["name", "rows", "loaded_at", "source"]
