from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "corridor.statistics"
    label = "statistics"
