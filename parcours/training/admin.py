from parcours.accounts.admin_site import RoleModelAdmin, admin_site
from parcours.accounts.enums import Role
from parcours.training.models import Offer, Partner


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


admin_site.register(Partner, PartnerAdmin)
admin_site.register(Offer, OfferAdmin)
