from parcours.accounts.admin_site import ReadOnlyRecordAdmin, admin_site
from parcours.audit.models import AccessEvent


class AccessEventAdmin(ReadOnlyRecordAdmin):
    """Who read which file (by its number, no name: the log itself reveals nothing)."""

    list_display = ["at", "user", "person_id", "what"]
    list_filter = ["what"]
    list_select_related = ["user"]
    exclude = ["person"]
    date_hierarchy = "at"


admin_site.register(AccessEvent, AccessEventAdmin)
