from django.apps import AppConfig


class HiringConfig(AppConfig):
    name = "corridor.recruitment.hiring"
    label = "hiring"
