from django.apps import AppConfig


class ReadmissionConfig(AppConfig):
    name = "corridor.readmission"
    label = "readmission"
    verbose_name = "Readmission"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from corridor.cases.models import BreachAction
        from corridor.cases.registry import register_breach_handler
        from corridor.crypto.registry import register_encrypted_fields
        from corridor.exchange.registry import Field, register_purpose, register_receiver
        from corridor.people.signals import protection_changed
        from corridor.readmission import services
        from corridor.readmission.models import ReadmissionCase, RefusalReason
        from corridor.readmission.workflow import SIDE_OF

        register_encrypted_fields(
            ReadmissionCase, {"document_number": "document_number_index", "screen": None}
        )
        text = Field("str", max_length=240)
        register_purpose(
            services.REQUEST_PURPOSE,
            label=_("Readmission request"),
            fields={
                "reference": Field("str", required=True, max_length=24),
                "agreement": Field("str", required=True, max_length=40),
                "category": Field("str", required=True, max_length=20),
                "accelerated": Field("bool"),
                "family_name": Field("str", required=True, max_length=120),
                "given_name": Field("str", max_length=120),
                "name_original": text,
                "name_cyrillic": text,
                "birth_date": Field("date"),
                "sex": Field("str", max_length=1),
                "citizenship": Field("str", max_length=3),
                "document_number": Field("str", max_length=60),
                "evidence": Field("str", max_length=2000),
            },
        )
        register_purpose(
            services.STEP_PURPOSE,
            label=_("Readmission case step"),
            fields={
                "reference": Field("str", required=True, max_length=24),
                "action": Field("str", required=True, choices=(*sorted(SIDE_OF), "hold")),
                "note": Field("str", max_length=2000),
                "refusal_reason": Field("str", choices=tuple(RefusalReason.values)),
                "transfer_date": Field("date"),
                "crossing_point": Field("str", max_length=120),
                "flight": Field("str", max_length=40),
                "escorts": Field("int"),
                "travel_document_number": Field("str", max_length=40),
            },
        )
        register_receiver(services.REQUEST_PURPOSE, services.receive_request)
        register_receiver(services.STEP_PURPOSE, services.receive_step)
        register_breach_handler(
            "readmission.readmissioncase", BreachAction.DEEM_ACCEPTED, services.deem_accepted
        )
        protection_changed.connect(services.hold_for_flags, dispatch_uid="readmission.hold_for_flags")

        # The site menu and the API index list the module from these (core names no module).
        from corridor.access import permissions as perms
        from corridor.core.registry import SIGNED_IN, MenuItem, register_api_section, register_menu_item

        register_menu_item(
            MenuItem(
                "readmission.list",
                "readmission:list",
                _("Readmission"),
                order=75,
                audience=SIGNED_IN,
                permissions=frozenset({perms.VIEW_READMISSION}),
            )
        )
        register_api_section("readmission", "readmission-api:agreement-list")
