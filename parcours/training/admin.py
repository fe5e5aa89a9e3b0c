from parcours.accounts.admin_site import RoleModelAdmin, admin_site
from parcours.accounts.enums import Role
from parcours.training.models import Offer, Partner, PartnerToken


class PartnerAdmin(RoleModelAdmin):
    list_display = ["name", "commune", "gives_french", "gives_citizenship", "gives_job_orientation"]
    search_fields = ["name"]
    # DESIGN.md: coordinators manage the partner bodies and their offers.
    view_roles = frozenset({Role.ADMIN, Role.COORDINATOR})
    edit_roles = frozenset({Role.ADMIN, Role.COORDINATOR})


class OfferAdmin(RoleModelAdmin):
    list_display = ["title", "partner", "track", "commune", "capacity", "is_open"]
    list_filter = ["track", "is_open"]
    search_fields = ["title", "partner__name"]
    view_roles = frozenset({Role.ADMIN, Role.COORDINATOR})
    edit_roles = frozenset({Role.ADMIN, Role.COORDINATOR})


class PartnerTokenAdmin(RoleModelAdmin):
    """Revocation only: a token is created by its user and shown once."""

    list_display = ["prefix", "user", "created_at", "revoked_at"]
    readonly_fields = ["prefix", "user", "digest", "created_at"]

    def has_add_permission(self, *args: object) -> bool:
        return False


admin_site.register(Partner, PartnerAdmin)
admin_site.register(Offer, OfferAdmin)
admin_site.register(PartnerToken, PartnerTokenAdmin)
