from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class GrievancesConfig(AppConfig):
    name = "corridor.grievances"
    label = "grievances"

    def ready(self) -> None:
        from corridor.access import permissions as perms
        from corridor.core.registry import SIGNED_IN, SIGNED_OUT, MenuItem, register_menu_item
        from corridor.crypto.registry import register_encrypted_fields
        from corridor.grievances.models import Complaint

        # A named complainant's name and contact: no blind index, nobody searches by them.
        register_encrypted_fields(Complaint, {"reporter_name": None, "contact": None})
        register_menu_item(
            MenuItem(
                "grievances.queue",
                "grievances:office-queue",
                _("Complaints"),
                order=70,
                audience=SIGNED_IN,
                permissions=frozenset({perms.HANDLE_GRIEVANCES}),
            )
        )
        register_menu_item(
            MenuItem(
                "grievances.new", "grievances:new", _("Make a complaint"), order=140, audience=SIGNED_OUT
            )
        )

        # The recruitment scorecards and job-ad check show the public complaint figures;
        # recruitment reads them through its registry and never imports grievances.
        if apps.is_installed("corridor.recruitment"):
            from corridor.grievances import selectors
            from corridor.recruitment.registry import ComplaintFigures, register_complaint_figures

            register_complaint_figures(
                ComplaintFigures(
                    summary_for_agency=selectors.complaint_summary_for_agency,
                    open_vacancy_flags=selectors.open_vacancy_flags,
                )
            )
