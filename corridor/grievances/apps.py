from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class GrievancesConfig(AppConfig):
    name = "corridor.grievances"
    label = "grievances"

    def ready(self) -> None:
        from corridor.access import permissions as perms
        from corridor.cases.registry import register_breach_handler
        from corridor.core.registry import SIGNED_IN, SIGNED_OUT, MenuItem, register_menu_item
        from corridor.crypto.registry import register_encrypted_fields
        from corridor.exchange.registry import Field, register_purpose
        from corridor.grievances import services
        from corridor.grievances.models import Category, Complaint, Severity, Status, Subject

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
        # A breached complaint clock (triage or handling) raises the escalation level.
        register_breach_handler(Complaint._meta.label_lower, "escalate", services.escalate_breached)
        # What the concerned state is told: no complainant, no description.
        register_purpose(
            services.NOTICE_PURPOSE,
            label=_("Complaint about recruitment that concerns your state"),
            fields={
                "reference": Field("str", required=True, max_length=16),
                "subject": Field("str", required=True, choices=tuple(Subject.values)),
                "category": Field("str", required=True, choices=tuple(Category.values)),
                "status": Field("str", required=True, choices=tuple(Status.values)),
                "severity": Field("str", choices=tuple(Severity.values)),
                "agency_licence": Field("str", max_length=60),
                "vacancy": Field("uuid"),
                "employer_name": Field("str", max_length=200),
            },
            reply_fields={"response": Field("str", required=True, max_length=2000)},
        )
