from django.apps import AppConfig


class HiringConfig(AppConfig):
    name = "corridor.recruitment.hiring"
    label = "hiring"

    def ready(self) -> None:
        from corridor.crypto.registry import register_encrypted_fields
        from corridor.recruitment.hiring.models import (
            APPLICATION_ENCRYPTED,
            CONTRACT_ENCRYPTED,
            Application,
            Contract,
        )

        register_encrypted_fields(Application, dict(APPLICATION_ENCRYPTED))
        register_encrypted_fields(Contract, dict(CONTRACT_ENCRYPTED))
