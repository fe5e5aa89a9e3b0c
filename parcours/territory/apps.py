from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "parcours.territory"
    label = "territory"
    verbose_name = _("Territory")

    def ready(self) -> None:
        """The office finder's per-process copy of the reference data is dropped whenever a
        row it holds is saved or deleted (`reference_cache`)."""
        from django.db.models.signals import post_delete, post_save  # noqa: PLC0415

        from parcours.territory import models  # noqa: PLC0415
        from parcours.territory.reference_cache import reference_version_bump  # noqa: PLC0415

        held = (
            models.Centre,
            models.Commune,
            models.PostalLocality,
            models.LocalityCommune,
            models.Office,
            models.OpeningHours,
        )
        for model in held:
            uid = f"territory-reference-{model.__name__}"
            post_save.connect(reference_version_bump, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(reference_version_bump, sender=model, dispatch_uid=f"{uid}-del")
