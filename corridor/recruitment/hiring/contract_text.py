"""The standard employment contract per corridor (origin → destination), as canonical text.

The canonical text is plain UTF-8 with ``\\n`` line ends and no trailing spaces, so the same
contract always gives the same bytes and the same SHA-256. It is generated once, in one
language, and stored (encrypted): later changes of these templates or of the translations
never change the text of a contract already generated.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Remedies that differ by corridor: where the worker complains at destination. Only bodies
# that exist in every such state are named; the origin's consulate is always added.
_REMEDY_DEFAULT = gettext_lazy(
    "At destination the worker may complain to the labour inspectorate of {destination} and to "
    "the consulate of {origin}, and may report the agency or employer on the Corridor portal."
)
_REMEDY_TUR = gettext_lazy(
    "At destination the worker may call the ALO 170 line of the Ministry of Labour and Social "
    "Security of Türkiye, complain to its labour inspectorate and to the consulate of {origin}, "
    "and may report the agency or employer on the Corridor portal."
)
_REMEDY_KOR = gettext_lazy(
    "At destination the worker may call the 1350 line of the Ministry of Employment and Labor of "
    "the Republic of Korea, complain to its regional labour office and to the consulate of {origin}, "
    "and may report the agency or employer on the Corridor portal."
)
_REMEDY_RUS = gettext_lazy(
    "At destination the worker may complain to the State Labour Inspectorate (Rostrud) of the "
    "Russian Federation and to the consulate of {origin}, and may report the agency or employer "
    "on the Corridor portal."
)
CORRIDOR_REMEDIES: dict[tuple[str, str], Any] = {
    **{(origin, "TUR"): _REMEDY_TUR for origin in ("KGZ", "UZB", "TJK", "TKM", "KAZ", "AFG")},
    **{(origin, "KOR"): _REMEDY_KOR for origin in ("KGZ", "UZB", "TJK", "KAZ")},
    **{(origin, "RUS"): _REMEDY_RUS for origin in ("KGZ", "UZB", "TJK")},
}
# The code's languages that contracts may be generated in (all complete catalogues).
CONTRACT_LANGUAGES = ("en", "ru", "tr")


@dataclass(frozen=True)
class ContractTerms:
    reference: str
    worker_name: str
    origin: str
    origin_name: str
    destination: str
    destination_name: str
    agency_name: str
    employer_name: str
    occupation: str
    job_title: str
    city: str
    wage: Decimal
    currency: str
    hours_per_week: int
    contract_months: int
    accommodation: str
    extra_terms: str


def _clauses(terms: ContractTerms) -> list[str]:
    values = {
        "origin": terms.origin_name,
        "destination": terms.destination_name,
        "employer": terms.employer_name,
        "agency": terms.agency_name,
    }
    remedy = CORRIDOR_REMEDIES.get((terms.origin, terms.destination), _REMEDY_DEFAULT)
    return [
        _("1. Parties. Employer: {employer}. Worker: {worker}. Recruited through: {agency}.").format(
            worker=terms.worker_name, **values
        ),
        _("2. Work. {title} (ISCO-08 {occupation}) in {city}, {destination}.").format(
            title=terms.job_title, occupation=terms.occupation, city=terms.city or "-", **values
        ),
        _("3. Wage. {wage} {currency} a month, paid in full to the worker, at least monthly.").format(
            wage=terms.wage, currency=terms.currency
        ),
        _("4. Hours. {hours} hours a week; overtime only by agreement and paid extra.").format(
            hours=terms.hours_per_week
        ),
        _("5. Duration. {months} months from the day of arrival.").format(months=terms.contract_months),
        _("6. Accommodation. {accommodation}.").format(accommodation=terms.accommodation),
        _(
            "7. Recruitment costs. The employer pays all recruitment fees and related costs. The worker "
            "pays nothing to the employer, the agency or anyone else to get or keep this job."
        ),
        _(
            "8. Worker's rights. The worker keeps their passport and other documents, may move freely, "
            "may end the contract with notice, and is treated equally with national workers."
        ),
        "9. " + str(remedy).format(**values),
        _("10. Other terms. {terms}").format(terms=terms.extra_terms or "-"),
    ]


def canonical_text(terms: ContractTerms, *, language: str) -> str:
    """The contract in ``language``: the text whose bytes are hashed."""
    with translation.override(language):
        lines = [
            _("STANDARD EMPLOYMENT CONTRACT"),
            _("Corridor: {origin} → {destination}").format(
                origin=terms.origin_name, destination=terms.destination_name
            ),
            _("Contract reference: {reference}").format(reference=terms.reference),
            "",
            *_clauses(terms),
            "",
            _("Signed at origin by the worker and for the employer."),
        ]
    text = "\n".join(line.rstrip() for line in lines) + "\n"
    return text


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
