from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    name = "corridor.reference"
    label = "reference"

    def ready(self) -> None:
        from corridor.core.registry import SIGNED_OUT, MenuItem, register_api_section, register_menu_item

        register_menu_item(
            MenuItem(
                "reference.countries", "reference:countries", _("Countries"), order=170, audience=SIGNED_OUT
            )
        )
        register_api_section("reference", "reference-api:country-list")
