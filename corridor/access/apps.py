from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "corridor.access"
    label = "access"

    def ready(self) -> None:
        from corridor.access import permissions as perms
        from corridor.core.registry import SIGNED_IN, MenuItem, register_api_section, register_menu_item

        register_menu_item(
            MenuItem(
                "access.agreements",
                "access:agreement-list",
                _("Agreements"),
                order=80,
                audience=SIGNED_IN,
                permissions=frozenset({perms.VIEW_AGREEMENTS}),
            )
        )
        register_api_section("agreements", "api:agreement-list")
        register_api_section("break_glass", "api:break-glass-list")
