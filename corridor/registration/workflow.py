"""The journey of a consular registration as a case-kernel transition table.

Forward only; an officer may skip a step (an arrival seen before the departure). Each step
records the date it happened (``registration_set_status``). Verification of a self-service
registration (pending → registered, by the e-mailed link) and merging two registrations are
not table rows: the first has no officer, the second touches two records.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.cases.workflow import Transition, Workflow
from corridor.registration.choices import Status as S

# status an officer marks -> the table's action
ACTION_FOR_STATUS = {S.DEPARTED: "depart", S.ARRIVED: "arrive", S.RETURNED: "return"}

REGISTRATION = Workflow(
    name="registration",  # audit: registration.departed | arrived | returned
    wrong_status=_("A registration marked “{status}” cannot be marked this way."),
    transitions=(
        Transition(
            "depart",
            {S.REGISTERED},
            S.DEPARTED,
            permission=perms.CHANGE_REGISTRATION,
            label=_("Departed"),
            verb="departed",
        ),
        Transition(
            "arrive",
            {S.REGISTERED, S.DEPARTED},
            S.ARRIVED,
            permission=perms.CHANGE_REGISTRATION,
            label=_("Arrived"),
            verb="arrived",
        ),
        Transition(
            "return",
            {S.REGISTERED, S.DEPARTED, S.ARRIVED},
            S.RETURNED,
            permission=perms.CHANGE_REGISTRATION,
            label=_("Returned"),
            verb="returned",
        ),
    ),
)
