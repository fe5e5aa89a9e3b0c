from parcours.audit.models import AccessEvent
from parcours.backoffice.admin_site import ReadOnlyRecordAdmin, admin_site


class AccessEventAdmin(ReadOnlyRecordAdmin):
    list_display = ["at", "user", "person", "what"]
    list_filter = ["what"]
    list_select_related = ["user", "person"]
    date_hierarchy = "at"


admin_site.register(AccessEvent, AccessEventAdmin)
