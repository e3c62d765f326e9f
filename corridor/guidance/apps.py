from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "corridor.guidance"
    label = "guidance"

    def ready(self) -> None:
        from corridor.core.registry import SIGNED_OUT, MenuItem, register_api_section, register_menu_item

        # A migrant's most used tasks come first in the menu.
        for key, url_name, label, order in (
            ("guidance.corridors", "guidance:corridors", _("Corridor rules"), 110),
            ("guidance.stay-calculator", "guidance:stay-calculator", _("Calculate my dates"), 120),
            ("guidance.consulates", "guidance:consulates", _("Find your consulate"), 160),
        ):
            register_menu_item(MenuItem(key, url_name, label, order=order, audience=SIGNED_OUT))
        register_api_section("guidance", "guidance-api:stay-check")
