from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "corridor.services"
    label = "services"
    verbose_name = _("Service register")

    def ready(self) -> None:
        from corridor.core.registry import MenuItem, register_api_section, register_menu_item

        register_menu_item(MenuItem("services.find-help", "services:find-help", _("Find help"), order=200))
        register_api_section("services", "services-api:root")
