from django.apps import AppConfig


class GrievancesConfig(AppConfig):
    name = "corridor.grievances"
    label = "grievances"

    def ready(self) -> None:
        from corridor.crypto.registry import register_encrypted_fields
        from corridor.grievances.models import Complaint

        # A named complainant's name and contact: no blind index, nobody searches by them.
        register_encrypted_fields(Complaint, {"reporter_name": None, "contact": None})
