from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "corridor.matching"
    label = "matching"
    verbose_name = "Person matching"
