from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "corridor.recruitment"
    label = "recruitment"
