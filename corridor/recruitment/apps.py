from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "corridor.recruitment"
    label = "recruitment"

    def ready(self) -> None:
        from corridor.access import permissions as perms
        from corridor.core.registry import SIGNED_IN, MenuItem, register_api_section, register_menu_item

        register_menu_item(
            MenuItem(
                "recruitment.agencies",
                "recruitment:agency-list",
                _("Agencies"),
                order=50,
                audience=SIGNED_IN,
                permissions=frozenset({perms.MANAGE_AGENCIES}),
            )
        )
        register_menu_item(
            MenuItem(
                "recruitment.vacancies",
                "recruitment:vacancy-list",
                _("Job orders"),
                order=60,
                audience=SIGNED_IN,
                any_permission=frozenset({perms.MANAGE_RECRUITMENT, perms.POST_JOB_ORDERS}),
            )
        )
        register_menu_item(
            MenuItem("recruitment.index", "recruitment:index", _("Jobs and agencies"), order=130)
        )
        register_api_section("recruitment", "recruitment-api:public-agency-list")

        # The data centre shows SDG 10.7.1 from the fee reports without importing this module
        # (statistics → recruitment was one edge of a cycle through registration).
        if apps.is_installed("corridor.statistics"):
            from corridor.recruitment.indicators import recruitment_cost
            from corridor.statistics.registry import register_operational_indicator

            register_operational_indicator("SDG_10_7_1", recruitment_cost)
