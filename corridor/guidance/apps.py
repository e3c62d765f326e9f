from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "corridor.guidance"
    label = "guidance"
