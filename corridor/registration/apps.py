from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    name = "corridor.registration"
    label = "registration"
    verbose_name = "Consular registration"

    def ready(self) -> None:
        from corridor.crypto.registry import register_encrypted_fields
        from corridor.registration.models import ENCRYPTED_FIELDS, Registration

        register_encrypted_fields(Registration, dict(ENCRYPTED_FIELDS))
