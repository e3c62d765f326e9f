from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "corridor.registration"
    label = "registration"
    verbose_name = "Consular registration"

    def ready(self) -> None:
        from corridor.access import permissions as perms
        from corridor.core.registry import (
            SIGNED_IN,
            SIGNED_OUT,
            MenuItem,
            register_api_section,
            register_menu_item,
        )
        from corridor.crypto.registry import register_encrypted_fields
        from corridor.registration import selectors
        from corridor.registration.models import ENCRYPTED_FIELDS, Registration

        register_encrypted_fields(Registration, dict(ENCRYPTED_FIELDS))
        register_menu_item(
            MenuItem(
                "registration.list",
                "registration:list",
                _("Registrations"),
                order=30,
                audience=SIGNED_IN,
                permissions=frozenset({perms.VIEW_REGISTRATION}),
            )
        )
        register_menu_item(
            MenuItem(
                "registration.start",
                "registration:start",
                _("Consular registration"),
                order=150,
                audience=SIGNED_OUT,
            )
        )
        register_api_section("registration", "registration-api:list")

        # Matching jobs deduplicate registrations through this module's own selectors; matching
        # never imports registration (that was a cycle: registration also uses its normaliser).
        if apps.is_installed("corridor.matching"):
            from corridor.matching.registry import MatchSource, register_source

            register_source(
                MatchSource(
                    name="registration",
                    permission=perms.VIEW_REGISTRATION,
                    records=selectors.match_records,
                    summaries=selectors.match_summaries,
                )
            )
