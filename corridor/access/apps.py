from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "corridor.access"
    label = "access"
