from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "corridor.reference"
    label = "reference"
