from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "parcours.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        # The hook that notes every person a request loads (audit.reads).
        from parcours.audit import reads  # noqa: F401, PLC0415
