from django.apps import AppConfig


class GrievancesConfig(AppConfig):
    name = "corridor.recruitment.grievances"
    label = "grievances"
