from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "corridor.statistics"
    label = "statistics"

    def ready(self) -> None:
        from corridor.core.registry import MenuItem, register_api_section, register_menu_item

        register_menu_item(MenuItem("statistics.index", "statistics:index", _("Statistics"), order=210))
        register_api_section("statistics", "statistics-api:submission-list")
