"""An application's decisions as a case-kernel transition table (``cases.services.step``).

The agency's state (``MANAGE_RECRUITMENT``) shortlists, selects or rejects; a rejection needs
a reason, which the worker sees. Submission creates the row (not a transition).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.cases.workflow import Transition, Workflow
from corridor.recruitment.hiring.models import ApplicationStatus as S

APPLICATION = Workflow(
    name="application",  # audit: application.<verb> (shortlisted, selected, rejected)
    note_field="reason",
    wrong_status=_("An application that is {status} cannot be changed this way."),
    transitions=(
        Transition(
            "shortlist",
            {S.SUBMITTED},
            S.SHORTLISTED,
            permission=perms.MANAGE_RECRUITMENT,
            label=_("shortlist"),
            verb="shortlisted",
        ),
        Transition(
            "select",
            {S.SUBMITTED, S.SHORTLISTED},
            S.SELECTED,
            permission=perms.MANAGE_RECRUITMENT,
            label=_("select"),
            verb="selected",
        ),
        Transition(
            "reject",
            {S.SUBMITTED, S.SHORTLISTED},
            S.REJECTED,
            permission=perms.MANAGE_RECRUITMENT,
            label=_("reject"),
            verb="rejected",
            needs_note=True,
        ),
    ),
)
