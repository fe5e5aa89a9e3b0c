from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "parcours.pathways"
    label = "pathways"
    verbose_name = _("Pathways")

    def ready(self) -> None:
        from django_tasks.signals import task_finished  # noqa: PLC0415

        from parcours.pathways.tasks import import_task_finished  # noqa: PLC0415

        task_finished.connect(import_task_finished, dispatch_uid="pathways-import-finished")
