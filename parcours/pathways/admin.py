"""Casework records in the admin, read-only (services own every write)."""

from parcours.backoffice.admin_site import ReadOnlyRecordAdmin, admin_site
from parcours.pathways.models import (
    Adjustment,
    Agreement,
    Decision,
    Evaluation,
    NonCompliance,
    Notification,
    Pathway,
    PathwayEvent,
    Referral,
    ReferralToken,
    Transfer,
    Waiver,
)


class PathwayAdmin(ReadOnlyRecordAdmin):
    list_display = ["person", "centre", "status", "obligation", "voluntary", "referred_on"]
    list_filter = ["centre", "status", "obligation", "voluntary"]
    list_select_related = ["person", "centre"]
    search_fields = ["person__search_text", "person__national_number"]


class PathwayEventAdmin(ReadOnlyRecordAdmin):
    list_display = ["pathway", "kind", "summary", "actor", "at"]
    list_filter = ["kind"]
    list_select_related = ["pathway", "actor"]


class DecisionAdmin(ReadOnlyRecordAdmin):
    list_display = ["pathway", "rule", "status", "version", "governing_date", "is_current"]
    list_filter = ["rule", "status", "is_current"]


class ReferralAdmin(ReadOnlyRecordAdmin):
    list_display = ["pathway", "commune", "source", "referred_on", "batch"]
    list_filter = ["source"]
    list_select_related = ["pathway", "commune"]


class PathwayPartAdmin(ReadOnlyRecordAdmin):
    list_display = ["pathway", "__str__"]
    list_select_related = ["pathway"]


class NonComplianceAdmin(ReadOnlyRecordAdmin):
    list_display = ["pathway", "ground", "stage", "detected_on", "reported_on", "not_sanctionable"]
    list_filter = ["ground", "stage", "not_sanctionable"]
    list_select_related = ["pathway"]


class ReferralTokenAdmin(ReadOnlyRecordAdmin):
    list_display = ["user", "prefix", "created_at", "revoked_at"]
    exclude = ["digest"]


admin_site.register(Pathway, PathwayAdmin)
admin_site.register(PathwayEvent, PathwayEventAdmin)
admin_site.register(Decision, DecisionAdmin)
admin_site.register(Referral, ReferralAdmin)
admin_site.register(NonCompliance, NonComplianceAdmin)
admin_site.register(ReferralToken, ReferralTokenAdmin)


class TransferAdmin(ReadOnlyRecordAdmin):
    list_display = ["old_pathway", "from_centre", "to_centre", "moved_on"]


admin_site.register(Transfer, TransferAdmin)
for model in (Adjustment, Agreement, Evaluation, Notification, Waiver):
    admin_site.register(model, PathwayPartAdmin)
