"""The admin holds reference data and accounts only (DESIGN.md, "Who uses it"): casework
records (pathways, their timeline, decisions, cases, transfers) are read on the staff pages,
scoped to a centre and audited, never in the admin. Referral tokens are accounts' keys."""

from parcours.accounts.admin_site import ReadOnlyRecordAdmin, admin_site
from parcours.pathways.models import ReferralToken


class ReferralTokenAdmin(ReadOnlyRecordAdmin):
    list_display = ["user", "prefix", "created_at", "revoked_at"]
    exclude = ["digest"]


admin_site.register(ReferralToken, ReferralTokenAdmin)
