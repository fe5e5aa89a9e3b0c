from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "parcours.training"
    label = "training"
    verbose_name = _("Training partners")

    def ready(self) -> None:
        # A file that moves to another centre takes its enrolments (and their hours) along.
        from parcours.pathways.services.moves import follower_register  # noqa: PLC0415
        from parcours.training.models import Enrolment  # noqa: PLC0415

        follower_register(Enrolment)
