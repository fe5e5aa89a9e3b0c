from parcours.backoffice.admin_site import ReadOnlyRecordAdmin, admin_site
from parcours.certificates.models import Certificate


class CertificateAdmin(ReadOnlyRecordAdmin):
    """Read-only: a changed row would fail its signature; revocation is a staff action."""

    list_display = ["number", "holder_name", "centre_name", "issued_on", "revoked_on"]
    list_filter = ["centre", "year"]
    search_fields = ["number", "holder_name"]
    exclude = ["code", "signature"]


admin_site.register(Certificate, CertificateAdmin)
