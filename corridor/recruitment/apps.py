from django.apps import AppConfig, apps


class RecruitmentConfig(AppConfig):
    name = "corridor.recruitment"
    label = "recruitment"

    def ready(self) -> None:
        # The data centre shows SDG 10.7.1 from the fee reports without importing this module
        # (statistics → recruitment was one edge of a cycle through registration).
        if apps.is_installed("corridor.statistics"):
            from corridor.recruitment.indicators import recruitment_cost
            from corridor.statistics.registry import register_operational_indicator

            register_operational_indicator("SDG_10_7_1", recruitment_cost)
