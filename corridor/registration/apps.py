from django.apps import AppConfig, apps


class RegistrationConfig(AppConfig):
    name = "corridor.registration"
    label = "registration"
    verbose_name = "Consular registration"

    def ready(self) -> None:
        from corridor.crypto.registry import register_encrypted_fields
        from corridor.registration.models import ENCRYPTED_FIELDS, Registration

        register_encrypted_fields(Registration, dict(ENCRYPTED_FIELDS))

        # Matching jobs deduplicate registrations through this module's own selectors; matching
        # never imports registration (that was a cycle: registration also uses its normaliser).
        if apps.is_installed("corridor.matching"):
            from corridor.access import permissions as perms
            from corridor.matching.registry import MatchSource, register_source
            from corridor.registration import selectors

            register_source(
                MatchSource(
                    name="registration",
                    permission=perms.VIEW_REGISTRATION,
                    records=selectors.match_records,
                    summaries=selectors.match_summaries,
                )
            )
