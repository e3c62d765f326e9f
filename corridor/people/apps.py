from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "corridor.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from corridor.access import permissions as perms
        from corridor.core.registry import SIGNED_IN, MenuItem, register_api_section, register_menu_item
        from corridor.crypto.registry import register_encrypted_fields
        from corridor.people.models import PersonRecord

        register_encrypted_fields(PersonRecord, {"document_number": "document_number_index"})
        register_menu_item(
            MenuItem(
                "people.list",
                "people:list",
                _("Person records"),
                order=20,
                audience=SIGNED_IN,
                permissions=frozenset({perms.VIEW_PERSON}),
            )
        )
        register_api_section("people", "api:person-list")
