from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "corridor.core"
    label = "core"
    verbose_name = "Corridor core"

    def ready(self) -> None:
        from corridor.core import catalogues

        catalogues.install()
