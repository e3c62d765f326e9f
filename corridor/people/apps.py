from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "corridor.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from corridor.crypto.registry import register_encrypted_fields
        from corridor.people.models import PersonRecord

        register_encrypted_fields(PersonRecord, {"document_number": "document_number_index"})
