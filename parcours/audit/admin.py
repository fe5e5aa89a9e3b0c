from parcours.accounts.admin_site import ReadOnlyRecordAdmin, admin_site
from parcours.audit.models import AccessEvent, StatisticsExport


class AccessEventAdmin(ReadOnlyRecordAdmin):
    """Who read which file (by its number, no name: the log itself reveals nothing)."""

    list_display = ["at", "user", "person_id", "what"]
    list_filter = ["what"]
    list_select_related = ["user"]
    exclude = ["person"]
    date_hierarchy = "at"


admin_site.register(AccessEvent, AccessEventAdmin)


class StatisticsExportAdmin(ReadOnlyRecordAdmin):
    list_display = ["at", "user", "figure", "file_format"]
    list_filter = ["figure", "file_format"]
    list_select_related = ["user"]
    date_hierarchy = "at"


admin_site.register(StatisticsExport, StatisticsExportAdmin)
