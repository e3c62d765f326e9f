"""The needs taxonomy Corridor starts with (HSDS ``taxonomy_term`` rows, loaded by a migration).

Terms are data: a register may import more. The English names are marked for translation
here so that the catalogues carry them; pages translate a term's ``name`` at display time.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

TAXONOMY = "corridor-needs"

# (code, English name, description) in display order.
NEEDS: list[tuple[str, str, str]] = [
    ("shelter", gettext_noop("Shelter"), gettext_noop("A safe place to sleep, for a night or longer.")),
    (
        "legal-aid",
        gettext_noop("Legal aid"),
        gettext_noop("Advice and representation on stay, work and rights."),
    ),
    ("medical", gettext_noop("Medical care"), gettext_noop("Doctors, clinics and emergency care.")),
    (
        "psychosocial",
        gettext_noop("Psychosocial support"),
        gettext_noop("Someone to talk to; counselling and support groups."),
    ),
    ("hotline", gettext_noop("Hotline"), gettext_noop("A phone line to call for help or advice.")),
    ("consular", gettext_noop("Consular help"), gettext_noop("Your country's embassy or consulate.")),
    ("food", gettext_noop("Food"), gettext_noop("Meals and food parcels.")),
    ("interpretation", gettext_noop("Interpretation"), gettext_noop("Help in your language.")),
    (
        "child-protection",
        gettext_noop("Child protection"),
        gettext_noop("Help for children, including children travelling alone."),
    ),
    (
        "gbv",
        gettext_noop("Gender-based violence"),
        gettext_noop("Confidential help after violence or abuse."),
    ),
    (
        "trafficking",
        gettext_noop("Trafficking support"),
        gettext_noop("Help if you were forced to work or deceived about a job."),
    ),
    ("return", gettext_noop("Return and reintegration"), gettext_noop("Help to go home and start again.")),
    (
        "employment",
        gettext_noop("Work rights"),
        gettext_noop("Unpaid wages, contracts and labour complaints."),
    ),
]
