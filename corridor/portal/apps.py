from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "corridor.portal"
    label = "portal"

    def ready(self) -> None:
        from corridor.core.registry import SIGNED_IN, MenuItem, register_home, register_menu_item

        register_home("portal:home")
        register_menu_item(
            MenuItem("portal.dashboard", "portal:dashboard", _("Dashboard"), order=10, audience=SIGNED_IN)
        )
