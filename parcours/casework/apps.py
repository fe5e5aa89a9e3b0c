from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "parcours.casework"
    verbose_name = _("Casework")

    def ready(self) -> None:
        from parcours.casework.hours import files_after_hours  # noqa: PLC0415
        from parcours.training.services.effects import hours_listener_register  # noqa: PLC0415

        hours_listener_register(files_after_hours)
