from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "corridor.cases"
    label = "cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        from corridor.cases.models import Document
        from corridor.crypto.registry import register_encrypted_fields

        register_encrypted_fields(Document, {"filename": None})
