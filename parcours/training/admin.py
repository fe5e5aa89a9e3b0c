from parcours.backoffice.admin_site import RoleModelAdmin, admin_site
from parcours.training.models import Partner


class PartnerAdmin(RoleModelAdmin):
    list_display = ["name", "commune", "gives_french", "gives_citizenship", "gives_job_orientation"]
    search_fields = ["name"]


admin_site.register(Partner, PartnerAdmin)
