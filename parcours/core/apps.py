from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "parcours.core"
    label = "core"

    def ready(self) -> None:
        from parcours.core import lookups  # noqa: F401, PLC0415 -- registers `__any_of`
