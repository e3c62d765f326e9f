from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "corridor.matching"
    label = "matching"
    verbose_name = "Person matching"

    def ready(self) -> None:
        from corridor.access import permissions as perms
        from corridor.core.registry import SIGNED_IN, MenuItem, register_api_section, register_menu_item

        register_menu_item(
            MenuItem(
                "matching.jobs",
                "matching:job_list",
                _("Duplicate review"),
                order=40,
                audience=SIGNED_IN,
                # The only job today deduplicates consular registrations.
                permissions=frozenset({perms.REVIEW_MATCHES, perms.VIEW_REGISTRATION}),
            )
        )
        register_api_section("matching", "matching-api:job-list")
